/**
 * routing: where the configs run a routing protocol over the tunnel (router ospf|bgp|eigrp|rip), every
 * adjacency they imply comes up (OSPF FULL or 2WAY, BGP Established, EIGRP up, RIP updates both ways)
 * and every LAN or loopback prefix is learned by each router that should have it, with the next hop
 * the design gives. Waits within a budget from the configs' timers. Evidence: the show lines that
 * decided, and Hello/Update/Keepalive frames in the pcaps. A missing adjacency names the config
 * mistake when there is one (area, AS, timers, network type, passive interface, network statement).
 */
import { capturedPackets, type Check, type CheckContext, waitEnd } from './context.js';
import { cite } from './evidence.js';
import { result, type CheckResult, type ShownLines } from './model.js';
import type { Packet } from './packets.js';
import { expectedAdjacencies, type ExpectedAdjacency } from './routing-adjacency.js';
import { protocolsOf } from './routing-facts.js';
import { judgeAdjacency, judgeRoutes } from './routing-judge.js';
import { routingOf, type RoutingProtocol } from './routing-packets.js';
import { expectedRoutes, type ExpectedRoutes } from './routing-prefixes.js';
import { NEIGHBOR_COMMAND, readNeighbors, readProtocols, showLines, type NeighborRow } from './routing-read.js';
import { readRoutes, type RouteRow } from './routers.js';
import { routing6Protocols, routing6Results } from './routing6.js';
import { publicNbma, type LabView, type RouterView } from './view.js';

/** The budget for the IPv6 prefixes when no IPv4 routing sets one (ms): OSPFv3 broadcast waits a dead interval. */
const ROUTING6_BUDGET_MS = 90_000;

/** The budget to wait for every adjacency and prefix, from the configs' timers (ms). */
export function routingBudgetMs(view: LabView): number {
  const s = view.routers.map((r) => {
    const f = r.facts.routing;
    if (!f) return 0;
    const o = f.ospf?.tunnel;
    const ospf = !o ? 0 : o.network === 'broadcast' || o.network === 'non-broadcast' ? o.dead + 30 : 4 * o.hello + 20;
    return Math.max(ospf, f.bgp ? 90 : 0, f.eigrp ? 45 : 0, f.rip ? 60 : 0);
  });
  return Math.min(180, Math.max(0, ...s)) * 1000;
}

const NAME: Record<RoutingProtocol, string> = { ospf: 'OSPF', bgp: 'BGP', eigrp: 'EIGRP', rip: 'RIP' };
const UPDATES: Record<RoutingProtocol, string[]> = {
  ospf: ['LS Update'],
  bgp: ['Update'],
  eigrp: ['Update'],
  rip: ['Response'],
};
const HELLOS: Record<RoutingProtocol, string[]> = {
  ospf: ['Hello'],
  bgp: ['Open', 'Keepalive'],
  eigrp: ['Hello'],
  rip: ['Response'],
};

/** What the routers show at one moment. */
interface Snapshot {
  neighbors: Map<string, NeighborRow[] | undefined>;
  routes: Map<string, RouteRow[]>;
}

async function snapshot(routers: RouterView[], protos: RoutingProtocol[]): Promise<Snapshot> {
  const neighbors = new Map<string, NeighborRow[] | undefined>();
  const routes = new Map<string, RouteRow[]>();
  await Promise.all(
    routers.map(async (r) => {
      routes.set(r.name, await readRoutes(r.control).catch(() => []));
      for (const p of protos)
        if (r.facts.routing?.[p])
          neighbors.set(`${r.name}/${p}`, await readNeighbors(r.control, p).catch(() => undefined));
    }),
  );
  return { neighbors, routes };
}

const rowsOf = (s: Snapshot, r: RouterView, p: RoutingProtocol) => s.neighbors.get(`${r.name}/${p}`);
const adjOk = (s: Snapshot, a: ExpectedAdjacency) =>
  a.blockers.length === 0 && judgeAdjacency(a, rowsOf(s, a.a, a.protocol), rowsOf(s, a.b, a.protocol)).ok;
const routesOk = (s: Snapshot, e: ExpectedRoutes) =>
  judgeRoutes(e, s.routes.get(e.receiver.name) ?? []).every((f) => !f.problem);

/** Frames between two routers of a protocol: from `from` (its tunnel address) to `to` (its NBMA address). */
function frames(ps: Packet[], p: RoutingProtocol, types: string[], from: string, to: RouterView): Packet[] {
  return routingOf(ps, { protocol: p, types, innerSrc: from, dst: publicNbma(to) ?? '' });
}

