/**
 * The topology table (RFC 7868 5.4, `show ip eigrp topology`): per prefix, every neighbor's reported
 * vector and distance, our own origin (connected, redistributed, summary), the feasible distance,
 * the successors, and the active state (reply status, query origins).
 */
import type { ClassicMetric, ExternalData } from '../wire/eigrp/index.js';
import { INFINITY } from './metric.js';

/** A route as one neighbor reported it. */
export interface Path {
  neighbor: string;
  iface: string;
  /** The neighbor's address. */
  from: string;
  /** The route's next hop: the TLV's next-hop field when it is on the interface's subnet, else `from`. */
  nextHop: string;
  reported: ClassicMetric;
  /** Reported distance (the neighbor's own distance). */
  rd: number;
  /** Reported vector plus our link. */
  total: ClassicMetric;
  distance: number;
  external?: ExternalData;
}

/** A route this router originates. */
export interface LocalOrigin {
  kind: 'connected' | 'redistributed' | 'summary';
  /** connected: the interface; redistributed: the exit interface when known. */
  iface?: string;
  /** summary: the interfaces configured with it. */
  summaryOn?: string[];
  metric: ClassicMetric;
  distance: number;
  external?: ExternalData;
}

export interface TopoEntry {
  key: string;
  prefix: string;
  prefixLength: number;
  paths: Map<string, Path>;
  local?: LocalOrigin;
  fd: number;
  state: 'passive' | 'active';
  /** Neighbor keys of the successors ('local' never appears: `local` is then the successor). */
  successors: string[];
  /** What we advertise (the best vector), undefined when unreachable. */
  metric?: ClassicMetric;
  external?: ExternalData;
  /** While active: the neighbors that still owe a Reply, and those whose Query we answer when passive. */
  replyStatus: Set<string>;
  queryOrigins: Set<string>;
  activeSince: number;
  /** The vector sent in our Queries while active. */
  queryMetric?: ClassicMetric;
}

export class Topology {
  readonly entries = new Map<string, TopoEntry>();

  get(key: string): TopoEntry | undefined {
    return this.entries.get(key);
  }

  /** The entry for a prefix, created passive and unreachable when new. */
  obtain(key: string, prefix: string, prefixLength: number): TopoEntry {
    let e = this.entries.get(key);
    if (!e) {
      e = {
        key,
        prefix,
        prefixLength,
        paths: new Map(),
        fd: INFINITY,
        state: 'passive',
        successors: [],
        replyStatus: new Set(),
        queryOrigins: new Set(),
        activeSince: 0,
      };
      this.entries.set(key, e);
    }
    return e;
  }

  /** Forgets an entry nobody reports and we do not originate. */
  collect(key: string): void {
    const e = this.entries.get(key);
    if (e && e.paths.size === 0 && !e.local && e.state === 'passive' && e.metric === undefined)
      this.entries.delete(key);
  }
}
