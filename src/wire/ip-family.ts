/**
 * The address family as a value: what differs between IPv4 and IPv6 for NHRP and the data plane
 * (protocol type, host length, prefix arithmetic, the IP header's endpoints). An NHRP engine, a
 * route lookup or a show command takes one of these instead of importing IPv4 helpers.
 */
import { inPrefix, isIpv4, networkOf, parseIpv4 } from './ipv4-addr.js';
import { canonicalIpv6, inPrefix6, isIpv6, networkOf6, parseIpv6 } from './ipv6-addr.js';
import { addrFromBytes } from './nhrp/addr.js';

/** 'ipv4' or 'ipv6'. */
export type IpFamilyName = 'ipv4' | 'ipv6';

/** Prefix arithmetic and constants of one address family. */
export interface IpFamily {
  name: IpFamilyName;
  /** NHRP ar$pro.type and GRE protocol type: 0x0800 or 0x86dd. */
  protocolType: number;
  /** Bytes of an address: 4 or 16. */
  addrLength: number;
  /** Host prefix length: 32 or 128. */
  hostLength: number;
  /** Whether `text` is an address of this family. */
  isAddress(text: string): boolean;
  /** The canonical text of an address, or undefined when `text` is not one of this family. */
  canonical(text: string): string | undefined;
  networkOf(addr: string, prefixLength: number): string;
  inPrefix(addr: string, net: string, prefixLength: number): boolean;
  /** Orders two addresses numerically (non-addresses last). */
  compare(a: string, b: string): number;
  /** Source and destination of an IP packet of this family whose first bytes are `head`. */
  endpoints(head: Uint8Array): { src: string; dst: string } | undefined;
  /** Bytes of the IP header a Traffic Indication quotes before the 8 payload bytes. */
  headerLength(head: Uint8Array): number;
}

export const IPV4: IpFamily = {
  name: 'ipv4',
  protocolType: 0x0800,
  addrLength: 4,
  hostLength: 32,
  isAddress: isIpv4,
  canonical: (t) => (isIpv4(t) ? t : undefined),
  networkOf,
  inPrefix,
  compare: (a, b) => (parseIpv4(a) ?? Infinity) - (parseIpv4(b) ?? Infinity) || 0,
  endpoints: (h) =>
    h.length >= 20 && h[0] >> 4 === 4 ? { src: addrFromBytes(h, 12, 4), dst: addrFromBytes(h, 16, 4) } : undefined,
  headerLength: (h) => (h[0] & 0x0f) * 4,
};

export const IPV6: IpFamily = {
  name: 'ipv6',
  protocolType: 0x86dd,
  addrLength: 16,
  hostLength: 128,
  isAddress: isIpv6,
  canonical: canonicalIpv6,
  networkOf: networkOf6,
  inPrefix: inPrefix6,
  compare: (a, b) => {
    const x = parseIpv6(a);
    const y = parseIpv6(b);
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    return x < y ? -1 : x > y ? 1 : 0;
  },
  endpoints: (h) =>
    h.length >= 40 && h[0] >> 4 === 6 ? { src: addrFromBytes(h, 8, 16), dst: addrFromBytes(h, 24, 16) } : undefined,
  headerLength: () => 40,
};

/** The family of a name. */
export function ipFamily(name: IpFamilyName | undefined): IpFamily {
  return name === 'ipv6' ? IPV6 : IPV4;
}

/** The family of an address text (IPv6 when it has a colon). */
export function familyOf(addr: string): IpFamily {
  return addr.includes(':') ? IPV6 : IPV4;
}
