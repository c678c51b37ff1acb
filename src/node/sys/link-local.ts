/** The kernel's link-local IPv6 address of a device, read from /proc/net/if_inet6 (this namespace). */
import { readFileSync } from 'node:fs';
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';

/** fe80::/10 address of `device`, or undefined (no IPv6 there yet, or no /proc). */
export function kernelLinkLocal(device: string): string | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/net/if_inet6', 'utf8');
  } catch {
    return undefined;
  }
  // "fe800000000000000000000000000001 0b 40 20 80 tun0": address, index, prefix length, scope, flags, name
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || f[5] !== device || f[3] !== '20') continue;
    return canonicalIpv6(f[0].replace(/(.{4})(?!$)/g, '$1:'));
  }
  return undefined;
}
