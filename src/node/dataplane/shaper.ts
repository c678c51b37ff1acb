/**
 * The shaper of one QoS policy (sans-IO: the caller passes the time and sends what pull() returns).
 * `shape average` is a token bucket in front of a queue: a packet waits for tokens instead of being
 * dropped, so the output is smoothed to the rate; only a full queue (queue-limit, 64 packets) drops.
 * Under the shaper, priority classes go first (policed to their rate while packets are waiting) and
 * the others share what is left by deficit round robin in proportion to their bandwidth.
 * Sizes count the packet as it leaves: outer IPv4 header, GRE header and the inner packet.
 */
import { classify, type ShaperPolicy } from './qos-policy.js';

/** A GRE packet waiting to be sent to an NBMA address. */
export interface ShapedPacket {
  nbma: number;
  /** GRE header and inner packet (a copy the shaper owns). */
  bytes: Uint8Array;
}

/** Counters of one class (IOS `show policy-map` wording). */
export interface ShaperClassStats {
  name: string;
  /** Packets and bytes classified into the class. */
  packets: number;
  bytes: number;
  /** Sent, dropped because the queue was full, dropped by police or the priority policer. */
  sentPackets: number;
  sentBytes: number;
  queueDrops: number;
  policeDrops: number;
  queueDepth: number;
  queueLimit: number;
  priority: boolean;
  rateBps: number;
}

/** Counters of a shaper. */
export interface ShaperStats {
  policy: string;
  child?: string;
  parentClass: string;
  shapeBps?: number;
  burstBytes: number;
  queueDepth: number;
  /** Packets sent later than they arrived: they waited in the queue for tokens (shaped, not dropped). */
  delayedPackets: number;
  sentPackets: number;
  sentBytes: number;
  classes: ShaperClassStats[];
}

/** QoS counters of one shaper, as `show policy-map multipoint` reads them. */
export interface QosPeerStats {
  /** NBMA address of the spoke; absent for the policy of the whole tunnel. */
  nbma?: string;
  tunnelAddr?: string;
  group?: string;
  shaper: ShaperStats;
}

/** Bytes of the outer IPv4 header added when a GRE packet is sent. */
const OUTER_IP = 20;

interface Bucket {
  tokens: number;
  at: number;
}

interface ClassState {
  queue: ShapedPacket[];
  /** When each queued packet arrived (ms), parallel to `queue`. */
  times: number[];
  head: number;
  deficit: number;
  quantum: number;
  prio?: Bucket;
  police?: Bucket;
  stats: ShaperClassStats;
}

/** One shaper. `greLen`: bytes of GRE header before the inner packet in every ShapedPacket. */
export class Shaper {
  private readonly bucket: Bucket;
  private readonly classes: ClassState[];
  private rr = 0;
  private depth = 0;
  private delayed = 0;
  private sentPackets = 0;
  private sentBytes = 0;

  constructor(
    readonly policy: ShaperPolicy,
    private readonly greLen: number,
    now: number,
  ) {
    this.bucket = { tokens: policy.burstBytes, at: now };
    const minWeight = Math.min(...policy.classes.map((c) => c.weight));
    this.classes = policy.classes.map((c) => ({
      queue: [],
      times: [],
      head: 0,
      deficit: 0,
      // at least one full frame per visit, in proportion to the class's share
      quantum: Math.ceil((1600 * c.weight) / minWeight),
      ...(c.priority ? { prio: { tokens: this.prioBurst(c.rateBps), at: now } } : {}),
      ...(c.police ? { police: { tokens: c.police.burstBytes, at: now } } : {}),
      stats: {
        name: c.name,
        packets: 0,
        bytes: 0,
        sentPackets: 0,
        sentBytes: 0,
        queueDrops: 0,
        policeDrops: 0,
        queueDepth: 0,
        queueLimit: c.queueLimit,
        priority: c.priority,
        rateBps: c.rateBps,
      },
    }));
  }

  /** Priority burst: 200 ms at the class rate (the IOS default), at least one frame. */
  private prioBurst(bps: number): number {
    return Math.max(1600, (bps / 8) * 0.2);
  }

