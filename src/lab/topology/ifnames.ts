/**
 * Interface names: IOS names of dmvpn routers mapped to the Linux names inside the node, by the rule
 * dmvpnd itself uses (src/node/config/names.ts): GigabitEthernetN and Gi0/N -> ethN (IOSv,
 * CSR 1000v), IOL's Ethernet S/P -> eth(4·S + P), ISR-style 0/S/P as S/P.
 */

const IOS_PHYS = /^(?:GigabitEthernet|Gi|Gig|FastEthernet|Fa|Ethernet|Eth|Et|e|g)(\d{1,3}(?:\/\d{1,3}){0,2})$/i;
const IOS_LOOPBACK = /^(?:Loopback|Lo)(\d+)$/i;
const IOS_TUNNEL = /^(?:Tunnel|Tu)(\d+)$/i;
const LINUX = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

/** IOS Ethernet names (and abbreviations) -> ethN as above, LoopbackN -> lo, TunnelN -> tunN; ethN stays. */
export function iosToLinux(name: string): string | undefined {
  let m = IOS_PHYS.exec(name);
  if (m) {
    const index = ethernetIndex(m[1]!.split('/').map(Number));
    return index === undefined ? undefined : `eth${index}`;
  }
  if (IOS_LOOPBACK.test(name)) return 'lo';
  m = IOS_TUNNEL.exec(name);
  if (m) return `tun${Number(m[1])}`;
  if (/^eth\d{1,3}$/.test(name)) return name;
  if (/^tun\d{1,3}$/.test(name)) return name;
  return undefined;
}

/** ethN index for N, 0/N, S/P (IOL: 4 ports per slot) and 0/S/P; undefined when there is no mapping. */
function ethernetIndex(numbers: number[]): number | undefined {
  const n = numbers.length === 3 && numbers[0] === 0 ? numbers.slice(1) : numbers;
  if (n.length === 1) return n[0];
  if (n.length !== 2) return undefined;
  const [slot, port] = n as [number, number];
  if (slot === 0) return port;
  return port <= 3 ? slot * 4 + port : undefined;
}

/** A valid Linux interface name (1..15 chars), or undefined. */
export function linuxName(name: string): string | undefined {
  return LINUX.test(name) && name !== 'lo' ? name : undefined;
}
