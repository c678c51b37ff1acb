/**
 * The algorithms the IKEv2 engine negotiates, by name, with their IANA transform IDs (RFC 7296 3.3.2) and sizes:
 * ENCR AES-CBC (RFC 3602) and AES-GCM with a 16-byte ICV (RFC 5282), PRF HMAC-SHA-1/SHA-2 (RFC 4868), INTEG
 * HMAC-SHA-1-96 and HMAC-SHA-256-128, DH groups 14 (MODP-2048), 19 (ECP-256) and 31 (Curve25519).
 */
import type { EspSuite } from '../ipsec/index.js';

export type EncrName = 'aes-cbc-128' | 'aes-cbc-256' | 'aes-gcm-16-128' | 'aes-gcm-16-256';
export type PrfName = 'sha1' | 'sha256' | 'sha384';
export type IntegName = 'sha1-96' | 'sha256-128';
export type DhGroup = 14 | 19 | 31;

export interface EncrInfo {
  /** Transform ID: 12 ENCR_AES_CBC, 20 ENCR_AES_GCM_16. */
  id: number;
  /** Key Length attribute, bits. */
  bits: 128 | 256;
  aead: boolean;
  /** Key bytes taken from the key stream: the AES key, plus the 4-byte salt for GCM (RFC 5282 7.1). */
  keyLength: number;
  /** IV bytes in an SK payload. */
  ivLength: number;
  /** GCM ICV bytes (the integrity algorithm's for CBC). */
  icvLength: number;
  /** Block size that the SK plaintext is padded to. */
  block: number;
  /** IOS `show crypto ikev2 sa` name. */
  ios: string;
}

export interface PrfInfo {
  id: number;
  hash: 'sha1' | 'sha256' | 'sha384';
  /** Output (and preferred key) bytes. */
  length: number;
  ios: string;
}

export interface IntegInfo {
  id: number;
  hash: 'sha1' | 'sha256';
  keyLength: number;
  icvLength: number;
  ios: string;
}

export const ENCR: Record<EncrName, EncrInfo> = {
  'aes-cbc-128': {
    id: 12,
    bits: 128,
    aead: false,
    keyLength: 16,
    ivLength: 16,
    icvLength: 0,
    block: 16,
    ios: 'AES-CBC',
  },
  'aes-cbc-256': {
    id: 12,
    bits: 256,
    aead: false,
    keyLength: 32,
    ivLength: 16,
    icvLength: 0,
    block: 16,
    ios: 'AES-CBC',
  },
  'aes-gcm-16-128': {
    id: 20,
    bits: 128,
    aead: true,
    keyLength: 20,
    ivLength: 8,
    icvLength: 16,
    block: 1,
    ios: 'AES-GCM',
  },
  'aes-gcm-16-256': {
    id: 20,
    bits: 256,
    aead: true,
    keyLength: 36,
    ivLength: 8,
    icvLength: 16,
    block: 1,
    ios: 'AES-GCM',
  },
};

export const PRF: Record<PrfName, PrfInfo> = {
  sha1: { id: 2, hash: 'sha1', length: 20, ios: 'SHA1' },
  sha256: { id: 5, hash: 'sha256', length: 32, ios: 'SHA256' },
  sha384: { id: 6, hash: 'sha384', length: 48, ios: 'SHA384' },
};

export const INTEG: Record<IntegName, IntegInfo> = {
  'sha1-96': { id: 2, hash: 'sha1', keyLength: 20, icvLength: 12, ios: 'SHA96' },
  'sha256-128': { id: 12, hash: 'sha256', keyLength: 32, icvLength: 16, ios: 'SHA256' },
};

export const DH_GROUPS: readonly DhGroup[] = [14, 19, 31];

/** The algorithms of one negotiated IKE SA. */
export interface IkeSuite {
  encr: EncrName;
  prf: PrfName;
  /** Absent for AES-GCM. */
  integ?: IntegName;
  dh: DhGroup;
}

/** The algorithms of one negotiated child SA (ESP). `dh` is the PFS group, if any. */
export interface EspSuiteChoice {
  encr: EncrName;
  integ?: IntegName;
  dh?: DhGroup;
}

/** The src/ipsec transform suite for a negotiated ESP choice. */
export function espTransformSuite(s: EspSuiteChoice): EspSuite {
  if (ENCR[s.encr].aead) return 'aes-gcm-16';
  return s.integ === 'sha1-96' ? 'aes-cbc+hmac-sha1-96' : 'aes-cbc+hmac-sha256-128';
}

/** Name of an encryption transform from its ID and Key Length, when we implement it. */
export function encrByTransform(id: number, bits: number | undefined): EncrName | undefined {
  for (const [name, e] of Object.entries(ENCR) as [EncrName, EncrInfo][])
    if (e.id === id && e.bits === bits) return name;
  return undefined;
}

export function prfById(id: number): PrfName | undefined {
  return (Object.keys(PRF) as PrfName[]).find((n) => PRF[n].id === id);
}

export function integById(id: number): IntegName | undefined {
  return (Object.keys(INTEG) as IntegName[]).find((n) => INTEG[n].id === id);
}

export function isDhGroup(n: number): n is DhGroup {
  return (DH_GROUPS as readonly number[]).includes(n);
}

/** strongSwan's proposal keyword for an algorithm (for swanctl.conf and for comparing `--list-sas --raw`). */
export function strongswanName(a: { encr?: EncrName; prf?: PrfName; integ?: IntegName; dh?: DhGroup }): string[] {
  const out: string[] = [];
  if (a.encr) out.push(ENCR[a.encr].aead ? `aes${ENCR[a.encr].bits}gcm16` : `aes${ENCR[a.encr].bits}`);
  if (a.integ) out.push(a.integ === 'sha1-96' ? 'sha1' : 'sha256');
  if (a.prf) out.push(`prf${a.prf === 'sha1' ? 'sha1' : a.prf}`);
  if (a.dh) out.push({ 14: 'modp2048', 19: 'ecp256', 31: 'curve25519' }[a.dh]);
  return out;
}
