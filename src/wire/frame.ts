/**
 * Finds NHRP and EIGRP in a captured frame: link header -> IPv4 -> GRE (protocol 0x2001) -> NHRP, or
 * link header -> IPv4 (protocol 88) -> EIGRP.
 */
import { tryDecode, type Decoded, DecodeError } from './errors.js';
import { decodeEigrp } from './eigrp/decode.js';
import type { EigrpPacket } from './eigrp/types.js';
import { decodeGre, GreProto, type GrePacket } from './gre.js';
import { decodeIpv4, IpProto, type Ipv4Packet } from './ipv4.js';
import { decodeNhrp } from './nhrp/decode.js';
import type { NhrpPacket } from './nhrp/types.js';
import { linkPayload } from './pcap/link.js';

/** What a frame turned out to be. `malformed`: an IPv4 header naming GRE, or a GRE header, that did not decode. */
export type FrameNhrp =
  | { kind: 'nhrp'; ip: Ipv4Packet; gre: GrePacket; nhrpBytes: Uint8Array; nhrp: Decoded<NhrpPacket> }
  | { kind: 'malformed'; layer: 'ipv4' | 'gre'; error: DecodeError }
  | { kind: 'other'; reason: string };

/** What a frame turned out to be for EIGRP. `malformed`: an IPv4 header naming EIGRP that did not decode. */
export type FrameEigrp =
  | { kind: 'eigrp'; ip: Ipv4Packet; eigrpBytes: Uint8Array; eigrp: Decoded<EigrpPacket> }
  | { kind: 'malformed'; layer: 'ipv4'; error: DecodeError }
  | { kind: 'other'; reason: string };

type FrameIpv4 =
  | { kind: 'ipv4'; ip: Ipv4Packet }
  | { kind: 'malformed'; layer: 'ipv4'; error: DecodeError }
  | { kind: 'other'; reason: string };

/** The unfragmented IPv4 packet of protocol `proto` in a frame; a bad IPv4 header naming `proto` is malformed. */
function ipv4Of(linkType: number, data: Uint8Array, proto: number): FrameIpv4 {
  const link = tryDecode(() => linkPayload(linkType, data));
  if (!link.ok) return { kind: 'other', reason: link.error.message };
  if (link.value.etherType !== 0x0800) return { kind: 'other', reason: `EtherType 0x${link.value.etherType.toString(16)}` };
  const ip = tryDecode(() => decodeIpv4(link.value.payload));
  if (!ip.ok) {
    const b = link.value.payload;
    // only an IPv4 header that names the protocol is reported as malformed; anything else is someone else's traffic
    if (b.length < 10 || b[9] !== proto) return { kind: 'other', reason: ip.error.message };
    return { kind: 'malformed', layer: 'ipv4', error: ip.error };
  }
  if (ip.value.protocol !== proto) return { kind: 'other', reason: `IP protocol ${ip.value.protocol}` };
  if (ip.value.fragmentOffset !== 0 || (ip.value.flags & 1) !== 0) return { kind: 'other', reason: 'IPv4 fragment' };
  return { kind: 'ipv4', ip: ip.value };
}

/** Classifies one captured frame and decodes its NHRP packet if it carries one. Never throws. */
export function decodeFrameNhrp(linkType: number, data: Uint8Array): FrameNhrp {
  const ip = ipv4Of(linkType, data, IpProto.Gre);
  if (ip.kind !== 'ipv4') return ip;
  const gre = tryDecode(() => decodeGre(ip.ip.payload));
  if (!gre.ok) return { kind: 'malformed', layer: 'gre', error: gre.error };
  if (gre.value.protocolType !== GreProto.Nhrp) return { kind: 'other', reason: `GRE protocol 0x${gre.value.protocolType.toString(16)}` };
  const nhrpBytes = gre.value.payload;
  return { kind: 'nhrp', ip: ip.ip, gre: gre.value, nhrpBytes, nhrp: tryDecode(() => decodeNhrp(nhrpBytes)) };
}

/** Classifies one captured frame and decodes its EIGRP packet (IP protocol 88) if it carries one. Never throws. */
export function decodeFrameEigrp(linkType: number, data: Uint8Array): FrameEigrp {
  const ip = ipv4Of(linkType, data, IpProto.Eigrp);
  if (ip.kind !== 'ipv4') return ip;
  const eigrpBytes = ip.ip.payload;
  return { kind: 'eigrp', ip: ip.ip, eigrpBytes, eigrp: tryDecode(() => decodeEigrp(eigrpBytes)) };
}
