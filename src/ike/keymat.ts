/**
 * IKEv2 key derivation (RFC 7296 2.13, 2.14, 2.17, 2.18, 2.15): prf, prf+, SKEYSEED and the seven SK_* keys of an
 * IKE SA, KEYMAT of a child SA as the SPIs and keys the ESP transform (src/ipsec) takes, and the PSK AUTH value.
 */
import { createHmac } from 'node:crypto';
import type { EspSa } from '../ipsec/index.js';
import { ENCR, INTEG, PRF, espTransformSuite, type EspSuiteChoice, type IkeSuite, type PrfName } from './algorithms.js';

/** prf(K, S): HMAC with the PRF's hash. */
export function prf(alg: PrfName, key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const h = createHmac(PRF[alg].hash, key);
  for (const d of data) h.update(d);
  return h.digest();
}

/** prf+(K, S) = T1 | T2 | ..., Tn = prf(K, Tn-1 | S | n), cut to `length` bytes (2.13; at most 255 rounds). */
export function prfPlus(alg: PrfName, key: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  for (let at = 0, n = 1; at < length; n++) {
    if (n > 255) throw new RangeError(`prf+ cannot give ${length} bytes with ${alg}`);
    t = prf(alg, key, t, seed, Uint8Array.of(n));
    out.set(t.subarray(0, Math.min(t.length, length - at)), at);
    at += t.length;
  }
  return out;
}

/** The keys of an IKE SA (2.14). */
export interface IkeKeys {
  skD: Uint8Array;
  skAi: Uint8Array;
  skAr: Uint8Array;
  skEi: Uint8Array;
  skEr: Uint8Array;
  skPi: Uint8Array;
  skPr: Uint8Array;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/**
 * SKEYSEED = prf(Ni | Nr, g^ir) for a new IKE SA, or prf(SK_d (old), g^ir (new) | Ni | Nr) for a rekeyed one
 * (2.18, with the old SA's PRF); then {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} =
 * prf+(SKEYSEED, Ni | Nr | SPIi | SPIr).
 */
export function ikeKeys(
  suite: IkeSuite,
  sharedSecret: Uint8Array,
  ni: Uint8Array,
  nr: Uint8Array,
  spiI: Uint8Array,
  spiR: Uint8Array,
  rekey?: { prf: PrfName; skD: Uint8Array },
): IkeKeys {
  const skeyseed = rekey
    ? prf(rekey.prf, rekey.skD, sharedSecret, ni, nr)
    : prf(suite.prf, concat(ni, nr), sharedSecret);
  const p = PRF[suite.prf].length;
  const a = suite.integ ? INTEG[suite.integ].keyLength : 0;
  const e = ENCR[suite.encr].keyLength;
  const km = prfPlus(suite.prf, skeyseed, concat(ni, nr, spiI, spiR), p + 2 * a + 2 * e + 2 * p);
  let at = 0;
  const take = (n: number) => {
    const part = km.slice(at, at + n);
    at += n;
    return part;
  };
  return { skD: take(p), skAi: take(a), skAr: take(a), skEi: take(e), skEr: take(e), skPi: take(p), skPr: take(p) };
}

/** The two ESP SAs of a child SA, as the initiator of the IKE SA sees them. */
export interface ChildKeys {
  /** Initiator to responder: the responder's inbound SPI. */
  i2r: EspSa;
  /** Responder to initiator: the initiator's inbound SPI. */
  r2i: EspSa;
}

/**
 * KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (2.17): the initiator-to-responder encryption and integrity keys
 * first, then the other direction. AES-GCM keys carry their 4-byte salt (RFC 4106 8.1). `spiI` and `spiR` are the
 * SPIs the initiator and the responder of the exchange chose (each its inbound SPI).
 */
export function childKeys(
  prfAlg: PrfName,
  skD: Uint8Array,
  suite: EspSuiteChoice,
  ni: Uint8Array,
  nr: Uint8Array,
  spiI: number,
  spiR: number,
  pfsSecret?: Uint8Array,
): ChildKeys {
  const e = ENCR[suite.encr].keyLength;
  const a = suite.integ ? INTEG[suite.integ].keyLength : 0;
  const seed = pfsSecret ? concat(pfsSecret, ni, nr) : concat(ni, nr);
  const km = prfPlus(prfAlg, skD, seed, 2 * (e + a));
  const transform = espTransformSuite(suite);
  const sa = (spi: number, at: number): EspSa => ({
    spi,
    suite: transform,
    encKey: km.slice(at, at + e),
    ...(a ? { authKey: km.slice(at + e, at + e + a) } : {}),
  });
  return { i2r: sa(spiR, 0), r2i: sa(spiI, e + a) };
}

const KEY_PAD = Buffer.from('Key Pad for IKEv2');

/**
 * AUTH for a shared key (2.15): prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>), where SignedOctets =
 * the sender's first message | the peer's nonce | prf(SK_px, ID payload body).
 */
export function pskAuth(
  alg: PrfName,
  psk: Uint8Array,
  firstMessage: Uint8Array,
  peerNonce: Uint8Array,
  skP: Uint8Array,
  idBody: Uint8Array,
): Uint8Array {
  const macedId = prf(alg, skP, idBody);
  return prf(alg, prf(alg, psk, KEY_PAD), firstMessage, peerNonce, macedId);
}
