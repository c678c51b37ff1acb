/** The Authentication TLV (RFC 7868 AUTHENTICATION_TYPE): decode, encode, and where its digest sits in a packet. */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { TlvType, type EigrpTlv } from './types.js';

type AuthTlv = Extract<EigrpTlv, { type: 'authentication' }>;

/** Bytes of the Authentication TLV value before the digest: type, length, key ID, key sequence, null pad. */
export const AUTH_FIXED_LENGTH = 20;

/*
 * RFC 7868 AUTHENTICATION_TYPE (0x0002); Cisco MD5 (type 2, 16-byte digest, TLV length 40) and
 * HMAC-SHA-256 (type 3, 32-byte digest, TLV length 56)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            0x0002             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Auth Type             |         Auth Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Key ID                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Key Sequence                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Null Pad (8 bytes, zero)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Digest (Auth Length bytes)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * The digest is whatever follows the null pad up to the TLV's end; an Auth Length that disagrees is kept.
 */
export function decodeAuthentication(b: Uint8Array, at: number, start: number, end: number): AuthTlv {
  if (end - start < AUTH_FIXED_LENGTH) {
    const len = end - start + 4;
    throw new DecodeError('BAD_LENGTH', at + 2, `EIGRP Authentication TLV: need at least 24 bytes, length says ${len}`);
  }
  const p = start;
  const authLength = (b[p + 2] << 8) | b[p + 3];
  const digest = b.subarray(p + AUTH_FIXED_LENGTH, end);
  const t: AuthTlv = {
    type: 'authentication',
    authType: (b[p] << 8) | b[p + 1],
    keyId: ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0,
    keySequence: ((b[p + 8] << 24) | (b[p + 9] << 16) | (b[p + 10] << 8) | b[p + 11]) >>> 0,
    nullPad: b.subarray(p + 12, p + 20),
    digest,
  };
  if (authLength !== digest.length) t.authLength = authLength;
  return t;
}

export function authenticationValueLength(t: AuthTlv): number {
  return AUTH_FIXED_LENGTH + t.digest.length;
}

export function encodeAuthentication(w: Writer, t: AuthTlv): void {
  if (t.nullPad.length !== 8) {
    throw new RangeError(`EIGRP Authentication null pad must be 8 bytes, found ${t.nullPad.length}`);
  }
  w.u16(t.authType)
    .u16(t.authLength ?? t.digest.length)
    .u32(t.keyId)
    .u32(t.keySequence);
  w.bytes(t.nullPad).bytes(t.digest);
}

/** Where the first Authentication TLV's digest lies in an encoded packet, or null when it has none. */
export function findDigest(packet: Uint8Array): { tlvAt: number; digestAt: number; digestEnd: number } | null {
  let p = 20;
  while (p + 4 <= packet.length) {
    const type = (packet[p] << 8) | packet[p + 1];
    const len = (packet[p + 2] << 8) | packet[p + 3];
    if (len < 4 || p + len > packet.length) return null;
    if (type === TlvType.Authentication && len >= 4 + AUTH_FIXED_LENGTH) {
      return { tlvAt: p, digestAt: p + 4 + AUTH_FIXED_LENGTH, digestEnd: p + len };
    }
    p += len;
  }
  return null;
}
