/**
 * The adjacencies a lab's configs imply, per routing protocol: a spoke with each of its NHSs (hellos
 * and updates reach a spoke only through its hubs' multicast maps), and BGP sessions wherever a
 * `neighbor` statement names another router. Each comes with the state it should reach (OSPF FULL
 * or 2WAY by network type and DR election, BGP Established, EIGRP up, RIP updates both ways) and
 * the configuration mistakes that keep it down. Pure: from the lab view only.
 */
import { inPrefix, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { RoutingProtocol } from './routing-packets.js';
import { protocolsOf } from './routing-facts.js';
import { hubByAddress, type LabView, type RouterView } from './view.js';

/** One adjacency the configs imply. */
export interface ExpectedAdjacency {
  protocol: RoutingProtocol;
  a: RouterView;
  b: RouterView;
  /** The state both sides should show: FULL, 2WAY, Established, up (EIGRP), updates (RIP). */
  state: string;
  /** The addresses each side knows the other by (the tunnel addresses, or BGP's neighbor addresses). */
  addressOfA: string;
  addressOfB: string;
  /** Configuration mistakes that keep it from coming up. */
  blockers: string[];
  /** Differences that may explain a failure without keeping it down for certain. */
  hints: string[];
}

/** Every address of a router's interfaces (tunnel included). */
function addresses(r: RouterView): string[] {
  const t = r.facts.tunnels.map((x) => x.address);
  return [...t, ...r.facts.interfaces.map((i) => i.address)].filter((a): a is string => a !== undefined);
}

/** Spoke–hub pairs that both run `p`, each spoke with each of its NHSs. */
function hubPairs(view: LabView, p: RoutingProtocol): Array<[RouterView, RouterView]> {
  return view.spokes.flatMap((s) =>
    (s.tunnel?.nhs ?? []).flatMap((n) => {
      const h = hubByAddress(view, n.protocol);
      return h && h !== s && s.facts.routing?.[p] && h.facts.routing?.[p] ? [[s, h] as [RouterView, RouterView]] : [];
    }),
  );
}

const tunnelName = (r: RouterView) => r.tunnel?.name ?? 'the tunnel';
const ridBits = (rid: string) => parseIpv4(rid) ?? 0;

/** The OSPF DR and BDR the configs elect on the tunnel: highest priority, then highest router id. */
export function ospfElection(view: LabView): { dr?: string; bdr?: string } {
  const eligible = view.routers
    .filter((r) => {
      const t = r.facts.routing?.ospf?.tunnel;
      return (
        t && t.area !== undefined && (t.network === 'broadcast' || t.network === 'non-broadcast') && t.priority > 0
      );
    })
    .sort((x, y) => {
      const [a, b] = [x.facts.routing!.ospf!, y.facts.routing!.ospf!];
      return b.tunnel.priority - a.tunnel.priority || ridBits(b.routerId) - ridBits(a.routerId);
    });
  return { ...(eligible[0] ? { dr: eligible[0].name } : {}), ...(eligible[1] ? { bdr: eligible[1].name } : {}) };
}

function ospfPair(view: LabView, a: RouterView, b: RouterView): ExpectedAdjacency {
  const [x, y] = [a.facts.routing!.ospf!, b.facts.routing!.ospf!];
  const blockers: string[] = [];
  const hints: string[] = [];
  for (const [r, o] of [
    [a, x],
    [b, y],
  ] as const) {
    if (o.tunnel.area === undefined)
      blockers.push(`no network statement of ${r.name}'s router ospf covers ${tunnelName(r)} (${r.tunnelAddress})`);
    else if (o.tunnel.passive) blockers.push(`${tunnelName(r)} is a passive interface on ${r.name}`);
  }
  const [s, t] = [x.tunnel, y.tunnel];
  if (s.area !== undefined && t.area !== undefined && s.area !== t.area)
    blockers.push(`area mismatch: ${a.name} has ${tunnelName(a)} in area ${s.area}, ${b.name} in area ${t.area}`);
  if (s.hello !== t.hello)
    blockers.push(`hello interval mismatch: ${a.name} ${s.hello} s, ${b.name} ${t.hello} s ("ip ospf hello-interval")`);
  if (s.dead !== t.dead)
    blockers.push(`dead interval mismatch: ${a.name} ${s.dead} s, ${b.name} ${t.dead} s ("ip ospf dead-interval")`);
  const dr = (n: string) => n === 'broadcast' || n === 'non-broadcast';
  if (s.network !== t.network) {
    const why = `network type mismatch: ${a.name} ${s.network}, ${b.name} ${t.network} ("ip ospf network")`;
    (dr(s.network) !== dr(t.network) ? blockers : hints).push(why);
  }
  const stub = (r: typeof x) => r.stubAreas.some((z) => z.area === r.tunnel.area);
  if (s.area === t.area && stub(x) !== stub(y))
    blockers.push(`stub area flag mismatch in area ${s.area}: "area ${s.area} stub" on one side only`);
  let state = 'FULL';
  if (dr(s.network) && dr(t.network)) {
    if (s.priority === 0 && t.priority === 0)
      blockers.push(`no DR possible: ${a.name} and ${b.name} both have "ip ospf priority 0"`);
    const e = ospfElection(view);
    const elected = [e.dr, e.bdr];
    if (!elected.includes(a.name) && !elected.includes(b.name)) state = '2WAY';
  }
  if (s.network === 'point-to-point' && b.role === 'hub')
    hints.push(`${b.name}'s ${tunnelName(b)} is OSPF point-to-point: it keeps one neighbor only`);
  return {
    protocol: 'ospf',
    a,
    b,
    state,
    addressOfA: a.tunnelAddress ?? '',
    addressOfB: b.tunnelAddress ?? '',
    blockers,
    hints,
  };
}

function eigrpPair(a: RouterView, b: RouterView): ExpectedAdjacency {
  const [x, y] = [a.facts.routing!.eigrp!, b.facts.routing!.eigrp!];
  const blockers: string[] = [];
  const hints: string[] = [];
  for (const [r, e] of [
    [a, x],
    [b, y],
  ] as const) {
    if (!e.tunnel.covered)
      blockers.push(
        `no network statement of ${r.name}'s router eigrp ${e.as} covers ${tunnelName(r)} (${r.tunnelAddress})`,
      );
    else if (e.tunnel.passive) blockers.push(`${tunnelName(r)} is a passive interface on ${r.name}`);
  }
  if (x.as !== y.as) blockers.push(`AS mismatch: ${a.name} runs EIGRP AS ${x.as}, ${b.name} AS ${y.as}`);
  if (x.tunnel.auth !== y.tunnel.auth)
    hints.push(
      `authentication differs: ${a.name} ${x.tunnel.auth ?? 'none'}, ${b.name} ${y.tunnel.auth ?? 'none'} ("ip authentication mode eigrp")`,
    );
  return {
    protocol: 'eigrp',
    a,
    b,
    state: 'up',
    addressOfA: a.tunnelAddress ?? '',
    addressOfB: b.tunnelAddress ?? '',
    blockers,
    hints,
  };
}

function ripPair(a: RouterView, b: RouterView): ExpectedAdjacency {
  const [x, y] = [a.facts.routing!.rip!, b.facts.routing!.rip!];
  const blockers: string[] = [];
  for (const [r, e] of [
    [a, x],
    [b, y],
  ] as const) {
    if (!e.tunnel.covered)
      blockers.push(`no network statement of ${r.name}'s router rip covers ${tunnelName(r)} (${r.tunnelAddress})`);
    else if (e.tunnel.passive)
      blockers.push(`${tunnelName(r)} is a passive interface on ${r.name}: it sends no updates`);
  }
  if (x.version !== undefined && y.version !== undefined && x.version !== y.version)
    blockers.push(`version mismatch: ${a.name} RIPv${x.version}, ${b.name} RIPv${y.version} ("version")`);
  return {
    protocol: 'rip',
    a,
    b,
    state: 'updates',
    addressOfA: a.tunnelAddress ?? '',
    addressOfB: b.tunnelAddress ?? '',
    blockers,
    hints: [],
  };
}

/** Whether BGP router `r` accepts a session from `addr` (a neighbor statement or a listen range), with the AS it expects. */
function bgpAccepts(r: RouterView, addr: string): { how: 'neighbor' | 'listen'; remoteAs?: number } | undefined {
  const b = r.facts.routing!.bgp!;
  const n = b.neighbors.find((x) => x.address === addr);
  if (n) return { how: 'neighbor', ...(n.remoteAs !== undefined ? { remoteAs: n.remoteAs } : {}) };
  const l = b.listenRanges.find((x) => inPrefix(addr, x.address, x.prefixLength));
  return l ? { how: 'listen', ...(l.remoteAs !== undefined ? { remoteAs: l.remoteAs } : {}) } : undefined;
}

/** BGP sessions: every neighbor statement that names another router's address, once per pair. */
function bgpPairs(view: LabView): ExpectedAdjacency[] {
  const out: ExpectedAdjacency[] = [];
  const bgp = view.routers.filter((r) => r.facts.routing?.bgp);
  for (const a of bgp) {
    for (const n of a.facts.routing!.bgp!.neighbors) {
      const b = bgp.find((r) => r !== a && addresses(r).includes(n.address));
      if (!b || out.some((x) => x.a === b && x.b === a)) continue;
      const own = addresses(a);
      // b reaches a at the address a sends from: the one in the neighbor's subnet, else a's tunnel address
      const mine = own.find((x) => b.facts.routing!.bgp!.neighbors.some((m) => m.address === x)) ?? a.tunnelAddress;
      const addrA = mine ?? '';
      const blockers: string[] = [];
      const back = bgpAccepts(b, addrA);
      const [asA, asB] = [a.facts.routing!.bgp!.asn, b.facts.routing!.bgp!.asn];
      if (!back) blockers.push(`${b.name} has no "neighbor ${addrA}" and no "bgp listen range" covering it`);
      else if (back.remoteAs !== undefined && back.remoteAs !== asA)
        blockers.push(
          `AS mismatch: ${b.name} expects ${a.name} (${addrA}) in AS ${back.remoteAs}, ${a.name} is AS ${asA}`,
        );
      if (n.remoteAs !== undefined && n.remoteAs !== asB)
        blockers.push(
          `AS mismatch: ${a.name} expects ${b.name} (${n.address}) in AS ${n.remoteAs}, ${b.name} is AS ${asB}`,
        );
      if (n.remoteAs === undefined) blockers.push(`${a.name} has no "neighbor ${n.address} remote-as"`);
      out.push({
        protocol: 'bgp',
        a,
        b,
        state: 'Established',
        addressOfA: addrA,
        addressOfB: n.address,
        blockers,
        hints: [],
      });
    }
  }
  return out;
}

/** Every adjacency the configs imply, in lab order: OSPF, BGP, EIGRP, RIP. */
export function expectedAdjacencies(view: LabView): ExpectedAdjacency[] {
  const used = new Set(view.routers.flatMap((r) => (r.facts.routing ? protocolsOf(r.facts.routing) : [])));
  return [
    ...(used.has('ospf') ? hubPairs(view, 'ospf').map(([s, h]) => ospfPair(view, s, h)) : []),
    ...(used.has('bgp') ? bgpPairs(view) : []),
    ...(used.has('eigrp') ? hubPairs(view, 'eigrp').map(([s, h]) => eigrpPair(s, h)) : []),
    ...(used.has('rip') ? hubPairs(view, 'rip').map(([s, h]) => ripPair(s, h)) : []),
  ];
}
