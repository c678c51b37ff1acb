/**
 * The config → kernel mapping of interfaces, as `ip` commands computed from the config before and
 * after a change (before = undefined at start-up):
 *
 * | IOS                                   | kernel                                               |
 * |---------------------------------------|------------------------------------------------------|
 * | interface GigabitEthernetN / EthernetN | ethN (must exist): `ip addr replace`, `link set up`  |
 * | interface LoopbackN                   | its addresses on lo (lo is brought up)               |
 * | interface TunnelN                     | TAP tunN (opened by the router): address, MTU, up    |
 * | ip mtu N                              | `ip link set DEV mtu N` (tunnels: 1476/1472 default) |
 * | shutdown / no shutdown                | `ip link set DEV down / up` (Loopback: addresses removed) |
 * | no ip address                         | `ip addr del`                                        |
 */
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { defaultTunnelMtu } from './engine-config.js';
import type { IpCommand } from '../sys/iproute.js';

/** A command and the interface it is for (so a failure can be reported against the IOS name). */
export interface InterfaceCommand {
  iface: string;
  args: IpCommand;
}

/** The commands that take the kernel from `before` to `after`; tunnels' TAP devices must exist already. */
export function interfaceCommands(before: RouterConfig | undefined, after: RouterConfig): InterfaceCommand[] {
  const out: InterfaceCommand[] = [];
  if (!before) out.push({ iface: 'lo', args: ['link', 'set', 'dev', 'lo', 'up'] });
  for (const i of Object.values(after.interfaces)) {
    const old = before?.interfaces[i.name];
    const push = (args: IpCommand): void => void out.push({ iface: i.name, args });
    const dev = i.linuxName;
    const was = old ? addresses(old) : [];
    const now = addresses(i);
    for (const a of was) if (!now.includes(a)) push(['addr', 'del', a, 'dev', dev]);
    if (i.kind !== 'loopback') {
      const mtu = mtuOf(i);
      if (mtu !== undefined && (!old || mtuOf(old) !== mtu)) push(['link', 'set', 'dev', dev, 'mtu', String(mtu)]);
    }
    for (const a of now) if (!was.includes(a)) push(['addr', 'replace', a, 'dev', dev]);
    if (i.kind !== 'loopback' && (!old || old.shutdown !== i.shutdown))
      push(['link', 'set', 'dev', dev, i.shutdown ? 'down' : 'up']);
  }
  for (const old of Object.values(before?.interfaces ?? {})) {
    if (after.interfaces[old.name] || old.kind === 'tunnel') continue;
    for (const a of addresses(old)) out.push({ iface: old.name, args: ['addr', 'del', a, 'dev', old.linuxName] });
  }
  return out;
}

/** The IPv4 addresses an interface puts on its device, in CIDR form (none for a shut Loopback). */
function addresses(i: InterfaceConfig): string[] {
  if (i.kind === 'loopback' && i.shutdown) return [];
  return i.addresses.filter((a) => a.family === 4).map((a) => `${a.address}/${a.prefixLength}`);
}

function mtuOf(i: InterfaceConfig): number | undefined {
  if (i.kind === 'tunnel') return i.mtu ?? defaultTunnelMtu(i.tunnel?.key);
  return i.mtu;
}

/** Per-device sysctls for a tunnel TAP: no ICMP redirects (NHRP redirects instead) and no IPv6 (IPv4 overlay only). */
export function tunnelSysctls(device: string): Array<[string, string]> {
  return [
    [`net/ipv4/conf/${device}/send_redirects`, '0'],
    [`net/ipv4/conf/${device}/accept_redirects`, '0'],
    [`net/ipv6/conf/${device}/disable_ipv6`, '1'],
  ];
}

/** Namespace-wide sysctls of a router: forward IPv4, and send ICMP redirects only where a device asks. */
export const ROUTER_SYSCTLS: ReadonlyArray<[string, string]> = [
  ['net/ipv4/ip_forward', '1'],
  ['net/ipv4/conf/all/send_redirects', '0'],
];
