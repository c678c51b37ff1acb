/**
 * IPv4 route TLVs: classic (TLV 1.2: 0x0102 internal, 0x0103 external, scaled 32-bit metric). Shared
 * parts: destinations, the external data block, the classic metric (the wide-metric TLVs of both
 * families are in wide.ts). Decoders read the value b[start, end) of a TLV at `at`.
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, writeAddr } from '../nhrp/addr.js';
import type { ClassicMetric, Destination, EigrpTlv, ExternalData } from './types.js';

type Tlv<T extends EigrpTlv['type']> = Extract<EigrpTlv, { type: T }>;

const u16 = (b: Uint8Array, p: number): number => (b[p] << 8) | b[p + 1];
const u24 = (b: Uint8Array, p: number): number => (b[p] << 16) | (b[p + 1] << 8) | b[p + 2];
const u32 = (b: Uint8Array, p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;

function need(at: number, have: number, want: number, what: string): void {
  if (have < want) throw new DecodeError('TRUNCATED', at, `EIGRP ${what}: need ${want} bytes, ${have} left`);
}

function ipv4(w: Writer, a: string, what: string): void {
  const at = w.alloc(4);
  if (writeAddr(a, w.buffer, at) !== 4) throw new RangeError(`EIGRP ${what} must be a dotted quad, found '${a}'`);
}

/*
 * RFC 7868 destination encoding (IPv4), repeated to the end of a route TLV
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Prefix Length |  Destination: ceil(Prefix Length / 8) bytes   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * (/24 takes 3 bytes, /32 four, /0 none.)
 */
export function decodeDestinations(b: Uint8Array, start: number, end: number): Destination[] {
  const out: Destination[] = [];
  let p = start;
  while (p < end) {
    const prefixLength = b[p];
    if (prefixLength > 32) {
      throw new DecodeError('BAD_VALUE', p, `EIGRP IPv4 destination: prefix length ${prefixLength} is over 32`);
    }
    const n = (prefixLength + 7) >> 3;
    need(p + 1, end - p - 1, n, `destination /${prefixLength}`);
    const a = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) a[i] = b[p + 1 + i];
    out.push({ prefixLength, prefix: `${a[0]}.${a[1]}.${a[2]}.${a[3]}` });
    p += 1 + n;
  }
  return out;
}

export function destinationsLength(ds: Destination[]): number {
  let n = 0;
  for (const d of ds) n += 1 + ((d.prefixLength + 7) >> 3);
  return n;
}

const scratch = new Uint8Array(4);

export function encodeDestinations(w: Writer, ds: Destination[]): void {
  const tmp = scratch;
  for (const d of ds) {
    if (!(d.prefixLength >= 0 && d.prefixLength <= 32)) {
      throw new RangeError(`EIGRP prefix length ${d.prefixLength} is not 0-32`);
    }
    if (writeAddr(d.prefix, tmp, 0) !== 4) {
      throw new RangeError(`EIGRP destination must be a dotted quad, found '${d.prefix}'`);
    }
    w.u8(d.prefixLength).bytes(tmp.subarray(0, (d.prefixLength + 7) >> 3));
  }
}

/*
 * RFC 7868 exterior encoding: external route data, 20 bytes
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Originating Router (Router ID)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Originating Autonomous System Number              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Arbitrary (admin) Tag                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                External Protocol Metric                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Reserved             | Ext. Proto ID | Ext. Flags    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export function decodeExternal(b: Uint8Array, p: number): ExternalData {
  return {
    originatingRouter: addrFromBytes(b, p, 4),
    originatingAs: u32(b, p + 4),
    adminTag: u32(b, p + 8),
    externalMetric: u32(b, p + 12),
    reserved: u16(b, p + 16),
    protocol: b[p + 18],
    flags: b[p + 19],
  };
}

export function encodeExternal(w: Writer, e: ExternalData): void {
  ipv4(w, e.originatingRouter, 'originating router');
  w.u32(e.originatingAs).u32(e.adminTag).u32(e.externalMetric).u16(e.reserved).u8(e.protocol).u8(e.flags);
}

/*
 * RFC 7868 classic IPv4 INTERNAL_TYPE (0x0102) and EXTERNAL_TYPE (0x0103)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        0x0102 / 0x0103        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Next Hop Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    External data, 20 bytes (0x0103 only, see above)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       (Scaled) Delay                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     (Scaled) Bandwidth                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  MTU                          |   Hop Count   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Reliability  |     Load      |   Route Tag   |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Destinations (prefix length + prefix bytes), to the end      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export function decodeClassicRoute(
  b: Uint8Array,
  start: number,
  end: number,
  external: boolean,
): Tlv<'ipv4Internal' | 'ipv4External'> {
  const fixed = 4 + (external ? 20 : 0) + 16;
  need(start, end - start, fixed, external ? 'IPv4 External route' : 'IPv4 Internal route');
  const nextHop = addrFromBytes(b, start, 4);
  const metric = decodeClassicMetric(b, start + fixed - 16);
  const destinations = decodeDestinations(b, start + fixed, end);
  if (!external) return { type: 'ipv4Internal', nextHop, metric, destinations };
  return { type: 'ipv4External', nextHop, external: decodeExternal(b, start + 4), metric, destinations };
}

export function classicRouteLength(t: Tlv<'ipv4Internal' | 'ipv4External'>): number {
  return 20 + (t.type === 'ipv4External' ? 20 : 0) + destinationsLength(t.destinations);
}

export function encodeClassicRoute(w: Writer, t: Tlv<'ipv4Internal' | 'ipv4External'>): void {
  ipv4(w, t.nextHop, 'next hop');
  if (t.type === 'ipv4External') encodeExternal(w, t.external);
  encodeClassicMetric(w, t.metric);
  encodeDestinations(w, t.destinations);
}

/** The 16-byte scaled metric of the classic route TLVs (IPv4 and IPv6) at `m`. */
export function decodeClassicMetric(b: Uint8Array, m: number): ClassicMetric {
  return {
    delay: u32(b, m),
    bandwidth: u32(b, m + 4),
    mtu: u24(b, m + 8),
    hopCount: b[m + 11],
    reliability: b[m + 12],
    load: b[m + 13],
    routeTag: b[m + 14],
    flags: b[m + 15],
  };
}

/** Writes the 16-byte scaled metric of the classic route TLVs. */
export function encodeClassicMetric(w: Writer, m: ClassicMetric): void {
  w.u32(m.delay)
    .u32(m.bandwidth)
    .u8(m.mtu >>> 16)
    .u16(m.mtu & 0xffff)
    .u8(m.hopCount);
  w.u8(m.reliability).u8(m.load).u8(m.routeTag).u8(m.flags);
}
