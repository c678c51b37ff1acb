/**
 * Which router can hand its routes to which, per routing protocol, as the configs stand: one directed
 * "feed" per side of every adjacency the configs imply (see routing-adjacency.ts), with the
 * configuration mistakes that cut it for as long as they stay. A mistake cuts both sides of an OSPF,
 * EIGRP or BGP adjacency (each needs the other's hellos, or a TCP session), one side of RIP (a passive
 * interface only stops sending). A hub with no `ip nhrp map multicast dynamic` (and no static
 * multicast map) sends no hello or RIP update to its spokes: the mGRE interface has nowhere to send
 * 224.0.0.x. Routers that share another segment get uncut feeds both ways (what is not modelled is
 * never called cut). Pure: from the lab view only.
 */
import { networkOf } from '../../wire/ipv4-addr.js';
import { expectedAdjacencies, type ExpectedAdjacency } from './routing-adjacency.js';
import type { RoutingProtocol } from './routing-packets.js';
import type { LabView, RouterView } from './view.js';

/** One side of an adjacency: `from`'s routes reach `to` unless `cuts` says why not. */
export interface Feed {
  protocol: RoutingProtocol;
  from: RouterView;
  to: RouterView;
  /** Configuration mistakes that keep `from`'s routes from `to`, each with the show command that shows it. */
  cuts: string[];
  /** Over the DMVPN tunnel (where a hub's split horizon applies), else over a segment both share. */
  overTunnel: boolean;
}

/** The show command that shows a protocol's settings on the tunnel. */
export const SHOW_TUNNEL: Record<RoutingProtocol, (tunnel: string) => string> = {
  ospf: (t) => `show ip ospf interface ${t}`,
  eigrp: (t) => `show ip eigrp interfaces detail ${t}`,
  rip: () => 'show ip protocols',
  bgp: () => 'show ip bgp summary',
};

const tunnelOf = (r: RouterView) => r.tunnel?.name ?? 'Tunnel0';

/** The mistakes between two routers with the command that shows them on both. */
const seen = (why: string, cmd: string, a: RouterView, b: RouterView) =>
  `${a.name}–${b.name}: ${why}; "${cmd}" on both shows it`;

/**
 * Why hub `h` sends no multicast to spoke `s` over the tunnel, or undefined when it may: no
 * `ip nhrp map multicast dynamic` and no `ip nhrp map multicast` at all (a static one might name the
 * spoke, behind NAT by an address the lab cannot tell).
 */
export function noMulticastTo(h: RouterView, s: RouterView): string | undefined {
  // a point-to-point GRE tunnel sends multicast to its destination without any map
  if (h.role !== 'hub' || s.role === 'hub' || !h.tunnel?.multipoint || h.tunnel.mapMulticastDynamic) return undefined;
  const statics = h.config.interfaces[h.tunnel.name]?.nhrp?.multicastNbma ?? [];
  if (statics.length > 0) return undefined;
  return (
    `${h.name}'s ${h.tunnel.name} has no "ip nhrp map multicast dynamic", so its multicast (hellos, updates to ` +
    `224.0.0.x) reaches no spoke; "show ip nhrp multicast" on ${h.name} lists none`
  );
}

/** Whether protocol `p` needs the hub's multicast to reach a spoke (OSPF non-broadcast and BGP send unicast). */
function needsMulticast(a: ExpectedAdjacency): boolean {
  if (a.protocol === 'bgp') return false;
  if (a.protocol !== 'ospf') return true;
  const n = (r: RouterView) => r.facts.routing?.ospf?.tunnel.network;
  return n(a.a) !== 'non-broadcast' && n(a.b) !== 'non-broadcast';
}

