/**
 * The tunnel as an NBMA link (docs/architecture.md, "Data plane"): the layer behind a TAP device. Frames the
 * kernel sends to a synthetic MAC go GRE-encapsulated to that next hop's NBMA address; GRE from the
 * NBMA side goes back into the TAP, or to the NHRP engine for protocol 0x2001. Headers are rewritten
 * in place in the ports' buffers; the only per-packet allocations are the views the ports hand over.
 */
import { GreProto } from '../../wire/gre.js';
import { ipv6Bytes } from '../../wire/ipv6-addr.js';
import { maskBits, networkBits, parseIpv4, readIpv4 } from '../../wire/ipv4-addr.js';
import { answerArp, type ArpScope } from './arp-responder.js';
import { zeroDrops, zeroTotals, type DataplaneDropReason, type TunnelStats } from './counters.js';
import { DataplaneError } from './errors.js';
import { GRE_REJECT, greHeaderLengthFor, parseGreHeader, writeGreHeader } from './gre-header.js';
import { HairpinTable } from './hairpin.js';
import { ipv6PacketLength, mayAnswerTooBig, packetTooBig } from './icmp6-too-big.js';
import { Ipv6Link, type Nhrp6Hooks } from './ipv6-link.js';
import { MacKind, macKind } from './mac.js';
import type { NbmaCodec } from './nbma-book.js';
import { PeerTable, type Peer } from './peers.js';
import { isRoutedMulticast, PimNbmaTable, sendOnCopy } from './pim-nbma.js';
import type { NbmaSocket, NhrpHooks, TapPort, TunnelPortConfig } from './ports.js';
import { RateLimiter } from './rate-limit.js';
import { isDeepStrictEqual } from 'node:util';
import type { ShaperPolicy } from './qos-policy.js';
import { Shaper, type QosPeerStats } from './shaper.js';

/** GRE protocol types are EtherTypes (RFC 2784 section 2.4), so one table serves both headers. */
const ETH_IPV4 = GreProto.Ipv4;
const ETH_IPV6 = GreProto.Ipv6;
const ETH_ARP = 0x0806;
const GRE_NHRP = GreProto.Nhrp;

/** Everything a tunnel's data plane is built from. */
export interface DataplaneOptions {
  config: TunnelPortConfig;
  tap: TapPort;
  socket: NbmaSocket;
  hooks: NhrpHooks;
  /** The IPv6 NHRP engine's side (a tunnel with `ipv6 address`; see ./ipv6-link.ts). */
  hooks6?: Nhrp6Hooks;
  /** NBMA numbers ↔ text: IPv4 addresses (default), or the handles of an IPv6 NBMA's book. */
  nbma?: NbmaCodec;
  /** Milliseconds; the `now` handed to the hooks. Defaults to Date.now. */
  clock?: () => number;
  /** Least time between two nextHopUnknown or used events for one address (ms, default 1000). */
  eventIntervalMs?: number;
  /** Least time between two hairpin events for one (sender, destination) pair (ms, default 1000). */
  hairpinIntervalMs?: number;
  /** Slots of the hairpin table (default 1024) and how long a packet is remembered (ms, default 2000). */
  hairpinSlots?: number;
  hairpinMaxAgeMs?: number;
  /** Most peers with their own counters (default 4096). */
  maxPeers?: number;
  /** Timers of the QoS shapers (default setTimeout / clearTimeout). */
  timers?: QosTimers;
  /** Called when processing one packet threw (a hook's bug): the packet is dropped, the tunnel goes on. Default: print the first one. */
  onError?: (err: unknown) => void;
}

/** The timer seam of the shapers. */
export interface QosTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The shaper of one NBMA peer (a per-group policy) or of the whole tunnel (`service-policy output`). */
interface QosState {
  shaper: Shaper;
  /** NBMA address text, undefined for the tunnel's own policy. */
  nbma?: string;
  group?: string;
  timer: unknown;
  wake: number;
}

