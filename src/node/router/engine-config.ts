/**
 * From the IOS model to what a tunnel runs: the NHRP engine's configuration and the data plane's.
 *
 * | IOS (interface TunnelN)                 | NhrpEngineConfig / data plane                      |
 * |-----------------------------------------|----------------------------------------------------|
 * | ip address A M (primary)                | protocolAddress A, prefixLength /M; TAP address    |
 * | tunnel source IF or A                   | nbmaAddress = IF's primary address (or A)          |
 * | tunnel mode gre multipoint ipv6|gre ipv6 | IPv6 NBMA: IF's first global IPv6 address; GRE in  |
 * |                                         | raw IPv6 (data plane nbmaFamily 'ipv6')            |
 * | tunnel destination D                    | data plane point-to-point to D (D of the transport |
 * |                                         | family; one of the other family is a note)         |
 * | tunnel key K                            | data plane GRE key K                               |
 * | ip nhrp network-id N                    | networkId N (absent: 0, NHRP off)                  |
 * | ip nhrp nhs X [nbma Y] [priority][cluster] | nhs (NBMA from `nbma` or an `ip nhrp map X Y`)  |
 * | ip nhrp map X Y, map multicast …        | staticMaps, multicast                              |
 * | ip nhrp redirect / shortcut             | redirect / shortcut                                |
 * | ip nhrp holdtime, registration timeout, registration no-unique, max-send, authentication, nhrp group | same fields |
 * | shutdown                                | shutdown                                           |
 *
 * `ip nhrp nhs dynamic nbma Y` (NHS address learnt from the reply) is not run by the engine; it is
 * reported in `notes` instead.
 */
import type { NhrpEngineConfig } from '../../nhrp/config.js';
import { resolveConfig } from '../../nhrp/config.js';
import { defaultTunnelMtu, multicastTargets, resolveTunnelSource, tunnelDestination } from '../config/derive.js';
import { modeText, type InterfaceConfig, type RouterConfig } from '../config/model.js';
import type { TunnelPortConfig } from '../dataplane/ports.js';
import { compilePolicy, type ShaperPolicy } from '../dataplane/qos-policy.js';
import { protectionPlan, type ProtectionPlan } from '../ipsec/ike-config.js';
import { planIpv6 } from './engine6-config.js';

/** What one Tunnel interface runs, derived from the router config. */
export interface TunnelPlan {
  /** IOS name (Tunnel0) and device (tun0). */
  name: string;
  linuxName: string;
  /** Primary address in CIDR form, when the interface has one. */
  cidr?: string;
  /** `tunnel source` resolved to an address (undefined: the tunnel cannot send). */
  sourceAddress?: string;
  /** TAP MTU: `ip mtu`, else the IOS GRE default (1476, 1472 with a key). */
  mtu: number;
  shutdown: boolean;
  /** The data plane's settings (undefined without a tunnel address). */
  dataplane?: TunnelPortConfig;
  /** The engine's settings (undefined without a tunnel address or source). */
  engine?: NhrpEngineConfig;
  /** The IPv6 NHRP engine's settings (`ipv6 address` + `ipv6 nhrp`; see ./engine6-config.ts). */
  engine6?: NhrpEngineConfig;
  /** `tunnel protection ipsec profile`: the IKEv2 engine's config (GRE then only leaves in ESP). */
  protection?: ProtectionPlan;
  /** Per-spoke and whole-tunnel QoS (absent: none configured). */
  qos?: TunnelQosPlan;
  /** Things configured that this tunnel will not do, for the log. */
  notes: string[];
}

/** The compiled policies of a tunnel: by NHRP group (`nhrp map group G service-policy output P`) and its own. */
export interface TunnelQosPlan {
  groups: Record<string, ShaperPolicy>;
  output?: ShaperPolicy;
}

/** The QoS plan of a tunnel interface, undefined when it has no policy. */
export function qosPlan(config: RouterConfig, iface: InterfaceConfig): TunnelQosPlan | undefined {
  const groups: Record<string, ShaperPolicy> = {};
  for (const g of iface.nhrp?.groupPolicies ?? []) {
    const p = compilePolicy(config.qos, g.policy);
    if (p) groups[g.group] = p;
  }
  const output =
    iface.servicePolicyOutput !== undefined ? compilePolicy(config.qos, iface.servicePolicyOutput) : undefined;
  if (Object.keys(groups).length === 0 && !output) return undefined;
  return { groups, ...(output ? { output } : {}) };
}

