/** The ESP cipher suites the transform implements, with their sizes (RFC 3602, 2404, 4868, 4106). */

/**
 * AES-GCM with a 16-byte ICV (RFC 4106), or AES-CBC (RFC 3602) with HMAC-SHA-1-96 (RFC 2404) or HMAC-SHA-256-128 (RFC
 * 4868).
 */
export type EspSuite = 'aes-gcm-16' | 'aes-cbc+hmac-sha1-96' | 'aes-cbc+hmac-sha256-128';

/** One SA's keys. */
export interface EspSa {
  spi: number;
  suite: EspSuite;
  /** AES key (16, 24 or 32 bytes); for AES-GCM followed by the 4-byte salt (RFC 4106 8.1), so 20, 28 or 36 bytes. */
  encKey: Uint8Array;
  /** HMAC key for the CBC suites: 20 bytes for SHA-1, 32 for SHA-256. */
  authKey?: Uint8Array;
}

/** Sizes and algorithm names of a suite. */
export interface SuiteInfo {
  aead: boolean;
  /** Bytes of the IV on the wire. */
  ivLength: number;
  /** Bytes of the ICV. */
  icvLength: number;
  /** Payload + trailer is padded to a multiple of this (RFC 4303 2.4: at least 4). */
  align: number;
  /** node:crypto HMAC digest name, for the CBC suites. */
  hmac?: 'sha1' | 'sha256';
  /** HMAC key length. */
  authKeyLength?: number;
}

export const SUITES: Record<EspSuite, SuiteInfo> = {
  'aes-gcm-16': { aead: true, ivLength: 8, icvLength: 16, align: 4 },
  'aes-cbc+hmac-sha1-96': { aead: false, ivLength: 16, icvLength: 12, align: 16, hmac: 'sha1', authKeyLength: 20 },
  'aes-cbc+hmac-sha256-128': { aead: false, ivLength: 16, icvLength: 16, align: 16, hmac: 'sha256', authKeyLength: 32 },
};

/** Bytes of the AES key proper (without the GCM salt). Throws RangeError for a key of the wrong size. */
export function aesKeyLength(sa: EspSa): 16 | 24 | 32 {
  const info = SUITES[sa.suite];
  if (!info) throw new RangeError(`unknown ESP suite '${String(sa.suite)}'`);
  const n = sa.encKey.length - (info.aead ? 4 : 0);
  if (n !== 16 && n !== 24 && n !== 32) {
    throw new RangeError(
      `${sa.suite}: encryption key of ${sa.encKey.length} bytes (AES-128/192/256${info.aead ? ' + 4-byte salt' : ''})`,
    );
  }
  if (!info.aead && sa.authKey?.length !== info.authKeyLength) {
    throw new RangeError(
      `${sa.suite}: integrity key must be ${info.authKeyLength} bytes, found ${sa.authKey?.length ?? 'none'}`,
    );
  }
  return n;
}
