/**
 * The Reliable Transport Protocol (RFC 7868 5.3): sequence numbers, acknowledgements, one packet in
 * flight per neighbor, retransmission after RTO (backing off x1.5, at most 16 retries, then the
 * neighbor is reset "retry limit exceeded"), and multicast with a unicast fallback.
 *
 * Sending to several peers of an interface: when every one of them has nothing outstanding the packet
 * goes out once to 224.0.0.10 and waits for each peer's ack (retransmissions are unicast); when any
 * peer lags (still has unacknowledged packets) each peer gets its own unicast copy, queued behind its
 * backlog. That keeps every peer's packets in order without conditional receive on our side; on the
 * receiving side the Sequence TLV / CR flag of IOS senders is honoured.
 */
import { EigrpFlags, EigrpOpcode, type EigrpPacket, type EigrpTlv } from '../wire/eigrp/index.js';
import type { EigrpInterface } from './config.js';
import type { Ctx } from './context.js';
import { rtoOf, type Neighbor, type Reliable } from './neighbor.js';

/** Route TLVs per packet (one destination each, about 30 bytes: well inside a 1500-byte MTU). */
export const ROUTES_PER_PACKET = 40;

/** IOS: a packet is resent at most 16 times before the neighbor is declared dead. */
export const RETRY_LIMIT = 16;

export class Rtp {
  constructor(
    private readonly ctx: Ctx,
    /** Resets a neighbor (the engine's neighbor table does it). */
    private readonly reset: (n: Neighbor, reason: string) => void,
    /** Called when a neighbor's INIT Update is acknowledged. */
    private readonly initAcked: (n: Neighbor) => void,
  ) {}

  /**
   * Sends a reliable packet to `peers` (all on `iface`): one multicast when they are every up peer of
   * the interface and none lags, else one unicast copy each.
   */
  send(iface: EigrpInterface, peers: Neighbor[], opcode: number, tlvs: EigrpTlv[], flags = 0): void {
    if (peers.length === 0) return;
    const ctx = this.ctx;
    const all = [...ctx.neighbors.values()].filter((n) => n.iface === iface.name && n.up);
    const multicast = peers.length === all.length && peers.every((n) => n.up && n.queue.length === 0);
    if (multicast) {
      const sequence = ctx.nextSequence();
      const bytes = ctx.encode(iface, { opcode, flags, sequence, tlvs });
      const r: Reliable = { sequence, opcode, flags, tlvs, bytes };
      ctx.transmit(iface, ctx.family.multicast, { opcode, ack: 0 }, bytes);
      for (const n of peers) {
        n.queue.push(r);
        this.armed(n);
      }
      return;
    }
    for (const n of peers) this.unicast(iface, n, opcode, tlvs, flags);
  }

  /** Queues a reliable packet for one neighbor (sent at once when nothing else is outstanding). */
  unicast(iface: EigrpInterface, n: Neighbor, opcode: number, tlvs: EigrpTlv[], flags = 0): void {
    const last = n.queue[n.queue.length - 1];
    if (n.queue.length > 1 && flags === 0 && last.flags === 0 && last.opcode === opcode && tlvs.length > 0) {
      const merged = mergeRoutes(last.tlvs, tlvs);
      if (merged.length <= ROUTES_PER_PACKET) {
        // Not yet sent: the newer news joins it (IOS packetizes a peer's queue when it is ready).
        last.tlvs = merged;
        last.bytes = undefined;
        return;
      }
    }
    n.queue.push({ sequence: this.ctx.nextSequence(), opcode, flags, tlvs });
    if (n.queue.length === 1) this.transmitHead(iface, n);
  }

  /** An Ack (a Hello carrying only the acknowledgement number), unicast, unreliable. */
  ack(iface: EigrpInterface, n: Neighbor, sequence: number): void {
    const bytes = this.ctx.encode(iface, { opcode: EigrpOpcode.Hello, ack: sequence });
    this.ctx.transmit(iface, n.address, { opcode: EigrpOpcode.Hello, ack: sequence }, bytes);
  }

  /** The acknowledgement number of any packet from `n`: completes the packet in flight. */
  onAck(n: Neighbor, ack: number): void {
    const head = n.queue[0];
    if (ack === 0 || head === undefined || head.sequence !== ack) return;
    const ctx = this.ctx;
    if (n.retries === 0) {
      const sample = ctx.now - n.sentAt;
      n.srtt = n.srtt === 0 ? sample : 0.8 * n.srtt + 0.2 * sample;
      n.rto = rtoOf(n.srtt);
    }
    n.queue.shift();
    n.retries = 0;
    const iface = ctx.iface(n.iface);
    if (n.queue.length > 0 && iface) this.transmitHead(iface, n);
    else if (n.queue.length === 0) ctx.timers.clear('rexmit', n.key);
    if (head.flags & EigrpFlags.Init && !n.initAcked) {
      n.initAcked = true;
      this.initAcked(n);
    }
  }

  /**
   * Receive side of a reliable packet from `n`: acknowledges it and says whether to act on it
   * (false for a repeat of the last sequence number, or a CR packet this router must ignore).
   */
  accept(iface: EigrpInterface, n: Neighbor, p: EigrpPacket): boolean {
    const ctx = this.ctx;
    if (p.flags & EigrpFlags.ConditionalReceive) {
      const ok = n.crAccept;
      n.crAccept = false;
      if (!ok) {
        ctx.counters.drop('conditional');
        return false;
      }
    }
    this.ack(iface, n, p.sequence);
    if (p.sequence === n.lastSequence) {
      ctx.counters.drop('duplicate');
      return false;
    }
    n.lastSequence = p.sequence;
    return true;
  }

  /** The retransmission timer of `n` fired. */
  onTimer(key: string): void {
    const ctx = this.ctx;
    const n = ctx.neighbors.get(key);
    const iface = n && ctx.iface(n.iface);
    if (!n || !iface || n.queue.length === 0) return;
    if (n.retries >= RETRY_LIMIT) {
      this.reset(n, 'retry limit exceeded');
      return;
    }
    n.retries++;
    ctx.counters.retransmissions++;
    n.rto = Math.min(5000, Math.round(n.rto * 1.5));
    this.transmitHead(iface, n);
  }

  private transmitHead(iface: EigrpInterface, n: Neighbor): void {
    const head = n.queue[0];
    head.bytes ??= this.ctx.encode(iface, {
      opcode: head.opcode,
      flags: head.flags,
      sequence: head.sequence,
      tlvs: head.tlvs,
    });
    this.ctx.transmit(iface, n.address, { opcode: head.opcode, ack: 0 }, head.bytes);
    this.armed(n);
  }

  private armed(n: Neighbor): void {
    n.sentAt = this.ctx.now;
    this.ctx.timers.set('rexmit', n.key, this.ctx.now + n.rto);
  }
}

/** Route TLVs of two queued packets as one: a later TLV for the same destination replaces the earlier. */
function mergeRoutes(a: EigrpTlv[], b: EigrpTlv[]): EigrpTlv[] {
  const key = (t: EigrpTlv): string | undefined =>
    'destinations' in t && t.destinations.length === 1
      ? `${t.destinations[0].prefix}/${t.destinations[0].prefixLength}`
      : undefined;
  const later = new Set(b.map(key).filter((k) => k !== undefined));
  return [
    ...a.filter((t) => {
      const k = key(t);
      return k === undefined || !later.has(k);
    }),
    ...b,
  ];
}
