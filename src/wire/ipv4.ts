/** IPv4 header (RFC 791): decode with options and total length, encode with the header checksum. */
import { internetChecksum, onesSum } from './checksum.js';
import { Reader, Writer } from './cursor.js';
import { DecodeError } from './errors.js';
import { addrFromBytes, writeAddr } from './nhrp/addr.js';

/** IP protocol numbers the lab sees. */
export const IpProto = { Icmp: 1, Tcp: 6, Udp: 17, Gre: 47, Esp: 50, Eigrp: 88 } as const;

/** One IPv4 packet: header fields and the payload (total length bounds it; link padding is dropped). */
export interface Ipv4Packet {
  /** Type of service byte (DSCP << 2 | ECN). */
  tos: number;
  /** Total length as received (encode recomputes it). */
  totalLength: number;
  id: number;
  /** The three flag bits (0b010 = DF, 0b001 = MF). */
  flags: number;
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  /** Header checksum as received (encode recomputes it). */
  checksum: number;
  src: string;
  dst: string;
  /** Options and padding, a multiple of 4 bytes. */
  options: Uint8Array;
  payload: Uint8Array;
}

/*
 * RFC 791 section 3.1
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Decodes an IPv4 packet; bytes after the total length (link padding) are ignored. Throws only DecodeError. */
export function decodeIpv4(bytes: Uint8Array): Ipv4Packet {
  const r = new Reader(bytes);
  r.need(20, 'IPv4 header');
  const b = bytes;
  const version = b[0] >> 4;
  const ihl = (b[0] & 0x0f) * 4;
  const totalLength = (b[2] << 8) | b[3];
  if (version !== 4) throw new DecodeError('BAD_VERSION', 0, `IPv4 version: expected 4, found ${version}`);
  if (ihl < 20) throw new DecodeError('BAD_LENGTH', 0, `IPv4 header length: expected at least 20, found ${ihl}`);
  if (totalLength < ihl)
    throw new DecodeError('BAD_LENGTH', 2, `IPv4 total length ${totalLength} is shorter than the header (${ihl})`);
  if (totalLength > b.length)
    throw new DecodeError('TRUNCATED', 2, `IPv4 total length ${totalLength}, only ${b.length} bytes present`);
  return {
    tos: b[1],
    totalLength,
    id: (b[4] << 8) | b[5],
    flags: b[6] >> 5,
    fragmentOffset: ((b[6] & 0x1f) << 8) | b[7],
    ttl: b[8],
    protocol: b[9],
    checksum: (b[10] << 8) | b[11],
    src: addrFromBytes(b, 12, 4),
    dst: addrFromBytes(b, 16, 4),
    options: b.subarray(20, ihl),
    payload: b.subarray(ihl, totalLength),
  };
}

/** True when the header checksum of the IPv4 packet in `bytes` is correct. */
export function ipv4ChecksumOk(bytes: Uint8Array): boolean {
  if (bytes.length < 20) return false;
  const ihl = (bytes[0] & 0x0f) * 4;
  return ihl >= 20 && ihl <= bytes.length && onesSum(bytes, 0, ihl) === 0xffff;
}

/** Source and destination of the IPv4 packet whose header starts `head`, or undefined when it is too short or not IPv4. */
export function ipv4Endpoints(head: Uint8Array): { src: string; dst: string } | undefined {
  if (head.length < 20 || head[0] >> 4 !== 4) return undefined;
  return { src: addrFromBytes(head, 12, 4), dst: addrFromBytes(head, 16, 4) };
}

/** Encodes header and payload; computes IHL, total length and the header checksum. Throws RangeError on bad fields. */
export function encodeIpv4(p: Ipv4Packet): Uint8Array {
  if (p.options.length % 4 !== 0 || p.options.length > 40) {
    throw new RangeError(`IPv4 options must be a multiple of 4 bytes up to 40, found ${p.options.length}`);
  }
  const ihl = 20 + p.options.length;
  const total = ihl + p.payload.length;
  if (total > 0xffff) throw new RangeError(`IPv4 packet of ${total} bytes exceeds 65535`);
  const w = new Writer(total);
  w.u8(0x40 | (ihl >> 2))
    .u8(p.tos)
    .u16(total)
    .u16(p.id);
  w.u16(((p.flags & 7) << 13) | (p.fragmentOffset & 0x1fff))
    .u8(p.ttl)
    .u8(p.protocol)
    .u16(0);
  const at = w.alloc(8);
  if (writeAddr(p.src, w.buffer, at) !== 4 || writeAddr(p.dst, w.buffer, at + 4) !== 4) {
    throw new RangeError(`IPv4 addresses must be dotted quads, found '${p.src}' and '${p.dst}'`);
  }
  w.bytes(p.options).bytes(p.payload);
  const out = w.finish();
  w.patchU16(10, internetChecksum(out, 0, ihl));
  return out;
}

/** An IPv4 packet with common defaults (TTL 255, DF clear, no options), for builders and tests. */
export function makeIpv4(fields: Partial<Ipv4Packet> & Pick<Ipv4Packet, 'src' | 'dst' | 'protocol'>): Ipv4Packet {
  return {
    tos: 0,
    totalLength: 0,
    id: 0,
    flags: 0,
    fragmentOffset: 0,
    ttl: 255,
    checksum: 0,
    options: new Uint8Array(0),
    payload: new Uint8Array(0),
    ...fields,
  };
}
