/** IPv4 helpers for topology checks: parse `a.b.c.d` and `a.b.c.d/len`, test subnet membership. */

/** An IPv4 interface address: the address and its prefix length. */
export interface Cidr {
  address: string;
  prefix: number;
}

/** Parses dotted-quad IPv4 into a 32-bit unsigned number, or undefined when it is not one. */
export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** Formats a 32-bit number as dotted-quad. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/len` (len 1..32), or undefined. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m || ipToInt(m[1]!) === undefined) return undefined;
  const prefix = Number(m[2]);
  if (prefix < 1 || prefix > 32) return undefined;
  return { address: m[1]!, prefix };
}

/** The netmask of a prefix length as a number. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The network address of `c`, e.g. 10.1.0.0/24 for 10.1.0.10/24. */
export function networkOf(c: Cidr): string {
  return `${intToIp((ipToInt(c.address)! & prefixMask(c.prefix)) >>> 0)}/${c.prefix}`;
}

/** True when `ip` lies in the subnet of `c`. */
export function inSubnet(ip: string, c: Cidr): boolean {
  const a = ipToInt(ip);
  const b = ipToInt(c.address);
  if (a === undefined || b === undefined) return false;
  const mask = prefixMask(c.prefix);
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** Dotted netmask for IOS configs: 24 -> 255.255.255.0. */
export function maskOf(prefix: number): string {
  return intToIp(prefixMask(prefix));
}
