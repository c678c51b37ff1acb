/** Interface status and tunnel facts shared by `show interfaces`, `show ip interface brief` and `show dmvpn detail`. */
import { resolveTunnelSource, tunnelDestination } from '../config/derive.js';
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import type { InterfaceState } from './state.js';

/** IOS status words: `Tunnel0 is up, line protocol is up`. */
export interface LinkStatus {
  status: 'up' | 'down' | 'administratively down';
  protocol: 'up' | 'down';
}

/** Status from the router's link state when it has one, else from the config (a tunnel needs a usable source). */
export function linkStatus(config: RouterConfig, s: InterfaceState): LinkStatus {
  const c = s.config;
  if (c.shutdown) return { status: 'administratively down', protocol: 'down' };
  if (s.link)
    return { status: s.link.up ? 'up' : 'down', protocol: s.link.up && s.link.lineProtocolUp ? 'up' : 'down' };
  if (c.kind !== 'tunnel') return { status: 'up', protocol: 'up' };
  const t = tunnelFacts(config, c);
  const usable = t.sourceAddress !== undefined && (t.multipoint || tunnelDestination(c.tunnel) !== undefined);
  return { status: 'up', protocol: usable ? 'up' : 'down' };
}

/** What `show interfaces` says about a tunnel's underlay. */
export interface TunnelLinkFacts {
  multipoint: boolean;
  sourceAddress?: string;
  sourceInterface?: string;
  destination?: string;
  key?: number;
  /** `multi-GRE/IP`, `multi-GRE/IPv6` (an IPv6 NBMA), `GRE/IP` or `GRE/IPv6` (point-to-point over IPv6). */
  transport: string;
  /** `tunnel protection ipsec profile` name. */
  protection?: string;
}

/** The tunnel settings of an interface (empty facts for a non-tunnel). */
export function tunnelFacts(config: RouterConfig, iface: InterfaceConfig): TunnelLinkFacts {
  const t = iface.tunnel;
  const multipoint = t?.mode === 'gre-multipoint';
  const src = resolveTunnelSource(config, iface);
  return {
    multipoint,
    ...(src.address !== undefined ? { sourceAddress: src.address } : {}),
    ...(src.interface !== undefined ? { sourceInterface: src.interface } : {}),
    ...(t?.destination !== undefined ? { destination: t.destination } : {}),
    ...(t?.key !== undefined ? { key: t.key } : {}),
    transport: `${multipoint ? 'multi-GRE' : 'GRE'}/${t?.transport === 6 ? 'IPv6' : 'IP'}`,
    ...(t?.protection ? { protection: t.protection.profile } : {}),
  };
}

/** The primary address of an interface as `a.b.c.d/len`, or undefined. */
export function primaryAddress(iface: InterfaceConfig): { address: string; prefixLength: number } | undefined {
  const a = iface.addresses.find((x) => !x.secondary);
  return a ? { address: a.address, prefixLength: a.prefixLength } : undefined;
}

/** Every interface of the config, with the router's state where it gave one. */
export function allInterfaces(config: RouterConfig, states: InterfaceState[]): InterfaceState[] {
  const byName = new Map(states.map((s) => [s.config.name, s]));
  const out = Object.values(config.interfaces).map((c) => byName.get(c.name) ?? { config: c });
  for (const s of states) if (!config.interfaces[s.config.name]) out.push(s);
  return out;
}
