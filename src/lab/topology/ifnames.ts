/** Interface names: IOS names of dmvpn routers mapped to the Linux names inside the node. */

const IOS_PHYS = /^(?:GigabitEthernet|Gi|Gig|Ethernet|Eth|Et|e|g)0\/(\d{1,3})$/i;
const IOS_LOOPBACK = /^(?:Loopback|Lo)(\d+)$/i;
const IOS_TUNNEL = /^(?:Tunnel|Tu)(\d+)$/i;
const LINUX = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

/** IOS GigabitEthernet0/N / Ethernet0/N (and abbreviations) -> ethN, LoopbackN -> lo, TunnelN -> tunN; ethN stays. */
export function iosToLinux(name: string): string | undefined {
  let m = IOS_PHYS.exec(name);
  if (m) return `eth${Number(m[1])}`;
  if (IOS_LOOPBACK.test(name)) return 'lo';
  m = IOS_TUNNEL.exec(name);
  if (m) return `tun${Number(m[1])}`;
  if (/^eth\d{1,3}$/.test(name)) return name;
  if (/^tun\d{1,3}$/.test(name)) return name;
  return undefined;
}

/** A valid Linux interface name (1..15 chars), or undefined. */
export function linuxName(name: string): string | undefined {
  return LINUX.test(name) && name !== 'lo' ? name : undefined;
}