const DEFAULT_TIMERS: QosTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** One tunnel interface's data plane. Call start() to attach it to its ports. */
export class TunnelDataplane {
  readonly name: string;
  private readonly totals = zeroTotals();
  private readonly drops = zeroDrops();
  private readonly tap: TapPort;
  private readonly socket: NbmaSocket;
  private readonly hooks: NhrpHooks;
  private readonly clock: () => number;
  private readonly peers: PeerTable;
  private readonly key: number | undefined;
  private readonly greLen: number;
  private readonly scope: ArpScope;
  private readonly p2p: Peer | undefined;
  private readonly hairpins: HairpinTable | undefined;
  private readonly unknownLimit: RateLimiter<number>;
  private readonly usedLimit: RateLimiter<number>;
  private readonly hairpinLimit: RateLimiter<string>;
  private readonly pimNbma: PimNbmaTable | undefined;
  private readonly v6: Ipv6Link | undefined;
  private readonly hooks6: Nhrp6Hooks | undefined;
  /** `ipv6 mtu`'s Packet Too Big: its source (a global tunnel address, else the link-local) and rate (IOS: 100 ms). */
  private readonly tooBigSource: Uint8Array | undefined;
  private readonly tooBigLimit = new RateLimiter<number>(100);
  /** `ipv6 mtu` (a point-to-point tunnel checks it here; a multipoint one in egress6). */
  private readonly mtu6: number | undefined;
  private scratch = new Uint8Array(0);
  private started = false;
  private readonly onError: (err: unknown) => void;
  private readonly timers: QosTimers;
  private readonly qos = new Map<number, QosState>();
  private tunnelQos: QosState | undefined;

  constructor(opts: DataplaneOptions) {
    const c = opts.config;
    const self = parseIpv4(c.address);
    if (self === undefined)
      throw new DataplaneError('BAD_CONFIG', `${c.name}: tunnel address: expected a dotted quad, found '${c.address}'`);
    if (!Number.isInteger(c.prefixLength) || c.prefixLength < 0 || c.prefixLength > 32) {
      throw new DataplaneError('BAD_CONFIG', `${c.name}: prefix length: expected 0-32, found ${c.prefixLength}`);
    }
    if (c.key !== undefined && !(Number.isInteger(c.key) && c.key >= 0 && c.key <= 0xffffffff)) {
      throw new DataplaneError('BAD_CONFIG', `${c.name}: tunnel key: expected 0-4294967295, found ${c.key}`);
    }
    this.name = c.name;
    this.tap = opts.tap;
    this.socket = opts.socket;
    this.hooks = opts.hooks;
    this.clock = opts.clock ?? Date.now;
    this.peers = new PeerTable(opts.maxPeers, opts.nbma);
    this.key = c.key;
    this.greLen = greHeaderLengthFor(c.key);
    const mask = maskBits(c.prefixLength);
    this.scope = { self, mask, network: networkBits(self, c.prefixLength), pointToPoint: c.destination !== undefined };
    if (c.destination !== undefined) {
      const dst = this.peers.getText(c.destination);
      if (dst === undefined)
        throw new DataplaneError(
          'BAD_CONFIG',
          `${c.name}: tunnel destination: expected an ${this.peers.nbma.family} address, found '${c.destination}'`,
        );
      this.p2p = dst;
    }
    this.pimNbma = c.pimNbmaMode ? new PimNbmaTable(self) : undefined;
    this.hooks6 = opts.hooks6;
    this.v6 = c.ipv6 && c.destination === undefined ? new Ipv6Link(c.ipv6, () => this.hooks6) : undefined;
    this.tooBigSource = c.ipv6 && ipv6Bytes(c.ipv6.addresses[0]?.address ?? c.ipv6.linkLocal);
    this.mtu6 = c.ipv6?.mtu;
    this.hairpins = c.redirect ? new HairpinTable(opts.hairpinSlots, opts.hairpinMaxAgeMs) : undefined;
    this.unknownLimit = new RateLimiter(opts.eventIntervalMs ?? 1000);
    this.usedLimit = new RateLimiter(opts.eventIntervalMs ?? 1000);
    this.hairpinLimit = new RateLimiter(opts.hairpinIntervalMs ?? 1000);
    this.timers = opts.timers ?? DEFAULT_TIMERS;
    let reported = false;
    this.onError =
      opts.onError ??
      ((err) => {
        if (reported) return;
        reported = true;
        process.stderr.write(
          `${this.name}: data plane handler failed (counted as handlerError; further ones not printed): ${String(err)}\n`,
        );
      });
  }

