/**
 * The Encrypted and Authenticated payload (RFC 7296 3.14; AES-GCM: RFC 5282): `protect` turns header fields and
 * inner payloads into a whole message whose only payload is SK, `unprotect` checks and opens one.
 *
 *   | IKE header | SK generic header | IV | Encrypted(inner payloads | Padding | Pad Length) | ICV |
 *   AES-CBC + HMAC: ICV = HMAC over the IKE header .. end of the ciphertext, truncated; random IV.
 *   AES-GCM: nonce = salt (4) | IV (8); AAD = IKE header | SK generic header; ICV = the 16-byte tag.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { Writer } from '../wire/cursor.js';
import {
  decodeIkev2Payloads,
  encodeIkev2,
  encodeIkev2Payloads,
  ikev2PayloadType,
  type Ikev2Message,
  type Ikev2Payload,
} from '../wire/ikev2/index.js';
import { ENCR, INTEG, type IkeSuite } from './algorithms.js';
import { IkeError } from './errors.js';

/** The keys of one direction: SK_ei/SK_ai (initiator sends) or SK_er/SK_ar (responder sends). */
export interface SkKeys {
  encKey: Uint8Array;
  integKey: Uint8Array;
}

function icvLength(suite: IkeSuite): number {
  return ENCR[suite.encr].aead ? ENCR[suite.encr].icvLength : INTEG[suite.integ ?? 'sha256-128'].icvLength;
}

function cipherName(suite: IkeSuite): string {
  const e = ENCR[suite.encr];
  return `aes-${e.bits}-${e.aead ? 'gcm' : 'cbc'}`;
}

/** Encodes `header` with `inner` payloads inside one SK payload, encrypted and authenticated with `keys`. */
export function protect(
  suite: IkeSuite,
  keys: SkKeys,
  header: Omit<Ikev2Message, 'payloads'>,
  inner: readonly Ikev2Payload[],
  random: (n: number) => Uint8Array,
): Uint8Array {
  const e = ENCR[suite.encr];
  const w = new Writer(256);
  encodeIkev2Payloads(w, inner);
  const body = w.finish();
  const padLength = (e.block - ((body.length + 1) % e.block)) % e.block;
  const plain = new Uint8Array(body.length + padLength + 1);
  plain.set(body);
  plain[plain.length - 1] = padLength;
  const icv = icvLength(suite);
  const iv = random(e.ivLength);
  const data = new Uint8Array(iv.length + plain.length + icv);
  const firstPayload = inner.length ? ikev2PayloadType(inner[0]) : 0;
  const msg = encodeIkev2({ ...header, payloads: [{ critical: false, kind: 'sk', firstPayload, data }] });
  const dataAt = msg.length - data.length;
  msg.set(iv, dataAt);
  const ctAt = dataAt + iv.length;
  if (e.aead) {
    const key = keys.encKey.subarray(0, keys.encKey.length - 4);
    const nonce = Buffer.concat([keys.encKey.subarray(keys.encKey.length - 4), iv]);
    const c = createCipheriv(cipherName(suite) as 'aes-256-gcm', key, nonce, { authTagLength: 16 });
    c.setAAD(msg.subarray(0, dataAt));
    const ct = Buffer.concat([c.update(plain), c.final()]);
    msg.set(ct, ctAt);
    msg.set(c.getAuthTag(), ctAt + ct.length);
  } else {
    const c = createCipheriv(cipherName(suite), keys.encKey, iv).setAutoPadding(false);
    const ct = Buffer.concat([c.update(plain), c.final()]);
    msg.set(ct, ctAt);
    const mac = createHmac(INTEG[suite.integ ?? 'sha256-128'].hash, keys.integKey)
      .update(msg.subarray(0, msg.length - icv))
      .digest();
    msg.set(mac.subarray(0, icv), msg.length - icv);
  }
  return msg;
}

/**
 * Verifies and decrypts the SK payload of `msg` (decoded from `bytes`; SK its last payload) and decodes the
 * payloads inside. Throws IkeError: ICV_MISMATCH (ICV, tag or padding), MALFORMED (inner payloads), INVALID_SYNTAX
 * (no SK payload).
 */
export function unprotect(suite: IkeSuite, keys: SkKeys, bytes: Uint8Array, msg: Ikev2Message): Ikev2Payload[] {
  const sk = msg.payloads[msg.payloads.length - 1];
  if (sk?.kind !== 'sk') throw new IkeError('INVALID_SYNTAX', 'expected an Encrypted (SK) payload, found none');
  const e = ENCR[suite.encr];
  const icv = icvLength(suite);
  const length = ((bytes[24] << 24) | (bytes[25] << 16) | (bytes[26] << 8) | bytes[27]) >>> 0;
  const data = sk.data;
  const dataAt = length - data.length;
  const ctLength = data.length - e.ivLength - icv;
  if (ctLength < 1 || ctLength % e.block !== 0) {
    throw new IkeError('ICV_MISMATCH', `SK payload: ${ctLength} bytes of ciphertext, not whole ${e.block}-byte blocks`);
  }
  const iv = data.subarray(0, e.ivLength);
  const ct = data.subarray(e.ivLength, e.ivLength + ctLength);
  const tag = data.subarray(e.ivLength + ctLength);
  let plain: Buffer;
  try {
    if (e.aead) {
      const key = keys.encKey.subarray(0, keys.encKey.length - 4);
      const nonce = Buffer.concat([keys.encKey.subarray(keys.encKey.length - 4), iv]);
      const d = createDecipheriv(cipherName(suite) as 'aes-256-gcm', key, nonce, { authTagLength: 16 });
      d.setAAD(bytes.subarray(0, dataAt));
      d.setAuthTag(tag);
      plain = Buffer.concat([d.update(ct), d.final()]);
    } else {
      const mac = createHmac(INTEG[suite.integ ?? 'sha256-128'].hash, keys.integKey)
        .update(bytes.subarray(0, length - icv))
        .digest()
        .subarray(0, icv);
      if (!timingSafeEqual(mac, tag)) throw new Error('ICV');
      const d = createDecipheriv(cipherName(suite), keys.encKey, iv).setAutoPadding(false);
      plain = Buffer.concat([d.update(ct), d.final()]);
    }
  } catch (cause) {
    throw new IkeError('ICV_MISMATCH', 'SK payload: integrity check failed', cause);
  }
  const padLength = plain[plain.length - 1];
  if (padLength + 1 > plain.length) {
    throw new IkeError('ICV_MISMATCH', `SK payload: Pad Length ${padLength} in ${plain.length} bytes`);
  }
  try {
    return decodeIkev2Payloads(plain, sk.firstPayload, 0, plain.length - padLength - 1);
  } catch (cause) {
    throw new IkeError('MALFORMED', `SK payload contents: ${(cause as Error).message}`, cause);
  }
}
