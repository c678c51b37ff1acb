/**
 * Diffie-Hellman for IKEv2 KE payloads with node:crypto: group 14 MODP-2048 (RFC 3526), 19 ECP-256 (RFC 5903:
 * public value x || y, shared secret x), 31 Curve25519 (RFC 8031). Private values come from the injected random
 * source, so tests can be deterministic.
 */
import {
  createDiffieHellman,
  createDiffieHellmanGroup,
  createECDH,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
} from 'node:crypto';
import type { DhGroup } from './algorithms.js';
import { IkeError } from './errors.js';

/** One side's key pair for one exchange. */
export interface DhKeyPair {
  group: DhGroup;
  /** The KE payload's Key Exchange Data. */
  publicValue: Uint8Array;
  /** g^ir from the peer's Key Exchange Data. Throws IkeError INVALID_KE for a value of the wrong size or form. */
  secret(peer: Uint8Array): Uint8Array;
}

/** RFC 3526 group 14; a DiffieHellmanGroup cannot take a private value, so its prime seeds a DiffieHellman. */
const MODP14 = createDiffieHellmanGroup('modp14');

const PUBLIC_LENGTH: Record<DhGroup, number> = { 14: 256, 19: 64, 31: 32 };

/** The size of a group's public value. */
export function dhPublicLength(group: DhGroup): number {
  return PUBLIC_LENGTH[group];
}

function pad(b: Uint8Array, n: number): Uint8Array {
  if (b.length >= n) return b;
  const out = new Uint8Array(n);
  out.set(b, n - b.length);
  return out;
}

function b64url(b: Uint8Array): string {
  return Buffer.from(b).toString('base64url');
}

/** A fresh key pair of `group` with private value drawn from `random`. */
export function dhKeyPair(group: DhGroup, random: (n: number) => Uint8Array): DhKeyPair {
  const check = (peer: Uint8Array): void => {
    if (peer.length !== PUBLIC_LENGTH[group]) {
      throw new IkeError(
        'INVALID_KE',
        `DH group ${group}: expected ${PUBLIC_LENGTH[group]} bytes, found ${peer.length}`,
      );
    }
  };
  const wrap = (fn: () => Uint8Array) => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof IkeError) throw e;
      throw new IkeError('INVALID_KE', `DH group ${group}: the peer's public value is not valid`, e);
    }
  };
  if (group === 14) {
    const dh = createDiffieHellman(MODP14.getPrime(), MODP14.getGenerator());
    dh.setPrivateKey(Buffer.from(random(32)));
    dh.generateKeys();
    return {
      group,
      publicValue: pad(dh.getPublicKey(), 256),
      secret: (peer) => {
        check(peer);
        return wrap(() => pad(dh.computeSecret(Buffer.from(peer)), 256));
      },
    };
  }
  if (group === 19) {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(random(32)));
    return {
      group,
      publicValue: ecdh.getPublicKey().subarray(1),
      secret: (peer) => {
        check(peer);
        return wrap(() => ecdh.computeSecret(Buffer.concat([Buffer.of(4), peer])));
      },
    };
  }
  const d = random(32);
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: b64url(d), x: '' }, format: 'jwk' });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x as string;
  return {
    group,
    publicValue: Buffer.from(x, 'base64url'),
    secret: (peer) => {
      check(peer);
      return wrap(() => {
        const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(peer) }, format: 'jwk' });
        const s = diffieHellman({ privateKey, publicKey });
        if (s.every((v) => v === 0)) throw new IkeError('INVALID_KE', 'Curve25519: all-zero shared secret');
        return s;
      });
    },
  };
}
