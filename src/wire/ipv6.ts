/**
 * The IPv6 fixed header (RFC 8200), the outer header of GRE over an IPv6 NBMA: decoded for the captures,
 * encoded for tunnel mode over IPv6 and for tests (traffic class and flow label 0). Extension headers are not walked: `nextHeader` is the fixed header's, so a
 * fragment (44) or any other extension header shows as that number.
 */
import { Reader } from './cursor.js';
import { DecodeError } from './errors.js';
import { addrFromBytes, addrToBytes } from './nhrp/addr.js';

/** A decoded IPv6 packet (fixed header and payload). */
export interface Ipv6Packet {
  trafficClass: number;
  flowLabel: number;
  /** Payload length as received. */
  payloadLength: number;
  nextHeader: number;
  hopLimit: number;
  /** Canonical (RFC 5952) text. */
  src: string;
  dst: string;
  payload: Uint8Array;
}

/*
 * RFC 8200 section 3
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address (128 bits)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Destination Address (128 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Decodes an IPv6 packet; bytes after the payload length (link padding) are ignored. Throws only DecodeError. */
export function decodeIpv6(bytes: Uint8Array): Ipv6Packet {
  new Reader(bytes).need(40, 'IPv6 header');
  const b = bytes;
  const version = b[0] >> 4;
  if (version !== 6) throw new DecodeError('BAD_VERSION', 0, `IPv6 version: expected 6, found ${version}`);
  const payloadLength = (b[4] << 8) | b[5];
  if (40 + payloadLength > b.length)
    throw new DecodeError('TRUNCATED', 4, `IPv6 payload length ${payloadLength}, only ${b.length - 40} bytes present`);
  return {
    trafficClass: ((b[0] & 0x0f) << 4) | (b[1] >> 4),
    flowLabel: ((b[1] & 0x0f) << 16) | (b[2] << 8) | b[3],
    payloadLength,
    nextHeader: b[6],
    hopLimit: b[7],
    src: addrFromBytes(b, 8, 16),
    dst: addrFromBytes(b, 24, 16),
    payload: b.subarray(40, 40 + payloadLength),
  };
}

/** `payload` behind a fixed IPv6 header from `src` to `dst` (traffic class and flow label 0). */
export function encodeIpv6(
  src: string,
  dst: string,
  nextHeader: number,
  hopLimit: number,
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(40 + payload.length);
  out[0] = 0x60;
  out[4] = payload.length >> 8;
  out[5] = payload.length & 0xff;
  out[6] = nextHeader;
  out[7] = hopLimit;
  out.set(addrToBytes(src), 8);
  out.set(addrToBytes(dst), 24);
  out.set(payload, 40);
  return out;
}
