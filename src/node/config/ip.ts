/** IPv4 text helpers for the config parser: strict dotted quads, masks, prefixes. */

/** The 32-bit value of a strict dotted quad ("192.0.2.1"), or undefined if the text is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v;
}

/** True when `text` looks like an attempt at a dotted quad (digits and dots only), valid or not. */
export function looksLikeIpv4(text: string): boolean {
  return /^[0-9.]+$/.test(text) && text.includes('.');
}

/** Dotted quad of a 32-bit value. */
export function formatIpv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** Prefix length of a contiguous mask value, or undefined for a non-contiguous one. */
export function maskToPrefix(mask: number): number | undefined {
  for (let len = 0; len <= 32; len++) {
    if (prefixToMask(len) === mask) return len;
  }
  return undefined;
}

/** The mask value of a prefix length (0-32). */
export function prefixToMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** The network address of `addr/len`. */
export function networkOf(addr: number, len: number): number {
  return (addr & prefixToMask(len)) >>> 0;
}

/** Dotted-quad mask text for a prefix length ("255.255.255.0" for 24). */
export function maskText(len: number): string {
  return formatIpv4(prefixToMask(len));
}

/** True when `a` lies in `net/len`. */
export function inPrefix(a: string, net: string, len: number): boolean {
  const av = parseIpv4(a);
  const nv = parseIpv4(net);
  if (av === undefined || nv === undefined) return false;
  return networkOf(av, len) === networkOf(nv, len);
}
