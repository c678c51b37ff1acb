/**
 * The routing layer's frames for the diagnosis: the adjacency between a spoke and its hub as each side
 * shows it (the neighbor show line), the hellos each way in the captures and the configuration
 * mistakes that keep it down (checks/routing-feeds.ts), and when it is up the updates from the hub.
 */
import { cite } from '../checks/evidence.js';
import type { Packet } from '../checks/packets.js';
import { expectedAdjacencies } from '../checks/routing-adjacency.js';
import { judgeAdjacency } from '../checks/routing-judge.js';
import { routingFeeds } from '../checks/routing-feeds.js';
import { routingOf, type RoutingProtocol } from '../checks/routing-packets.js';
import { NEIGHBOR_COMMAND, readNeighbors, showLines } from '../checks/routing-read.js';
import { publicNbma, type LabView, type RouterView } from '../checks/view.js';
import { type CapturedFrames, type FrameFinding, frameList, linkPcap, MAX, onePcap } from './frame-text.js';

const PROTOCOL_NAME: Record<RoutingProtocol, string> = { ospf: 'OSPF', bgp: 'BGP', eigrp: 'EIGRP', rip: 'RIP' };
const HELLO: Record<RoutingProtocol, string[]> = {
  ospf: ['Hello'],
  bgp: ['Open', 'Keepalive'],
  eigrp: ['Hello'],
  rip: ['Response'],
};
const UPDATE: Record<RoutingProtocol, string[]> = {
  ospf: ['LS Update'],
  bgp: ['Update'],
  eigrp: ['Update'],
  rip: ['Response'],
};

/** The adjacency of `s` and `h` and its frames, or undefined when no routing protocol pairs them. */
export async function routingFrames(
  view: LabView,
  s: RouterView,
  h: RouterView,
  c: CapturedFrames,
  pcaps: string[],
): Promise<FrameFinding | undefined> {
  const adj = expectedAdjacencies(view).find((a) => (a.a === s && a.b === h) || (a.a === h && a.b === s));
  if (!adj) return undefined;
  const p = adj.protocol;
  const name = PROTOCOL_NAME[p];
  const [rowsA, rowsB] = await Promise.all([adj.a, adj.b].map((r) => readNeighbors(r.control, p).catch(() => [])));
  const j = judgeAdjacency(adj, rowsA, rowsB);
  const command = NEIGHBOR_COMMAND[p];
  const [lineA, lineB] = await Promise.all([
    showLines(adj.a.control, command, [adj.addressOfB]),
    showLines(adj.b.control, command, [adj.addressOfA]),
  ]);
  const shows = (r: RouterView, at: string | undefined, peer: string, line: string[]) =>
    at
      ? `${r.name} shows ${peer} ${at}${line[0] ? ` ("${line[0].trim()}")` : ''}`
      : `${r.name} shows no neighbor ${peer}`;
  const state = `${shows(adj.a, j.atA, adj.addressOfB, lineA)}, ${shows(adj.b, j.atB, adj.addressOfA, lineB)}`;
  const pcapOf = (r: RouterView) => linkPcap(view, r, pcaps);
  const hello = (addr: string, to: RouterView) =>
    onePcap(routingOf(c.packets, { protocol: p, types: HELLO[p], innerSrc: addr, dst: publicNbma(to) ?? '' }), [
      pcapOf(to),
    ]);
  const [hA, hB] = [hello(adj.addressOfA, adj.b), hello(adj.addressOfB, adj.a)];
  const helloText = (from: RouterView, to: RouterView, ps: Packet[]) =>
    ps.length > 0
      ? `${name} ${HELLO[p].join('/')} ${frameList(ps.slice(-MAX))} from ${from.name} to ${to.name}`
      : `no ${name} ${HELLO[p].join('/')} from ${from.name} to ${to.name} in the captures`;
  // the configuration mistakes that cut the adjacency, either way (a hub without a multicast map too)
  const cuts = routingFeeds(view)
    .filter((f) => f.protocol === p && [f.from, f.to].includes(adj.a) && [f.from, f.to].includes(adj.b))
    .flatMap((f) => f.cuts);
  const blockers = cuts.length > 0 ? `; ${[...new Set(cuts)].join('; ')}` : '';
  if (!j.ok)
    return {
      text: `${name}: ${adj.a.name}↔${adj.b.name} not ${adj.state}: ${state}; ${helloText(adj.a, adj.b, hA)}; ${helloText(adj.b, adj.a, hB)}${blockers}`,
      frames: [
        ...cite(`${name} hellos from ${adj.a.name}`, hA.slice(-MAX)),
        ...cite(`${name} hellos from ${adj.b.name}`, hB.slice(-MAX)),
      ],
      command,
      shown: [...lineA, ...lineB],
    };
  const updates = onePcap(
    routingOf(c.packets, { protocol: p, types: UPDATE[p], innerSrc: h.tunnelAddress ?? '', dst: publicNbma(s) ?? '' }),
    [pcapOf(s)],
  );
  const upd =
    updates.length > 0
      ? `${name} ${UPDATE[p].join('/')} ${frameList(updates.slice(-MAX))} from ${h.name} to ${s.name}`
      : `no ${name} ${UPDATE[p].join('/')} from ${h.name} to ${s.name} in the captures`;
  return {
    text: `${name}: ${adj.a.name}↔${adj.b.name} ${adj.state} (${state}); ${upd}`,
    frames: cite(`${name} updates from ${h.name} to ${s.name}`, updates.slice(-MAX)),
    shown: [...lineA, ...lineB],
  };
}
