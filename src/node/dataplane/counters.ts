/** Counters of one tunnel: totals, per NBMA peer, and drops by reason (for `show interfaces` and `show dmvpn detail`). */

import type { PimNbmaView } from './pim-nbma.js';
import type { QosPeerStats } from './shaper.js';

/** Why a frame or packet was dropped; each reason has its own counter. */
export const DATAPLANE_DROP_REASONS = [
  /** Egress (TAP → tunnel). */
  'runt',
  'unsupportedEthertype',
  'unknownMac',
  'noNextHop',
  'noMulticastTargets',
  'badNbma',
  'arpMalformed',
  'arpIgnored',
  'arpOffSubnet',
  /** IPv6 Neighbor Solicitations not answered: for our own address, or off the tunnel prefixes. */
  'ndIgnored',
  'ndOffSubnet',
  /** IPv6 packets longer than `ipv6 mtu` (answered with Packet Too Big, one every 100 ms). */
  'ipv6TooBig',
  'sendError',
  /** Ingress (tunnel → TAP). */
  'greTruncated',
  'greUnsupported',
  'greBadChecksum',
  'greKeyMissing',
  'greKeyMismatch',
  'greKeyUnexpected',
  'greUnknownProtocol',
  'innerMalformed',
  'tapWriteError',
  /** A hook or handler threw while this packet was processed (see DataplaneOptions.onError). */
  'handlerError',
] as const;
/** One drop reason. */
export type DataplaneDropReason = (typeof DATAPLANE_DROP_REASONS)[number];

/** Traffic exchanged with one NBMA peer (inner packet bytes, as `show interfaces` counts them). */
export interface PeerCounters {
  nbma: string;
  /** The peer's tunnel address when known. */
  tunnelAddr?: string;
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  nhrpIn: number;
  nhrpOut: number;
  /** Clock times (ms) of the last packet in each direction; 0 = never. */
  lastIn: number;
  lastOut: number;
}

/** Totals of one tunnel. */
export interface TunnelTotals {
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  /** GRE packets received and sent (data and NHRP, before any drop). */
  greIn: number;
  greOut: number;
  nhrpIn: number;
  nhrpOut: number;
  multicastOut: number;
  arpReplies: number;
  /** Egress packets sent through the NHS because their next hop was unresolved. */
  viaNhs: number;
  hairpins: number;
}

/** The JSON form of a tunnel's counters. */
export interface TunnelStats extends TunnelTotals {
  name: string;
  drops: Record<DataplaneDropReason, number>;
  peers: PeerCounters[];
  /** `ip pim nbma-mode`: the joins per peer and their counters (absent without it). */
  pimNbma?: PimNbmaView;
  /** QoS shapers (`nhrp map group … service-policy output`, `service-policy output`); absent when none. */
  qos?: QosPeerStats[];
}

/** Fresh zeroed totals. */
export function zeroTotals(): TunnelTotals {
  return {
    packetsIn: 0,
    bytesIn: 0,
    packetsOut: 0,
    bytesOut: 0,
    greIn: 0,
    greOut: 0,
    nhrpIn: 0,
    nhrpOut: 0,
    multicastOut: 0,
    arpReplies: 0,
    viaNhs: 0,
    hairpins: 0,
  };
}

/** Fresh zeroed drop counters, one per reason. */
export function zeroDrops(): Record<DataplaneDropReason, number> {
  const d = {} as Record<DataplaneDropReason, number>;
  for (const r of DATAPLANE_DROP_REASONS) d[r] = 0;
  return d;
}
