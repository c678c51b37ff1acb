/**
 * IPv4 arithmetic for the engine: protocol addresses are dotted quads (see src/wire/nhrp/types.ts).
 * Prefix math is IPv4 only; an address that is not a dotted quad never matches a prefix.
 */

/** The address as an unsigned 32-bit number, or undefined when it is not a dotted quad. */
export function ipv4ToInt(addr: string): number | undefined {
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < addr.length; i++) {
    const c = addr.charCodeAt(i);
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

/** Dotted quad of an unsigned 32-bit number. */
export function intToIpv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** The network mask of a prefix length as an unsigned 32-bit number. */
export function maskOf(prefixLength: number): number {
  return prefixLength <= 0 ? 0 : prefixLength >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The network address of `addr`/`prefixLength` (the address itself when it is not IPv4). */
export function networkOf(addr: string, prefixLength: number): string {
  const v = ipv4ToInt(addr);
  return v === undefined ? addr : intToIpv4((v & maskOf(prefixLength)) >>> 0);
}

/** Whether `addr` lies inside `net`/`prefixLength`. */
export function inPrefix(addr: string, net: string, prefixLength: number): boolean {
  const a = ipv4ToInt(addr);
  const n = ipv4ToInt(net);
  if (a === undefined || n === undefined) return false;
  const m = maskOf(prefixLength);
  return ((a & m) >>> 0) === ((n & m) >>> 0);
}

/** Host prefix length of an address family: 32 for IPv4, 128 for IPv6 text. */
export function hostLength(addr: string): number {
  return addr.includes(':') ? 128 : 32;
}

/** "a.b.c.d/len": the key cache entries and shortcuts are stored under. */
export function prefixKey(addr: string, prefixLength: number): string {
  return `${addr}/${prefixLength}`;
}

/** Source and destination of the IPv4 packet whose header starts `head`, or undefined when too short. */
export function ipv4Endpoints(head: Uint8Array): { src: string; dst: string } | undefined {
  if (head.length < 20 || head[0] >> 4 !== 4) return undefined;
  const at = (o: number) => `${head[o]}.${head[o + 1]}.${head[o + 2]}.${head[o + 3]}`;
  return { src: at(12), dst: at(16) };
}

/** A CIE prefix length as a usable one: 0, 0xff and anything past the host length mean a host route. */
export function ciePrefixLength(prefixLength: number, addr: string): number {
  const host = hostLength(addr);
  return prefixLength === 0 || prefixLength > host ? host : prefixLength;
}
