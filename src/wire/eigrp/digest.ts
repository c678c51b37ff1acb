/**
 * EIGRP authentication digests as IOS computes them (pure helpers on encoded packets, node:crypto).
 *
 * HMAC-SHA-256 (named mode, `authentication mode hmac-sha-256 PASSWORD`): the HMAC key is a newline,
 * the password and the sender's IP address in text ("\nSECRET_KEY192.168.12.1"); the message is the
 * whole EIGRP packet with its checksum and digest fields zeroed. Verified against every authenticated
 * packet of the reference capture eigrp-sha-authentication.pcapng.
 *
 * MD5 (`ip authentication mode eigrp AS md5`, key chain): the message is the packet up to the digest
 * (checksum zeroed), then the key string zero-padded to at least 16 bytes in place of the digest, then
 * the rest of the packet; IOS hashes that message less its last 20 bytes (so an Init Update, 60 bytes,
 * hashes no key at all, and a Hello hashes only the header, the Authentication TLV and the key). This
 * is the behaviour John the Ripper's EIGRP format and FRR's eigrpd reproduce from IOS captures; the
 * tests check it against their published IOS vectors.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { internetChecksum } from '../checksum.js';
import { findDigest } from './auth.js';

/** How to authenticate: MD5 with a key-chain key string, or HMAC-SHA-256 with a password and source address. */
export type EigrpAuthKey = { mode: 'md5'; key: string } | { mode: 'sha256'; password: string; source: string };

function digestPlace(packet: Uint8Array): { digestAt: number; digestEnd: number } {
  const d = findDigest(packet);
  if (!d) throw new RangeError('EIGRP packet has no Authentication TLV to sign or verify');
  return d;
}

/** The packet with checksum and digest bytes zeroed (a copy). */
function zeroed(packet: Uint8Array, digestAt: number, digestEnd: number): Uint8Array {
  const z = packet.slice();
  z[2] = 0;
  z[3] = 0;
  z.fill(0, digestAt, digestEnd);
  return z;
}

/** IOS HMAC-SHA-256 digest (32 bytes) of an encoded packet carrying an Authentication TLV. */
export function eigrpSha256Digest(packet: Uint8Array, password: string, source: string): Uint8Array {
  const { digestAt, digestEnd } = digestPlace(packet);
  const mac = createHmac('sha256', Buffer.from(`\n${password}${source}`, 'utf8'));
  return new Uint8Array(mac.update(zeroed(packet, digestAt, digestEnd)).digest());
}

/** IOS MD5 digest (16 bytes) of an encoded packet carrying an Authentication TLV. */
export function eigrpMd5Digest(packet: Uint8Array, key: string): Uint8Array {
  const { digestAt, digestEnd } = digestPlace(packet);
  const keyBytes = Buffer.from(key, 'utf8');
  const padded = new Uint8Array(Math.max(16, keyBytes.length));
  padded.set(keyBytes);
  const z = zeroed(packet, digestAt, digestEnd);
  const message = Buffer.concat([z.subarray(0, digestAt), padded, z.subarray(digestEnd)]);
  const hashed = message.subarray(0, Math.max(0, message.length - 20));
  return new Uint8Array(createHash('md5').update(hashed).digest());
}

/** The digest `key` gives for `packet`. */
export function eigrpDigest(packet: Uint8Array, key: EigrpAuthKey): Uint8Array {
  return key.mode === 'md5' ? eigrpMd5Digest(packet, key.key) : eigrpSha256Digest(packet, key.password, key.source);
}

/**
 * A copy of an encoded packet with its Authentication TLV's digest computed and the checksum redone
 * (the digest is computed first, over a zero checksum, as IOS does). Throws RangeError when the packet
 * has no Authentication TLV or its digest field has the wrong size for the mode.
 */
export function signEigrp(packet: Uint8Array, key: EigrpAuthKey): Uint8Array {
  const { digestAt, digestEnd } = digestPlace(packet);
  const digest = eigrpDigest(packet, key);
  if (digestEnd - digestAt !== digest.length) {
    throw new RangeError(`EIGRP ${key.mode} digest is ${digest.length} bytes, the TLV holds ${digestEnd - digestAt}`);
  }
  const out = packet.slice();
  out.set(digest, digestAt);
  out[2] = 0;
  out[3] = 0;
  const sum = internetChecksum(out);
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/** True when the packet's digest is the one `key` gives (false when it has no Authentication TLV). */
export function verifyEigrpDigest(packet: Uint8Array, key: EigrpAuthKey): boolean {
  const d = findDigest(packet);
  if (!d) return false;
  const want = eigrpDigest(packet, key);
  const have = packet.subarray(d.digestAt, d.digestEnd);
  return have.length === want.length && timingSafeEqual(have, want);
}
