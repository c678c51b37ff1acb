/**
 * Address plan of a generated lab: NBMA sites carved from the three documentation ranges,
 * tunnel 172.16.0.0/24 (or /16 for big labs), spoke LANs 10.1.<n>.0/24, NAT insides 192.168.<k>.0/24.
 */
import { formatIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import { LabError } from '../errors.js';

/** The public (NBMA) ranges, in the order sites take them. */
export const NBMA_RANGES = ['192.0.2.0', '198.51.100.0', '203.0.113.0'];

/** One site on the internet core: the site's address and the internet's, on a common subnet. */
export interface Site {
  address: string;
  gateway: string;
  prefix: number;
}

/** Carves `count` sites out of the documentation ranges: /24 each for up to 3, smaller blocks (down to /31) for more. */
export function nbmaSites(count: number): Site[] {
  const max = NBMA_RANGES.length * 128;
  if (count > max) {
    throw new LabError(
      'BAD_ARGUMENT',
      `a generated lab holds at most ${max} internet sites (hubs + spokes not behind NAT + NAT gateways), asked for ${count}`,
    );
  }
  let perRange = 1;
  while (perRange * NBMA_RANGES.length < count) perRange *= 2;
  const size = 256 / perRange;
  const prefix = 32 - Math.log2(size);
  return Array.from({ length: count }, (_, i) => {
    const base = parseIpv4(NBMA_RANGES[Math.floor(i / perRange)]!)! + (i % perRange) * size;
    return size === 2
      ? { address: formatIpv4(base), gateway: formatIpv4(base + 1), prefix }
      : { address: formatIpv4(base + 1), gateway: formatIpv4(base + size - 2), prefix };
  });
}

/** The tunnel prefix length: /24 while every router fits, else /16. */
export function tunnelPrefix(hubs: number, spokes: number): number {
  return hubs + spokes + 10 <= 254 ? 24 : 16;
}

/** Tunnel address of hub `h` (1-based): 172.16.0.h. */
export function hubTunnelAddress(h: number): string {
  return formatIpv4(parseIpv4('172.16.0.0')! + h);
}

/** Tunnel address of spoke `s` (1-based): 172.16.0.(10+s), continuing into 172.16.1.x for big labs. */
export function spokeTunnelAddress(s: number): string {
  return formatIpv4(parseIpv4('172.16.0.0')! + 10 + s);
}

/** LAN of spoke `s` (1-based): 10.1.s.0/24, then 10.2.x.0/24 past 255. Returns the network's first three octets. */
export function spokeLanOctets(s: number): string {
  return `10.${1 + Math.floor(s / 256)}.${s % 256}`;
}

/** Inside segment of NAT gateway `k` (1-based): 192.168.k.0/24. */
export function natInside(k: number): string {
  if (k > 254) throw new LabError('BAD_ARGUMENT', `at most 254 NAT gateways, asked for ${k}`);
  return `192.168.${k}`;
}
