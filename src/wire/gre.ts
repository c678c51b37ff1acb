/** GRE (RFC 2784) with the key and sequence number fields of RFC 2890: decode, encode, checksum check. */
import { internetChecksum, onesSum } from './checksum.js';
import { Reader, Writer } from './cursor.js';
import { DecodeError } from './errors.js';

/** GRE protocol types DMVPN uses. */
export const GreProto = { Ipv4: 0x0800, Ipv6: 0x86dd, Nhrp: 0x2001 } as const;

const C = 0x8000;
const R = 0x4000;
const K = 0x2000;
const S = 0x1000;
const VER = 0x0007;
/** Bits of the first word that are neither C, K, S nor the version: RFC 1701 R, s, Recur and flags. */
const RESERVED0 = 0x4ff8;

/** One GRE packet. `key` and `sequence` are present exactly when their bits are set. */
export interface GrePacket {
  protocolType: number;
  /** C bit: a checksum (and Reserved1) field is present; encode computes the checksum. */
  checksumPresent: boolean;
  /** The checksum as received (0 when absent). */
  checksum: number;
  /** Reserved1, after the checksum (0 when absent). */
  reserved1: number;
  /** Reserved0 bits kept for exact re-encoding (normally 0). */
  reserved0: number;
  key?: number;
  sequence?: number;
  payload: Uint8Array;
}

/*
 * RFC 2784 section 2, with RFC 2890 section 2 key and sequence fields
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C| |K|S| Reserved0       | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (optional)      |       Reserved1 (Optional)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Key (optional)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sequence Number (Optional)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Decodes a GRE packet (the IP payload); the rest of `bytes` is the payload. Throws only DecodeError. */
export function decodeGre(bytes: Uint8Array): GrePacket {
  const r = new Reader(bytes);
  const first = r.u16('GRE flags');
  const protocolType = r.u16('GRE protocol type');
  if ((first & VER) !== 0) throw new DecodeError('BAD_VERSION', 1, `GRE version: expected 0, found ${first & VER}`);
  if (first & R) throw new DecodeError('UNSUPPORTED', 0, 'GRE routing present bit (RFC 1701) is not supported');
  const g: GrePacket = {
    protocolType,
    checksumPresent: (first & C) !== 0,
    checksum: 0,
    reserved1: 0,
    reserved0: first & RESERVED0,
    payload: bytes,
  };
  if (g.checksumPresent) {
    g.checksum = r.u16('GRE checksum');
    g.reserved1 = r.u16('GRE reserved1');
  }
  if (first & K) g.key = r.u32('GRE key');
  if (first & S) g.sequence = r.u32('GRE sequence number');
  g.payload = r.bytes(r.remaining);
  return g;
}

/** Bytes of the GRE header for this packet (4 to 16). */
export function greHeaderLength(g: GrePacket): number {
  return 4 + (g.checksumPresent ? 4 : 0) + (g.key !== undefined ? 4 : 0) + (g.sequence !== undefined ? 4 : 0);
}

/** Encodes a GRE packet; computes the checksum over header and payload when `checksumPresent`. */
export function encodeGre(g: GrePacket): Uint8Array {
  const w = new Writer(greHeaderLength(g) + g.payload.length);
  const first =
    (g.checksumPresent ? C : 0) |
    (g.key !== undefined ? K : 0) |
    (g.sequence !== undefined ? S : 0) |
    (g.reserved0 & RESERVED0 & ~R);
  w.u16(first).u16(g.protocolType);
  if (g.checksumPresent) w.u16(0).u16(g.reserved1);
  if (g.key !== undefined) w.u32(g.key);
  if (g.sequence !== undefined) w.u32(g.sequence);
  w.bytes(g.payload);
  const out = w.finish();
  if (g.checksumPresent) w.patchU16(4, internetChecksum(out));
  return out;
}

/** True when the GRE packet has no checksum, or its checksum over the whole GRE packet is correct. */
export function greChecksumOk(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  if ((bytes[0] & 0x80) === 0) return true;
  return bytes.length >= 8 && onesSum(bytes) === 0xffff;
}
