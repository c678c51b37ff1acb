/**
 * Where a spoke pair's test traffic runs: between the LAN hosts behind the two spokes when the lab
 * has them; otherwise (course labs without hosts) between the spokes themselves, each pinging from
 * its own address through its exec `ping … source …`. The address is a loopback, else a LAN
 * interface, that a routing protocol both spokes run advertises; without one (no routing), the
 * tunnel addresses, which the DMVPN itself carries.
 * Phase 2 spokes go direct only where the route to the other spoke's address (or LAN host) has that
 * spoke as next hop; where the protocol or a static route gives the hub as next hop (RIP, OSPF
 * point-to-multipoint, EIGRP with next-hop-self, `ip route 10.0.0.0 255.0.0.0 HUB`), IOS keeps that
 * traffic on the hub, so the tunnel addresses are used instead: they are on the NBMA subnet and always
 * resolve.
 */
import type { InterfaceConfigJson } from '../../node/api/index.js';
import { routeFor } from './observe.js';
import { readRoutes } from './routers.js';
import { advertisedBy } from './router-targets.js';
import { hostBehind, spokePairs, type LabView, type RouterView } from './view.js';

/** One end of a pair's traffic: a LAN host, or an address of the spoke itself (`via`). */
export interface PairEnd {
  name: string;
  namespace: string;
  address: string;
  /** Set when the spoke pings from its own address: which one. */
  via?: 'loopback' | 'lan' | 'tunnel';
}

/** Both ends of a spoke pair's traffic, and why they were chosen when they are the spokes' own. */
export interface PairEnds {
  ha: PairEnd;
  hb: PairEnd;
  how?: string;
}

/**
 * The spoke pairs the phase check runs: where the lab has LAN hosts, the pairs of spokes with a host each
 * (not behind NAT); else every pair of spokes not behind NAT that are not hubs too (a second hub that
 * registers with the first).
 */
export function phasePairs(view: LabView): Array<[RouterView, RouterView]> {
  if (view.hosts.length > 0) return spokePairs(view, (s) => !s.nat);
  const spokes = view.spokes.filter((s) => !s.nat && !view.hubs.includes(s));
  return spokes.flatMap((a, i) => spokes.slice(i + 1).map((b): [RouterView, RouterView] => [a, b]));
}

function primary(i: InterfaceConfigJson): string | undefined {
  return i.addresses.find((a) => a.family === 4 && !a.secondary)?.address;
}

/** The spoke's loopbacks, then its LAN interfaces (not the tunnel, not its tunnel source), with their protocols. */
function ownAddresses(r: RouterView): Array<{ address: string; via: 'loopback' | 'lan'; protocols: string[] }> {
  const ifs = Object.values(r.config.interfaces).filter(
    (i) => !i.shutdown && i.kind !== 'tunnel' && primary(i) !== undefined && primary(i) !== r.nbma,
  );
  const ordered = [...ifs.filter((i) => i.kind === 'loopback'), ...ifs.filter((i) => i.kind !== 'loopback')];
  return ordered.map((i) => ({
    address: primary(i)!,
    via: i.kind === 'loopback' ? 'loopback' : 'lan',
    protocols: advertisedBy(r.config, i),
  }));
}

const end = (r: RouterView, address: string, via: NonNullable<PairEnd['via']>): PairEnd => ({
  name: `${r.name} (${address})`,
  namespace: r.namespace,
  address,
  via,
});

/** The tunnel addresses of the two spokes as ends. */
function tunnelEnds(a: RouterView, b: RouterView, how: string): PairEnds | undefined {
  if (a.tunnelAddress === undefined || b.tunnelAddress === undefined) return undefined;
  return { ha: end(a, a.tunnelAddress, 'tunnel'), hb: end(b, b.tunnelAddress, 'tunnel'), how };
}

/** The first loopback or LAN address of each spoke that one protocol of both advertises. */
export function routedEnds(a: RouterView, b: RouterView): (PairEnds & { protocol: string }) | undefined {
  const [as, bs] = [ownAddresses(a), ownAddresses(b)];
  for (const x of as)
    for (const y of bs) {
      const p = x.protocols.find((q) => y.protocols.includes(q));
      if (p !== undefined) {
        const how = `${x.via === 'loopback' ? 'loopbacks' : 'LAN addresses'} advertised by ${p}`;
        return { ha: end(a, x.address, x.via), hb: end(b, y.address, y.via), how, protocol: p };
      }
    }
  return undefined;
}

/** The ends for a pair at the phase its configs say (see the header); undefined when neither spoke has an address. */
export async function pairEnds(
  view: LabView,
  a: RouterView,
  b: RouterView,
  phase: 1 | 2 | 3,
): Promise<PairEnds | undefined> {
  const [ha, hb] = [hostBehind(view, a), hostBehind(view, b)];
  if (ha && hb) {
    if (phase !== 2) return { ha, hb };
    // Hosts stay the ends unless A's route to B's host names another next hop than B (the hub).
    const route = routeFor(await readRoutes(a.control).catch(() => []), hb.address);
    if (route?.nextHop === undefined || route.nextHop === b.tunnelAddress) return { ha, hb };
    return tunnelEnds(
      a,
      b,
      `tunnel addresses: ${a.name}'s route to ${hb.name} (${hb.address}) has next hop ${route.nextHop}, not ` +
        `${b.name}, so Phase 2 keeps that traffic on the hub`,
    );
  }
  const routed = routedEnds(a, b);
  if (!routed) return tunnelEnds(a, b, 'tunnel addresses: no loopback or LAN address that both spokes route');
  if (phase !== 2) return routed;
  const route = routeFor(await readRoutes(a.control).catch(() => []), routed.hb.address);
  if (route?.nextHop === b.tunnelAddress) return routed;
  const hop = route ? `next hop ${route.nextHop ?? route.interface ?? '?'}` : 'no route';
  return tunnelEnds(
    a,
    b,
    `tunnel addresses: ${a.name}'s route to ${routed.hb.address} (${routed.protocol}) has ${hop}, not ${b.name}, so ` +
      'Phase 2 keeps that traffic on the hub',
  );
}
