/** UDP (RFC 768) over IPv4: decode, encode with the pseudo-header checksum, checksum check. */
import { onesSum } from './checksum.js';
import { Writer } from './cursor.js';
import { DecodeError } from './errors.js';
import { writeAddr } from './nhrp/addr.js';

/** UDP ports IPsec uses: IKE (500) and NAT traversal (4500, RFC 3948). */
export const UdpPort = { Ike: 500, IkeNatT: 4500 } as const;

/** One UDP datagram. */
export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  /** Length field as received (encode recomputes it). */
  length: number;
  /** Checksum as received; 0 means none (IPv4). */
  checksum: number;
  payload: Uint8Array;
}

/*
 * RFC 768
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 */
/** Decodes a UDP datagram (the IP payload); bytes past Length are ignored. Throws only DecodeError. */
export function decodeUdp(b: Uint8Array): UdpDatagram {
  if (b.length < 8) throw new DecodeError('TRUNCATED', 0, `UDP header: need 8 bytes, ${b.length} left`);
  const length = (b[4] << 8) | b[5];
  if (length < 8) throw new DecodeError('BAD_LENGTH', 4, `UDP length: expected at least 8, found ${length}`);
  if (length > b.length) throw new DecodeError('TRUNCATED', 4, `UDP length ${length}, only ${b.length} bytes present`);
  return {
    srcPort: (b[0] << 8) | b[1],
    dstPort: (b[2] << 8) | b[3],
    length,
    checksum: (b[6] << 8) | b[7],
    payload: b.subarray(8, length),
  };
}

function pseudoSum(src: string, dst: string, length: number): number {
  const ph = new Uint8Array(12);
  if (writeAddr(src, ph, 0) !== 4 || writeAddr(dst, ph, 4) !== 4) {
    throw new RangeError(`UDP over IPv4 needs dotted-quad addresses, found '${src}' and '${dst}'`);
  }
  ph[9] = 17;
  ph[10] = length >> 8;
  ph[11] = length & 0xff;
  return onesSum(ph);
}

/** Encodes a datagram between two IPv4 addresses, with Length and the checksum (0 sent as 0xffff) computed. */
export function encodeUdp(
  d: Pick<UdpDatagram, 'srcPort' | 'dstPort' | 'payload'>,
  src: string,
  dst: string,
): Uint8Array {
  const length = 8 + d.payload.length;
  if (length > 0xffff) throw new RangeError(`UDP datagram of ${length} bytes exceeds 65535`);
  const w = new Writer(length);
  w.u16(d.srcPort).u16(d.dstPort).u16(length).u16(0).bytes(d.payload);
  const out = w.finish();
  const sum = ~onesSum(out, 0, length, pseudoSum(src, dst, length)) & 0xffff;
  w.patchU16(6, sum === 0 ? 0xffff : sum);
  return out;
}

/** True when the datagram carries no checksum (0) or its checksum over the IPv4 pseudo-header is correct. */
export function udpChecksumOk(b: Uint8Array, src: string, dst: string): boolean {
  if (b.length < 8) return false;
  if (b[6] === 0 && b[7] === 0) return true;
  const length = (b[4] << 8) | b[5];
  if (length < 8 || length > b.length) return false;
  return onesSum(b, 0, length, pseudoSum(src, dst, length)) === 0xffff;
}
