/**
 * Routing protocol lines of generated labs (`generate --routing`): the tunnel interface lines and
 * the `router …` block of a hub or spoke, as the shipped labs/<protocol>-phase<N> labs write them.
 * Every LAN is learned over the tunnel; only the default route to the Internet stays static.
 * - OSPF: broadcast with the hubs DR/BDR and spokes priority 0 (Phases 1 and 2), point-to-multipoint
 *   (Phase 3); hello 5 s.
 * - BGP: iBGP AS 65000, hubs with `bgp listen range` and route-reflector-client; Phase 3 hubs
 *   advertise only `aggregate-address 10.0.0.0 255.0.0.0 summary-only`.
 * - RIP v2: hubs without split horizon; Phase 3 hubs `ip summary-address rip 10.0.0.0 255.0.0.0`.
 * - EIGRP 100: hubs without split horizon, Phase 2 hubs keep the next hop, Phase 3 hubs summarise.
 */
import { formatIpv4, networkOf, parseIpv4 } from '../../wire/ipv4-addr.js';
import { maskString } from '../../wire/ipv4-addr.js';

/** Routing of a generated lab: static routes (the default) or a protocol over the tunnel. */
export const GENERATED_ROUTING = ['static', 'ospf', 'bgp', 'rip', 'eigrp'] as const;
export type GeneratedRouting = (typeof GENERATED_ROUTING)[number];

/** What the routing lines of one router depend on. */
export interface RoutingSpec {
  protocol: Exclude<GeneratedRouting, 'static'>;
  role: 'hub' | 'spoke';
  phase: 1 | 2 | 3;
  /** Hubs: 1 for the first (the DR in OSPF broadcast). */
  hubIndex?: number;
  tunnel: { address: string; prefix: number };
  lan?: { address: string; prefix: number };
  /** Spokes: the hubs' tunnel addresses (BGP neighbors). */
  hubs: string[];
}

const SUMMARY = { address: '10.0.0.0', prefix: 8 };

/** Interface Tunnel0 lines of the protocol (each with its leading space). */
export function routingTunnelLines(r: RoutingSpec): string[] {
  const hub = r.role === 'hub';
  switch (r.protocol) {
    case 'ospf':
      return [
        ` ip ospf network ${r.phase === 3 ? 'point-to-multipoint' : 'broadcast'}`,
        ...(r.phase === 3 ? [] : [` ip ospf priority ${hub ? (r.hubIndex === 1 ? 2 : 1) : 0}`]),
        ' ip ospf hello-interval 5',
      ];
    case 'rip':
      if (!hub) return [];
      return [
        ' no ip split-horizon',
        ...(r.phase === 3 ? [` ip summary-address rip ${SUMMARY.address} ${maskString(SUMMARY.prefix)}`] : []),
      ];
    case 'eigrp': {
      const lines = [' ip hello-interval eigrp 100 5', ' ip hold-time eigrp 100 15'];
      if (!hub) return lines;
      lines.push(' no ip split-horizon eigrp 100');
      if (r.phase === 2) lines.push(' no ip next-hop-self eigrp 100');
      if (r.phase === 3) lines.push(` ip summary-address eigrp 100 ${SUMMARY.address} ${maskString(SUMMARY.prefix)}`);
      return lines;
    }
    case 'bgp':
      return [];
  }
}

/** The `router …` block (ending with `!`). */
export function routingBlock(r: RoutingSpec): string[] {
  const tunnelNet = networkOf(r.tunnel.address, r.tunnel.prefix);
  const wildcard = (len: number) => formatIpv4(~parseIpv4(maskString(len))! >>> 0);
  const lan = r.lan ? { net: networkOf(r.lan.address, r.lan.prefix), len: r.lan.prefix } : undefined;
  const hub = r.role === 'hub';
  switch (r.protocol) {
    case 'ospf':
      return [
        'router ospf 1',
        ` router-id ${r.tunnel.address}`,
        ...(lan ? [' passive-interface GigabitEthernet0/2'] : []),
        ` network ${tunnelNet} ${wildcard(r.tunnel.prefix)} area 0`,
        ...(lan ? [` network ${lan.net} ${wildcard(lan.len)} area 0`] : []),
        '!',
      ];
    case 'rip':
      return [
        'router rip',
        ' version 2',
        ...(lan ? [' passive-interface GigabitEthernet0/2'] : []),
        ' network 172.16.0.0',
        ...(lan ? [' network 10.0.0.0'] : []),
        ' no auto-summary',
        '!',
      ];
    case 'eigrp':
      return [
        'router eigrp 100',
        ` network ${tunnelNet} ${wildcard(r.tunnel.prefix)}`,
        ...(lan ? [` network ${lan.net} ${wildcard(lan.len)}`] : []),
        ' no auto-summary',
        '!',
      ];
    case 'bgp':
      if (hub)
        return [
          'router bgp 65000',
          ` bgp router-id ${r.tunnel.address}`,
          ' bgp log-neighbor-changes',
          ` bgp listen range ${tunnelNet}/${r.tunnel.prefix} peer-group SPOKES`,
          ' neighbor SPOKES peer-group',
          ' neighbor SPOKES remote-as 65000',
          ' neighbor SPOKES route-reflector-client',
          ...(r.phase === 3
            ? [` aggregate-address ${SUMMARY.address} ${maskString(SUMMARY.prefix)} summary-only`]
            : []),
          '!',
        ];
      return [
        'router bgp 65000',
        ` bgp router-id ${r.tunnel.address}`,
        ' bgp log-neighbor-changes',
        ...r.hubs.map((h) => ` neighbor ${h} remote-as 65000`),
        ...(lan ? [` network ${lan.net} mask ${maskString(lan.len)}`] : []),
        '!',
      ];
  }
}
