/** Values the router derives from a config: the tunnel's underlay address, effective NHRP maps and multicast targets. */
import type { InterfaceConfig, NhrpConfig, NhrpMap, RouterConfig, TunnelIfConfig } from './model.js';

/** IOS GRE tunnel `ip mtu` default: 1500 minus the outer IPv4 (IPv6: 40 bytes) and GRE headers (4 more with a key). */
export function defaultTunnelMtu(key: number | undefined, transport: 4 | 6 = 4): number {
  return (transport === 6 ? 1456 : 1476) - (key === undefined ? 0 : 4);
}

/**
 * An interface's IPv6 MTU: `ipv6 mtu`, else its IPv4 MTU (a tunnel's `ip mtu` or the GRE default, which is the
 * TAP's MTU; 1500 on Ethernet).
 */
export function ipv6MtuOf(iface: InterfaceConfig): number {
  if (iface.ipv6?.mtu !== undefined) return iface.ipv6.mtu;
  return iface.mtu ?? (iface.kind === 'tunnel' ? defaultTunnelMtu(iface.tunnel?.key, iface.tunnel?.transport) : 1500);
}

/** The underlay of a tunnel: the device and address GRE is sent from (either may be unknown). */
export interface ResolvedSource {
  /** IOS name when `tunnel source` names an interface. */
  interface?: string;
  linuxName?: string;
  address?: string;
}

/**
 * Resolves `tunnel source` to a device and the source interface's primary address (or the literal address);
 * over an IPv6 NBMA (`tunnel mode gre multipoint ipv6` or `gre ipv6`) the interface's first global IPv6
 * address, and a literal address of the other family resolves to none.
 */
export function resolveTunnelSource(config: RouterConfig, tunnel: InterfaceConfig): ResolvedSource {
  const src = tunnel.tunnel?.source;
  if (!src) return {};
  const v6 = tunnel.tunnel?.transport === 6;
  if (src.kind === 'address') {
    const owner = Object.values(config.interfaces).find(
      (i) =>
        i.addresses.some((a) => a.address === src.address) || i.ipv6?.addresses.some((a) => a.address === src.address),
    );
    return {
      ...(src.address.includes(':') === v6 ? { address: src.address } : {}),
      ...(owner ? { interface: owner.name, linuxName: owner.linuxName } : {}),
    };
  }
  const iface = config.interfaces[src.name];
  const primary = v6 ? iface?.ipv6?.addresses[0] : iface?.addresses.find((a) => !a.secondary);
  return {
    interface: src.name,
    ...(iface ? { linuxName: iface.linuxName } : {}),
    ...(primary ? { address: primary.address } : {}),
  };
}

/** `tunnel destination` when it is of the tunnel's transport family (one of the other family is not used). */
export function tunnelDestination(t: TunnelIfConfig | undefined): string | undefined {
  const d = t?.destination;
  return d !== undefined && d.includes(':') === (t!.transport === 6) ? d : undefined;
}

/** Static protocol→NBMA bindings: `ip nhrp map` entries plus NHSs given with `nbma` (the map wins on a conflict). */
export function effectiveNhrpMaps(n: NhrpConfig): NhrpMap[] {
  const out = [...n.maps];
  for (const s of n.nhs) {
    if (s.address === 'dynamic' || s.nbma === undefined) continue;
    if (!out.some((m) => m.protocol === s.address)) out.push({ protocol: s.address, nbma: s.nbma });
  }
  return out;
}

/** Where multicast goes: static NBMA addresses (`map multicast X`, NHSs with `multicast`) and whether to add every registered peer. */
export function multicastTargets(n: NhrpConfig): { nbma: string[]; dynamic: boolean } {
  const nbma = [...n.multicastNbma];
  const maps = effectiveNhrpMaps(n);
  for (const s of n.nhs) {
    if (!s.multicast) continue;
    const addr = s.nbma ?? maps.find((m) => m.protocol === s.address)?.nbma;
    if (addr !== undefined && !nbma.includes(addr)) nbma.push(addr);
  }
  return { nbma, dynamic: n.multicastDynamic };
}

/** The NBMA address of an NHS: its `nbma` option, else a static map for its tunnel address. */
export function nhsNbma(n: NhrpConfig, address: string): string | undefined {
  const s = n.nhs.find((x) => x.address === address);
  return s?.nbma ?? n.maps.find((m) => m.protocol === address)?.nbma;
}
