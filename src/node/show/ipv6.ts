/**
 * The IPv6 show commands: `show ipv6 route`, `show ipv6 interface brief` (their own layouts, as IOS
 * prints them) and the IPv6 views the NHRP shows render with their IPv4 renderers (`show ipv6 nhrp
 * [detail|brief]`, `show dmvpn ipv6`): the same JSON shapes, from each tunnel's IPv6 engine.
 */
import type { Ipv6BriefJson, Ipv6RouteTableJson } from '../api/schema/ipv6.js';
import type { RouterConfig } from '../config/model.js';
import { DMVPN_LEGEND, type DmvpnJson } from './dmvpn.js';
import { iosTime, nbmaText } from './format.js';
import { linkStatus } from './link.js';
import type { InterfaceState } from './state.js';

/** One IPv6 route as the router's IPv6 table lists it. */
export interface Ipv6RouteView {
  /** C, L, S, H, or a routing protocol's IPv6 code (O, OI, OE2, B, R, D, EX). */
  code: string;
  protocol: 'connected' | 'local' | 'static' | 'nhrp' | 'ospf' | 'bgp' | 'rip' | 'eigrp';
  prefix: string;
  prefixLength: number;
  nextHop?: string;
  interface?: string;
  distance: number;
  metric: number;
  ageSec?: number;
}

/** The interfaces with their IPv6 engine's snapshot in place of the IPv4 one (for the NHRP renderers). */
export function ipv6Views(ifaces: InterfaceState[]): InterfaceState[] {
  return ifaces.map((i) => {
    const { snapshot: _v4, snapshot6, ...rest } = i;
    return snapshot6 ? { ...rest, snapshot: snapshot6 } : rest;
  });
}

/** `show ipv6 route json`. */
export function ipv6RouteJson(routes: readonly Ipv6RouteView[]): Ipv6RouteTableJson {
  return {
    routes: routes.map((r) => ({
      network: `${r.prefix}/${r.prefixLength}`,
      prefix: r.prefix,
      prefixLength: r.prefixLength,
      code: r.code,
      protocol: r.protocol,
      nextHop: r.nextHop ?? null,
      interface: r.interface ?? null,
      distance: r.distance,
      metric: r.metric,
      ageSec: r.ageSec ?? null,
    })),
  };
}

const up = (a: string): string => a.toUpperCase();

/** `show ipv6 route` text, IOS layout (two lines per route). */
export function ipv6RouteText(j: Ipv6RouteTableJson): string[] {
  const out = [
    `IPv6 Routing Table - default - ${j.routes.length} entries`,
    'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
    '       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1, I2 - ISIS L2',
    '       IA - ISIS interarea, IS - ISIS summary, D - EIGRP, EX - EIGRP external',
    '       O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1, OE2 - OSPF ext 2',
    '',
  ];
  for (const r of j.routes) {
    const dm = r.code === 'C' || r.code === 'L' ? '[0/0]' : `[${r.distance}/${r.metric}]`;
    out.push(`${r.code.padEnd(3)} ${up(r.network)} ${dm}`);
    if (r.code === 'C') out.push(`     via ${r.interface}, directly connected`);
    else if (r.code === 'L') out.push(`     via ${r.interface}, receive`);
    else if (r.code === 'H')
      out.push(`     via ${up(r.nextHop ?? '')}, ${r.interface}${r.ageSec !== null ? `, ${age(r.ageSec)}` : ''}`);
    else if (r.code === 'S' || r.nextHop === null)
      out.push(`     via ${r.nextHop !== null ? up(r.nextHop) : r.interface}`);
    // a routing protocol's route: the neighbor (a link-local address for OSPFv3 and RIPng) and the interface
    else out.push(`     via ${up(r.nextHop)}${r.interface !== null ? `, ${r.interface}` : ''}`);
  }
  return out;
}

function age(sec: number): string {
  const s = Math.floor(sec);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

/** `show ipv6 interface brief json`. */
export function ipv6BriefJson(config: RouterConfig, states: InterfaceState[]): Ipv6BriefJson {
  return {
    interfaces: states.map((s) => {
      const link = linkStatus(config, s);
      const v = s.config.ipv6;
      return {
        name: s.config.name,
        status: link.status,
        protocol: link.protocol,
        linkLocal: s.linkLocal6 ?? v?.linkLocal ?? null,
        addresses: (v?.addresses ?? []).map((a) => `${a.address}/${a.prefixLength}`),
      };
    }),
  };
}

/** `show ipv6 interface brief` text, IOS layout. */
export function ipv6BriefText(j: Ipv6BriefJson): string[] {
  const out: string[] = [];
  for (const i of j.interfaces) {
    out.push(`${i.name.padEnd(23)}[${i.status}/${i.protocol}]`);
    if (i.linkLocal === null && i.addresses.length === 0) out.push('    unassigned');
    if (i.linkLocal !== null) out.push(`    ${up(i.linkLocal)}`);
    for (const a of i.addresses) out.push(`    ${up(a.slice(0, a.indexOf('/')))}`);
  }
  return out;
}

/**
 * `show dmvpn ipv6` text, IOS layout: one block per NBMA peer (an IPv6 tunnel address does not fit
 * the IPv4 table's columns), from the same JSON as `show dmvpn`.
 */
export function dmvpn6Text(json: DmvpnJson): string[] {
  const out = [...DMVPN_LEGEND, ''];
  for (const i of json.interfaces) {
    const type = i.type === 'hub' ? 'Hub' : i.type === 'spoke' ? 'Spoke' : 'Hub/Spoke';
    out.push(`Interface: ${i.name}, IPv6 NHRP Details`, `Type:${type}, Total NBMA Peers (v4/v6): ${i.nhrpPeers}`, '');
    i.peers.forEach((p, k) => {
      out.push(`${k + 1}.Peer NBMA Address: ${p.nbma === null ? 'UNKNOWN' : nbmaText(p.nbma)}`);
      out.push(`    Tunnel IPv6 Address: ${up(p.tunnel)}`);
      const targets = p.targets.length > 0 ? p.targets : [];
      if (targets.length === 0) out.push(`    IPv6 Target Network: ${up(p.tunnel)}/128`);
      for (const t of targets) out.push(`    IPv6 Target Network: ${up(t.network)}`);
      const updn = p.upDownSec === null ? 'never' : iosTime(p.upDownSec);
      out.push(
        `    # Ent: ${p.entries}, Status: ${p.state}, UpDn Time: ${updn}, Cache Attrib: ${p.attributes.join('')}`,
      );
    });
    out.push('');
  }
  return out;
}