  /** Attaches to the TAP and the NBMA socket; frames and packets flow from now on. */
  start(): void {
    if (this.started) throw new DataplaneError('ALREADY_STARTED', `${this.name}: data plane already started`);
    this.started = true;
    this.tap.onFrame((frame) => {
      try {
        this.fromTap(frame);
      } catch (err) {
        this.drop('handlerError');
        this.onError(err);
      }
    });
    this.socket.onPacket((src, bytes) => {
      try {
        this.fromNbma(src, bytes);
      } catch (err) {
        this.drop('handlerError');
        this.onError(err);
      }
    });
  }

  /** Sends NHRP bytes (an engine `send` action) in GRE protocol 0x2001 to an NBMA address; false when dropped. */
  sendNhrp(nbma: string, bytes: Uint8Array): boolean {
    const peer = this.peers.getText(nbma);
    if (peer === undefined) {
      this.drop('badNbma');
      return false;
    }
    const buf = new Uint8Array(this.greLen + bytes.length);
    writeGreHeader(buf, 0, GRE_NHRP, this.key);
    buf.set(bytes, this.greLen);
    if (this.socket.send(peer.nbma, buf) < 0) {
      this.drop('sendError');
      return false;
    }
    this.totals.greOut++;
    this.totals.nhrpOut++;
    peer.counters.nhrpOut++;
    peer.counters.lastOut = this.clock();
    return true;
  }

  /** The counters as JSON: totals, drops by reason, per NBMA peer, and the QoS shapers. */
  stats(): TunnelStats {
    const pim = this.pimNbma?.view(this.clock());
    const qos = this.qosStats();
    return {
      name: this.name,
      ...this.totals,
      drops: { ...this.drops },
      peers: this.peers.list(),
      ...(pim ? { pimNbma: pim } : {}),
      ...(qos.length > 0 ? { qos } : {}),
    };
  }

  /**
   * Shapes traffic to one NBMA peer by `policy` (a hub's `nhrp map group G service-policy output P` for a
   * spoke registered with group G); undefined removes it. Packets waiting in a replaced shaper are dropped.
   */
  setPeerPolicy(nbma: string, policy: ShaperPolicy | undefined, group?: string): void {
    const n = this.peers.nbma.number(nbma);
    if (n === undefined) return;
    const old = this.qos.get(n);
    if (old && policy && isDeepStrictEqual(old.shaper.policy, policy) && old.group === group) return;
    if (old) this.stopQos(old);
    this.qos.delete(n);
    if (policy) this.qos.set(n, this.newQos(policy, nbma, group));
  }

  /** Shapes everything the tunnel sends to peers without a policy of their own (`service-policy output P`). */
  setTunnelPolicy(policy: ShaperPolicy | undefined): void {
    const old = this.tunnelQos;
    if (old && policy && isDeepStrictEqual(old.shaper.policy, policy)) return;
    if (old) this.stopQos(old);
    this.tunnelQos = policy ? this.newQos(policy) : undefined;
  }

  /** Every shaper's counters: per peer (NBMA order), then the tunnel's own. */
  qosStats(): QosPeerStats[] {
    const out: QosPeerStats[] = [];
    for (const [n, q] of [...this.qos.entries()].sort((a, b) => a[0] - b[0])) {
      const t = this.peers.get(n).tunnelAddr;
      out.push({
        nbma: q.nbma!,
        ...(t !== undefined ? { tunnelAddr: this.peers.addrText(t) } : {}),
        ...(q.group !== undefined ? { group: q.group } : {}),
        shaper: q.shaper.stats(),
      });
    }
    if (this.tunnelQos) out.push({ shaper: this.tunnelQos.shaper.stats() });
    return out;
  }

  /** Stops every shaper's timer (packets still queued are dropped). */
  stop(): void {
    for (const q of this.qos.values()) this.stopQos(q);
    if (this.tunnelQos) this.stopQos(this.tunnelQos);
  }

