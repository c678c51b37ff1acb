/**
 * IPv6 route TLVs of EIGRP for IPv6 (Cisco's classic TLV 1.2 format, RFC 7868 Appendix C:
 * 0x0402 internal, 0x0403 external): a 16-byte next hop, the same scaled 16-byte metric and 20-byte
 * external block as the IPv4 TLVs, then IPv6 destinations. Decoders read the value b[start, end).
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, writeAddr } from '../nhrp/addr.js';
import { decodeClassicMetric, decodeExternal, encodeClassicMetric, encodeExternal } from './routes.js';
import type { Destination, EigrpTlv } from './types.js';

type Tlv6 = Extract<EigrpTlv, { type: 'ipv6Internal' | 'ipv6External' }>;

function need(at: number, have: number, want: number, what: string): void {
  if (have < want) throw new DecodeError('TRUNCATED', at, `EIGRP ${what}: need ${want} bytes, ${have} left`);
}

const scratch = new Uint8Array(16);

function ipv6(w: Writer, a: string, what: string): void {
  const at = w.alloc(16);
  if (writeAddr(a, w.buffer, at) !== 16) throw new RangeError(`EIGRP ${what} must be an IPv6 address, found '${a}'`);
}

/*
 * IPv6 destination, repeated to the end of the TLV (as Wireshark reads it)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Prefix Length |  Destination: ceil(Prefix Length / 8) bytes   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * (/64 takes 8 bytes, /128 sixteen, ::/0 none.)
 */
export function decodeDestinations6(b: Uint8Array, start: number, end: number): Destination[] {
  const out: Destination[] = [];
  let p = start;
  while (p < end) {
    const prefixLength = b[p];
    if (prefixLength > 128) {
      throw new DecodeError('BAD_VALUE', p, `EIGRP IPv6 destination: prefix length ${prefixLength} is over 128`);
    }
    const n = (prefixLength + 7) >> 3;
    need(p + 1, end - p - 1, n, `IPv6 destination /${prefixLength}`);
    const a = new Uint8Array(16);
    a.set(b.subarray(p + 1, p + 1 + n));
    out.push({ prefixLength, prefix: addrFromBytes(a, 0, 16) });
    p += 1 + n;
  }
  return out;
}

export function encodeDestinations6(w: Writer, ds: Destination[]): void {
  for (const d of ds) {
    if (!(d.prefixLength >= 0 && d.prefixLength <= 128)) {
      throw new RangeError(`EIGRP IPv6 prefix length ${d.prefixLength} is not 0-128`);
    }
    if (writeAddr(d.prefix, scratch, 0) !== 16) {
      throw new RangeError(`EIGRP IPv6 destination must be an IPv6 address, found '${d.prefix}'`);
    }
    w.u8(d.prefixLength).bytes(scratch.subarray(0, (d.prefixLength + 7) >> 3));
  }
}

/*
 * IPv6 INTERNAL_TYPE (0x0402) and EXTERNAL_TYPE (0x0403)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        0x0402 / 0x0403        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Next Hop Address (16 bytes; :: = the sender)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    External data, 20 bytes (0x0403 only, as in 0x0103)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Scaled delay, bandwidth, MTU, hop count, reliability, load,  |
 * |  route tag, flags (16 bytes, as in 0x0102)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Destinations (prefix length + prefix bytes), to the end      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export function decodeClassicRoute6(b: Uint8Array, start: number, end: number, external: boolean): Tlv6 {
  const fixed = 16 + (external ? 20 : 0) + 16;
  need(start, end - start, fixed, external ? 'IPv6 External route' : 'IPv6 Internal route');
  const nextHop = addrFromBytes(b, start, 16);
  const metric = decodeClassicMetric(b, start + fixed - 16);
  const destinations = decodeDestinations6(b, start + fixed, end);
  if (!external) return { type: 'ipv6Internal', nextHop, metric, destinations };
  return { type: 'ipv6External', nextHop, external: decodeExternal(b, start + 16), metric, destinations };
}

export function classicRoute6Length(t: Tlv6): number {
  let n = 32 + (t.type === 'ipv6External' ? 20 : 0);
  for (const d of t.destinations) n += 1 + ((d.prefixLength + 7) >> 3);
  return n;
}

export function encodeClassicRoute6(w: Writer, t: Tlv6): void {
  ipv6(w, t.nextHop, 'IPv6 next hop');
  if (t.type === 'ipv6External') encodeExternal(w, t.external);
  encodeClassicMetric(w, t.metric);
  encodeDestinations6(w, t.destinations);
}
