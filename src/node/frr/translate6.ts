/**
 * IOS IPv6 routing → FRR 8.4: `ipv6 router ospf N` → ospf6d, `ipv6 router rip NAME` → ripngd, and
 * the `address-family ipv6` part of `router bgp` (pure: no I/O; ./translate.ts calls it).
 *
 * Differences handled here:
 * - `ipv6 router ospf 1` → `router ospf6`; `ipv6 ospf 1 area A` → `ipv6 ospf6 area A` (FRR 8.4 has
 *   the interface form), `ipv6 ospf network|priority|hello-interval|dead-interval|cost` → `ipv6 ospf6 …`;
 * - a Tunnel without `ipv6 ospf network` is point-to-point, as on IOS; a hello alone sets dead to 4 × hello;
 * - ospf6d 8.4 has only broadcast and point-to-point networks: `point-to-multipoint` and
 *   `non-broadcast` are not translated (`--check-config` says so; use broadcast, spokes priority 0);
 * - `passive-interface NAME` → `ipv6 ospf6 passive` on that interface;
 * - RIPng: `ipv6 rip NAME enable` → ripngd `network DEV`; process `no split-horizon` → per interface
 *   `no ipv6 ripng split-horizon`, `poison-reverse` → `ipv6 ripng split-horizon poisoned-reverse`;
 *   `ipv6 rip NAME summary-address P` → `aggregate-address P` (ripngd summarises on every interface,
 *   IOS only on the one that has the line); ripngd has no `distance` (zebra's RIPng default is 120);
 * - BGP: the family's networks, aggregates, redistribution, `activate`, next-hop-self and
 *   route-reflector-client; a neighbor with an IPv6 address is not activated for IPv4 unicast (FRR
 *   would carry IPv4 routes with an IPv6 next hop over it); `distance bgp 20 200 200`.
 */
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import type { BgpConfig, Redistribute } from '../config/routing/model.js';
import type { Ospf6Config, RipngConfig } from '../config/routing/model6.js';
import { isIpv6 } from '../../wire/ipv6-addr.js';

/** Marks a daemon line with no FRR form (the same marker as translate.ts's NOT_TRANSLATED). */
const NOT = '! not translated: ';

function redistribute6(list: Redistribute[], self: string, indent = ' '): string[] {
  return list
    .filter((x) => x.source !== self)
    .map((x) => {
      const src = x.source === 'rip' ? 'ripng' : x.source === 'ospf' ? 'ospf6' : x.source;
      const metric = x.metric !== undefined ? ` metric ${x.metric}` : '';
      const map = x.routeMap !== undefined ? ` route-map ${x.routeMap}` : '';
      // dmvpnd installs IOS static routes itself: zebra sees them as kernel routes
      return `${indent}redistribute ${src === 'static' ? 'kernel' : src}${metric}${map}`;
    });
}

function ospf6Interface(i: InterfaceConfig, o: Ospf6Config): string[] {
  const x = i.ipv6Routing?.ospf;
  if (x?.area === undefined || x.area.processId !== o.processId) return [];
  const lines: string[] = [];
  const network = x.network ?? (i.kind === 'tunnel' ? 'point-to-point' : undefined);
  if (network === 'point-to-multipoint' || network === 'non-broadcast')
    lines.push(
      ` ${NOT}ipv6 ospf network ${network}: FRR 8.4's ospf6d has broadcast and point-to-point networks only ` +
        '(over DMVPN use broadcast, the spokes with priority 0)',
    );
  else if (network !== undefined) lines.push(` ipv6 ospf6 network ${network}`);
  if (x.helloInterval !== undefined) lines.push(` ipv6 ospf6 hello-interval ${x.helloInterval}`);
  const dead = x.deadInterval ?? (x.helloInterval !== undefined ? 4 * x.helloInterval : undefined);
  if (dead !== undefined) lines.push(` ipv6 ospf6 dead-interval ${dead}`);
  if (x.priority !== undefined) lines.push(` ipv6 ospf6 priority ${x.priority}`);
  if (x.cost !== undefined) lines.push(` ipv6 ospf6 cost ${x.cost}`);
  lines.push(` ipv6 ospf6 area ${x.area.area}`);
  const passive = o.passiveDefault ? !o.activeInterfaces.includes(i.name) : o.passiveInterfaces.includes(i.name);
  if (passive) lines.push(' ipv6 ospf6 passive');
  return [`interface ${i.linuxName}`, ...lines, '!'];
}