/** Re-exported where the tunnel plan was its home (the rule lives with the config it derives from). */
export { defaultTunnelMtu };

/**
 * Several protected tunnels on one tunnel source (IOS dual cloud on one interface) share one IPsec SA database —
 * one IKE/ESP socket set (src/node/ipsec/shared-sockets.ts) — when each has `tunnel protection ipsec profile P
 * shared` with the same profile. Otherwise each opens its own on UDP 500/4500 and ESP, IKE and ESP of one may reach
 * the other (IOS: duplicate SAs, flapping tunnels); the note says so.
 */
function sharedSourceNote(config: RouterConfig, iface: InterfaceConfig, address: string): string | undefined {
  const others = Object.values(config.interfaces).filter(
    (o) => o !== iface && o.tunnel?.protection && resolveTunnelSource(config, o).address === address,
  );
  if (others.length === 0) return undefined;
  const p = iface.tunnel!.protection!;
  const sharing = others.every((o) => o.tunnel!.protection!.shared && o.tunnel!.protection!.profile === p.profile);
  if (p.shared && sharing) return undefined;
  const names = others.map((o) => o.name).join(', ');
  return (
    `tunnel protection ipsec profile ${p.profile}${p.shared ? ' shared' : ''}: ${names} ${others.length === 1 ? 'is' : 'are'} ` +
    `protected on the same tunnel source ${address}; ` +
    (p.shared
      ? 'every tunnel on one source needs the same profile and the keyword shared to share its SAs'
      : 'without the keyword shared') +
    ', so this tunnel runs its own IKE/ESP socket and IKE and ESP may reach the wrong tunnel'
  );
}

/** The plan for one Tunnel interface of `config`. */
export function planTunnel(config: RouterConfig, iface: InterfaceConfig): TunnelPlan {
  const t = iface.tunnel;
  const notes: string[] = [];
  const primary = iface.addresses.find((a) => !a.secondary && a.family === 4);
  const source = resolveTunnelSource(config, iface);
  const plan: TunnelPlan = {
    name: iface.name,
    linuxName: iface.linuxName,
    mtu: iface.mtu ?? defaultTunnelMtu(t?.key, t?.transport),
    shutdown: iface.shutdown,
    notes,
  };
  const qos = qosPlan(config, iface);
  if (qos) plan.qos = qos;
  if (primary) plan.cidr = `${primary.address}/${primary.prefixLength}`;
  if (iface.adjustMss !== undefined) notes.push(`ip tcp adjust-mss ${iface.adjustMss}: recorded, not enforced`);
  if (source.address !== undefined) plan.sourceAddress = source.address;
  if (source.address !== undefined) {
    if (t?.protection) {
      plan.protection = protectionPlan(config.crypto, t.protection.profile, source.address);
      if (t.protection.shared) plan.protection.shared = true;
      for (const p of plan.protection.problems)
        notes.push(`tunnel protection ipsec profile ${t.protection.profile}: ${p}`);
      const note = sharedSourceNote(config, iface, source.address);
      if (note) notes.push(note);
    }
  } else
    notes.push(
      t?.source
        ? `tunnel source ${sourceText(iface)} has no ${t.transport === 6 ? 'global IPv6' : 'IPv4'} address: the tunnel cannot send`
        : 'no tunnel source: the tunnel cannot send',
    );
  const v6 = planIpv6(iface, plan.sourceAddress, notes);
  if (!primary && !v6.port) {
    notes.push('no ip address: NHRP and the data plane are off');
    return plan;
  }
  const destination = tunnelDestination(t);
  if (t?.destination !== undefined && destination === undefined)
    notes.push(
      `tunnel destination ${t.destination}: not an ${t.transport === 6 ? 'IPv6' : 'IPv4'} address (tunnel mode ${modeText(t)}), not used`,
    );
  plan.dataplane = {
    name: iface.name,
    // an IPv6-only tunnel still has an IPv4 side for the data plane: one that answers no ARP (0.0.0.0/32)
    address: primary?.address ?? '0.0.0.0',
    prefixLength: primary?.prefixLength ?? 32,
    ...(v6.port ? { ipv6: v6.port } : {}),
    ...(t?.transport === 6 ? { nbmaFamily: 'ipv6' as const } : {}),
    ...(t?.key !== undefined ? { key: t.key } : {}),
    ...(destination !== undefined ? { destination } : {}),
    // Hairpins are watched on every multipoint tunnel; whether they cause a Traffic Indication is
    // the engine's `redirect`, so `ip nhrp redirect` can be turned on and off live.
    redirect: destination === undefined,
    // `ip pim nbma-mode` means something only where PIM runs on the tunnel
    ...(iface.pim?.nbmaMode && iface.pim.mode !== undefined && config.multicast?.routing ? { pimNbmaMode: true } : {}),
  };
  if (plan.sourceAddress !== undefined && primary)
    plan.engine = engineConfig(iface, primary.address, primary.prefixLength, plan.sourceAddress, notes);
  if (v6.engine) plan.engine6 = v6.engine;
  return plan;
}

