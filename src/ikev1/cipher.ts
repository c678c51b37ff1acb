/**
 * The encrypted body of an IKEv1 message (RFC 2408 3.1 E flag, RFC 2409 appendix B): the payload chain padded
 * with zeros to the block size, CBC with no padding of the cipher's own; the IV of the next message is the last
 * ciphertext block (kept per exchange by the caller).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { IkeError } from '../ike/errors.js';
import { V1_ENCR, blockSize, type V1Encr } from './algorithms.js';

/** Encrypts a payload chain; returns the ciphertext (its last block is the next IV). */
export function encryptBody(encr: V1Encr, key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const bs = blockSize(encr);
  const padded = new Uint8Array(Math.ceil(Math.max(plain.length, 1) / bs) * bs);
  padded.set(plain);
  const c = createCipheriv(V1_ENCR[encr].cipher, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(padded), c.final()]));
}

/** Decrypts a body; throws IkeError MALFORMED when it is not a whole number of blocks. */
export function decryptBody(encr: V1Encr, key: Uint8Array, iv: Uint8Array, cipher: Uint8Array): Uint8Array {
  const bs = blockSize(encr);
  if (cipher.length === 0 || cipher.length % bs !== 0) {
    throw new IkeError('MALFORMED', `encrypted body of ${cipher.length} bytes is not a multiple of ${bs}`);
  }
  const d = createDecipheriv(V1_ENCR[encr].cipher, key, iv);
  d.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(cipher), d.final()]));
}

/** The last block of a ciphertext: the IV that follows it. */
export function lastBlock(encr: V1Encr, cipher: Uint8Array): Uint8Array {
  return cipher.slice(cipher.length - blockSize(encr));
}
