/**
 * Routing mistakes that keep something from ever holding, found in the configs (see routing-feeds.ts):
 * an adjacency that cannot come up, a prefix no router can hand on to the one that needs it (every
 * path cut, or through a hub with split horizon on), a ping whose route or return route cannot exist.
 * Waiting cannot fix them, so a check need not wait out its budget. Only certain ones: a prefix that
 * might come from a static route, a redistribution or a summary is never called unreachable.
 */
import { inPrefix, parseIpv4 } from '../../wire/ipv4-addr.js';
import { protocolsOf } from './routing-facts.js';
import { routingFeeds, splitHorizonAt, type Feed } from './routing-feeds.js';
import type { RoutingProtocol } from './routing-packets.js';
import type { LabView, RouterView } from './view.js';

/** What an assertion needs of the routing. */
export type RoutingNeed =
  /** `on` has an adjacency of `protocol` with the router at address `with`, or at least `atLeast` up. */
  | { kind: 'adjacency'; protocol: 'ospf' | 'bgp' | 'eigrp'; on: string; with?: string; atLeast?: number }
  /** `on` learns the prefix, by one of `protocols` (any when absent). */
  | { kind: 'route'; on: string; prefix: string; prefixLength: number; protocols?: RoutingProtocol[] }
  /** Router `from` routes to `to`, and when `source` is given (a host behind it), the other side routes back. */
  | { kind: 'reach'; from: string; to: string; source?: string };

interface Prefix {
  address: string;
  prefixLength: number;
}

const covers = (p: Prefix, address: string) => inPrefix(address, p.address, p.prefixLength);

/** Whether `r` hands on by `p` a prefix that covers `q`'s address (`exact`: that is `q` itself). */
function originates(r: RouterView, p: RoutingProtocol, q: Prefix, exact: boolean): boolean {
  const f = r.facts.routing?.[p];
  if (!f) return false;
  const dflt = { address: '0.0.0.0', prefixLength: 0 };
  const covering: Prefix[] = [
    ...f.advertised,
    ...(p === 'eigrp' ? r.facts.routing!.eigrp!.summaries : []),
    ...(p === 'rip' ? r.facts.routing!.rip!.summaries : []),
    ...(p === 'bgp' ? r.facts.routing!.bgp!.summaries : []),
    ...((p === 'ospf' && r.facts.routing!.ospf!.defaultOriginate) ||
    (p === 'rip' && r.facts.routing!.rip!.defaultOriginate)
      ? [dflt]
      : []),
  ];
  return exact
    ? covering.some((c) => c.address === q.address && c.prefixLength === q.prefixLength)
    : covering.some((c) => c.prefixLength <= q.prefixLength && covers(c, q.address));
}

/** A source of routes the facts do not model (redistribution, OSPF ranges, summaries): then nothing is certain. */
function unmodelled(view: LabView, p: RoutingProtocol): boolean {
  return view.routers.some((r) => {
    const c = r.config.routing;
    if (p === 'ospf')
      return (
        c?.ospf !== undefined &&
        (c.ospf.redistribute.some((x) => x.source !== 'connected') ||
          c.ospf.ranges.length > 0 ||
          (c.ospf.summaries ?? []).length > 0)
      );
    if (p === 'rip') return c?.rip?.redistribute.some((x) => x.source !== 'connected') ?? false;
    if (p === 'bgp') return c?.bgp?.redistribute.some((x) => x.source !== 'connected') ?? false;
    return r.config.eigrp?.some((e) => e.redistribute.static !== undefined) ?? false;
  });
}

/**
 * Whether `to` can learn a route to `q` by `p` from some origin through feeds not cut, a hub with
 * split horizon passing nothing between two of its neighbors; else the cuts met on the way.
 */
function learnable(
  view: LabView,
  feeds: Feed[],
  p: RoutingProtocol,
  to: RouterView,
  q: Prefix,
  exact: boolean,
): { ok: true } | { ok: false; why: string[] } {
  const mine = feeds.filter((f) => f.protocol === p);
  const origins = view.routers.filter((r) => r !== to && originates(r, p, q, exact));
  if (origins.length === 0 || unmodelled(view, p)) return { ok: true };
  const why = new Set<string>();
  // Breadth-first from each origin: a router reached through a neighbor passes it on unless split
  // horizon stops it. Paths through a cut go on too, to name every mistake on the way to `to`.
  for (const o of origins) {
    const seen = new Set<string>([`${o.name}|`]);
    const todo: Array<{ r: RouterView; via?: Feed; cuts: string[] }> = [{ r: o, cuts: [] }];
    while (todo.length > 0) {
      const { r, via, cuts } = todo.shift()!;
      // split horizon: what came in over the tunnel does not go back out of it
      const sh = via?.overTunnel ? splitHorizonAt(r, p) : undefined;
      for (const f of mine.filter((x) => x.from === r && x.to !== via?.from)) {
        const next = [...cuts, ...f.cuts, ...(sh && f.overTunnel ? [sh] : [])];
        if (f.to === to) {
          if (next.length === 0) return { ok: true };
          for (const c of next) why.add(c);
          continue;
        }
        const key = `${f.to.name}|${f.overTunnel}|${next.length > 0 ? 'cut' : ''}`;
        if (!seen.has(key)) {
          seen.add(key);
          todo.push({ r: f.to, via: f, cuts: next });
        }
      }
    }
  }
  return { ok: false, why: [...why] };
}