/** Why an adjacency is down beyond the configs: a daemon not running, EIGRP K-values that differ. */
async function runtimeProblems(a: ExpectedAdjacency): Promise<string[]> {
  const out: string[] = [];
  const [pa, pb] = await Promise.all([a.a, a.b].map((r) => readProtocols(r.control).catch(() => undefined)));
  const k = (x: typeof pa) => x?.protocols.find((p) => 'kValues' in p);
  const [ka, kb] = [k(pa), k(pb)];
  if (
    a.protocol === 'eigrp' &&
    ka &&
    kb &&
    'kValues' in ka &&
    'kValues' in kb &&
    ka.kValues.join() !== kb.kValues.join()
  )
    out.push(`K-value mismatch: ${a.a.name} K=${ka.kValues.join(' ')}, ${a.b.name} K=${kb.kValues.join(' ')}`);
  for (const [r, x] of [
    [a.a, pa],
    [a.b, pb],
  ] as const) {
    const proc = x?.protocols.find((p) => 'running' in p && p.name.startsWith(a.protocol));
    if (proc && 'running' in proc && !proc.running) out.push(`${r.name}'s ${a.protocol} daemon is not running`);
  }
  return out;
}

async function adjacencyResult(
  a: ExpectedAdjacency,
  s: Snapshot,
  ps: Packet[],
  figures: { upAfterMs: number | null; sinceLabUpMs: number | null },
): Promise<CheckResult> {
  const p = a.protocol;
  const j = judgeAdjacency(a, rowsOf(s, a.a, p), rowsOf(s, a.b, p));
  const shown: ShownLines[] = await Promise.all(
    [
      [a.a, a.addressOfB],
      [a.b, a.addressOfA],
    ].map(async ([r, addr]) => ({
      node: (r as RouterView).name,
      command: NEIGHBOR_COMMAND[p],
      lines: await showLines((r as RouterView).control, NEIGHBOR_COMMAND[p], [addr as string]),
    })),
  );
  const hA = frames(ps, p, HELLOS[p], a.addressOfA, a.b);
  const hB = frames(ps, p, HELLOS[p], a.addressOfB, a.a);
  const uA = frames(ps, p, UPDATES[p], a.addressOfA, a.b);
  const uB = frames(ps, p, UPDATES[p], a.addressOfB, a.a);
  const evidence = [
    ...cite(`${NAME[p]} ${HELLOS[p].join('/')} from ${a.a.name} to ${a.b.name} (first and last)`, [hA[0], hA.at(-1)]),
    ...cite(`${NAME[p]} ${HELLOS[p].join('/')} from ${a.b.name} to ${a.a.name} (first and last)`, [hB[0], hB.at(-1)]),
    ...cite(`${NAME[p]} ${UPDATES[p].join('/')} between ${a.a.name} and ${a.b.name} (first each way)`, [uA[0], uB[0]]),
  ];
  const step = `${NAME[p]} ${a.state}`;
  const nodes = [a.a.name, a.b.name];
  const more = {
    step,
    figures: { ...figures, stateAtA: j.atA ?? null, stateAtB: j.atB ?? null, hellosSeen: hA.length + hB.length },
    evidence,
    shown,
  };
  // RIP has no neighbor table: a peer whose routes all carry another next hop shows only in the pcaps
  const ripSeen = p === 'rip' && a.blockers.length === 0 && hA.length > 0 && hB.length > 0;
  if (j.ok || ripSeen) {
    const how =
      p === 'rip' ? `updates both ways${j.ok ? '' : ' (Responses in the pcaps)'}` : `${a.state} on both sides`;
    return result('routing', nodes, 'pass', `${NAME[p]} ${a.a.name}↔${a.b.name}: ${how}`, more);
  }
  const problems = [...a.blockers, ...(await runtimeProblems(a)), ...a.hints];
  const seen = `${a.a.name} shows ${j.atA ?? 'no neighbor'} for ${a.addressOfB}, ${a.b.name} shows ${j.atB ?? 'no neighbor'} for ${a.addressOfA}`;
  const noHello = hA.length + hB.length === 0 ? `; no ${NAME[p]} packet between them in the pcaps` : '';
  const why = problems.length > 0 ? `: ${problems.join('; ')}` : '';
  return result(
    'routing',
    nodes,
    'fail',
    `${NAME[p]} ${a.a.name}↔${a.b.name} not ${a.state}${why} (${seen}${noHello})`,
    more,
  );
}

