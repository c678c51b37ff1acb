/**
 * IKEv1 key derivation (RFC 2409 5, 5.5, appendix B) for pre-shared keys:
 *   SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)
 *   SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 *   SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 *   SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 * The encryption key is SKEYID_e, extended when the cipher needs more (K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e,
 * Kn-1)). The phase-1 IV is hash(g^xi | g^xr); a phase-2 / informational exchange's IV is hash(last phase-1 CBC
 * block | M-ID). Quick mode KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), extended as
 * Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
 */
import { createHash, createHmac } from 'node:crypto';
import { V1_ENCR, V1_HASH, blockSize, type V1Encr, type V1Hash } from './algorithms.js';

const cat = (...p: Uint8Array[]): Uint8Array => Buffer.concat(p);

/** prf(K, data…): HMAC with the negotiated hash. */
export function prf1(h: V1Hash, key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const m = createHmac(V1_HASH[h].digest, key);
  for (const d of data) m.update(d);
  return new Uint8Array(m.digest());
}

/** The negotiated hash itself (IVs, NAT-D). */
export function hash1(h: V1Hash, ...data: Uint8Array[]): Uint8Array {
  const m = createHash(V1_HASH[h].digest);
  for (const d of data) m.update(d);
  return new Uint8Array(m.digest());
}

/** The keys of an ISAKMP SA. */
export interface Phase1Keys {
  skeyid: Uint8Array;
  d: Uint8Array;
  a: Uint8Array;
  e: Uint8Array;
  /** The cipher key (SKEYID_e cut or extended to the cipher's key size). */
  encKey: Uint8Array;
}

export function phase1Keys(
  h: V1Hash,
  encr: V1Encr,
  psk: Uint8Array,
  ni: Uint8Array,
  nr: Uint8Array,
  gxy: Uint8Array,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
): Phase1Keys {
  const skeyid = prf1(h, psk, ni, nr);
  const d = prf1(h, skeyid, gxy, ckyI, ckyR, Uint8Array.of(0));
  const a = prf1(h, skeyid, d, gxy, ckyI, ckyR, Uint8Array.of(1));
  const e = prf1(h, skeyid, a, gxy, ckyI, ckyR, Uint8Array.of(2));
  return { skeyid, d, a, e, encKey: extendKey(h, e, V1_ENCR[encr].key) };
}

/** RFC 2409 appendix B: SKEYID_e as is when long enough, else K1 | K2 | … with K1 = prf(SKEYID_e, 0). */
export function extendKey(h: V1Hash, e: Uint8Array, n: number): Uint8Array {
  if (e.length >= n) return e.slice(0, n);
  let k = prf1(h, e, Uint8Array.of(0));
  const parts = [k];
  let have = k.length;
  while (have < n) {
    k = prf1(h, e, k);
    parts.push(k);
    have += k.length;
  }
  return cat(...parts).subarray(0, n);
}

/** The first phase-1 IV: hash(g^xi | g^xr) cut to the block size. */
export function phase1Iv(h: V1Hash, encr: V1Encr, gxi: Uint8Array, gxr: Uint8Array): Uint8Array {
  return hash1(h, gxi, gxr).slice(0, blockSize(encr));
}

/** A phase-2 or informational exchange's first IV: hash(last phase-1 CBC block | M-ID). */
export function phase2Iv(h: V1Hash, encr: V1Encr, lastBlock: Uint8Array, messageId: number): Uint8Array {
  return hash1(h, lastBlock, u32(messageId)).slice(0, blockSize(encr));
}

export function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

/** HASH_I (initiator) or HASH_R: prf(SKEYID, g^x(own) | g^x(peer) | CKY(own) | CKY(peer) | SAi_b | ID_b). */
export function authHash(
  h: V1Hash,
  skeyid: Uint8Array,
  gxOwn: Uint8Array,
  gxPeer: Uint8Array,
  ckyOwn: Uint8Array,
  ckyPeer: Uint8Array,
  saiBody: Uint8Array,
  idBody: Uint8Array,
): Uint8Array {
  return prf1(h, skeyid, gxOwn, gxPeer, ckyOwn, ckyPeer, saiBody, idBody);
}

/** Quick mode KEYMAT for one SA (protocol 3 ESP, its SPI), `n` bytes. */
export function keymat(
  h: V1Hash,
  skeyidD: Uint8Array,
  protocol: number,
  spi: number,
  ni: Uint8Array,
  nr: Uint8Array,
  n: number,
  pfs?: Uint8Array,
): Uint8Array {
  const seed = cat(pfs ?? new Uint8Array(0), Uint8Array.of(protocol), u32(spi), ni, nr);
  let k = prf1(h, skeyidD, seed);
  const parts = [k];
  let have = k.length;
  while (have < n) {
    k = prf1(h, skeyidD, k, seed);
    parts.push(k);
    have += k.length;
  }
  return cat(...parts).slice(0, n);
}