/** Why `r` can never route to `address` through its routing protocols (empty when it may). */
function routeProblems(view: LabView, feeds: Feed[], r: RouterView, address: string): string[] {
  const q = { address, prefixLength: 32 };
  const protos = r.facts.routing ? protocolsOf(r.facts.routing) : [];
  if (protos.length === 0 || parseIpv4(address) === undefined) return [];
  const connected = [...r.lans, ...(r.tunnel?.address ? [tunnelPrefix(r)] : [])];
  if (connected.some((c) => c !== undefined && covers(c, address))) return [];
  // a static route other than a default through the Internet might carry it
  const tunnelNet = tunnelPrefix(r);
  const staticWay = r.facts.routes.some(
    (s) =>
      inPrefix(address, s.prefix, s.prefixLength) &&
      (s.prefixLength > 0 ||
        s.iface?.toLowerCase().startsWith('tunnel') ||
        (s.nextHop !== undefined && tunnelNet !== undefined && covers(tunnelNet, s.nextHop))),
  );
  if (staticWay) return [];
  // only a LAN of another router of the lab is certain to be out of the Internet's reach
  if (!view.routers.some((o) => o !== r && o.lans.some((l) => covers(l, address)))) return [];
  const why: string[] = [];
  for (const p of protos) {
    const l = learnable(view, feeds, p, r, q, false);
    if (l.ok) return [];
    why.push(...l.why);
  }
  return [`${r.name} can never learn a route to ${address}: ${[...new Set(why)].join('; ')}`];
}

function tunnelPrefix(r: RouterView): Prefix | undefined {
  const t = r.tunnel;
  return t?.address !== undefined && t.prefixLength !== undefined
    ? { address: t.address, prefixLength: t.prefixLength }
    : undefined;
}

/** Whether a router sends multicast over the tunnel to another than a hub (static map): neighbors the feeds miss. */
function spokeToSpokeMulticast(view: LabView): boolean {
  const hubs = new Set(view.hubs.flatMap((h) => [h.nbma, h.nat?.outside].filter((a) => a !== undefined)));
  return view.routers.some((r) =>
    (r.tunnel ? (r.config.interfaces[r.tunnel.name]?.nhrp?.multicastNbma ?? []) : []).some((a) => !hubs.has(a)),
  );
}

/** The router that holds `address` (a tunnel address or any interface), if any. */
function routerAt(view: LabView, address: string): RouterView | undefined {
  return view.routers.find((r) => r.tunnelAddress === address || r.facts.interfaces.some((i) => i.address === address));
}

/** The routing mistakes that keep `need` from ever holding; empty when it may still hold. */
export function routingBlockingProblems(view: LabView, need: RoutingNeed): string[] {
  if (spokeToSpokeMulticast(view)) return [];
  const feeds = routingFeeds(view);
  if (need.kind === 'reach') {
    const from = view.routers.find((r) => r.name === need.from);
    if (!from) return [];
    const there = routeProblems(view, feeds, from, need.to);
    if (there.length > 0 || need.source === undefined) return there;
    const back = view.routers.find((r) => r !== from && r.lans.some((l) => covers(l, need.to)));
    return back ? routeProblems(view, feeds, back, need.source) : [];
  }
  const on = view.routers.find((r) => r.name === need.on);
  if (!on?.facts.routing) return [];
  if (need.kind === 'route') {
    const q = { address: need.prefix, prefixLength: need.prefixLength };
    if (on.lans.some((l) => l.address === q.address && l.prefixLength === q.prefixLength)) return [];
    if (on.facts.routes.some((s) => s.prefix === q.address && s.prefixLength === q.prefixLength)) return [];
    const protos = protocolsOf(on.facts.routing).filter((p) => need.protocols?.includes(p) ?? true);
    if (protos.length === 0) return [];
    const why: string[] = [];
    for (const p of protos) {
      const l = learnable(view, feeds, p, on, q, true);
      if (l.ok) return [];
      why.push(...l.why);
    }
    return [`${on.name} can never learn ${q.address}/${q.prefixLength}: ${[...new Set(why)].join('; ')}`];
  }
  const p = need.protocol;
  const cut = feeds.filter((f) => f.protocol === p && f.to === on && f.cuts.length > 0);
  if (need.with !== undefined) {
    const peer = routerAt(view, need.with);
    const f = cut.find((x) => x.from === peer);
    return f ? [`no ${p.toUpperCase()} adjacency ${on.name}–${f.from.name} can come up: ${f.cuts.join('; ')}`] : [];
  }
  // at most every other router of the protocol can be a neighbor; those whose adjacency is cut cannot
  const peers = view.routers.filter((r) => r !== on && r.facts.routing?.[p]);
  const blocked = new Set(cut.map((f) => f.from));
  const most = peers.filter((r) => !blocked.has(r)).length;
  if (most >= (need.atLeast ?? 1)) return [];
  const why = [...new Set(cut.flatMap((f) => f.cuts))].join('; ');
  return [`${on.name} can have at most ${most} ${p.toUpperCase()} neighbors up: ${why}`];
}