  private newQos(policy: ShaperPolicy, nbma?: string, group?: string): QosState {
    return {
      shaper: new Shaper(policy, this.greLen, this.clock()),
      ...(nbma !== undefined ? { nbma } : {}),
      ...(group !== undefined ? { group } : {}),
      timer: undefined,
      wake: 0,
    };
  }

  private stopQos(q: QosState): void {
    if (q.timer !== undefined) this.timers.clear(q.timer);
    q.timer = undefined;
  }

  /** Sends what the shaper lets go now, then arms its timer for the next packet. */
  private pump(q: QosState, now: number): void {
    for (let p = q.shaper.pull(now); p !== undefined; p = q.shaper.pull(now))
      this.send(this.peers.get(p.nbma), p.bytes, now);
    const at = q.shaper.wakeAt(now);
    if (at === undefined) return;
    if (q.timer !== undefined && q.wake <= at) return;
    if (q.timer !== undefined) this.timers.clear(q.timer);
    q.wake = at;
    q.timer = this.timers.set(
      () => {
        q.timer = undefined;
        try {
          this.pump(q, this.clock());
        } catch (err) {
          this.drop('handlerError');
          this.onError(err);
        }
      },
      Math.max(1, Math.ceil(at - now)),
    );
  }

  private drop(reason: DataplaneDropReason): void {
    this.drops[reason]++;
  }

  /** Egress: one frame the kernel sent out of the TAP. */
  private fromTap(frame: Uint8Array): void {
    if (frame.length < 14) return this.drop('runt');
    const type = (frame[12] << 8) | frame[13];
    if (type === ETH_ARP) return this.arp(frame);
    if (type === ETH_IPV4) {
      if (frame.length < 34) return this.drop('runt');
    } else if (type === ETH_IPV6) {
      if (frame.length < 54) return this.drop('runt');
    } else {
      return this.drop('unsupportedEthertype');
    }
    const now = this.clock();
    if (this.p2p !== undefined) {
      const mtu = this.mtu6;
      if (type === ETH_IPV6 && mtu !== undefined && ipv6PacketLength(frame) > mtu) return this.tooBig6(frame, mtu, now);
      this.transmit(this.p2p, frame, type, now);
      return;
    }
    if (type === ETH_IPV6 && this.v6 !== undefined) return this.egress6(this.v6, frame, now);
    if (frame[0] & 1) return this.multicast(frame, type, now);
    const kind = macKind(frame, 0);
    if (kind === MacKind.Tunnel) return this.toNextHop(readIpv4(frame, 2), frame, type, now);
    if (kind === MacKind.Nbma) this.transmit(this.peers.get(readIpv4(frame, 2)), frame, type, now);
    else this.drop('unknownMac');
  }

  private arp(frame: Uint8Array): void {
    const out = answerArp(frame, this.scope);
    if ('drop' in out) return this.drop(out.drop);
    if (this.tap.write(out.reply) < 0) return this.drop('tapWriteError');
    this.totals.arpReplies++;
  }

  /** An IPv6 packet longer than `ipv6 mtu`: dropped, and its sender told the MTU (RFC 4443 3.2). */
  private tooBig6(frame: Uint8Array, mtu: number, now: number): void {
    this.drop('ipv6TooBig');
    if (!this.tooBigSource || !mayAnswerTooBig(frame) || !this.tooBigLimit.allow(0, now)) return;
    if (this.tap.write(packetTooBig(frame, mtu, this.tooBigSource)) < 0) this.drop('tapWriteError');
  }

  private toNextHop(addr: number, frame: Uint8Array, type: number, now: number): void {
    const addrText = this.peers.addrText(addr);
    const nbma = this.hooks.nbmaFor(addrText);
    let peer: Peer | undefined;
    if (nbma !== undefined) {
      peer = this.peers.getText(nbma);
      if (peer === undefined) return this.drop('badNbma');
      this.peers.learn(peer, addr);
      if (this.hooks.used && this.usedLimit.allow(addr, now)) this.hooks.used(now, addrText);
    } else {
      if (this.hooks.nextHopUnknown && this.unknownLimit.allow(addr, now)) this.hooks.nextHopUnknown(now, addrText);
      const nhs = this.hooks.nhsNbma();
      peer = nhs === undefined ? undefined : this.peers.getText(nhs);
      if (peer === undefined) return this.drop('noNextHop');
      this.totals.viaNhs++;
    }
    if (this.hairpins !== undefined && type === ETH_IPV4) this.checkHairpin(frame, now);
    this.transmit(peer, frame, type, now);
  }

