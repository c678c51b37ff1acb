/**
 * IPv6 addresses and prefixes, the counterpart of ipv4-addr.ts: an address is a 128-bit bigint
 * ("bits") or RFC 5952 text ("2001:db8::1", lower case, longest zero run as "::"). Every address
 * string the router keeps is canonical (`canonicalIpv6`), so two spellings of one address compare
 * equal as strings. (`ipv6.ts` next to this file is the IPv6 packet header.)
 */
import { addrFromBytes, addrToBytes } from './nhrp/addr.js';

/** An address with its prefix length: `2001:db8::1/64` is { address: '2001:db8::1', prefixLength: 64 }. */
export interface Ipv6Cidr {
  address: string;
  prefixLength: number;
}

const ALL = (1n << 128n) - 1n;

/** The minimum IPv6 MTU (RFC 8200 5): every IPv6 link carries packets of 1280 bytes. */
export const IPV6_MIN_MTU = 1280;

/** The 16 bytes of `text`, or undefined when it is not an IPv6 address (no zone, no prefix). */
export function ipv6Bytes(text: string): Uint8Array | undefined {
  if (!text.includes(':') || text.startsWith('hex:') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  try {
    const b = addrToBytes(text);
    return b.length === 16 ? b : undefined;
  } catch {
    return undefined;
  }
}

/** The address as a 128-bit number, or undefined when `text` is not IPv6. */
export function parseIpv6(text: string): bigint | undefined {
  const b = ipv6Bytes(text);
  return b === undefined ? undefined : readIpv6(b, 0);
}

/** Whether `text` is an IPv6 address. */
export function isIpv6(text: string): boolean {
  return ipv6Bytes(text) !== undefined;
}

/** RFC 5952 text of `text` ("2001:DB8:0::1" -> "2001:db8::1"), or undefined when it is not IPv6. */
export function canonicalIpv6(text: string): string | undefined {
  const b = ipv6Bytes(text);
  return b === undefined ? undefined : addrFromBytes(b, 0, 16);
}

/** RFC 5952 text of a 128-bit number. */
export function formatIpv6(bits: bigint): string {
  const b = new Uint8Array(16);
  writeIpv6(b, 0, bits);
  return addrFromBytes(b, 0, 16);
}

/** Reads a big-endian IPv6 address at `b[at..at+16)`. */
export function readIpv6(b: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(b[at + i]);
  return v;
}

/** Writes a big-endian IPv6 address at `b[at..at+16)`. */
export function writeIpv6(b: Uint8Array, at: number, bits: bigint): void {
  let v = bits;
  for (let i = 15; i >= 0; i--) {
    b[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The network mask of a prefix length (0-128, clamped). */
export function maskBits6(prefixLength: number): bigint {
  if (prefixLength <= 0) return 0n;
  if (prefixLength >= 128) return ALL;
  return (ALL << BigInt(128 - prefixLength)) & ALL;
}

/** The network address of `addr`/`prefixLength` as text (`addr` itself when it is not IPv6). */
export function networkOf6(addr: string, prefixLength: number): string {
  const v = parseIpv6(addr);
  return v === undefined ? addr : formatIpv6(v & maskBits6(prefixLength));
}

/** Whether `addr` lies inside `net`/`prefixLength` (false when either is not IPv6). */
export function inPrefix6(addr: string, net: string, prefixLength: number): boolean {
  const a = parseIpv6(addr);
  const n = parseIpv6(net);
  if (a === undefined || n === undefined) return false;
  const m = maskBits6(prefixLength);
  return (a & m) === (n & m);
}

/** Parses `X/len` (len 0-128) into a canonical address and length, or undefined. */
export function parseCidr6(text: string): Ipv6Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const len = text.slice(slash + 1);
  const address = canonicalIpv6(text.slice(0, slash));
  if (!/^[0-9]{1,3}$/.test(len) || Number(len) > 128 || address === undefined) return undefined;
  return { address, prefixLength: Number(len) };
}

/** Whether `addr` is link-local unicast (fe80::/10). */
export function isLinkLocal6(addr: string): boolean {
  return inPrefix6(addr, 'fe80::', 10);
}

/** Whether `addr` is multicast (ff00::/8). */
export function isMulticast6(addr: string): boolean {
  return inPrefix6(addr, 'ff00::', 8);
}

/** The solicited-node multicast group of an address (RFC 4291 2.7.1): ff02::1:ffXX:XXXX. */
export function solicitedNode6(addr: string): string | undefined {
  const v = parseIpv6(addr);
  return v === undefined ? undefined : formatIpv6((0xff02n << 112n) | (0x1ffn << 24n) | (v & 0xffffffn));
}

/** The entry whose IPv6 prefix holds `addr` with the longest prefix length, or undefined. */
export function longestMatch6<T extends { prefix: string; prefixLength: number }>(
  addr: string,
  entries: Iterable<T>,
  accept?: (e: T) => boolean,
): T | undefined {
  const a = parseIpv6(addr);
  if (a === undefined) return undefined;
  let best: T | undefined;
  for (const e of entries) {
    if (accept && !accept(e)) continue;
    const n = parseIpv6(e.prefix);
    const m = maskBits6(e.prefixLength);
    if (n === undefined || (a & m) !== (n & m)) continue;
    if (!best || e.prefixLength > best.prefixLength) best = e;
  }
  return best;
}
