/**
 * The state every part of one engine shares: configuration, clock reading, the action list being
 * built, counters, timers and the cache. One Ctx per engine; parts receive it at construction.
 */
import { encodeNhrp, type NhrpPacket } from '../wire/nhrp/index.js';
import type { Action } from './actions.js';
import type { NhrpCache } from './cache.js';
import type { NhrpEngineConfig } from './config.js';
import { Counters, packetTypeLabel } from './counters.js';
import { ipFamily, type IpFamily } from '../wire/ip-family.js';
import type { RouteLookup } from './routes.js';
import { Timers } from './timers.js';

export class Ctx {
  cfg: NhrpEngineConfig;
  readonly routes: RouteLookup;
  readonly random: () => number;
  readonly debug: boolean;
  readonly counters = new Counters();
  readonly timers = new Timers();
  /** Set by the engine right after construction (the cache needs the Ctx too). */
  cache!: NhrpCache;
  /** The time of the input being processed, ms. */
  now = 0;
  /** Actions produced by the input being processed. */
  out: Action[] = [];
  private nextId = 1;
  /** The address family of `cfg.family`: prefix arithmetic for every part of the engine. */
  get af(): IpFamily {
    return ipFamily(this.cfg.family);
  }

  constructor(cfg: NhrpEngineConfig, routes: RouteLookup, random: () => number, debug: boolean) {
    this.cfg = cfg;
    this.routes = routes;
    this.random = random;
    this.debug = debug;
  }

  /** Encodes `p` (length, extoff and checksum computed) and queues it for `nbma`. */
  send(nbma: string, p: NhrpPacket): void {
    this.out.push({ kind: 'send', nbma, bytes: encodeNhrp(p) });
    this.counters.countSent(p.type);
    if (this.debug)
      this.event(`Send ${packetTypeLabel(p.type)} via ${nbma}, id ${p.requestId >>> 0}, dst ${p.dstProto}`);
  }

  /** A line of `debug nhrp` text (only built when the engine was created with debug on). */
  event(text: string | (() => string)): void {
    if (this.debug)
      this.out.push({ kind: 'event', text: `NHRP: ${this.cfg.name}: ${typeof text === 'string' ? text : text()}` });
  }

  /** A fresh request ID (RFC 2332 5.2.0.1: unique per source for matching replies). */
  requestId(): number {
    const id = this.nextId;
    this.nextId = this.nextId >= 0xffffffff ? 1 : this.nextId + 1;
    return id;
  }

  /**
   * Whether `addr` is in this interface's tunnel subnet (and is not this router); with IPv6 and a
   * link-local address configured, any other link-local address is on the tunnel too.
   */
  onTunnel(addr: string): boolean {
    if (addr === this.cfg.protocolAddress || addr === this.cfg.linkLocal) return false;
    if (this.isLinkLocal(addr)) return true;
    return this.af.inPrefix(addr, this.cfg.protocolAddress, this.cfg.prefixLength);
  }

  /** Whether `addr` is an IPv6 link-local address on an engine that serves them (FE80::/10). */
  isLinkLocal(addr: string): boolean {
    return this.cfg.linkLocal !== undefined && this.af.inPrefix(addr, 'fe80::', 10);
  }
}