/** ospf6d's file body for `ipv6 router ospf N`. */
export function ospf6Text(config: RouterConfig, o: Ospf6Config, distance: number): string[] {
  const out: string[] = [];
  for (const i of Object.values(config.interfaces)) out.push(...ospf6Interface(i, o));
  out.push('router ospf6');
  if (o.routerId !== undefined) out.push(` ospf6 router-id ${o.routerId}`);
  out.push(...redistribute6(o.redistribute, 'ospf'));
  for (const a of o.stubAreas) out.push(` area ${a.area} stub${a.noSummary ? ' no-summary' : ''}`);
  for (const r of o.ranges) out.push(` area ${r.area} range ${r.address}/${r.prefixLength}`);
  if (o.defaultOriginate) out.push(` default-information originate${o.defaultOriginate.always ? ' always' : ''}`);
  out.push(` distance ${distance}`, '!');
  return out;
}

/** ripngd's file body for `ipv6 router rip NAME`. */
export function ripngText(config: RouterConfig, r: RipngConfig): string[] {
  const enabled = Object.values(config.interfaces).filter(
    (i) => i.ipv6Routing?.rip?.name === r.name && i.ipv6Routing.rip.enabled,
  );
  const out: string[] = [];
  for (const i of enabled) {
    if (!r.splitHorizon) out.push(`interface ${i.linuxName}`, ' no ipv6 ripng split-horizon', '!');
    else if (r.poisonReverse) out.push(`interface ${i.linuxName}`, ' ipv6 ripng split-horizon poisoned-reverse', '!');
  }
  out.push('router ripng');
  for (const i of enabled) out.push(` network ${i.linuxName}`);
  const summaries = new Set(
    Object.values(config.interfaces).flatMap((i) =>
      i.ipv6Routing?.rip?.name === r.name
        ? i.ipv6Routing.rip.summaries.map((s) => `${s.address}/${s.prefixLength}`)
        : [],
    ),
  );
  for (const s of summaries) out.push(` aggregate-address ${s}`);
  if (r.defaultOriginate) out.push(' default-information originate');
  out.push(...redistribute6(r.redistribute, 'rip'), '!');
  return out;
}

/** The lines of bgpd's `router bgp` for IPv6: ipv4-family deactivation of IPv6 neighbors, then the ipv6 family. */
export function bgpIpv6Lines(b: BgpConfig, distances: string): { ipv4: string[]; ipv6: string[] } {
  const v6 = b.ipv6;
  const ipv4 = b.neighbors.filter((n) => isIpv6(n.address)).map((n) => `  no neighbor ${n.address} activate`);
  if (v6 === undefined) return { ipv4, ipv6: [] };
  const out = [' address-family ipv6 unicast'];
  for (const n of v6.networks) out.push(`  network ${n.address}/${n.prefixLength}`);
  for (const a of v6.aggregates) {
    const opts = `${a.asSet ? ' as-set' : ''}${a.summaryOnly ? ' summary-only' : ''}`;
    out.push(`  aggregate-address ${a.address}/${a.prefixLength}${opts}`);
  }
  out.push(...redistribute6(v6.redistribute, 'bgp', '  '));
  for (const id of v6.activated) out.push(`  neighbor ${id} activate`);
  for (const id of v6.nextHopSelf) out.push(`  neighbor ${id} next-hop-self`);
  for (const id of v6.routeReflectorClients) out.push(`  neighbor ${id} route-reflector-client`);
  out.push(`  distance bgp ${distances}`, ' exit-address-family', '!');
  return { ipv4, ipv6: out };
}
