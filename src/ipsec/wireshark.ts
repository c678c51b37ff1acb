/**
 * Lets Wireshark see inside our ESP: the line of its `esp_sa` table (Preferences > Protocols > ESP > ESP SAs,
 * the `esp_sa` file in the profile, or `tshark -o "uat:esp_sa:<line>"` with `-o esp.enable_encryption_decode:TRUE`).
 */
import { SUITES, type EspSa } from './suites.js';

const ENCRYPTION: Record<EspSa['suite'], string> = {
  'aes-gcm-16': 'AES-GCM with 16 octet ICV [RFC4106]',
  'aes-cbc+hmac-sha1-96': 'AES-CBC [RFC3602]',
  'aes-cbc+hmac-sha256-128': 'AES-CBC [RFC3602]',
};

const AUTHENTICATION: Record<EspSa['suite'], string> = {
  'aes-gcm-16': 'NULL',
  'aes-cbc+hmac-sha1-96': 'HMAC-SHA-1-96 [RFC2404]',
  'aes-cbc+hmac-sha256-128': 'HMAC-SHA-256-128 [RFC4868]',
};

const hex = (b: Uint8Array): string => `0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`;

/**
 * One `esp_sa` record for the SA carried from `src` to `dst` (IPv4 or IPv6 text; '*' matches any):
 * protocol, source, destination, SPI, encryption algorithm and key (for AES-GCM with its salt), authentication
 * algorithm and key, each a quoted string, as Wireshark 3.x/4.x reads them.
 */
export function espSaUatLine(sa: EspSa, src: string, dst: string): string {
  const family = src.includes(':') || dst.includes(':') ? 'IPv6' : 'IPv4';
  const spi = `0x${(sa.spi >>> 0).toString(16).padStart(8, '0')}`;
  const authKey = SUITES[sa.suite].aead || !sa.authKey ? '' : hex(sa.authKey);
  const fields = [family, src, dst, spi, ENCRYPTION[sa.suite], hex(sa.encKey), AUTHENTICATION[sa.suite], authKey];
  return fields.map((f) => `"${f}"`).join(',');
}
