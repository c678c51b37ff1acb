/** The `router …` blocks and interface routing lines of `show running-config`, in IOS order and form. */
import { maskString } from '../../../wire/ipv4-addr.js';
import type { InterfaceConfig } from '../model.js';
import type { BgpPeerSettings, Redistribute, RoutingConfig } from './model.js';
import { renderBgpIpv6, renderInterfaceRouting6, renderRouting6 } from './render6.js';

/** Interface lines: `no ip split-horizon`, then `ip ospf …`. */
export function renderInterfaceRouting(i: InterfaceConfig): string[] {
  const out: string[] = [];
  if (i.splitHorizon === false) out.push(' no ip split-horizon');
  for (const x of i.ripSummaries ?? []) out.push(` ip summary-address rip ${x.address} ${maskString(x.prefixLength)}`);
  out.push(...renderInterfaceRouting6(i));
  const o = i.ospf;
  if (!o) return out;
  if (o.network !== undefined) out.push(` ip ospf network ${o.network}`);
  if (o.helloInterval !== undefined) out.push(` ip ospf hello-interval ${o.helloInterval}`);
  if (o.deadInterval !== undefined) out.push(` ip ospf dead-interval ${o.deadInterval}`);
  if (o.priority !== undefined) out.push(` ip ospf priority ${o.priority}`);
  if (o.area !== undefined) out.push(` ip ospf ${o.area.processId} area ${o.area.area}`);
  if (o.cost !== undefined) out.push(` ip ospf cost ${o.cost}`);
  return out;
}

/** The `router ospf`, `router rip` and `router bgp` blocks, each followed by `!`. */
export function renderRouting(r: RoutingConfig | undefined): string[] {
  const out: string[] = [];
  if (r?.ospf) {
    const o = r.ospf;
    out.push(`router ospf ${o.processId}`);
    if (o.routerId !== undefined) out.push(` router-id ${o.routerId}`);
    for (const a of o.stubAreas) out.push(` area ${a.area} stub${a.noSummary ? ' no-summary' : ''}`);
    for (const a of o.ranges) out.push(` area ${a.area} range ${a.address} ${maskString(a.prefixLength)}`);
    for (const x of o.summaries ?? [])
      out.push(` summary-address ${x.address} ${maskString(x.prefixLength)}${x.notAdvertise ? ' not-advertise' : ''}`);
    out.push(...o.redistribute.map((x) => ` ${redistributeText(x)}`));
    if (o.passiveDefault) out.push(' passive-interface default');
    for (const n of o.passiveInterfaces) out.push(` passive-interface ${n}`);
    for (const n of o.activeInterfaces) out.push(` no passive-interface ${n}`);
    for (const n of o.networks) out.push(` network ${n.address} ${n.wildcard} area ${n.area}`);
    if (o.distributeListIn !== undefined) out.push(` distribute-list prefix ${o.distributeListIn} in`);
    if (o.defaultOriginate) out.push(` default-information originate${o.defaultOriginate.always ? ' always' : ''}`);
    out.push('!');
  }
  if (r?.rip) {
    const p = r.rip;
    out.push('router rip');
    if (p.version !== undefined) out.push(` version ${p.version}`);
    out.push(...p.redistribute.map((x) => ` ${redistributeText(x)}`));
    if (p.passiveDefault) out.push(' passive-interface default');
    for (const n of p.passiveInterfaces) out.push(` passive-interface ${n}`);
    for (const n of p.activeInterfaces) out.push(` no passive-interface ${n}`);
    for (const n of p.networks) out.push(` network ${n}`);
    if (p.defaultOriginate) out.push(' default-information originate');
    for (const d of p.distributeLists ?? [])
      out.push(` distribute-list prefix ${d.prefixList} ${d.direction}${d.interface ? ` ${d.interface}` : ''}`);
    if (!p.autoSummary) out.push(' no auto-summary');
    out.push('!');
  }
  if (r?.bgp) {
    const b = r.bgp;
    out.push(`router bgp ${b.asn}`);
    if (b.routerId !== undefined) out.push(` bgp router-id ${b.routerId}`);
    out.push(' bgp log-neighbor-changes');
    for (const l of b.listenRanges)
      out.push(` bgp listen range ${l.address}/${l.prefixLength} peer-group ${l.peerGroup}`);
    for (const g of b.peerGroups) {
      out.push(` neighbor ${g.name} peer-group`);
      out.push(...peerLines(g.name, g));
    }
    for (const n of b.neighbors) {
      if (n.peerGroup !== undefined) out.push(` neighbor ${n.address} peer-group ${n.peerGroup}`);
      out.push(...peerLines(n.address, n));
    }
    for (const n of b.networks) out.push(` network ${n.address} mask ${maskString(n.prefixLength)}`);
    for (const a of b.aggregates) {
      const opts = `${a.asSet ? ' as-set' : ''}${a.summaryOnly ? ' summary-only' : ''}`;
      out.push(` aggregate-address ${a.address} ${maskString(a.prefixLength)}${opts}`);
    }
    out.push(...b.redistribute.map((x) => ` ${redistributeText(x)}`));
    out.push(...renderBgpIpv6(b));
    out.push('!');
  }
  out.push(...renderRouting6(r));
  return out;
}

function peerLines(id: string, p: BgpPeerSettings): string[] {
  const out: string[] = [];
  if (p.remoteAs !== undefined) out.push(` neighbor ${id} remote-as ${p.remoteAs}`);
  if (p.description !== undefined) out.push(` neighbor ${id} description ${p.description}`);
  if (p.updateSource !== undefined) out.push(` neighbor ${id} update-source ${p.updateSource}`);
  if (p.routeReflectorClient) out.push(` neighbor ${id} route-reflector-client`);
  if (p.nextHopSelf) out.push(` neighbor ${id} next-hop-self`);
  if (p.prefixListIn !== undefined) out.push(` neighbor ${id} prefix-list ${p.prefixListIn} in`);
  if (p.prefixListOut !== undefined) out.push(` neighbor ${id} prefix-list ${p.prefixListOut} out`);
  if (p.routeMapIn !== undefined) out.push(` neighbor ${id} route-map ${p.routeMapIn} in`);
  if (p.routeMapOut !== undefined) out.push(` neighbor ${id} route-map ${p.routeMapOut} out`);
  return out;
}

/** One `redistribute` line (without indentation). */
export function redistributeText(x: Redistribute): string {
  let t = `redistribute ${x.source}`;
  if (x.process !== undefined) t += ` ${x.process}`;
  if (x.metric !== undefined) t += ` metric ${x.metric}`;
  if (x.subnets) t += ' subnets';
  if (x.routeMap !== undefined) t += ` route-map ${x.routeMap}`;
  return t;
}
