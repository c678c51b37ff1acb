/**
 * The packets of the lab's captures, classified for the checks: NHRP (decoded) and GRE-carried data
 * (the inner IPv4 or IPv6 header, and ICMP or ICMPv6 echo id/sequence), each with its pcap file, frame
 * number and time.
 * A capture may still be growing (tcpdump -U): a record cut short at the end is left for the next read.
 * On a protected lab, ESP is opened with the keys the routers wrote beside the pcaps (`esp_sa`, as Wireshark
 * reads them), so NHRP and data inside ESP are classified as in plain GRE (with `esp` set); ESP without a
 * key is kept as `sealed`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EspKeyring, unwrapFrame } from '../../ipsec/capture.js';
import {
  decodeFrameNhrp,
  decodeGre,
  decodeIpv4,
  GreProto,
  IpProto,
  linkPayload,
  readCapture,
  tryDecode,
  type NhrpPacket,
} from '../../wire/index.js';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US } from '../../wire/pcap/pcap.js';
import { ipv6GreOf } from '../../wire/frame.js';
import { decodeIpv6 } from '../../wire/ipv6.js';
import { routingMessage, type RoutingMessage } from './routing-packets.js';

/** Inner packet of a GRE data frame (IPv4, or IPv6 in GRE protocol 0x86DD). */
export interface InnerIp {
  /** Canonical text (IPv6: RFC 5952, lower case). */
  src: string;
  dst: string;
  /** IPv4 protocol, or the IPv6 fixed header's next header. */
  protocol: number;
  /** ICMP type (8 echo request, 0 echo reply; ICMPv6 128 and 129), id and sequence. */
  icmp?: { type: number; id: number; seq: number };
  /** A routing protocol message (OSPF, EIGRP, BGP, RIP) and its type. */
  routing?: RoutingMessage;
}

/** One classified frame. */
export interface Packet {
  pcap: string;
  frame: number;
  /** Capture time, milliseconds since the epoch (fractional). */
  timeMs: number;
  /** Outer (NBMA) addresses. */
  src: string;
  dst: string;
  kind: 'nhrp' | 'data' | 'sealed';
  nhrp?: NhrpPacket;
  inner?: InnerIp;
  /** The frame was ESP (in UDP 4500 when `udp`): opened with its SA's keys, or `sealed` (no key, or not opening). */
  esp?: { spi: number; udp: boolean };
  /** The GRE key the frame carries (nhrp and data), when it has one. */
  greKey?: number;
}

/** The keys of the `esp_sa` file beside a capture (empty when there is none). */
export function keyringFor(pcap: string): EspKeyring {
  const file = join(dirname(pcap), 'esp_sa');
  return new EspKeyring(existsSync(file) ? readFileSync(file, 'utf8') : '');
}

/** The bytes of a libpcap file up to its last complete record (pcapng and unknown files are returned whole). */
export function completeRecords(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 24) return bytes.subarray(0, 0);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magics = [PCAP_MAGIC_US, PCAP_MAGIC_NS];
  const little = magics.includes(dv.getUint32(0, true));
  if (!little && !magics.includes(dv.getUint32(0, false))) return bytes;
  let pos = 24;
  while (pos + 16 <= bytes.length) {
    const next = pos + 16 + dv.getUint32(pos + 8, little);
    if (next > bytes.length) break;
    pos = next;
  }
  return bytes.subarray(0, pos);
}

function innerOf(payload: Uint8Array): InnerIp | undefined {
  const ip = tryDecode(() => decodeIpv4(payload));
  if (!ip.ok) return undefined;
  const { src, dst, protocol, payload: body } = ip.value;
  const icmp =
    protocol === IpProto.Icmp && body.length >= 8 && ip.value.fragmentOffset === 0
      ? { type: body[0]!, id: (body[4]! << 8) | body[5]!, seq: (body[6]! << 8) | body[7]! }
      : undefined;
  const routing = ip.value.fragmentOffset === 0 ? routingMessage(protocol, body) : undefined;
  return { src, dst, protocol, ...(icmp ? { icmp } : {}), ...(routing ? { routing } : {}) };
}