async function routesResult(
  e: ExpectedRoutes,
  s: Snapshot,
  ps: Packet[],
  figures: { upAfterMs: number | null; sinceLabUpMs: number | null },
): Promise<CheckResult> {
  const p = e.protocol;
  const nodes = [e.receiver.name, e.origin.name];
  const step = `${NAME[p]} routes`;
  if (e.skip)
    return result('routing', nodes, 'skip', `${e.receiver.name} learns nothing of ${e.origin.name}'s: ${e.skip}`, {
      step,
    });
  const found = judgeRoutes(e, s.routes.get(e.receiver.name) ?? []);
  const shown: ShownLines[] = [
    {
      node: e.receiver.name,
      command: 'show ip route',
      lines: await showLines(e.receiver.control, 'show ip route', [
        ...found.map((f) => f.prefix.split('/')[0]!),
        ...found.flatMap((f) => f.routes.map((r) => r.prefix)),
      ]),
    },
  ];
  const hops = [...new Set(found.flatMap((f) => f.routes.map((r) => r.nextHop ?? '')))].filter((h) => h !== '');
  // the update came from the next hop itself, or (next hop kept) from a hub between
  const from = new Set([...hops, ...(e.receiver.tunnel?.nhs ?? []).map((n) => n.protocol)]);
  const updates = [...from]
    .flatMap((h) => frames(ps, p, UPDATES[p], h, e.receiver))
    .sort((a, b) => a.timeMs - b.timeMs);
  const evidence = cite(
    `${NAME[p]} ${UPDATES[p].join('/')} to ${e.receiver.name} from its neighbors (first and last)`,
    [updates[0], updates.at(-1)],
  );
  const more = { step, figures: { ...figures, prefixes: found.length }, evidence, shown };
  const bad = found.filter((f) => f.problem);
  if (bad.length > 0)
    return result('routing', nodes, 'fail', `${e.receiver.name}: ${bad.map((f) => f.problem).join('; ')}`, more);
  const list = found
    .map((f) => {
      const hops = [...new Set(f.routes.map((r) => r.nextHop))].join(' and ');
      const r0 = f.routes[0]!;
      const by = `${r0.prefix}/${r0.prefixLength}` === f.prefix ? '' : ` (covered by ${r0.prefix}/${r0.prefixLength})`;
      return `${f.prefix} via ${hops}${by}`;
    })
    .join('; ');
  const how = [...new Set(e.prefixes.map((x) => x.how))].join('; ');
  return result('routing', nodes, 'pass', `${e.receiver.name} learned ${e.origin.name}'s ${list} (${how})`, more);
}

/**
 * Polls until every expectation holds or the budget (from the last configuration change, see waitEnd)
 * runs out; the last snapshot and when each first held.
 */
async function converge(ctx: CheckContext, adj: ExpectedAdjacency[], routes: ExpectedRoutes[]) {
  const view = ctx.view;
  const routers = view.routers.filter((r) => r.facts.routing);
  const protos = [...new Set(routers.flatMap((r) => protocolsOf(r.facts.routing!)))];
  const t0 = Date.now();
  const end = waitEnd(ctx, routingBudgetMs(view), t0);
  const firstOk = new Map<object, number>();
  const live = routes.filter((e) => !e.skip);
  const upTo = `${Math.round((end - t0) / 100) / 10} s`;
  ctx.progress(`routing: waiting up to ${upTo} for ${adj.length} adjacencies and ${live.length} route sets`);
  for (;;) {
    const s = await snapshot(routers, protos);
    const now = Date.now();
    for (const a of adj) if (!firstOk.has(a) && adjOk(s, a)) firstOk.set(a, now);
    for (const e of live) if (!firstOk.has(e) && routesOk(s, e)) firstOk.set(e, now);
    const all = adj.every((a) => adjOk(s, a)) && live.every((e) => routesOk(s, e));
    if (all || now >= end) return { s, t0, firstOk };
    ctx.meter?.('routing', firstOk.size, adj.length + live.length);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The routing check. */
export const routingCheck: Check = {
  name: 'routing',
  summary:
    'every adjacency the routing configs imply is up (OSPF FULL/2WAY, BGP Established, EIGRP up, RIP updates) and each LAN prefix is learned with the expected next hop',
  notApplicable: (view) =>
    view.routers.some((r) => r.facts.routing || routing6Protocols(r.config).length > 0)
      ? undefined
      : 'no routing protocol configured (router ospf|bgp|eigrp|rip)',
  async run(ctx) {
    const adj = expectedAdjacencies(ctx.view);
    const routes = expectedRoutes(ctx.view, adj);
    const { s, t0, firstOk } = await converge(ctx, adj, routes);
    const ps = await capturedPackets(ctx.pcaps);
    const labUp = Date.parse(ctx.view.state.createdAt);
    const figures = (x: object) => {
      const at = firstOk.get(x);
      return {
        upAfterMs: at === undefined ? null : at - t0,
        sinceLabUpMs: at === undefined || Number.isNaN(labUp) ? null : at - labUp,
      };
    };
    const out: CheckResult[] = [];
    for (const a of adj) out.push(await adjacencyResult(a, s, ps, figures(a)));
    for (const e of routes) out.push(await routesResult(e, s, ps, figures(e)));
    out.push(...(await routing6Results(ctx, routingBudgetMs(ctx.view) || ROUTING6_BUDGET_MS)));
    return out;
  },
};