  /** An IPv6 frame from the kernel: ND answered here, the rest sent as the IPv6 link decides. */
  private egress6(v6: Ipv6Link, frame: Uint8Array, now: number): void {
    const mtu = v6.config.mtu;
    if (mtu !== undefined && ipv6PacketLength(frame) > mtu) return this.tooBig6(frame, mtu, now);
    const out = v6.egress(frame, now);
    if (out.kind === 'drop') return this.drop(out.reason);
    if (out.kind === 'reply') {
      if (this.tap.write(out.frame) < 0) return this.drop('tapWriteError');
      return;
    }
    if (out.kind === 'multicast') {
      const own = this.hooks6?.multicastTargets() ?? [];
      return this.multicast(frame, ETH_IPV6, now, own.length > 0 ? own : undefined);
    }
    const peer = this.peers.getText(out.nbma);
    if (peer === undefined) return this.drop('badNbma');
    if (out.viaNhs) this.totals.viaNhs++;
    if (this.hairpins !== undefined) {
      const from = v6.hairpin(frame, now);
      if (from !== undefined && this.hooks6?.hairpin && this.hairpinLimit.allow(`${from}>${out.addr}`, now)) {
        this.totals.hairpins++;
        this.hooks6.hairpin(now, { fromNbma: from, ipPacketHead: frame.slice(14, Math.min(frame.length, 62)) });
      }
    }
    this.transmit(peer, frame, ETH_IPV6, now);
  }

  private multicast(frame: Uint8Array, type: number, now: number, list?: readonly string[]): void {
    const targets = list ?? this.hooks.multicastTargets();
    if (targets.length === 0) return this.drop('noMulticastTargets');
    const nbma =
      this.pimNbma !== undefined && type === ETH_IPV4 && isRoutedMulticast(frame, 14) ? this.pimNbma : undefined;
    for (const t of targets) {
      const peer = this.peers.getText(t);
      if (peer === undefined) {
        this.drop('badNbma');
        continue;
      }
      if (nbma !== undefined && !nbma.wants(peer.nbma, readIpv4(frame, 26), readIpv4(frame, 30), now)) {
        nbma.countNotJoined();
        continue;
      }
      if (this.transmit(peer, frame, type, now)) this.totals.multicastOut++;
    }
  }

  /**
   * GRE header written over the end of the Ethernet header, then sent, or queued (a copy) in the peer's
   * shaper; true when sent or queued.
   */
  private transmit(peer: Peer, frame: Uint8Array, type: number, now: number): boolean {
    const start = 14 - this.greLen;
    writeGreHeader(frame, start, type, this.key);
    const q = this.qos.get(peer.nbma) ?? this.tunnelQos;
    if (q !== undefined) {
      if (!q.shaper.offer(now, { nbma: peer.nbma, bytes: frame.slice(start) })) return false;
      this.pump(q, now);
      return true;
    }
    return this.send(peer, frame.subarray(start), now);
  }

  /** Sends one GRE packet and counts it; true when sent. */
  private send(peer: Peer, gre: Uint8Array, now: number): boolean {
    if (this.socket.send(peer.nbma, gre) < 0) {
      this.drop('sendError');
      return false;
    }
    const bytes = gre.length - this.greLen;
    const c = peer.counters;
    c.packetsOut++;
    c.bytesOut += bytes;
    c.lastOut = now;
    this.totals.packetsOut++;
    this.totals.bytesOut += bytes;
    this.totals.greOut++;
    return true;
  }

