/**
 * Address helpers the EIGRP engine needs beyond the shared modules (src/wire/ipv4-addr.ts,
 * ipv6-addr.ts): `network A W` wildcard matching, prefix keys, containment of one prefix in another.
 * Prefix keys and containment read the family from the text (an IPv6 address has a colon).
 */
import { classfulLength, formatIpv4, maskBits, parseIpv4 } from '../wire/ipv4-addr.js';
import { inPrefix6, networkOf6 } from '../wire/ipv6-addr.js';

/** "a.b.c.d/len" or "x::/len" for a prefix (the address masked to its length). */
export function prefixKey(prefix: string, prefixLength: number): string {
  if (prefix.includes(':')) return `${networkOf6(prefix, prefixLength)}/${prefixLength}`;
  return `${formatIpv4(((parseIpv4(prefix) ?? 0) & maskBits(prefixLength)) >>> 0)}/${prefixLength}`;
}

/**
 * `network A [W]`: whether an interface address falls under the statement. Without a wildcard the
 * statement covers A's classful network (IOS).
 */
export function networkCovers(address: string, net: string, wildcard?: string): boolean {
  const a = parseIpv4(address);
  const n = parseIpv4(net);
  if (a === undefined || n === undefined) return false;
  const w = wildcard === undefined ? ~maskBits(classfulLength(net)) >>> 0 : (parseIpv4(wildcard) ?? 0);
  const care = ~w >>> 0;
  return (a & care) >>> 0 === (n & care) >>> 0;
}

/** Whether prefix `inner`/`innerLen` lies inside `outer`/`outerLen` and is strictly longer. */
export function moreSpecific(inner: string, innerLen: number, outer: string, outerLen: number): boolean {
  if (innerLen <= outerLen) return false;
  if (inner.includes(':')) return inPrefix6(inner, outer, outerLen);
  const i = parseIpv4(inner);
  const o = parseIpv4(outer);
  if (i === undefined || o === undefined) return false;
  const m = maskBits(outerLen);
  return (i & m) >>> 0 === (o & m) >>> 0;
}
