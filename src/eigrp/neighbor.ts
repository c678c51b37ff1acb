/**
 * One EIGRP neighbor (RFC 7868 5.3): who it is, its hold timer, its K values and stub flags, the
 * reliable-transport state both ways (its last sequence number, our queue of unacknowledged packets,
 * SRTT/RTO) and where the INIT exchange stands.
 */
import type { EigrpTlv } from '../wire/eigrp/index.js';

/** A reliable packet waiting for this neighbor's acknowledgement (head of `queue` is on the wire). */
export interface Reliable {
  sequence: number;
  opcode: number;
  flags: number;
  tlvs: EigrpTlv[];
  /** The encoded (and signed) packet, made when first sent and sent as is on every retransmission. */
  bytes?: Uint8Array;
}

/** Stub flags from the neighbor's Stub TLV (IOS `show ip eigrp neighbors detail`: "Stub Peer Advertising"). */
export interface StubFlags {
  connected: boolean;
  static: boolean;
  summary: boolean;
  receiveOnly: boolean;
  redistributed: boolean;
}

export interface Neighbor {
  /** `${interface} ${address}`. */
  key: string;
  address: string;
  iface: string;
  /** IOS handle: the lowest number free when the neighbor came up. */
  handle: number;
  /** Hold time the neighbor announced, seconds. */
  holdTime: number;
  upSince: number;
  lastHeard: number;
  srtt: number;
  rto: number;
  /** Last sequence number received from it (0: none). */
  lastSequence: number;
  queue: Reliable[];
  /** When the head of `queue` was last sent, how many times it was resent, and whether it was resent. */
  sentAt: number;
  retries: number;
  /** Our INIT acknowledged, its INIT received: both true makes the neighbor `up` (it gets Updates). */
  initAcked: boolean;
  initReceived: boolean;
  up: boolean;
  stub?: StubFlags;
  /** Conditional receive: accept the next multicast packet flagged CR (RFC 7868 5.3.5). */
  crAccept: boolean;
  /** Software version it announced, "release/tlv" (e.g. "20.0/2.0"). */
  version?: string;
  /** Packets received from it since it came up, and the Updates/Queries/Replies among them. */
  received: number;
}

/** IOS: RTO is six SRTTs, at least 200 ms, at most 5 s. */
export function rtoOf(srtt: number): number {
  return Math.min(5000, Math.max(200, Math.round(6 * srtt)));
}

export function stubFlagsOf(flags: number): StubFlags {
  return {
    connected: (flags & 0x01) !== 0,
    static: (flags & 0x02) !== 0,
    summary: (flags & 0x04) !== 0,
    receiveOnly: (flags & 0x08) !== 0,
    redistributed: (flags & 0x10) !== 0,
  };
}

/** The Stub TLV flag bits of our own `eigrp stub` configuration. */
export function stubBits(s: StubFlags): number {
  return (
    (s.connected ? 0x01 : 0) |
    (s.static ? 0x02 : 0) |
    (s.summary ? 0x04 : 0) |
    (s.receiveOnly ? 0x08 : 0) |
    (s.redistributed ? 0x10 : 0)
  );
}
