/** The IPv6 routing lines of `show running-config`: `ipv6 ospf|rip` on interfaces, `ipv6 router ospf|rip`, BGP ipv6. */
import type { InterfaceConfig } from '../model.js';
import type { BgpConfig, Redistribute, RoutingConfig } from './model.js';

/** Interface `ipv6 ospf …` and `ipv6 rip NAME …` lines. */
export function renderInterfaceRouting6(i: InterfaceConfig): string[] {
  const out: string[] = [];
  const r = i.ipv6Routing?.rip;
  if (r?.enabled) out.push(` ipv6 rip ${r.name} enable`);
  for (const s of r?.summaries ?? []) out.push(` ipv6 rip ${r!.name} summary-address ${s.address}/${s.prefixLength}`);
  const o = i.ipv6Routing?.ospf;
  if (!o) return out;
  if (o.network !== undefined) out.push(` ipv6 ospf network ${o.network}`);
  if (o.helloInterval !== undefined) out.push(` ipv6 ospf hello-interval ${o.helloInterval}`);
  if (o.deadInterval !== undefined) out.push(` ipv6 ospf dead-interval ${o.deadInterval}`);
  if (o.priority !== undefined) out.push(` ipv6 ospf priority ${o.priority}`);
  if (o.cost !== undefined) out.push(` ipv6 ospf cost ${o.cost}`);
  if (o.area !== undefined) out.push(` ipv6 ospf ${o.area.processId} area ${o.area.area}`);
  return out;
}

function redistribute6(x: Redistribute): string {
  let t = `redistribute ${x.source}`;
  if (x.process !== undefined) t += ` ${x.process}`;
  if (x.metric !== undefined) t += ` metric ${x.metric}`;
  if (x.routeMap !== undefined) t += ` route-map ${x.routeMap}`;
  return t;
}

/** `ipv6 router ospf N` and `ipv6 router rip NAME` blocks, each followed by `!`. */
export function renderRouting6(r: RoutingConfig | undefined): string[] {
  const out: string[] = [];
  if (r?.ospf6) {
    const o = r.ospf6;
    out.push(`ipv6 router ospf ${o.processId}`);
    if (o.routerId !== undefined) out.push(` router-id ${o.routerId}`);
    for (const a of o.stubAreas) out.push(` area ${a.area} stub${a.noSummary ? ' no-summary' : ''}`);
    for (const a of o.ranges) out.push(` area ${a.area} range ${a.address}/${a.prefixLength}`);
    out.push(...o.redistribute.map((x) => ` ${redistribute6(x)}`));
    if (o.passiveDefault) out.push(' passive-interface default');
    for (const n of o.passiveInterfaces) out.push(` passive-interface ${n}`);
    for (const n of o.activeInterfaces) out.push(` no passive-interface ${n}`);
    if (o.defaultOriginate) out.push(` default-information originate${o.defaultOriginate.always ? ' always' : ''}`);
    out.push('!');
  }
  if (r?.ripng) {
    const p = r.ripng;
    out.push(`ipv6 router rip ${p.name}`);
    if (!p.splitHorizon) out.push(' no split-horizon');
    if (p.poisonReverse) out.push(' poison-reverse');
    out.push(...p.redistribute.map((x) => ` ${redistribute6(x)}`));
    if (p.defaultOriginate) out.push(' default-information originate');
    out.push('!');
  }
  return out;
}

/** The ` address-family ipv6` part of `router bgp` (empty when it has none). */
export function renderBgpIpv6(b: BgpConfig): string[] {
  const v = b.ipv6;
  if (!v) return [];
  const out = [' !', ' address-family ipv6'];
  for (const n of v.networks) out.push(`  network ${n.address}/${n.prefixLength}`);
  for (const a of v.aggregates)
    out.push(
      `  aggregate-address ${a.address}/${a.prefixLength}${a.asSet ? ' as-set' : ''}${a.summaryOnly ? ' summary-only' : ''}`,
    );
  out.push(...v.redistribute.map((x) => `  ${redistribute6(x)}`));
  for (const id of v.activated) out.push(`  neighbor ${id} activate`);
  for (const id of v.routeReflectorClients) out.push(`  neighbor ${id} route-reflector-client`);
  for (const id of v.nextHopSelf) out.push(`  neighbor ${id} next-hop-self`);
  out.push(' exit-address-family');
  return out;
}
