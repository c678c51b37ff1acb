/**
 * Diffie-Hellman for IKEv1 KE payloads: the IKEv2 module's groups (14, 19, 31: src/ike/dh.ts) plus MODP 2, 5,
 * 15, 16 (RFC 2409 6.2, RFC 3526) and ECP 20, 21 (RFC 5903: public value x || y, shared secret x).
 */
import { createDiffieHellman, createDiffieHellmanGroup, createECDH } from 'node:crypto';
import { dhKeyPair, type DhKeyPair } from '../ike/dh.js';
import { IkeError } from '../ike/errors.js';
import type { V1Group } from './algorithms.js';

/** A key pair: the KE payload's data and the shared secret from the peer's. */
export interface V1KeyPair {
  group: V1Group;
  publicValue: Uint8Array;
  secret(peer: Uint8Array): Uint8Array;
}

const MODP: Partial<Record<V1Group, { name: string; bytes: number }>> = {
  2: { name: 'modp2', bytes: 128 },
  5: { name: 'modp5', bytes: 192 },
  15: { name: 'modp15', bytes: 384 },
  16: { name: 'modp16', bytes: 512 },
};
const ECP: Partial<Record<V1Group, { curve: string; bytes: number }>> = {
  20: { curve: 'secp384r1', bytes: 96 },
  21: { curve: 'secp521r1', bytes: 132 },
};

function pad(b: Uint8Array, n: number): Uint8Array {
  if (b.length >= n) return b;
  const out = new Uint8Array(n);
  out.set(b, n - b.length);
  return out;
}

function guard(group: V1Group, expect: number, peer: Uint8Array, fn: () => Uint8Array): Uint8Array {
  if (peer.length !== expect) {
    throw new IkeError('INVALID_KE', `DH group ${group}: expected ${expect} bytes, found ${peer.length}`);
  }
  try {
    return fn();
  } catch (e) {
    throw new IkeError('INVALID_KE', `DH group ${group}: the peer's public value is not valid`, e);
  }
}

/** A fresh key pair of `group`, private value from `random`. */
export function v1KeyPair(group: V1Group, random: (n: number) => Uint8Array): V1KeyPair {
  if (group === 14 || group === 19 || group === 31) {
    const kp: DhKeyPair = dhKeyPair(group, random);
    return { group, publicValue: kp.publicValue, secret: (p) => kp.secret(p) };
  }
  const m = MODP[group];
  if (m) {
    const g = createDiffieHellmanGroup(m.name);
    const dh = createDiffieHellman(g.getPrime(), g.getGenerator());
    dh.setPrivateKey(Buffer.from(random(32)));
    dh.generateKeys();
    return {
      group,
      publicValue: pad(dh.getPublicKey(), m.bytes),
      secret: (p) => guard(group, m.bytes, p, () => pad(dh.computeSecret(Buffer.from(p)), m.bytes)),
    };
  }
  const e = ECP[group]!;
  const ecdh = createECDH(e.curve);
  ecdh.generateKeys();
  const half = e.bytes / 2;
  return {
    group,
    publicValue: ecdh.getPublicKey().subarray(1),
    secret: (p) => guard(group, e.bytes, p, () => pad(ecdh.computeSecret(Buffer.concat([Buffer.of(4), p])), half)),
  };
}
