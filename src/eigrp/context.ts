/**
 * The state every part of one EIGRP engine shares: configuration, clock reading, the action list
 * being built, counters, timers, neighbors, the global sequence number and the packet writer (encode,
 * sign, count, debug). One Ctx per engine; parts receive it at construction.
 */
import {
  authTlv,
  encodeEigrp,
  makeEigrp,
  signEigrp,
  type ClassicMetric,
  type EigrpPacket,
  type EigrpTlv,
  type ExternalData,
} from '../wire/eigrp/index.js';
import type { Action } from './actions.js';
import type { EigrpConfig, EigrpInterface } from './config.js';
import { Counters, packetKind } from './counters.js';
import { describePacket } from './debug.js';
import { eigrpFamily, wideRouteTlv, type EigrpFamily } from './family.js';
import type { Neighbor } from './neighbor.js';
import { Timers } from './timers.js';

export class Ctx {
  cfg: EigrpConfig;
  readonly debug: boolean;
  readonly counters = new Counters();
  readonly timers = new Timers();
  /** Neighbors by key (`${interface} ${address}`). */
  readonly neighbors = new Map<string, Neighbor>();
  /** Prefix keys whose DUAL state changed during this input (advertisements and routes follow). */
  readonly dirty = new Set<string>();
  now = 0;
  out: Action[] = [];
  private seq = 0;

  constructor(cfg: EigrpConfig, debug: boolean) {
    this.cfg = cfg;
    this.debug = debug;
  }

  /** The next sequence number of a reliable packet (never 0, which means "unreliable"). */
  nextSequence(): number {
    this.seq = this.seq >= 0xffffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  /** The address family (multicast group, self next hop, route TLVs). */
  get family(): EigrpFamily {
    return eigrpFamily(this.cfg.family);
  }

  /**
   * One route TLV for one destination: the family's classic TLV, or in named mode its wide-metric one
   * naming `origin` (the originator a wide TLV named; absent: this router) as IOS passes it on.
   */
  routeTlv(
    prefix: string,
    prefixLength: number,
    m: ClassicMetric,
    nextHop: string,
    ext?: ExternalData,
    origin?: string,
  ): EigrpTlv {
    const f = this.family;
    if (!this.cfg.wideMetrics) return f.routeTlv(prefix, prefixLength, m, nextHop, ext);
    return wideRouteTlv(f, origin ?? this.cfg.routerId, prefix, prefixLength, m, nextHop, ext);
  }

  iface(name: string): EigrpInterface | undefined {
    return this.cfg.interfaces.find((i) => i.name === name);
  }

  /**
   * Encodes a packet for `iface`, adding and signing the Authentication TLV it needs — except on a
   * bare Ack in HMAC-SHA-256 mode, which IOS sends unsigned.
   */
  encode(iface: EigrpInterface, fields: Partial<EigrpPacket>): Uint8Array {
    const a = iface.authentication;
    const p = makeEigrp({ as: this.cfg.as, ...fields });
    const bareAck = p.opcode === 5 && p.ack !== 0 && p.tlvs.length === 0;
    if (!a || (bareAck && a.mode === 'sha256')) return encodeEigrp(p);
    const keyId = a.mode === 'md5' ? (a.keyId ?? 1) : 0;
    const bytes = encodeEigrp({ ...p, tlvs: [authTlv(a.mode, keyId), ...p.tlvs] });
    return a.mode === 'md5'
      ? signEigrp(bytes, { mode: 'md5', key: a.key })
      : signEigrp(bytes, { mode: 'sha256', password: a.password, source: iface.address });
  }

  /** Queues encoded bytes out `iface` to `destination`, counts them and writes the debug line. */
  transmit(iface: EigrpInterface, destination: string, p: { opcode: number; ack: number }, bytes: Uint8Array): void {
    this.out.push({ kind: 'send', interface: iface.name, source: iface.address, destination, bytes });
    const k = packetKind(p.opcode, p.ack);
    if (k) this.counters.sent[k]++;
    if (this.debug) this.event(describePacket('Sending', iface.name, destination, bytes));
  }

  /** An IOS syslog line. */
  log(text: string): void {
    this.out.push({ kind: 'log', text });
  }

  /** `%DUAL-5-NBRCHANGE` for a neighbor going up or down. */
  nbrChange(address: string, iface: string, change: string): void {
    this.log(`%DUAL-5-NBRCHANGE: ${this.family.tag} ${this.cfg.as}: Neighbor ${address} (${iface}) is ${change}`);
  }

  /** A line of debug text (built only when the engine was created with debug on). */
  event(text: string | (() => string)): void {
    if (this.debug) this.out.push({ kind: 'event', text: typeof text === 'string' ? text : text() });
  }
}
