/**
 * Lets Wireshark read inside IKEv2 (IKE_AUTH and later): one line of its `ikev2_decryption_table` UAT
 * (Preferences > Protocols > ISAKMP > IKEv2 Decryption Table, the `ikev2_decryption_table` file in the profile,
 * or `tshark -o "uat:ikev2_decryption_table:<line>"`): both SPIs, SK_ei, SK_er, the encryption algorithm,
 * SK_ai, SK_ar and the integrity algorithm, as Wireshark 3.x/4.x reads them (bytes as bare hex, names quoted).
 */
import type { IkeSuite } from './algorithms.js';
import type { IkeKeys } from './keymat.js';

const ENCRYPTION: Record<IkeSuite['encr'], string> = {
  'aes-cbc-128': 'AES-CBC-128 [RFC3602]',
  'aes-cbc-256': 'AES-CBC-256 [RFC3602]',
  'aes-gcm-16-128': 'AES-GCM-128 with 16 octet ICV [RFC5282]',
  'aes-gcm-16-256': 'AES-GCM-256 with 16 octet ICV [RFC5282]',
};

const INTEGRITY: Record<NonNullable<IkeSuite['integ']>, string> = {
  'sha1-96': 'HMAC_SHA1_96 [RFC2404]',
  'sha256-128': 'HMAC_SHA2_256_128 [RFC4868]',
};

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** What Wireshark needs of one IKE SA. */
export interface IkeSaKeys {
  spiI: Uint8Array;
  spiR: Uint8Array;
  suite: IkeSuite;
  keys: IkeKeys;
}

/** One `ikev2_decryption_table` record (SK_e of AES-GCM carries its 4-byte salt, as RFC 5282 derives it). */
export function ikev2DecryptionLine(sa: IkeSaKeys): string {
  const k = sa.keys;
  const integ = sa.suite.integ ? INTEGRITY[sa.suite.integ] : 'NONE [RFC4306]';
  const q = (t: string): string => `"${t}"`;
  const fields = [hex(sa.spiI), hex(sa.spiR), hex(k.skEi), hex(k.skEr), q(ENCRYPTION[sa.suite.encr])];
  return [...fields, hex(k.skAi), hex(k.skAr), q(integ)].join(',');
}
