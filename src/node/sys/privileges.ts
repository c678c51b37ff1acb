/** Whether this process may do what a router does: create TAP devices, open raw sockets, set routes and sysctls. */
import { readFileSync } from 'node:fs';

/** CAP_NET_ADMIN (12) and CAP_NET_RAW (13). */
const NET_CAPS = (1n << 12n) | (1n << 13n);

/** True when the effective capabilities hold CAP_NET_ADMIN and CAP_NET_RAW (root has them; so may a container). */
export function hasNetPrivileges(status: string = readStatus()): boolean {
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  if (m === null) return process.getuid?.() === 0;
  return (BigInt(`0x${m[1]}`) & NET_CAPS) === NET_CAPS;
}

function readStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return '';
  }
}
