/**
 * Prefixes as the engine keys them: host lengths per address family, the "addr/len" cache key, and
 * CIE prefix lengths made usable. IPv4 arithmetic itself is in src/wire/ipv4-addr.ts.
 */

/** Host prefix length of an address family: 32 for IPv4, 128 for IPv6 text. */
export function hostLength(addr: string): number {
  return addr.includes(':') ? 128 : 32;
}

/** "a.b.c.d/len": the key cache entries and shortcuts are stored under. */
export function prefixKey(addr: string, prefixLength: number): string {
  return `${addr}/${prefixLength}`;
}

/** A CIE prefix length as a usable one: 0, 0xff and anything past the host length mean a host route. */
export function ciePrefixLength(prefixLength: number, addr: string): number {
  const host = hostLength(addr);
  return prefixLength === 0 || prefixLength > host ? host : prefixLength;
}
