/**
 * Finds protocols in a captured frame: link header -> IPv4 or IPv6 (an IPv6 NBMA) -> GRE (protocol 0x2001) -> NHRP;
 * IPv4 (protocol 88)
 * -> EIGRP; and IPv4 or IPv6 -> ESP (protocol 50) or UDP 500 / 4500 -> IKE, ESP or NAT-keepalive.
 */
import { tryDecode, type Decoded, type DecodeError } from './errors.js';
import { decodeEigrp } from './eigrp/decode.js';
import type { EigrpPacket } from './eigrp/types.js';
import { decodeEsp, type EspPacket } from './esp/header.js';
import { decodeNatT } from './esp/udp-encap.js';
import { decodeGre, GreProto, type GrePacket } from './gre.js';
import { decodeIpv4, IpProto, type Ipv4Packet } from './ipv4.js';
import { decodeIpv6, type Ipv6Packet } from './ipv6.js';
import { decodeNhrp } from './nhrp/decode.js';
import type { NhrpPacket } from './nhrp/types.js';
import { linkPayload } from './pcap/link.js';
import { decodeUdp, UdpPort, type UdpDatagram } from './udp.js';

/** What a frame turned out to be. `malformed`: an IPv4 header naming GRE, or a GRE header, that did not decode. */
export type FrameNhrp =
  | { kind: 'nhrp'; ip: OuterIp; gre: GrePacket; nhrpBytes: Uint8Array; nhrp: Decoded<NhrpPacket> }
  | { kind: 'malformed'; layer: 'ipv4' | 'ipv6' | 'gre'; error: DecodeError }
  | { kind: 'other'; reason: string };

/** What a frame turned out to be for EIGRP. `malformed`: an IPv4 header naming EIGRP that did not decode. */
export type FrameEigrp =
  | { kind: 'eigrp'; ip: Ipv4Packet; eigrpBytes: Uint8Array; eigrp: Decoded<EigrpPacket> }
  | { kind: 'malformed'; layer: 'ipv4'; error: DecodeError }
  | { kind: 'other'; reason: string };

/** The outer (NBMA) header of a GRE frame: IPv4, or IPv6 over an IPv6 NBMA. */
export type OuterIp = Ipv4Packet | Ipv6Packet;

/**
 * The IPv6 packet carrying GRE (next header 47) in a frame, or why not: an IPv6 header that does not decode is
 * malformed only when it names GRE; extension headers (a fragment) are someone else's traffic here.
 */
export function ipv6GreOf(
  linkType: number,
  data: Uint8Array,
): { ok: true; ip: Ipv6Packet } | { ok: false; frame: FrameNhrp } {
  const link = tryDecode(() => linkPayload(linkType, data));
  if (!link.ok || link.value.etherType !== 0x86dd) return { ok: false, frame: { kind: 'other', reason: 'not IPv6' } };
  const ip = tryDecode(() => decodeIpv6(link.value.payload));
  if (!ip.ok) {
    const b = link.value.payload;
    if (b.length < 7 || b[6] !== IpProto.Gre) return { ok: false, frame: { kind: 'other', reason: ip.error.message } };
    return { ok: false, frame: { kind: 'malformed', layer: 'ipv6', error: ip.error } };
  }
  if (ip.value.nextHeader !== IpProto.Gre)
    return { ok: false, frame: { kind: 'other', reason: `IPv6 next header ${ip.value.nextHeader}` } };
  return { ok: true, ip: ip.value };
}

type IpStep =
  | { ok: true; ip: Ipv4Packet }
  | { ok: false; frame: { kind: 'malformed'; layer: 'ipv4'; error: DecodeError } | { kind: 'other'; reason: string } };

/**
 * The unfragmented IPv4 packet in a frame; a header that fails to decode is malformed only if `mine` says its protocol
 * is ours.
 */
function ipv4Of(linkType: number, data: Uint8Array, mine: (protocol: number) => boolean): IpStep {
  const link = tryDecode(() => linkPayload(linkType, data));
  if (!link.ok) return { ok: false, frame: { kind: 'other', reason: link.error.message } };
  if (link.value.etherType !== 0x0800) {
    return { ok: false, frame: { kind: 'other', reason: `EtherType 0x${link.value.etherType.toString(16)}` } };
  }
  const ip = tryDecode(() => decodeIpv4(link.value.payload));
  if (!ip.ok) {
    const b = link.value.payload;
    // only an IPv4 header that names our protocol is reported as malformed; anything else is someone else's traffic
    if (b.length < 10 || !mine(b[9])) return { ok: false, frame: { kind: 'other', reason: ip.error.message } };
    return { ok: false, frame: { kind: 'malformed', layer: 'ipv4', error: ip.error } };
  }
  if (!mine(ip.value.protocol)) {
    return { ok: false, frame: { kind: 'other', reason: `IP protocol ${ip.value.protocol}` } };
  }
  if (ip.value.fragmentOffset !== 0 || (ip.value.flags & 1) !== 0) {
    return { ok: false, frame: { kind: 'other', reason: 'IPv4 fragment' } };
  }
  return { ok: true, ip: ip.value };
}