  private checkHairpin(frame: Uint8Array, now: number): void {
    const from = this.hairpins!.match(frame, 14, now);
    if (from < 0) return;
    this.totals.hairpins++;
    const dst = readIpv4(frame, 30);
    if (!this.hooks.hairpin || !this.hairpinLimit.allow(`${from}>${dst}`, now)) return;
    const ihl = (frame[14] & 0x0f) << 2;
    const head = frame.slice(14, Math.min(frame.length, 14 + ihl + 8));
    this.hooks.hairpin(now, { fromNbma: this.peers.nbmaText(from), ipPacketHead: head });
  }

  /** Ingress: one GRE packet (IP header already stripped) from an NBMA address (number, see nbma-book.ts). */
  private fromNbma(src: number, pkt: Uint8Array): void {
    this.totals.greIn++;
    const off = parseGreHeader(pkt, this.key);
    if (off < 0) return this.drop(GRE_REJECT[-off]);
    const proto = (pkt[2] << 8) | pkt[3];
    const now = this.clock();
    if (proto === GRE_NHRP) {
      const peer = this.peers.get(src);
      peer.counters.nhrpIn++;
      peer.counters.lastIn = now;
      this.totals.nhrpIn++;
      this.hooks.nhrpPacket(this.peers.nbmaText(src), pkt.slice(off));
      return;
    }
    if (proto !== ETH_IPV4 && proto !== ETH_IPV6) return this.drop('greUnknownProtocol');
    const len = pkt.length - off;
    const version = len > 0 ? pkt[off] >> 4 : 0;
    if (proto === ETH_IPV4 ? len < 20 || version !== 4 : len < 40 || version !== 6) return this.drop('innerMalformed');
    const peer = this.peers.get(src);
    this.reverseLookup(peer, now);
    let frame: Uint8Array;
    if (off + this.socket.headroom >= 14) {
      frame = new Uint8Array(pkt.buffer, pkt.byteOffset + off - 14, len + 14);
    } else {
      if (this.scratch.length < len + 14) this.scratch = new Uint8Array(Math.max(len + 14, 2048));
      frame = this.scratch.subarray(0, len + 14);
      frame.set(pkt.subarray(off), 14);
    }
    frame.set(this.tap.mac, 0);
    frame.set(peer.mac, 6);
    frame[12] = proto >>> 8;
    frame[13] = proto & 0xff;
    if (this.hairpins !== undefined && proto === ETH_IPV4) this.hairpins.record(frame, 14, src, now);
    if (proto === ETH_IPV6 && this.v6 !== undefined) {
      this.v6.ingress(frame, peer.counters.nbma, peer.mac);
      if (this.hairpins !== undefined) this.v6.record(frame, peer.counters.nbma, now);
    }
    if (this.tap.write(frame) < 0) return this.drop('tapWriteError');
    const c = peer.counters;
    c.packetsIn++;
    c.bytesIn += len;
    c.lastIn = now;
    this.totals.packetsIn++;
    this.totals.bytesIn += len;
    if (this.pimNbma !== undefined && proto === ETH_IPV4) this.nbmaIngress(src, frame, now);
  }

  /** nbma-mode: learn a spoke's PIM joins; send its multicast data on to the other spokes that joined. */
  private nbmaIngress(src: number, frame: Uint8Array, now: number): void {
    const table = this.pimNbma!;
    if (table.learn(src, frame, 14, now) || !isRoutedMulticast(frame, 14)) return;
    const to = table.peersFor(readIpv4(frame, 26), readIpv4(frame, 30), src, now);
    if (to.length === 0 || !sendOnCopy(frame, 14)) return;
    let sent = 0;
    for (const nbma of to) if (this.transmit(this.peers.get(nbma), frame, ETH_IPV4, now)) sent++;
    this.totals.multicastOut += sent;
    table.countReplicated(sent);
  }

  /** Asks the hooks (at most once a second per peer) for the tunnel address behind an NBMA address. */
  private reverseLookup(peer: Peer, now: number): void {
    if (peer.tunnelAddr !== undefined || this.hooks.tunnelAddrFor === undefined || now - peer.lookedUpAt < 1000) return;
    peer.lookedUpAt = now;
    const t = this.hooks.tunnelAddrFor(peer.counters.nbma);
    const addr = t === undefined ? undefined : parseIpv4(t);
    if (addr !== undefined) this.peers.learn(peer, addr);
  }
}
