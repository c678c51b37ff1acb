/**
 * The config → kernel mapping of interfaces, as `ip` commands computed from the config before and
 * after a change (before = undefined at start-up):
 *
 * | IOS                                   | kernel                                               |
 * |---------------------------------------|------------------------------------------------------|
 * | interface GigabitEthernetN / EthernetN | ethN (must exist): `ip addr replace`, `link set up`  |
 * | interface LoopbackN                   | its addresses on lo (lo is brought up)               |
 * | interface TunnelN                     | TAP tunN (opened by the router): address, MTU, up    |
 * | ip mtu N                              | `ip link set DEV mtu N` (tunnels: 1476/1472 default, |
 * |                                       | 1456/1452 over an IPv6 NBMA)                         |
 * | shutdown / no shutdown                | `ip link set DEV down / up` (Loopback: addresses removed) |
 * | no ip address                         | `ip addr del`                                        |
 */
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { defaultTunnelMtu } from './engine-config.js';
import { hasIpv6, tunnelLinkLocal } from './engine6-config.js';
import { resolveTunnelSource } from '../config/derive.js';
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
    const was = old && before ? addresses(old, before) : [];
    const now = addresses(i, after);
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
    for (const a of addresses(old, before!))
      out.push({ iface: old.name, args: ['addr', 'del', a, 'dev', old.linuxName] });
  }
  return out;
}

/** The addresses an interface puts on its device, in CIDR form (none for a shut Loopback): IPv4, then IPv6. */
function addresses(i: InterfaceConfig, config: RouterConfig): string[] {
  if (i.kind === 'loopback' && i.shutdown) return [];
  return [
    ...i.addresses.filter((a) => a.family === 4).map((a) => `${a.address}/${a.prefixLength}`),
    ...ipv6Cidrs(config, i),
  ];
}

function mtuOf(i: InterfaceConfig): number | undefined {
  if (i.kind === 'tunnel') return i.mtu ?? defaultTunnelMtu(i.tunnel?.key, i.tunnel?.transport);
  return i.mtu;
}

/**
 * Per-device sysctls for a tunnel TAP: no ICMP redirects (NHRP redirects instead), and IPv6 off
 * unless the tunnel has IPv6 addresses (then on, without the kernel's own link-local, duplicate
 * address detection, router advertisements or redirects: dmvpnd answers Neighbor Discovery).
 */
export function tunnelSysctls(device: string, ipv6 = false): Array<[string, string]> {
  return [
    [`net/ipv4/conf/${device}/send_redirects`, '0'],
    [`net/ipv4/conf/${device}/accept_redirects`, '0'],
    ...(ipv6 ? ipv6Sysctls(device, true) : [[`net/ipv6/conf/${device}/disable_ipv6`, '1'] as [string, string]]),
  ];
}

/** IPv6 on for a device with IPv6 addresses: no duplicate address detection (addresses usable at once). */
export function ipv6Sysctls(device: string, tunnel: boolean): Array<[string, string]> {
  const c = `net/ipv6/conf/${device}`;
  return [
    ...(tunnel ? ([[`${c}/addr_gen_mode`, '1']] as Array<[string, string]>) : []),
    [`${c}/disable_ipv6`, '0'],
    [`${c}/accept_dad`, '0'],
    [`${c}/accept_ra`, '0'],
    [`${c}/accept_redirects`, '0'],
  ];
}

/** The IPv6 addresses of an interface in CIDR form: global ones, and a tunnel's link-local. */
function ipv6Cidrs(config: RouterConfig, i: InterfaceConfig): string[] {
  if (!hasIpv6(i)) return [];
  const out = i.ipv6!.addresses.map((a) => `${a.address}/${a.prefixLength}`);
  if (i.kind === 'tunnel') out.push(`${tunnelLinkLocal(i, resolveTunnelSource(config, i).address)}/64`);
  else if (i.ipv6!.linkLocal !== undefined) out.push(`${i.ipv6!.linkLocal}/64`);
  return out;
}

/** Namespace-wide sysctls of a router: forward IPv4, and send ICMP redirects only where a device asks. */
export const ROUTER_SYSCTLS: ReadonlyArray<[string, string]> = [
  ['net/ipv4/ip_forward', '1'],
  ['net/ipv4/conf/all/send_redirects', '0'],
];
