/**
 * Reading captures of a protected lab: the `esp_sa` lines the routers wrote (Wireshark's UAT, see ./wireshark.ts)
 * parsed back into SAs, and a captured ESP frame (IP protocol 50, or UDP 4500 per RFC 3948; over IPv4 or IPv6)
 * turned into the frame it carried: the same link header, the outer IP header with the inner protocol (GRE in
 * transport mode), or the inner IP packet itself (tunnel mode). No replay window: a capture may hold both ends' view of a packet.
 */
import { internetChecksum } from '../wire/checksum.js';
import { linkPayload } from '../wire/pcap/link.js';
import { EspError } from './errors.js';
import { nodeEspCipher, type EspCipher } from './esp-cipher.js';
import { type EspOpened, openEsp } from './esp-transform.js';
import type { EspSa, EspSuite } from './suites.js';

const SUITE_BY_NAMES: Record<string, EspSuite> = {
  'AES-GCM with 16 octet ICV [RFC4106]|NULL': 'aes-gcm-16',
  'AES-CBC [RFC3602]|HMAC-SHA-1-96 [RFC2404]': 'aes-cbc+hmac-sha1-96',
  'AES-CBC [RFC3602]|HMAC-SHA-256-128 [RFC4868]': 'aes-cbc+hmac-sha256-128',
};

/** One `esp_sa` record: the SA and the addresses it runs between. */
export interface EspSaRecord {
  src: string;
  dst: string;
  sa: EspSa;
}

const unhex = (t: string): Uint8Array => new Uint8Array(Buffer.from(t.replace(/^0x/i, ''), 'hex'));