/** The engine config of one tunnel's NHRP settings `n` (`ip nhrp` or `ipv6 nhrp`). */
export function engineConfig(
  iface: InterfaceConfig,
  address: string,
  prefixLength: number,
  nbma: string,
  notes: string[],
  n = iface.nhrp,
  family: 'ipv4' | 'ipv6' = 'ipv4',
): NhrpEngineConfig {
  if (!n)
    return resolveConfig({
      family,
      name: iface.name,
      protocolAddress: address,
      prefixLength,
      nbmaAddress: nbma,
      networkId: 0,
      shutdown: iface.shutdown,
    });
  for (const s of n.nhs)
    if (s.address === 'dynamic')
      notes.push(`ip nhrp nhs dynamic nbma ${s.nbma ?? '?'}: not supported, ignored (give the NHS tunnel address)`);
  if (n.redirectTimeout !== undefined) notes.push('ip nhrp redirect timeout: not supported, ignored');
  const mc = multicastTargets(n);
  return resolveConfig({
    family,
    name: iface.name,
    protocolAddress: address,
    prefixLength,
    nbmaAddress: nbma,
    networkId: n.networkId ?? 0,
    authentication: n.authentication,
    holdtime: n.holdtime,
    nhs: n.nhs
      .filter((s) => s.address !== 'dynamic')
      .map((s) => ({
        protocol: s.address,
        ...(s.nbma !== undefined ? { nbma: s.nbma } : {}),
        priority: s.priority,
        cluster: s.cluster,
      })),
    clusterMaxConnections: n.clusterMaxConnections.map((c) => ({ ...c })),
    // `ipv6 nhrp map X/len Y` maps the host X (the length is the tunnel prefix's, as on IOS)
    staticMaps: n.maps.map((m) => ({ protocol: m.protocol, nbma: m.nbma })),
    multicast: { static: mc.nbma, dynamic: mc.dynamic },
    redirect: n.redirect,
    shortcut: n.shortcut,
    maxSend: { count: n.maxSend.count, intervalSec: n.maxSend.interval },
    registrationTimeout: n.registrationTimeout,
    noUnique: n.registrationNoUnique,
    groupName: n.group,
    // A tunnel that takes dynamic multicast maps serves registrations even when it registers with an NHS
    // itself (the second hub of a dual hub, single cloud design), as IOS does.
    isNhs: n.nhs.length === 0 || mc.dynamic,
    shutdown: iface.shutdown,
  });
}

function sourceText(iface: InterfaceConfig): string {
  const s = iface.tunnel?.source;
  return s === undefined ? '' : s.kind === 'interface' ? s.name : s.address;
}

/** The tunnel address of the first configured NHS (the next hop an interface-only route over an mGRE tunnel uses). */
export function firstNhs(plan: TunnelPlan): string | undefined {
  return nhsByPriority(plan)[0];
}

/** The tunnel addresses of a tunnel's NHSs, best priority first (configuration order on ties). */
export function nhsByPriority(plan: TunnelPlan): string[] {
  const nhs = plan.engine?.nhs ?? [];
  return [...nhs].sort((a, b) => a.priority - b.priority).map((n) => n.protocol);
}