/** Classifies one captured frame and decodes its NHRP packet if it carries one. Never throws. */
export function decodeFrameNhrp(linkType: number, data: Uint8Array): FrameNhrp {
  const step4 = ipv4Of(linkType, data, (p) => p === IpProto.Gre);
  const step = step4.ok || step4.frame.kind === 'malformed' ? step4 : ipv6GreOf(linkType, data);
  // neither: an IPv6 header naming GRE that did not decode is reported, else what IPv4 said (as before)
  if (!step.ok) return step.frame.kind === 'malformed' || step4.ok ? step.frame : step4.frame;
  const ip: OuterIp = step.ip;
  const gre = tryDecode(() => decodeGre(ip.payload));
  if (!gre.ok) return { kind: 'malformed', layer: 'gre', error: gre.error };
  if (gre.value.protocolType !== GreProto.Nhrp) {
    return { kind: 'other', reason: `GRE protocol 0x${gre.value.protocolType.toString(16)}` };
  }
  const nhrpBytes = gre.value.payload;
  return { kind: 'nhrp', ip, gre: gre.value, nhrpBytes, nhrp: tryDecode(() => decodeNhrp(nhrpBytes)) };
}

/** An IPsec frame: IKE (with its major version, from UDP 500 or 4500), ESP (raw or in UDP 4500), or a NAT-keepalive. */
export type FrameIpsec =
  | { kind: 'ike'; ip: OuterIp; udp: UdpDatagram; majorVersion: number; ikeBytes: Uint8Array }
  | { kind: 'esp'; ip: OuterIp; udp?: UdpDatagram; espBytes: Uint8Array; esp: EspPacket }
  | { kind: 'keepalive'; ip: OuterIp; udp: UdpDatagram }
  | { kind: 'malformed'; layer: 'ipv4' | 'ipv6' | 'udp' | 'esp'; error: DecodeError }
  | { kind: 'other'; reason: string };

const isIpsecPort = (port: number): boolean => port === UdpPort.Ike || port === UdpPort.IkeNatT;

/** The IPv6 packet carrying ESP (next header 50) or UDP in a frame (IKE and ESP over an IPv6 NBMA), or why not. */
function ipv6IpsecOf(
  linkType: number,
  data: Uint8Array,
): { ok: true; ip: Ipv6Packet } | { ok: false; frame: FrameIpsec } {
  const link = tryDecode(() => linkPayload(linkType, data));
  if (!link.ok || link.value.etherType !== 0x86dd) return { ok: false, frame: { kind: 'other', reason: 'not IPv6' } };
  const ip = tryDecode(() => decodeIpv6(link.value.payload));
  if (!ip.ok) {
    const b = link.value.payload;
    if (b.length < 7 || (b[6] !== IpProto.Esp && b[6] !== IpProto.Udp))
      return { ok: false, frame: { kind: 'other', reason: ip.error.message } };
    return { ok: false, frame: { kind: 'malformed', layer: 'ipv6', error: ip.error } };
  }
  if (ip.value.nextHeader !== IpProto.Esp && ip.value.nextHeader !== IpProto.Udp)
    return { ok: false, frame: { kind: 'other', reason: `IPv6 next header ${ip.value.nextHeader}` } };
  return { ok: true, ip: ip.value };
}

/**
 * Classifies one captured frame (IPv4, or IPv6 over an IPv6 NBMA) as IKE, ESP or NAT-keepalive. The IKE message
 * itself is left to its decoder. Never throws.
 */
export function decodeFrameIpsec(linkType: number, data: Uint8Array): FrameIpsec {
  const step4 = ipv4Of(linkType, data, (p) => p === IpProto.Esp || p === IpProto.Udp);
  const step6 = step4.ok || step4.frame.kind === 'malformed' ? undefined : ipv6IpsecOf(linkType, data);
  // an IPv4 frame keeps its own reason; a frame neither IPv4 nor IPv6 too
  const step =
    step6 && !(step6.ok === false && step6.frame.kind === 'other' && step6.frame.reason === 'not IPv6') ? step6 : step4;
  if (!step.ok) return step.frame;
  const ip = step.ip;
  const protocol = 'protocol' in ip ? ip.protocol : ip.nextHeader;
  if (protocol === IpProto.Esp) {
    const esp = tryDecode(() => decodeEsp(ip.payload));
    if (!esp.ok) return { kind: 'malformed', layer: 'esp', error: esp.error };
    return { kind: 'esp', ip, espBytes: ip.payload, esp: esp.value };
  }
  const u = tryDecode(() => decodeUdp(ip.payload));
  if (!u.ok) return { kind: 'other', reason: u.error.message };
  const udp = u.value;
  if (!isIpsecPort(udp.srcPort) && !isIpsecPort(udp.dstPort)) {
    return { kind: 'other', reason: `UDP ports ${udp.srcPort}/${udp.dstPort}` };
  }
  let ike = udp.payload;
  if (udp.srcPort === UdpPort.IkeNatT || udp.dstPort === UdpPort.IkeNatT) {
    const n = tryDecode(() => decodeNatT(udp.payload));
    if (!n.ok) return { kind: 'malformed', layer: 'udp', error: n.error };
    if (n.value.kind === 'keepalive') return { kind: 'keepalive', ip, udp };
    if (n.value.kind === 'esp') return { kind: 'esp', ip, udp, espBytes: udp.payload, esp: n.value.esp };
    ike = n.value.ike;
  }
  const majorVersion = ike.length > 17 ? ike[17] >> 4 : 0;
  return { kind: 'ike', ip, udp, majorVersion, ikeBytes: ike };
}

/** Classifies one captured frame and decodes its EIGRP packet (IP protocol 88) if it carries one. Never throws. */
export function decodeFrameEigrp(linkType: number, data: Uint8Array): FrameEigrp {
  const step = ipv4Of(linkType, data, (p) => p === IpProto.Eigrp);
  if (!step.ok) return step.frame;
  const ip = step.ip;
  const eigrpBytes = ip.payload;
  return { kind: 'eigrp', ip, eigrpBytes, eigrp: tryDecode(() => decodeEigrp(eigrpBytes)) };
}
