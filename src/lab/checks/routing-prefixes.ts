/**
 * The prefixes each router should learn, from the configs: every LAN or loopback prefix a router
 * advertises, at every other router of the same protocol that a working adjacency path reaches, with
 * the next hops the design gives it. Directly adjacent: the originator. Spoke to spoke through a hub:
 * the originating spoke's tunnel address where the protocol keeps the next hop (OSPF broadcast and
 * non-broadcast, EIGRP with `no ip next-hop-self eigrp`, BGP reflected or third-party), else the hub;
 * a hub's summary or default that covers the prefix is accepted instead. Pure: from the lab view.
 */
import { inPrefix } from '../../wire/ipv4-addr.js';
import type { ExpectedAdjacency } from './routing-adjacency.js';
import type { PrefixFacts } from './routing-facts.js';
import type { RoutingProtocol } from './routing-packets.js';
import { hubByAddress, type LabView, type RouterView } from './view.js';

/** A prefix and the routes that would satisfy it at one router. */
export interface ExpectedPrefix {
  prefix: PrefixFacts;
  /** Accepted next hops ('any' when the path is not through a hub of the receiver's own). */
  nextHops: string[] | 'any';
  /** Covering prefixes (a hub's summary or default) accepted in place of the prefix, with their next hops. */
  covering: Array<{ address: string; prefixLength: number; nextHops: string[] }>;
  /** How the next hop follows from the configs (for the reason). */
  how: string;
}

/** What one router should learn from another through one protocol; `skip` says why it learns nothing. */
export interface ExpectedRoutes {
  protocol: RoutingProtocol;
  receiver: RouterView;
  origin: RouterView;
  prefixes: ExpectedPrefix[];
  skip?: string;
}

const key = (p: { address: string; prefixLength: number }) => `${p.address}/${p.prefixLength}`;

