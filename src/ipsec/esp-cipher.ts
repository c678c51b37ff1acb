/**
 * The crypto seam of the ESP transform: one SA direction's cipher and ICV over a whole ESP packet, in place.
 * The transform (./esp-transform.ts) lays out the packet, pads it and keeps the replay window; an EspCipher
 * only encrypts and authenticates. This file has the node:crypto one (a cipher object per packet, no I/O, no
 * addon); the data plane plugs in a faster one that keeps its OpenSSL contexts per SA (src/node/sys/esp-cipher.ts).
 *
 * | SPI (4) | Sequence Number (4) | IV (8 GCM / 16 CBC) | plaintext/ciphertext ... | ICV (16 GCM, 12/16 HMAC) |
 * AES-GCM: nonce = salt || IV, AAD = SPI || Sequence Number (RFC 4106 4, 5); CBC + HMAC: ICV over SPI .. end of
 * ciphertext, truncated (RFC 2404, 4868).
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual, type CipherGCMTypes } from 'node:crypto';
import { aesKeyLength, SUITES, type EspSa, type SuiteInfo } from './suites.js';

/** Bytes of SPI and Sequence Number. */
export const ESP_HEADER = 8;

/** One SA direction's crypto over whole ESP packets (header, IV, text, room for the ICV), in place. */
export interface EspCipher {
  /** Encrypts the plaintext between IV and ICV in place and writes the ICV. */
  seal(packet: Uint8Array): void;
  /** Verifies the ICV and, when it verifies, decrypts in place; false when it does not (the text may be clobbered). */
  open(packet: Uint8Array): boolean;
}

/** Makes the cipher of one SA direction. Throws RangeError for keys of the wrong size. */
export type EspCipherFactory = (sa: EspSa, direction: 'out' | 'in') => EspCipher;

/** Per-SA values the node:crypto cipher derives once. */
export interface EspKeys {
  /** node:crypto cipher name, e.g. aes-256-gcm. */
  cipher: string;
  key: Buffer;
  /** AES-GCM salt (empty for CBC). */
  salt: Buffer;
}

/** The cipher name, AES key and salt of an SA. Throws RangeError for keys of the wrong size. */
export function espKeys(sa: EspSa): EspKeys {
  const n = aesKeyLength(sa);
  const bits = n * 8;
  return {
    cipher: SUITES[sa.suite].aead ? `aes-${bits}-gcm` : `aes-${bits}-cbc`,
    key: Buffer.from(sa.encKey.subarray(0, n)),
    salt: Buffer.from(sa.encKey.subarray(n)),
  };
}

/** GCM nonce: 4-byte salt || 8-byte IV (RFC 4106 4). */
function gcmNonce(salt: Uint8Array, iv: Uint8Array): Buffer {
  const n = Buffer.allocUnsafe(12);
  n.set(salt, 0);
  n.set(iv, 4);
  return n;
}

/** The node:crypto cipher of an SA (either direction): a cipher object per packet. */
export const nodeEspCipher: EspCipherFactory = (sa) => new NodeEspCipher(sa);

class NodeEspCipher implements EspCipher {
  private readonly info: SuiteInfo;
  private readonly keys: EspKeys;

  constructor(private readonly sa: EspSa) {
    this.info = SUITES[sa.suite];
    this.keys = espKeys(sa);
  }

  seal(packet: Uint8Array): void {
    const { info, keys } = this;
    const ctAt = ESP_HEADER + info.ivLength;
    const ctEnd = packet.length - info.icvLength;
    const iv = packet.subarray(ESP_HEADER, ctAt);
    if (info.aead) {
      const c = createCipheriv(keys.cipher as CipherGCMTypes, keys.key, gcmNonce(keys.salt, iv), { authTagLength: 16 });
      c.setAAD(packet.subarray(0, ESP_HEADER));
      packet.set(c.update(packet.subarray(ctAt, ctEnd)), ctAt);
      c.final();
      packet.set(c.getAuthTag(), ctEnd);
      return;
    }
    const c = createCipheriv(keys.cipher, keys.key, iv);
    c.setAutoPadding(false);
    packet.set(c.update(packet.subarray(ctAt, ctEnd)), ctAt);
    c.final();
    const mac = createHmac(info.hmac!, this.sa.authKey!).update(packet.subarray(0, ctEnd)).digest();
    packet.set(mac.subarray(0, info.icvLength), ctEnd);
  }

  open(packet: Uint8Array): boolean {
    const { info, keys } = this;
    const ctAt = ESP_HEADER + info.ivLength;
    const ctEnd = packet.length - info.icvLength;
    const iv = packet.subarray(ESP_HEADER, ctAt);
    const icv = packet.subarray(ctEnd);
    if (info.aead) {
      const d = createDecipheriv(keys.cipher as CipherGCMTypes, keys.key, gcmNonce(keys.salt, iv), {
        authTagLength: 16,
      });
      d.setAAD(packet.subarray(0, ESP_HEADER));
      d.setAuthTag(icv);
      const plain = d.update(packet.subarray(ctAt, ctEnd));
      try {
        d.final();
      } catch {
        return false;
      }
      packet.set(plain, ctAt);
      return true;
    }
    const mac = createHmac(info.hmac!, this.sa.authKey!).update(packet.subarray(0, ctEnd)).digest();
    if (!timingSafeEqual(mac.subarray(0, info.icvLength), icv)) return false;
    const d = createDecipheriv(keys.cipher, keys.key, iv);
    d.setAutoPadding(false);
    packet.set(d.update(packet.subarray(ctAt, ctEnd)), ctAt);
    d.final();
    return true;
  }
}