/** Parses one `esp_sa` line as espSaUatLine writes it; undefined for comments, blank lines and other suites. */
export function parseEspSaUatLine(line: string): EspSaRecord | undefined {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return undefined;
  const f = [...t.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  if (f.length < 8) return undefined;
  const suite = SUITE_BY_NAMES[`${f[4]}|${f[6]}`];
  const spi = Number.parseInt(f[3]!, 16);
  if (!suite || !Number.isFinite(spi)) return undefined;
  const authKey = f[7] ? unhex(f[7]) : undefined;
  return {
    src: f[1]!,
    dst: f[2]!,
    sa: { spi: spi >>> 0, suite, encKey: unhex(f[5]!), ...(authKey ? { authKey } : {}) },
  };
}

/** The SAs of an `esp_sa` file's text, by SPI (a later record for an SPI replaces an earlier one). */
export class EspKeyring {
  private readonly bySpi = new Map<number, { rec: EspSaRecord; cipher: EspCipher }>();

  constructor(text = '') {
    this.add(text);
  }

  /** Adds the records of more `esp_sa` text. */
  add(text: string): void {
    for (const line of text.split('\n')) {
      const rec = parseEspSaUatLine(line);
      if (!rec) continue;
      try {
        this.bySpi.set(rec.sa.spi, { rec, cipher: nodeEspCipher(rec.sa, 'in') });
      } catch {
        // a key of the wrong size: the record is skipped
      }
    }
  }

  get size(): number {
    return this.bySpi.size;
  }

  /** The record and prepared cipher for an SPI. */
  find(spi: number): { rec: EspSaRecord; cipher: EspCipher } | undefined {
    return this.bySpi.get(spi >>> 0);
  }
}

/** What unwrapping one IPv4 packet found. */
export type Unwrapped =
  | { kind: 'plain' }
  /** ESP the keyring has no SA for, or that does not open (reason). */
  | { kind: 'sealed'; spi: number; udp: boolean; reason: string }
  /** The IPv4 packet as it would have been without ESP. */
  | { kind: 'opened'; spi: number; udp: boolean; packet: Uint8Array };

/*
 * IPv4 (IHL*4 bytes, protocol 50) | ESP: SPI (4) | Seq (4) | IV | ciphertext | ICV
 * IPv4 (protocol 17) | UDP: sport (2) | dport 4500 (2) | length (2) | checksum (2) | ESP (SPI != 0)
 */
/** Opens the ESP an IPv4 packet carries, if any. */
export function unwrapEsp(ip: Uint8Array, keyring: EspKeyring): Unwrapped {
  if (ip.length < 20 || ip[0]! >> 4 !== 4) return { kind: 'plain' };
  const ihl = (ip[0]! & 0x0f) * 4;
  const total = Math.min(ip.length, (ip[2]! << 8) | ip[3]!);
  let at: number;
  const udp = ip[9] === 17;
  if (ip[9] === 50) at = ihl;
  else if (udp && total >= ihl + 16 && ((ip[ihl + 2]! << 8) | ip[ihl + 3]!) === 4500) {
    at = ihl + 8;
    if ((ip[at]! | ip[at + 1]! | ip[at + 2]! | ip[at + 3]!) === 0) return { kind: 'plain' }; // IKE (non-ESP marker)
  } else return { kind: 'plain' };
  if (total < at + 8) return { kind: 'plain' };
  const o = openWith(keyring, ip.subarray(at, total), udp);
  if (o.kind !== 'opened') return o;
  const { spi, opened } = o;
  if (opened.nextHeader === 4) return { kind: 'opened', spi, udp, packet: opened.payload };
  const out = new Uint8Array(ihl + opened.payload.length);
  out.set(ip.subarray(0, ihl));
  out.set(opened.payload, ihl);
  const len = out.length;
  out[2] = len >> 8;
  out[3] = len & 0xff;
  out[9] = opened.nextHeader;
  out[10] = 0;
  out[11] = 0;
  const sum = internetChecksum(out, 0, ihl);
  out[10] = sum >> 8;
  out[11] = sum & 0xff;
  return { kind: 'opened', spi, udp, packet: out };
}

/** A captured frame after unwrapping: the frame to read in its place, and what the ESP was. */
export interface UnwrappedFrame {
  data: Uint8Array;
  esp?: { spi: number; udp: boolean; opened: boolean; reason?: string };
}

/**
 * Unwraps the ESP of a captured IPv4 or IPv6 frame (any link type linkPayload reads); other frames come back as
 * they are.
 */
export function unwrapFrame(linkType: number, data: Uint8Array, keyring: EspKeyring): UnwrappedFrame {
  let link: ReturnType<typeof linkPayload>;
  try {
    link = linkPayload(linkType, data);
  } catch {
    return { data };
  }
  if (link.etherType !== 0x0800 && link.etherType !== 0x86dd) return { data };
  const u = link.etherType === 0x0800 ? unwrapEsp(link.payload, keyring) : unwrapEsp6(link.payload, keyring);
  if (u.kind === 'plain') return { data };
  if (u.kind === 'sealed') return { data, esp: { spi: u.spi, udp: u.udp, opened: false, reason: u.reason } };
  const head = data.length - link.payload.length;
  const out = new Uint8Array(head + u.packet.length);
  out.set(data.subarray(0, head));
  out.set(u.packet, head);
  return { data: out, esp: { spi: u.spi, udp: u.udp, opened: true } };
}

/** The ESP at `esp` opened with the keyring's SA for its SPI, or why not. */
function openWith(
  keyring: EspKeyring,
  esp: Uint8Array,
  udp: boolean,
): Exclude<Unwrapped, { kind: 'plain' | 'opened' }> | { kind: 'opened'; spi: number; opened: EspOpened } {
  const spi = ((esp[0]! << 24) | (esp[1]! << 16) | (esp[2]! << 8) | esp[3]!) >>> 0;
  const k = keyring.find(spi);
  if (!k) return { kind: 'sealed', spi, udp, reason: `no key for SPI 0x${spi.toString(16).padStart(8, '0')}` };
  try {
    return { kind: 'opened', spi, opened: openEsp(k.rec.sa, esp, undefined, k.cipher) };
  } catch (err) {
    return { kind: 'sealed', spi, udp, reason: err instanceof EspError ? err.message : String(err) };
  }
}

/*
 * IPv6 (40, next header 50) | ESP: SPI (4) | Seq (4) | IV | ciphertext | ICV
 * IPv6 (next header 17) | UDP: sport (2) | dport 4500 (2) | length (2) | checksum (2) | ESP (SPI != 0)
 * Extension headers before ESP are not walked (the IPv6 NBMA sends none).
 */
/** Opens the ESP an IPv6 packet carries, if any: transport mode gives the packet with the inner next header. */
export function unwrapEsp6(ip: Uint8Array, keyring: EspKeyring): Unwrapped {
  if (ip.length < 48 || ip[0]! >> 4 !== 6) return { kind: 'plain' };
  const total = Math.min(ip.length, 40 + ((ip[4]! << 8) | ip[5]!));
  const udp = ip[6] === 17;
  let at = 40;
  if (udp && total >= 56 && ((ip[42]! << 8) | ip[43]!) === 4500) {
    at = 48;
    if ((ip[at]! | ip[at + 1]! | ip[at + 2]! | ip[at + 3]!) === 0) return { kind: 'plain' }; // IKE (non-ESP marker)
  } else if (ip[6] !== 50) return { kind: 'plain' };
  if (total < at + 8) return { kind: 'plain' };
  const o = openWith(keyring, ip.subarray(at, total), udp);
  if (o.kind !== 'opened') return o;
  const { spi, opened } = o;
  if (opened.nextHeader === 41) return { kind: 'opened', spi, udp, packet: opened.payload };
  const out = new Uint8Array(40 + opened.payload.length);
  out.set(ip.subarray(0, 40));
  out.set(opened.payload, 40);
  out[4] = opened.payload.length >> 8;
  out[5] = opened.payload.length & 0xff;
  out[6] = opened.nextHeader;
  return { kind: 'opened', spi, udp, packet: out };
}