const ICMPV6 = 58;

/** The inner IPv6 packet: addresses, next header, an ICMPv6 echo's type, id and sequence (no routing messages). */
function inner6Of(payload: Uint8Array): InnerIp | undefined {
  const ip = tryDecode(() => decodeIpv6(payload));
  if (!ip.ok) return undefined;
  const { src, dst, nextHeader: protocol, payload: body } = ip.value;
  const echo = protocol === ICMPV6 && body.length >= 8 && (body[0] === 128 || body[0] === 129);
  const icmp = echo ? { type: body[0]!, id: (body[4]! << 8) | body[5]!, seq: (body[6]! << 8) | body[7]! } : undefined;
  return { src, dst, protocol, ...(icmp ? { icmp } : {}) };
}

/** The NHRP and GRE data frames of one capture file (none when it does not exist yet). */
export function readPackets(pcap: string): Packet[] {
  if (!existsSync(pcap)) return [];
  const cap = tryDecode(() => readCapture(completeRecords(readFileSync(pcap))));
  if (!cap.ok) return [];
  const out: Packet[] = [];
  const keyring = keyringFor(pcap);
  for (const f of cap.value.frames) {
    const timeMs = Number(f.timestampNs / 1000n) / 1000;
    const u = unwrapFrame(f.linkType, f.data, keyring);
    const esp = u.esp ? { esp: { spi: u.esp.spi, udp: u.esp.udp } } : {};
    if (u.esp && !u.esp.opened) {
      const outer = tryDecode(() => {
        const l = linkPayload(f.linkType, f.data);
        return l.etherType === 0x86dd ? decodeIpv6(l.payload) : decodeIpv4(l.payload);
      });
      if (outer.ok)
        out.push({ pcap, frame: f.number, timeMs, src: outer.value.src, dst: outer.value.dst, kind: 'sealed', ...esp });
      continue;
    }
    const data = u.data;
    const n = decodeFrameNhrp(f.linkType, data);
    if (n.kind === 'nhrp') {
      if (n.nhrp.ok)
        out.push({
          pcap,
          frame: f.number,
          timeMs,
          src: n.ip.src,
          dst: n.ip.dst,
          kind: 'nhrp',
          nhrp: n.nhrp.value,
          ...(n.gre.key !== undefined ? { greKey: n.gre.key } : {}),
          ...esp,
        });
      continue;
    }
    if (n.kind !== 'other' || !n.reason.startsWith('GRE protocol')) continue;
    const link = tryDecode(() => linkPayload(f.linkType, data));
    const ip4 = link.ok ? tryDecode(() => decodeIpv4(link.value.payload)) : undefined;
    // the outer header: IPv4, or IPv6 over an IPv6 NBMA
    const v6 = ip4?.ok ? undefined : ipv6GreOf(f.linkType, data);
    const ip = ip4?.ok ? ip4.value : v6?.ok ? v6.ip : undefined;
    const gre = ip ? tryDecode(() => decodeGre(ip.payload)) : undefined;
    if (!ip || !gre?.ok) continue;
    const proto = gre.value.protocolType;
    if (proto !== GreProto.Ipv4 && proto !== GreProto.Ipv6) continue;
    const inner = proto === GreProto.Ipv4 ? innerOf(gre.value.payload) : inner6Of(gre.value.payload);
    out.push({
      pcap,
      frame: f.number,
      timeMs,
      src: ip.src,
      dst: ip.dst,
      kind: 'data',
      ...(inner ? { inner } : {}),
      ...(gre.value.key !== undefined ? { greKey: gre.value.key } : {}),
      ...esp,
    });
  }
  return out;
}

/** The packets of several captures, in time order. */
export function readAllPackets(pcaps: string[]): Packet[] {
  return pcaps.flatMap(readPackets).sort((a, b) => a.timeMs - b.timeMs || a.frame - b.frame);
}