/** RIP's mistakes on one side: `from` does not send (passive, no network statement) or `to` does not listen. */
function ripCuts(from: RouterView, to: RouterView): string[] {
  const [x, y] = [from.facts.routing!.rip!, to.facts.routing!.rip!];
  const cmd = SHOW_TUNNEL.rip(tunnelOf(from));
  const out: string[] = [];
  for (const [r, e] of [
    [from, x],
    [to, y],
  ] as const)
    if (!e.tunnel.covered)
      out.push(`no network statement of ${r.name}'s router rip covers ${tunnelOf(r)}; "${cmd}" on ${r.name}`);
  if (x.tunnel.covered && x.tunnel.passive)
    out.push(
      `${tunnelOf(from)} is a passive interface on ${from.name}: it sends no RIP updates; "${cmd}" on ${from.name}`,
    );
  if (x.version !== undefined && y.version !== undefined && x.version !== y.version)
    out.push(`RIP version mismatch: ${from.name} v${x.version}, ${to.name} v${y.version}; "${cmd}" on both`);
  return out;
}

/** Both feeds of every adjacency the configs imply. */
export function routingFeeds(view: LabView): Feed[] {
  const out: Feed[] = [];
  for (const a of expectedAdjacencies(view)) {
    const hub = a.b.role === 'hub' ? a.b : a.a.role === 'hub' ? a.a : undefined;
    const spoke = hub === a.b ? a.a : a.b;
    const mc = hub && needsMulticast(a) ? noMulticastTo(hub, spoke) : undefined;
    if (a.protocol === 'rip') {
      out.push({
        protocol: 'rip',
        from: a.a,
        to: a.b,
        cuts: [...ripCuts(a.a, a.b), ...(mc && hub === a.a ? [mc] : [])],
        overTunnel: true,
      });
      out.push({
        protocol: 'rip',
        from: a.b,
        to: a.a,
        cuts: [...ripCuts(a.b, a.a), ...(mc && hub === a.b ? [mc] : [])],
        overTunnel: true,
      });
      continue;
    }
    const cmd = SHOW_TUNNEL[a.protocol](tunnelOf(a.a));
    const cuts = [...(a.blockers.length > 0 ? [seen(a.blockers.join(', '), cmd, a.a, a.b)] : []), ...(mc ? [mc] : [])];
    // BGP runs over TCP between any addresses: only the hub-spoke adjacencies of the others are on the tunnel
    const overTunnel = a.protocol !== 'bgp';
    out.push(
      { protocol: a.protocol, from: a.a, to: a.b, cuts, overTunnel },
      { protocol: a.protocol, from: a.b, to: a.a, cuts, overTunnel },
    );
  }
  // Routers that share a segment besides the tunnel (a backbone LAN, a course lab's underlay) may be
  // neighbors there: nothing is known to cut those.
  for (const p of ['ospf', 'bgp', 'eigrp', 'rip'] as const) {
    const rs = view.routers.filter((r) => r.facts.routing?.[p]);
    for (const a of rs)
      for (const b of rs)
        if (a !== b && segments(a).some((x) => segments(b).includes(x)))
          out.push({ protocol: p, from: a, to: b, cuts: [], overTunnel: false });
  }
  return out;
}

/** The networks of a router's addressed interfaces other than tunnels, as text. */
function segments(r: RouterView): string[] {
  return r.facts.interfaces.flatMap((i) =>
    i.address !== undefined && i.prefixLength !== undefined && !i.shutdown
      ? [`${networkOf(i.address, i.prefixLength)}/${i.prefixLength}`]
      : [],
  );
}

/**
 * Why hub `h` never passes one spoke's routes on to another over the same tunnel (split horizon on,
 * RIP and EIGRP), or undefined when it may.
 */
export function splitHorizonAt(h: RouterView, p: RoutingProtocol): string | undefined {
  if (h.role !== 'hub') return undefined;
  const t = tunnelOf(h);
  if (p === 'eigrp' && h.facts.routing?.eigrp?.tunnel.splitHorizon)
    return (
      `split horizon is on on ${h.name}'s ${t}: it does not advertise a spoke's EIGRP routes back out of ${t} ` +
      `("no ip split-horizon eigrp ${h.facts.routing.eigrp.as}"); "${SHOW_TUNNEL.eigrp(t)}" on ${h.name} shows it`
    );
  if (p === 'rip' && h.facts.routing?.rip?.tunnel.splitHorizon)
    return (
      `split horizon is on on ${h.name}'s ${t}: it does not advertise a spoke's RIP routes back out of ${t} ` +
      `("no ip split-horizon"); "show ip interface ${t}" on ${h.name} shows it`
    );
  return undefined;
}