  /** Classifies and queues a packet; false when it was dropped (queue full or policed). */
  offer(now: number, pkt: ShapedPacket): boolean {
    const i = classify(this.policy.classes, pkt.bytes, this.greLen);
    const spec = this.policy.classes[i]!;
    const c = this.classes[i]!;
    const size = pkt.bytes.length + OUTER_IP;
    c.stats.packets++;
    c.stats.bytes += size;
    if (c.police && !take(c.police, now, spec.police!.cirBps, spec.police!.burstBytes, size)) {
      c.stats.policeDrops++;
      return false;
    }
    if (c.prio) {
      const congested = this.depth > 0 || this.tokens(now) < 0;
      const conform = take(c.prio, now, spec.rateBps, this.prioBurst(spec.rateBps), size);
      if (!conform && congested) {
        c.stats.policeDrops++;
        return false;
      }
    }
    if (c.queue.length - c.head >= spec.queueLimit) {
      c.stats.queueDrops++;
      return false;
    }
    c.queue.push(pkt);
    c.times.push(now);
    c.stats.queueDepth++;
    this.depth++;
    return true;
  }

  /** The next packet that may leave now (its tokens taken), or undefined. */
  pull(now: number): ShapedPacket | undefined {
    if (this.depth === 0 || this.tokens(now) < 0) return undefined;
    const i = this.pick();
    if (i < 0) return undefined;
    const c = this.classes[i]!;
    const pkt = c.queue[c.head]!;
    if (c.times[c.head]! < now) this.delayed++;
    c.queue[c.head++] = undefined as unknown as ShapedPacket;
    if (c.head > 64 && c.head * 2 > c.queue.length) {
      c.queue = c.queue.slice(c.head);
      c.times = c.times.slice(c.head);
      c.head = 0;
    }
    const size = pkt.bytes.length + OUTER_IP;
    c.stats.queueDepth--;
    c.stats.sentPackets++;
    c.stats.sentBytes += size;
    this.depth--;
    this.sentPackets++;
    this.sentBytes += size;
    if (this.policy.shapeBps !== undefined) this.bucket.tokens -= size;
    return pkt;
  }

  /** When pull() will next return a packet (ms, at least `now`); undefined when nothing waits. */
  wakeAt(now: number): number | undefined {
    if (this.depth === 0) return undefined;
    const t = this.tokens(now);
    if (t >= 0 || this.policy.shapeBps === undefined) return now;
    return now + (-t * 8000) / this.policy.shapeBps;
  }

  /** Packets waiting. */
  get queued(): number {
    return this.depth;
  }

  /** Counters (copies). */
  stats(): ShaperStats {
    return {
      policy: this.policy.name,
      ...(this.policy.child !== undefined ? { child: this.policy.child } : {}),
      parentClass: this.policy.parentClass,
      ...(this.policy.shapeBps !== undefined ? { shapeBps: this.policy.shapeBps } : {}),
      burstBytes: this.policy.burstBytes,
      queueDepth: this.depth,
      delayedPackets: this.delayed,
      sentPackets: this.sentPackets,
      sentBytes: this.sentBytes,
      classes: this.classes.map((c) => ({ ...c.stats })),
    };
  }

  /** The parent bucket's tokens at `now` (refilled; may be negative after a large packet). */
  private tokens(now: number): number {
    const bps = this.policy.shapeBps;
    if (bps === undefined) return 0;
    refill(this.bucket, now, bps, this.policy.burstBytes);
    return this.bucket.tokens;
  }

  /** Priority queues first, then deficit round robin over the others. */
  private pick(): number {
    const cs = this.classes;
    for (let i = 0; i < cs.length; i++) if (cs[i]!.prio && cs[i]!.queue.length > cs[i]!.head) return i;
    for (let guard = 0; guard < 2 * cs.length + 2; guard++) {
      const c = cs[this.rr]!;
      if (c.queue.length > c.head && !c.prio) {
        const size = c.queue[c.head]!.bytes.length + OUTER_IP;
        if (c.deficit >= size) {
          c.deficit -= size;
          return this.rr;
        }
        c.deficit += c.quantum;
      } else c.deficit = 0;
      this.rr = (this.rr + 1) % cs.length;
    }
    return -1;
  }
}

function refill(b: Bucket, now: number, bps: number, burst: number): void {
  if (now > b.at) {
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) * bps) / 8000);
    b.at = now;
  }
}

/** Token bucket check: takes `size` when at least that many tokens are there. */
function take(b: Bucket, now: number, bps: number, burst: number, size: number): boolean {
  refill(b, now, bps, burst);
  if (b.tokens < size) return false;
  b.tokens -= size;
  return true;
}