/** Routers reachable from `r` over adjacencies of `p` that nothing in the configs blocks. */
function reachable(adj: ExpectedAdjacency[], p: RoutingProtocol, r: RouterView): Set<RouterView> {
  const seen = new Set([r]);
  const todo = [r];
  while (todo.length > 0) {
    const x = todo.pop()!;
    for (const a of adj) {
      if (a.protocol !== p || a.blockers.length > 0) continue;
      const next = a.a === x ? a.b : a.b === x ? a.a : undefined;
      if (next && !seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

const adjacent = (adj: ExpectedAdjacency[], p: RoutingProtocol, x: RouterView, y: RouterView) =>
  adj.find(
    (a) => a.protocol === p && a.blockers.length === 0 && ((a.a === x && a.b === y) || (a.a === y && a.b === x)),
  );

/** The address `of` is known by at `to` over their adjacency. */
const addressAt = (a: ExpectedAdjacency, of: RouterView) => (a.a === of ? a.addressOfA : a.addressOfB);

/** Summaries and defaults hub `h` advertises over the tunnel with protocol `p`. */
function hubCovering(h: RouterView, p: RoutingProtocol): Array<{ address: string; prefixLength: number }> {
  const r = h.facts.routing!;
  const dflt = { address: '0.0.0.0', prefixLength: 0 };
  if (p === 'eigrp') return r.eigrp!.summaries;
  if (p === 'ospf') return r.ospf!.defaultOriginate ? [dflt] : [];
  if (p === 'rip') return [...r.rip!.summaries, ...(r.rip!.defaultOriginate ? [dflt] : [])];
  return r.bgp!.summaries;
}

/** Through hub `h`: the next hops `receiver` gets for `origin`'s prefixes, or why it gets none. */
function viaHub(
  p: RoutingProtocol,
  h: RouterView,
  hubAddr: string,
  receiver: RouterView,
  origin: RouterView,
  originAddr: string,
): { nextHops: string[]; how: string } | { none: string } {
  const phase1 = !receiver.tunnel?.multipoint || !origin.tunnel?.multipoint;
  const viaH = { nextHops: [hubAddr], how: `via hub ${h.name}` };
  const keep = { nextHops: [originAddr], how: `next hop kept: ${origin.name}'s tunnel address` };
  const r = h.facts.routing!;
  if (p === 'ospf') {
    const n = receiver.facts.routing!.ospf!.tunnel.network;
    if (n !== 'broadcast' && n !== 'non-broadcast') return viaH;
    // OSPF keeps the originating spoke as next hop on a broadcast segment; a Phase 1 spoke reaches it through the hub
    return phase1
      ? { nextHops: [hubAddr, originAddr], how: `via hub ${h.name}, or ${origin.name} (OSPF ${n} over Phase 1)` }
      : { ...keep, how: `${keep.how} (OSPF ${n})` };
  }
  if (p === 'eigrp') {
    const t = r.eigrp!.tunnel;
    if (t.splitHorizon) return { none: `split horizon is on on ${h.name}'s ${h.tunnel?.name ?? 'tunnel'}` };
    return !phase1 && !t.nextHopSelf ? { ...keep, how: `${keep.how} (no ip next-hop-self eigrp on ${h.name})` } : viaH;
  }
  if (p === 'rip') {
    if (r.rip!.tunnel.splitHorizon) return { none: `split horizon is on on ${h.name}'s ${h.tunnel?.name ?? 'tunnel'}` };
    return { nextHops: [hubAddr, originAddr], how: `via hub ${h.name} (no ip split-horizon), or ${origin.name}` };
  }
  const b = r.bgp!;
  const toR = b.neighbors.find((n) => n.address === receiver.tunnelAddress) ??
    b.listenRanges.find((l) => inPrefix(receiver.tunnelAddress ?? '', l.address, l.prefixLength)) ?? {
      rrClient: false,
      nextHopSelf: false,
    };
  const fromO = b.neighbors.find((n) => n.address === originAddr) ??
    b.listenRanges.find((l) => inPrefix(originAddr, l.address, l.prefixLength)) ?? { rrClient: false };
  const asns = [receiver, origin].map((x) => x.facts.routing!.bgp!.asn);
  if (asns.every((a) => a === b.asn)) {
    if (!toR.rrClient && !fromO.rrClient)
      return { none: `iBGP: ${h.name} does not reflect (no "route-reflector-client")` };
    return phase1 ? viaH : { ...keep, how: `${keep.how} (reflected by ${h.name})` };
  }
  const self = 'nextHopSelf' in toR && toR.nextHopSelf;
  return phase1 || self ? viaH : { ...keep, how: `${keep.how} (eBGP third-party next hop)` };
}

function expectFrom(
  view: LabView,
  adj: ExpectedAdjacency[],
  p: RoutingProtocol,
  receiver: RouterView,
  origin: RouterView,
): ExpectedRoutes {
  const own = (x: PrefixFacts) =>
    receiver.lans.some((l) => key(l) === key(x)) ||
    (origin.nbma !== undefined && inPrefix(origin.nbma, x.address, x.prefixLength));
  const advertised = origin.facts.routing![p]!.advertised.filter((x) => !own(x));
  const base = { protocol: p, receiver, origin };
  if (advertised.length === 0)
    return { ...base, prefixes: [], skip: `${origin.name} advertises no LAN or loopback prefix` };
  if (!reachable(adj, p, receiver).has(origin))
    return {
      ...base,
      prefixes: [],
      skip: `no working ${p.toUpperCase()} adjacency path from ${receiver.name} to ${origin.name}`,
    };
  const direct = adjacent(adj, p, receiver, origin);
  if (direct) {
    const nh = addressAt(direct, origin);
    return {
      ...base,
      prefixes: advertised.map((x) => ({
        prefix: x,
        nextHops: [nh],
        covering: [],
        how: `from neighbor ${origin.name}`,
      })),
    };
  }
  const hubs = (receiver.tunnel?.nhs ?? [])
    .map((n) => hubByAddress(view, n.protocol))
    .filter((h): h is RouterView => h !== undefined && h !== receiver && adjacent(adj, p, receiver, h) !== undefined);
  const ways = hubs.flatMap((h) => {
    const toH = adjacent(adj, p, receiver, h)!;
    const fromO = adjacent(adj, p, origin, h);
    const originAddr = fromO ? addressAt(fromO, origin) : (origin.tunnelAddress ?? '');
    const w = viaHub(p, h, addressAt(toH, h), receiver, origin, originAddr);
    return [{ h, hubAddr: addressAt(toH, h), w }];
  });
  const working = ways.flatMap((x) => ('none' in x.w ? [] : [{ ...x, w: x.w }]));
  const covering = ways.flatMap((x) =>
    hubCovering(x.h, p).map((c) => ({ address: c.address, prefixLength: c.prefixLength, nextHops: [x.hubAddr] })),
  );
  if (hubs.length === 0) {
    // reached, but not through a hub of its own (e.g. one hub from another, through spokes): any next hop
    return {
      ...base,
      prefixes: advertised.map((x) => ({ prefix: x, nextHops: 'any', covering: [], how: 'through the other routers' })),
    };
  }
  if (working.length === 0 && covering.length === 0)
    return { ...base, prefixes: [], skip: ways.map((x) => ('none' in x.w ? x.w.none : '')).join('; ') };
  return {
    ...base,
    prefixes: advertised.map((x) => ({
      prefix: x,
      nextHops: [...new Set(working.flatMap((y) => y.w.nextHops))],
      covering: covering.filter(
        (c) => c.prefixLength < x.prefixLength && inPrefix(x.address, c.address, c.prefixLength),
      ),
      how: [...new Set(working.map((y) => y.w.how))].join(' or ') || 'a hub summary',
    })),
  };
}

/** What every router should learn from every other, per protocol (pairs without a shared protocol left out). */
export function expectedRoutes(view: LabView, adj: ExpectedAdjacency[]): ExpectedRoutes[] {
  const out: ExpectedRoutes[] = [];
  for (const p of ['ospf', 'bgp', 'eigrp', 'rip'] as const) {
    const rs = view.routers.filter((r) => r.facts.routing?.[p]);
    for (const receiver of rs)
      for (const origin of rs) if (origin !== receiver) out.push(expectFrom(view, adj, p, receiver, origin));
  }
  return out.filter((e) => e.prefixes.length > 0 || e.skip !== `${e.origin.name} advertises no LAN or loopback prefix`);
}
