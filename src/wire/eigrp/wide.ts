/**
 * Multiprotocol wide-metric route TLVs (RFC 7868 TLV 2.0: 0x0602 internal, 0x0603 external), which
 * IOS named mode sends for both families: the family identifier picks the next hop's size (4 bytes
 * IPv4, 16 IPv6) and how destinations read. Another family is left to the caller (kept raw).
 * Decoders read the value b[start, end).
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, writeAddr } from '../nhrp/addr.js';
import {
  decodeDestinations,
  decodeExternal,
  destinationsLength,
  encodeDestinations,
  encodeExternal,
} from './routes.js';
import { decodeDestinations6, encodeDestinations6 } from './routes6.js';
import { Afi, type EigrpTlv, type WideMetric } from './types.js';

type WideTlv = Extract<EigrpTlv, { type: 'wideInternal' | 'wideExternal' }>;

const u16 = (b: Uint8Array, p: number): number => (b[p] << 8) | b[p + 1];
const u24 = (b: Uint8Array, p: number): number => (b[p] << 16) | (b[p + 1] << 8) | b[p + 2];
const u32 = (b: Uint8Array, p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
const u48 = (b: Uint8Array, p: number): number => u16(b, p) * 0x1_0000_0000 + u32(b, p + 2);
const u48ok = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff_ffff;

/** Bytes of the next hop for a family identifier; undefined for a family we do not read. */
function nextHopLength(afi: number): number | undefined {
  return afi === Afi.Ipv4 ? 4 : afi === Afi.Ipv6 ? 16 : undefined;
}

function need(at: number, have: number, want: number, what: string): void {
  if (have < want) throw new DecodeError('TRUNCATED', at, `EIGRP ${what}: need ${want} bytes, ${have} left`);
}

function address(w: Writer, a: string, size: number, what: string): void {
  const at = w.alloc(size);
  if (writeAddr(a, w.buffer, at) !== size) {
    throw new RangeError(`EIGRP ${what} must be an ${size === 4 ? 'IPv4' : 'IPv6'} address, found '${a}'`);
  }
}

/*
 * RFC 7868 multiprotocol route: INTERNAL_TYPE (0x0602), EXTERNAL_TYPE (0x0603)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        0x0602 / 0x0603        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Topology Identifier       | Family Identifier (1 / 2 = v6)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Router ID (originator)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Offset     |   Priority    |  Reliability  |     Load      |  wide metric (24 bytes);
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  Offset = 16-bit words of
 * |                     MTU                       |   Hop Count   |  extended attributes after it
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Delay (48 bits)                       |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                       Bandwidth (48 bits)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved            |             Flags             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Extended metric attributes (Offset × 2 bytes)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Next Hop (4 bytes IPv4, 16 bytes IPv6; zero = the sender)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    External data, 20 bytes (0x0603 only)                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Destinations (prefix length + ceil(length / 8) prefix bytes, |
 * |  IPv4 or IPv6 by the family), to the end                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Returns null for a family other than IPv4 and IPv6 (the caller keeps that TLV raw).
 */
export function decodeWideRoute(b: Uint8Array, start: number, end: number, external: boolean): WideTlv | null {
  const what = external ? 'wide External route' : 'wide Internal route';
  need(start, end - start, 4, `${what} family`);
  const afi = u16(b, start + 2);
  const hop = nextHopLength(afi);
  if (hop === undefined) return null;
  need(start, end - start, 28 + hop, what);
  const m = start + 8;
  const attrLen = b[m] * 2;
  const after = m + 24 + attrLen;
  const fixed = after - start + hop + (external ? 20 : 0);
  need(start, end - start, fixed, `${what} with ${attrLen} bytes of metric attributes`);
  const metric: WideMetric = {
    priority: b[m + 1],
    reliability: b[m + 2],
    load: b[m + 3],
    mtu: u24(b, m + 4),
    hopCount: b[m + 7],
    delay: u48(b, m + 8),
    bandwidth: u48(b, m + 14),
    reserved: u16(b, m + 20),
    flags: u16(b, m + 22),
    attributes: b.subarray(m + 24, after),
  };
  const topology = u16(b, start);
  const routerId = addrFromBytes(b, start + 4, 4);
  const nextHop = addrFromBytes(b, after, hop);
  const destinations =
    afi === Afi.Ipv4 ? decodeDestinations(b, start + fixed, end) : decodeDestinations6(b, start + fixed, end);
  if (!external) return { type: 'wideInternal', topology, afi, routerId, metric, nextHop, destinations };
  const ext = decodeExternal(b, after + hop);
  return { type: 'wideExternal', topology, afi, routerId, metric, nextHop, external: ext, destinations };
}

export function wideRouteLength(t: WideTlv): number {
  const hop = nextHopLength(t.afi) ?? 4;
  return (
    32 + hop + t.metric.attributes.length + (t.type === 'wideExternal' ? 20 : 0) + destinationsLength(t.destinations)
  );
}

export function encodeWideRoute(w: Writer, t: WideTlv): void {
  const m = t.metric;
  const hop = nextHopLength(t.afi);
  if (hop === undefined) {
    throw new RangeError(`EIGRP wide route: family 1 (IPv4) or 2 (IPv6) is encoded, found ${t.afi}`);
  }
  if (m.attributes.length % 2 !== 0 || m.attributes.length > 510) {
    const n = m.attributes.length;
    throw new RangeError(`EIGRP wide metric attributes must be an even number of bytes up to 510, found ${n}`);
  }
  if (!u48ok(m.delay) || !u48ok(m.bandwidth)) {
    throw new RangeError('EIGRP wide metric delay and bandwidth are 48-bit unsigned');
  }
  w.u16(t.topology).u16(t.afi);
  address(w, t.routerId, 4, 'router ID');
  w.u8(m.attributes.length >> 1)
    .u8(m.priority)
    .u8(m.reliability)
    .u8(m.load);
  w.u8(m.mtu >>> 16)
    .u16(m.mtu & 0xffff)
    .u8(m.hopCount);
  w.u16(Math.floor(m.delay / 0x1_0000_0000)).u32(m.delay % 0x1_0000_0000);
  w.u16(Math.floor(m.bandwidth / 0x1_0000_0000)).u32(m.bandwidth % 0x1_0000_0000);
  w.u16(m.reserved).u16(m.flags).bytes(m.attributes);
  address(w, t.nextHop, hop, 'next hop');
  if (t.type === 'wideExternal') encodeExternal(w, t.external);
  if (t.afi === Afi.Ipv4) encodeDestinations(w, t.destinations);
  else encodeDestinations6(w, t.destinations);
}
