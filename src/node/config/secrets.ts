/**
 * IOS password types, checked the way IOS does: type 0 (clear text), 7 (the reversible Vigenère of
 * `service password-encryption`), 8 (PBKDF2-SHA256, 20000 rounds) and 9 (scrypt N=16384 r=1 p=1),
 * the last two with Cisco's base64 alphabet (`./0-9A-Za-z`). Type 5 (MD5-crypt) is not checked.
 * Type 0 secrets are shown as type 9, with a salt derived from the secret so the text is stable.
 */
import { createHash, pbkdf2Sync, scryptSync, timingSafeEqual } from 'node:crypto';
import type { StoredSecret } from './access-model.js';

const CISCO64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const STD64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toCisco64(b: Buffer): string {
  return [...b.toString('base64').replace(/=+$/, '')].map((c) => CISCO64[STD64.indexOf(c)]).join('');
}

const TYPE7_KEY = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

/** Decodes a type 7 password (undefined when it is not one). */
export function decodeType7(enc: string): string | undefined {
  if (!/^[0-9]{2}([0-9A-Fa-f]{2})*$/.test(enc)) return undefined;
  let seed = Number(enc.slice(0, 2));
  let out = '';
  for (let i = 2; i < enc.length; i += 2) {
    out += String.fromCharCode(
      Number.parseInt(enc.slice(i, i + 2), 16) ^ TYPE7_KEY.charCodeAt(seed++ % TYPE7_KEY.length),
    );
  }
  return out;
}

function hash9(plain: string, salt: string): string {
  return toCisco64(scryptSync(plain, salt, 32, { N: 16384, r: 1, p: 1 }));
}

function hash8(plain: string, salt: string): string {
  return toCisco64(pbkdf2Sync(plain, salt, 20000, 32, 'sha256'));
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** True when `given` is the password `s` stores; undefined when the type cannot be checked (5). */
export function checkSecret(s: StoredSecret, given: string): boolean | undefined {
  switch (s.type) {
    case 0:
      return same(s.value, given);
    case 7: {
      const plain = decodeType7(s.value);
      return plain !== undefined && same(plain, given);
    }
    case 8:
    case 9: {
      const m = /^\$(8|9)\$([^$]+)\$([^$]+)$/.exec(s.value);
      if (!m) return false;
      return same(m[3]!, s.type === 9 ? hash9(given, m[2]!) : hash8(given, m[2]!));
    }
    default:
      return undefined;
  }
}

/** The type 9 form of a clear-text secret (salt from the secret itself: the same text every time). */
export function type9(plain: string): string {
  const salt = toCisco64(createHash('sha256').update(`dmvpnd\u0000${plain}`).digest()).slice(0, 14);
  return `$9$${salt}$${hash9(plain, salt)}`;
}
