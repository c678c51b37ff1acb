/**
 * Routing convergence of a lab, seen through the routers' control sockets as a person would see
 * it: every LAN (a connected prefix on a router link to a host or switch) is in every other
 * router's `show ip route` through a learned route (a summary that covers it counts), and every
 * OSPF neighbor is FULL or 2WAY and every configured BGP peer Established. Labs with static
 * routes only converge at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inPrefix } from '../wire/ipv4-addr.js';
import { controlJson } from '../node/api/index.js';
import { LabError } from './errors.js';
import { throwIfAborted } from './interrupt.js';
import type { LabState, NodeState } from './state.js';

/** Route codes a routing protocol installs (OSPF, BGP, RIP, EIGRP). */
const LEARNED = /^(O|B|R|D)/;

interface RouteJson {
  prefix: string;
  prefixLength: number;
  code: string;
  interface: string | null;
}

/** What is still missing, per router (empty when the lab has converged). */
export interface Convergence {
  /** LAN prefixes not yet learned: `router: prefix`. */
  lans: string[];
  /** Adjacencies not up yet: `router: neighbor state`. */
  adjacencies: string[];
}

/** Reads every router once and says what is missing. */
export async function convergence(state: LabState): Promise<Convergence> {
  const routers = state.nodes.filter((n) => n.control !== undefined);
  const kinds = new Map(state.nodes.map((n) => [n.name, n.kind]));
  const tables = await Promise.all(routers.map((r) => routes(r)));
  const lans = routers.map((r, i) => lanPrefixes(r, tables[i]!, kinds));
  const out: Convergence = { lans: [], adjacencies: [] };
  routers.forEach((r, i) => {
    const table = tables[i]!;
    for (const [j, own] of lans.entries()) {
      if (j === i) continue;
      for (const lan of own) {
        const learned = table.some(
          (x) =>
            LEARNED.test(x.code) &&
            x.prefixLength > 0 &&
            x.prefixLength <= lan.prefixLength &&
            inPrefix(lan.prefix, x.prefix, x.prefixLength),
        );
        if (!learned) out.lans.push(`${r.name}: ${lan.prefix}/${lan.prefixLength}`);
      }
    }
  });
  out.adjacencies = (await Promise.all(routers.map((r) => adjacencyProblems(r)))).flat();
  return out;
}

/** Polls until every LAN is learned everywhere and every adjacency is up; returns the ms waited for each. */
export async function waitRouted(
  state: LabState,
  timeoutMs = 90_000,
  pollMs = 250,
): Promise<{ adjacenciesMs: number; lansMs: number }> {
  const t0 = Date.now();
  let adjacenciesMs: number | undefined;
  let lansMs: number | undefined;
  for (;;) {
    throwIfAborted();
    const c = await convergence(state).catch((e: Error) => ({ lans: [e.message], adjacencies: [e.message] }));
    const now = Date.now() - t0;
    if (adjacenciesMs === undefined && c.adjacencies.length === 0) adjacenciesMs = now;
    if (lansMs === undefined && c.lans.length === 0) lansMs = now;
    if (adjacenciesMs !== undefined && lansMs !== undefined) return { adjacenciesMs, lansMs };
    if (now > timeoutMs)
      throw new LabError(
        'ROUTING_TIMEOUT',
        `routing did not converge within ${timeoutMs} ms: ${[...c.adjacencies, ...c.lans].slice(0, 8).join('; ')}`,
      );
    await sleep(pollMs);
  }
}

async function routes(r: NodeState): Promise<RouteJson[]> {
  return ((await controlJson(r.control!, 'show ip route', 3000)) as { routes: RouteJson[] }).routes;
}

/** Connected prefixes of a router on its links to hosts and switches (its LANs). */
function lanPrefixes(r: NodeState, table: RouteJson[], kinds: Map<string, string>): RouteJson[] {
  const lanIfaces = new Set(
    r.interfaces
      .filter((i) => ['host', 'switch'].includes(kinds.get(i.peer.split(':')[0] ?? '') ?? ''))
      .map((i) => i.written),
  );
  return table.filter((x) => x.code === 'C' && x.interface !== null && lanIfaces.has(x.interface));
}

/** OSPF neighbors not FULL/2WAY and BGP peers not Established (protocols not running give none). */
async function adjacencyProblems(r: NodeState): Promise<string[]> {
  const out: string[] = [];
  const ospf = (await controlJson(r.control!, 'show ip ospf neighbor', 3000).catch(() => ({ neighbors: [] }))) as {
    neighbors?: Array<{ neighborId: string; state: string }>;
  };
  const ospfIfs = (await controlJson(r.control!, 'show ip ospf interface', 3000).catch(() => ({ interfaces: [] }))) as {
    interfaces?: Array<{ name: string }>;
  };
  // a router running OSPF on its tunnel has at least one neighbor there (the hub, or the spokes)
  if ((ospfIfs.interfaces ?? []).some((i) => i.name.startsWith('Tunnel')) && (ospf.neighbors ?? []).length === 0)
    out.push(`${r.name}: no OSPF neighbor yet`);
  for (const n of ospf.neighbors ?? [])
    if (!/^(FULL|2WAY)/.test(n.state)) out.push(`${r.name}: OSPF ${n.neighborId} ${n.state}`);
  const bgp = (await controlJson(r.control!, 'show ip bgp summary', 3000).catch(() => ({ peers: [] }))) as {
    peers?: Array<{ neighbor: string; state: string }>;
  };
  for (const p of bgp.peers ?? []) if (p.state !== 'Established') out.push(`${r.name}: BGP ${p.neighbor} ${p.state}`);
  return out;
}
