/**
 * IPv4 addresses and prefixes, the one module every layer uses: an address is a host-order
 * unsigned 32-bit number ("bits") or a strict dotted quad ("192.0.2.1", 1-3 digits per octet,
 * each at most 255). Names carry their form: `maskBits` is a number, `maskString` dotted text.
 * (`ipv4.ts` next to this file is the IPv4 packet codec.)
 */

/** An address with its prefix length: `192.0.2.1/24` is { address: '192.0.2.1', prefixLength: 24 }. */
export interface Ipv4Cidr {
  address: string;
  prefixLength: number;
}

/** The address as an unsigned 32-bit number, or undefined when `text` is not a strict dotted quad. */
export function parseIpv4(text: string): number | undefined {
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return undefined;
      v = v * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return v * 256 + part;
}

/** Whether `text` is a strict dotted quad. */
export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

/** Whether `text` is an attempt at a dotted quad (digits and at least one dot), valid or not. */
export function looksLikeIpv4(text: string): boolean {
  return /^[0-9.]+$/.test(text) && text.includes('.');
}

/** Dotted quad of an unsigned 32-bit number. */
export function formatIpv4(bits: number): string {
  return `${bits >>> 24}.${(bits >>> 16) & 255}.${(bits >>> 8) & 255}.${bits & 255}`;
}

/** Reads a big-endian IPv4 address at `b[at..at+4)`. */
export function readIpv4(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Writes a big-endian IPv4 address at `b[at..at+4)`. */
export function writeIpv4(b: Uint8Array, at: number, bits: number): void {
  b[at] = bits >>> 24;
  b[at + 1] = (bits >>> 16) & 255;
  b[at + 2] = (bits >>> 8) & 255;
  b[at + 3] = bits & 255;
}

/** The network mask of a prefix length as a number (lengths outside 0-32 are clamped). */
export function maskBits(prefixLength: number): number {
  return prefixLength <= 0 ? 0 : prefixLength >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The network mask of a prefix length as dotted text: 24 -> "255.255.255.0". */
export function maskString(prefixLength: number): string {
  return formatIpv4(maskBits(prefixLength));
}

/** The wildcard (inverse) mask of a prefix length as a number: 24 -> 0xff. */
export function wildcardBits(prefixLength: number): number {
  return ~maskBits(prefixLength) >>> 0;
}

/** The wildcard (inverse) mask of a prefix length as dotted text: 24 -> "0.0.0.255". */
export function wildcardString(prefixLength: number): string {
  return formatIpv4(wildcardBits(prefixLength));
}

/** The prefix length of a contiguous mask number, or undefined for a non-contiguous one. */
export function lengthOfMaskBits(bits: number): number | undefined {
  const len = Math.clz32(~bits >>> 0);
  return maskBits(len) === bits >>> 0 ? len : undefined;
}

/** The prefix length of a dotted mask ("255.255.255.0" -> 24), or undefined when it is not a contiguous mask. */
export function lengthOfMaskString(text: string): number | undefined {
  const bits = parseIpv4(text);
  return bits === undefined ? undefined : lengthOfMaskBits(bits);
}

/** The network address of `bits`/`prefixLength` as a number. */
export function networkBits(bits: number, prefixLength: number): number {
  return (bits & maskBits(prefixLength)) >>> 0;
}

/** The network address of `addr`/`prefixLength` as dotted text (`addr` itself when it is not a dotted quad). */
export function networkOf(addr: string, prefixLength: number): string {
  const v = parseIpv4(addr);
  return v === undefined ? addr : formatIpv4(networkBits(v, prefixLength));
}

/** Whether `addr` lies inside `net`/`prefixLength` (false when either is not a dotted quad). */
export function inPrefix(addr: string, net: string, prefixLength: number): boolean {
  const a = parseIpv4(addr);
  const n = parseIpv4(net);
  if (a === undefined || n === undefined) return false;
  return networkBits(a, prefixLength) === networkBits(n, prefixLength);
}

/** Whether `addr` lies in the subnet of `c` (10.1.0.7 lies in 10.1.0.1/24). */
export function inCidr(addr: string, c: Ipv4Cidr): boolean {
  return inPrefix(addr, c.address, c.prefixLength);
}

/** Parses `a.b.c.d/len` (len 0-32, one or two digits), or undefined. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const len = text.slice(slash + 1);
  if (!/^[0-9]{1,2}$/.test(len) || Number(len) > 32 || !isIpv4(address)) return undefined;
  return { address, prefixLength: Number(len) };
}

/** `a.b.c.d/len` text of an address and prefix length. */
export function formatCidr(c: Ipv4Cidr): string {
  return `${c.address}/${c.prefixLength}`;
}

/** A route-like entry: a prefix and its length. */
export interface Ipv4PrefixEntry {
  prefix: string;
  prefixLength: number;
}

/** How `longestMatch` picks: which entries count, and which of two equally long ones wins. */
export interface MatchOptions<T> {
  /** Only entries for which this is true are considered (default: all). */
  accept?: (e: T) => boolean;
  /** True when `a` beats `b`, the best so far, at equal prefix length (default: the first one wins). */
  prefer?: (a: T, b: T) => boolean;
}

/**
 * The entry whose prefix holds `addr` with the longest prefix length, or undefined when none holds
 * it (or `addr` is not a dotted quad).
 */
export function longestMatch<T extends Ipv4PrefixEntry>(
  addr: string,
  entries: Iterable<T>,
  opts: MatchOptions<T> = {},
): T | undefined {
  const a = parseIpv4(addr);
  if (a === undefined) return undefined;
  const { accept, prefer } = opts;
  let best: T | undefined;
  for (const e of entries) {
    if ((accept && !accept(e)) || networkBits(a, e.prefixLength) !== parseIpv4(e.prefix)) continue;
    if (!best || e.prefixLength > best.prefixLength) best = e;
    else if (e.prefixLength === best.prefixLength && prefer?.(e, best)) best = e;
  }
  return best;
}

/** The classful prefix length of an address: class A /8, B /16, C and above /24 (0.0.0.0 and non-IPv4 count as A). */
export function classfulLength(addr: string): number {
  const first = (parseIpv4(addr) ?? 0) >>> 24;
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}
