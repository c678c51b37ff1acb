/**
 * Counters behind `show ip nhrp traffic`: packets sent and received per NHRP type, Traffic
 * Indications suppressed by max-send, and every packet dropped, by the one reason it was dropped.
 */

/** Names of the eight NHRP packet types, in ar$op.type order (index = type - 1). */
export const PACKET_TYPE_NAMES = [
  'resolutionRequest',
  'resolutionReply',
  'registrationRequest',
  'registrationReply',
  'purgeRequest',
  'purgeReply',
  'errorIndication',
  'trafficIndication',
] as const;
export type PacketTypeName = (typeof PACKET_TYPE_NAMES)[number];
export type PacketCounts = Record<PacketTypeName, number>;

/** Why a received packet (or a registration it carried) was not acted on. */
export const NHRP_DROP_REASONS = [
  /** NHRP not enabled on the interface (no network-id). */
  'nhrpDisabled',
  /** Interface shut down. */
  'shutdown',
  /** The codec rejected the bytes (truncated, inconsistent lengths). */
  'malformed',
  'badChecksum',
  /** ar$op.version other than 1, or an ar$op.type we do not know. */
  'badVersion',
  'unknownType',
  /** NBMA family or protocol type we do not handle. */
  'unsupportedProtocol',
  /** Authentication extension missing or not matching `ip nhrp authentication` (RFC 2332 5.3.4). */
  'authFailure',
  /** A compulsory extension we do not know (RFC 2332 5.3). */
  'unknownExtension',
  /** Hop count exhausted while forwarding (RFC 2332 5.2.0.1). */
  'hopCountExceeded',
  /** Our own address in the Forward Transit NHS Record (RFC 2332 5.3.2). */
  'loopDetected',
  /** A Resolution Request we could neither answer nor forward. */
  'unreachable',
  /** A reply that matches no request we have outstanding. */
  'unexpectedReply',
  /** A packet with no CIE where one is required, or an address outside the tunnel subnet. */
  'badRequest',
  /** Registration refused: the address is registered uniquely from another NBMA address (code 14). */
  'uniqueConflict',
  /** Registration received by a router that is not an NHS (code 4). */
  'notNhs',
  /** Traffic Indication received while `ip nhrp shortcut` is off. */
  'shortcutDisabled',
] as const;
export type NhrpDropReason = (typeof NHRP_DROP_REASONS)[number];

/** The counters of one engine. */
export class Counters {
  readonly sent: PacketCounts = zeroCounts();
  readonly received: PacketCounts = zeroCounts();
  readonly drops = Object.fromEntries(NHRP_DROP_REASONS.map((r) => [r, 0])) as Record<NhrpDropReason, number>;
  /** Traffic Indications not sent because of max-send (IOS "Redirect Suppress"). */
  redirectSuppress = 0;

  countSent(type: number): void {
    const name = PACKET_TYPE_NAMES[type - 1];
    if (name) this.sent[name]++;
  }

  countReceived(type: number): void {
    const name = PACKET_TYPE_NAMES[type - 1];
    if (name) this.received[name]++;
  }

  drop(reason: NhrpDropReason): void {
    this.drops[reason]++;
  }
}

function zeroCounts(): PacketCounts {
  return Object.fromEntries(PACKET_TYPE_NAMES.map((n) => [n, 0])) as PacketCounts;
}

/** A packet type's name for debug text, e.g. "Registration Request". */
export function packetTypeLabel(type: number): string {
  const name = PACKET_TYPE_NAMES[type - 1];
  if (!name) return `type ${type}`;
  return name
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/([A-Z])/g, ' $1')
    .trim()
    .replace(/ +/g, ' ');
}
