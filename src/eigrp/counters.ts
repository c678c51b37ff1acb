/**
 * Counters behind `show ip eigrp traffic`: packets sent and received by kind, and every received
 * packet dropped, by the one reason it was dropped.
 */

export const PACKET_KINDS = ['hello', 'update', 'query', 'reply', 'ack', 'siaQuery', 'siaReply', 'request'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

/** Why a received packet was not acted on. */
export const DROP_REASONS = [
  /** The codec rejected the bytes, or the checksum is wrong. */
  'malformed',
  /** Another autonomous system number. */
  'badAs',
  /** Hello with K values other than ours. */
  'kMismatch',
  /** Digest missing, wrong, or present where none is configured. */
  'badAuth',
  /** Not from a neighbor (reliable packet from an unknown or not yet initialised peer). */
  'notNeighbor',
  /** A Hello from an address outside the interface's subnet (IOS "not on common subnet"). */
  'notOnSubnet',
  /** Arrived on an interface where EIGRP does not run (disabled, passive, shut). */
  'notEnabled',
  /** A reliable packet seen before (sequence number repeated), acknowledged again and dropped. */
  'duplicate',
  /** A conditional-receive packet this router was told to ignore. */
  'conditional',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

const zero = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export class Counters {
  readonly sent = zero(PACKET_KINDS);
  readonly received = zero(PACKET_KINDS);
  readonly drops = zero(DROP_REASONS);
  retransmissions = 0;
  siaActive = 0;

  drop(reason: DropReason): void {
    this.drops[reason]++;
  }
}

/** The counter kind of an opcode (a Hello with an ack number is an Ack). */
export function packetKind(opcode: number, ack: number): PacketKind | undefined {
  switch (opcode) {
    case 1:
      return 'update';
    case 2:
      return 'request';
    case 3:
      return 'query';
    case 4:
      return 'reply';
    case 5:
      return ack !== 0 ? 'ack' : 'hello';
    case 10:
      return 'siaQuery';
    case 11:
      return 'siaReply';
    default:
      return undefined;
  }
}
