/**
 * The topology table (RFC 7868 5.4, `show ip eigrp topology`): per prefix, every neighbor's reported
 * vector and distance, our own origin (connected, redistributed, summary), the feasible distance,
 * the successors, and the active state (reply status, query origins).
 */
import type { ClassicMetric, ExternalData } from '../wire/eigrp/index.js';
import { INFINITY } from './metric.js';

/** A route as one neighbor reported it (a neighbor with add-paths reports several, one per next hop). */
export interface Path {
  /** The path's key in its entry: the neighbor's key, plus `>next hop` for each further add-path path. */
  key: string;
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
  /** The originator's router ID, when the route came in a wide-metric TLV. */
  origin?: string;
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
  /** Path key → path. */
  paths: Map<string, Path>;
  local?: LocalOrigin;
  fd: number;
  state: 'passive' | 'active';
  /** Path keys of the successors ('local' never appears: `local` is then the successor). */
  successors: string[];
  /** What we advertise (the best vector), undefined when unreachable. */
  metric?: ClassicMetric;
  external?: ExternalData;
  /** The successor's originator router ID (wide-metric TLVs); absent: this router's ID. */
  origin?: string;
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

  /** Drops every path `neighbor` reported for `e`; true when there was one. */
  static dropNeighbor(e: TopoEntry, neighbor: string): boolean {
    let had = false;
    for (const [k, p] of e.paths)
      if (p.neighbor === neighbor) {
        e.paths.delete(k);
        had = true;
      }
    return had;
  }

  /** Whether one of `e`'s successors is reached through `neighbor` (its path may be gone already). */
  static succeedsVia(e: TopoEntry, neighbor: string): boolean {
    return e.successors.some((k) => k === neighbor || k.startsWith(`${neighbor}>`));
  }

  /** Forgets an entry nobody reports and we do not originate. */
  collect(key: string): void {
    const e = this.entries.get(key);
    if (e && e.paths.size === 0 && !e.local && e.state === 'passive' && e.metric === undefined)
      this.entries.delete(key);
  }
}
