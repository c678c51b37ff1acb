/**
 * The ESP cipher of the data plane (src/ipsec/esp-cipher.ts's seam) on the addon's OpenSSL contexts: the AES key
 * schedule and HMAC key pads are set up once per SA direction, not per packet as with node:crypto, and the text
 * is encrypted and decrypted in place. Undefined when the addon is not built (the transform then uses node:crypto).
 */
import { aesKeyLength, SUITES, type EspCipher, type EspCipherFactory, type EspSa } from '../../ipsec/index.js';
import { espContext, espOpen, espSeal, native, nativeAvailable, type EspContext } from './native.js';

const KIND = { 'aes-gcm-16': 0, 'aes-cbc+hmac-sha1-96': 1, 'aes-cbc+hmac-sha256-128': 2 } as const;
const NONE = new Uint8Array(0);

class NativeEspCipher implements EspCipher {
  private readonly ctx: EspContext;

  constructor(sa: EspSa, direction: 'out' | 'in') {
    const n = aesKeyLength(sa);
    const gcm = SUITES[sa.suite].aead;
    this.ctx = espContext(
      direction === 'out',
      KIND[sa.suite],
      sa.encKey.subarray(0, n),
      gcm ? sa.encKey.subarray(n) : NONE,
      gcm ? NONE : sa.authKey!,
    );
  }

  seal(packet: Uint8Array): void {
    if (espSeal(this.ctx, packet) !== 0) throw new Error('ESP seal: OpenSSL failed');
  }

  open(packet: Uint8Array): boolean {
    return espOpen(this.ctx, packet) === 0;
  }
}

/** The addon's ESP cipher, or undefined when the addon is not available (or was built before it had one). */
export function nativeEspCipher(): EspCipherFactory | undefined {
  if (!nativeAvailable() || typeof native().espContext !== 'function') return undefined;
  return (sa, direction) => new NativeEspCipher(sa, direction);
}
