/**
 * The algorithms IKEv1 negotiates, with their RFC 2409 appendix A / RFC 2407 4.5 numbers: phase-1 encryption
 * (AES-CBC 128/192/256, 3DES-CBC), hash (MD5, SHA-1, SHA2-256, SHA2-384; the PRF is HMAC with it), PSK
 * authentication, Diffie-Hellman groups (MODP 2, 5, 14, 15, 16; ECP 19, 20, 21; Curve25519 31), and the phase-2
 * (ESP) transform IDs and attributes.
 */
import type { EncrName, IntegName } from '../ike/algorithms.js';

export type V1Encr = 'aes-128' | 'aes-192' | 'aes-256' | '3des';
export type V1Hash = 'md5' | 'sha' | 'sha256' | 'sha384';
export type V1Group = 2 | 5 | 14 | 15 | 16 | 19 | 20 | 21 | 31;

export const V1_GROUPS: readonly V1Group[] = [2, 5, 14, 15, 16, 19, 20, 21, 31];

export function isV1Group(n: number): n is V1Group {
  return (V1_GROUPS as readonly number[]).includes(n);
}

/** Phase-1 encryption: attribute 1 value, Key-Length (bits), node:crypto cipher, block size, IOS name. */
export const V1_ENCR: Record<V1Encr, { id: number; bits?: number; cipher: string; key: number; ios: string }> = {
  'aes-128': { id: 7, bits: 128, cipher: 'aes-128-cbc', key: 16, ios: 'AES' },
  'aes-192': { id: 7, bits: 192, cipher: 'aes-192-cbc', key: 24, ios: 'AES' },
  'aes-256': { id: 7, bits: 256, cipher: 'aes-256-cbc', key: 32, ios: 'AES' },
  '3des': { id: 5, cipher: 'des-ede3-cbc', key: 24, ios: '3DES' },
};

/** Block size of a phase-1 cipher. */
export const blockSize = (e: V1Encr): number => (e === '3des' ? 8 : 16);

/** Phase-1 hash: attribute 2 value, node:crypto digest, IOS name. */
export const V1_HASH: Record<V1Hash, { id: number; digest: string; ios: string }> = {
  md5: { id: 1, digest: 'md5', ios: 'MD5' },
  sha: { id: 2, digest: 'sha1', ios: 'SHA' },
  sha256: { id: 4, digest: 'sha256', ios: 'SHA256' },
  sha384: { id: 5, digest: 'sha384', ios: 'SHA384' },
};

/** Authentication-Method 1: pre-shared key. */
export const AUTH_PSK = 1;
/** Life-Type 1: seconds. */
export const LIFE_SECONDS = 1;

export function encrFromAttributes(id: number | undefined, bits: number | undefined): V1Encr | undefined {
  if (id === 5) return '3des';
  if (id !== 7) return undefined;
  return bits === 128 ? 'aes-128' : bits === 192 ? 'aes-192' : bits === 256 ? 'aes-256' : undefined;
}

export function hashFromId(id: number | undefined): V1Hash | undefined {
  return (Object.keys(V1_HASH) as V1Hash[]).find((h) => V1_HASH[h].id === id);
}

/** Phase-2 (IPsec DOI, RFC 2407 4.5) attribute types. */
export const P2Attr = {
  LifeType: 1,
  LifeDuration: 2,
  GroupDescription: 3,
  EncapsulationMode: 4,
  AuthAlgorithm: 5,
  KeyLength: 6,
} as const;

/** Encapsulation modes: RFC 2407 tunnel 1 / transport 2, RFC 3947 UDP-encapsulated tunnel 3 / transport 4. */
export const Encap = { Tunnel: 1, Transport: 2, UdpTunnel: 3, UdpTransport: 4 } as const;
/** The draft-ietf-ipsec-nat-t values some peers still send. */
export const ENCAP_DRAFT: Record<number, number> = { 61443: Encap.UdpTunnel, 61444: Encap.UdpTransport };

/** ESP transform IDs (RFC 2407 4.4.4, RFC 4106 8.4): ESP_AES 12, ESP_AES_GCM_16 20. */
export const ESP_AES = 12;
export const ESP_AES_GCM_16 = 20;
/** Auth Algorithm: HMAC-SHA 2, HMAC-SHA2-256 5 (RFC 4868). */
export const AUTH_ALG: Record<IntegName, number> = { 'sha1-96': 2, 'sha256-128': 5 };

/** The ESP transform ID, Key Length and Auth Algorithm for an ESP choice. */
export function espTransformId(encr: EncrName): { id: number; bits: number } {
  return { id: encr.startsWith('aes-gcm') ? ESP_AES_GCM_16 : ESP_AES, bits: encr.endsWith('256') ? 256 : 128 };
}

export function espEncrFrom(id: number, bits: number | undefined): EncrName | undefined {
  if (id === ESP_AES)
    return bits === 256 ? 'aes-cbc-256' : bits === 128 || bits === undefined ? 'aes-cbc-128' : undefined;
  if (id === ESP_AES_GCM_16) return bits === 256 ? 'aes-gcm-16-256' : bits === 128 ? 'aes-gcm-16-128' : undefined;
  return undefined;
}

export function integFromAuthAlg(n: number | undefined): IntegName | undefined {
  if (n === 2) return 'sha1-96';
  if (n === 5) return 'sha256-128';
  return undefined;
}

/** strongSwan's IKEv1 proposal keywords for a phase-1 policy (for swanctl.conf and log comparison). */
export function strongswanV1Name(p: { encr: V1Encr; hash: V1Hash; group: V1Group }): string {
  const e = p.encr === '3des' ? '3des' : `aes${V1_ENCR[p.encr].bits}`;
  const h = { md5: 'md5', sha: 'sha1', sha256: 'sha256', sha384: 'sha384' }[p.hash];
  const g: Record<V1Group, string> = {
    2: 'modp1024',
    5: 'modp1536',
    14: 'modp2048',
    15: 'modp3072',
    16: 'modp4096',
    19: 'ecp256',
    20: 'ecp384',
    21: 'ecp521',
    31: 'curve25519',
  };
  return `${e}-${h}-${g[p.group]}`;
}
