/** Root: what a lab needs (namespaces, veths, iptables, the routers' sockets), checked before anything is tried. */
import { LabError } from './errors.js';

/** True when this process is root. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Throws NOT_ROOT unless this process is root; `what` names the command, e.g. "dmvpn-lab up". */
export function requireRoot(what = 'dmvpn-lab'): void {
  if (isRoot()) return;
  throw new LabError(
    'NOT_ROOT',
    `${what} needs root (network namespaces, veth pairs, iptables, the routers' control sockets): ` +
      `run it as root, e.g. "sudo ${what} …"`,
  );
}
