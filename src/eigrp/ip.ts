/**
 * IPv4 helpers the EIGRP engine needs beyond the shared ones (src/nhrp/ip.ts, re-exported here so
 * the engine has one import): `network A W` wildcard matching, classful networks, prefix keys.
 */
import { intToIpv4, ipv4ToInt, maskOf } from '../nhrp/ip.js';

export { inPrefix, intToIpv4, ipv4ToInt, maskOf, networkOf } from '../nhrp/ip.js';

/** "a.b.c.d/len" for a prefix (the address masked to its length). */
export function prefixKey(prefix: string, prefixLength: number): string {
  return `${intToIpv4(((ipv4ToInt(prefix) ?? 0) & maskOf(prefixLength)) >>> 0)}/${prefixLength}`;
}

/** The classful mask length of an address (A /8, B /16, C /24; 32 for the rest). */
export function classfulLength(addr: string): number {
  const first = (ipv4ToInt(addr) ?? 0) >>> 24;
  return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
}

/**
 * `network A [W]`: whether an interface address falls under the statement. Without a wildcard the
 * statement covers A's classful network (IOS).
 */
export function networkCovers(address: string, net: string, wildcard?: string): boolean {
  const a = ipv4ToInt(address);
  const n = ipv4ToInt(net);
  if (a === undefined || n === undefined) return false;
  const w = wildcard === undefined ? ~maskOf(classfulLength(net)) >>> 0 : (ipv4ToInt(wildcard) ?? 0);
  const care = ~w >>> 0;
  return (a & care) >>> 0 === (n & care) >>> 0;
}

/** Whether prefix `inner`/`innerLen` lies inside `outer`/`outerLen` and is strictly longer. */
export function moreSpecific(inner: string, innerLen: number, outer: string, outerLen: number): boolean {
  if (innerLen <= outerLen) return false;
  const i = ipv4ToInt(inner);
  const o = ipv4ToInt(outer);
  if (i === undefined || o === undefined) return false;
  const m = maskOf(outerLen);
  return (i & m) >>> 0 === (o & m) >>> 0;
}

/** Dotted-quad mask of a prefix length (`show` output and IOS messages). */
export function maskText(prefixLength: number): string {
  return intToIpv4(maskOf(prefixLength));
}
