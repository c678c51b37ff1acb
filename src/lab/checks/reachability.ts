/**
 * reachability: LAN hosts reach each other (ping). By default a sample that covers every host in O(n)
 * pairs: every host to the first one, and each host to the next (so every spoke LAN sends to another
 * spoke's); `--all-pairs` tests every ordered pair. Pairs run in parallel, a few at a time.
 * Evidence: the first echo request of the pair carried over the Internet, and the first reply.
 * A lab without two LAN hosts (a course lab) tests its routers instead: router-reachability.ts.
 */
import { noMeter } from '../progress.js';
import { inParallel } from '../sh.js';
import { capturedPackets, type Check } from './context.js';
import { spokeProblems, withProblems } from './diagnose.js';
import { cite, dataOf } from './evidence.js';
import { result, type CheckResult } from './model.js';
import { routerReachability, routerReachabilityNotApplicable } from './router-reachability.js';
import { ping, type PingResult } from './traffic.js';
import type { HostView, LabView } from './view.js';

/** Echoes per pair; the first ones may wait for NHRP, so a pair passes on any reply. */
const COUNT = 5;

/** Pairs pinging at the same time. */
export const PING_CONCURRENCY = 8;

/** The ordered pairs to test: all of them, or (default) each host to the first and to the next, without repeats. */
export function reachabilityPairs<T>(hosts: T[], allPairs: boolean): Array<readonly [T, T]> {
  if (allPairs) return hosts.flatMap((a) => hosts.filter((b) => b !== a).map((b) => [a, b] as const));
  const pairs: Array<readonly [T, T]> = [];
  const seen = new Set<string>();
  const add = (i: number, j: number): void => {
    if (i === j || seen.has(`${i}>${j}`)) return;
    seen.add(`${i}>${j}`);
    pairs.push([hosts[i]!, hosts[j]!]);
  };
  for (let i = 1; i < hosts.length; i++) add(i, 0);
  for (let i = 0; i < hosts.length; i++) add(i, (i + 1) % hosts.length);
  return pairs;
}

/**
 * The hosts pinged over IPv4: all but the IPv6-only ones — a host with an IPv6 address whose IPv4
 * address is on no router's LAN (the topology format asks for an IPv4 address; it is a placeholder).
 */
export function ipv4Hosts<T extends { address6?: string; router?: string }>(hosts: T[]): T[] {
  return hosts.filter((h) => h.router !== undefined || h.address6 === undefined);
}

function explain(view: LabView, a: HostView, b: HostView): string[] {
  const spokes = [a.router, b.router].flatMap((n) => view.spokes.filter((s) => s.name === n));
  return spokes.flatMap((s) => spokeProblems(view, s));
}

/** The reachability check. */
export const reachabilityCheck: Check = {
  name: 'reachability',
  summary:
    'LAN hosts reach each other (every host in a sample of pairs; every pair with --all-pairs); without hosts, ' +
    "routers' advertised loopbacks (else tunnel addresses) reach each other",
  notApplicable: (view) => (view.hosts.length < 2 ? routerReachabilityNotApplicable({ view }) : undefined),
  async run(ctx) {
    const { view } = ctx;
    if (view.hosts.length < 2) return routerReachability(ctx);
    const hosts4 = ipv4Hosts(view.hosts);
    const v4 = hosts4.length >= 2 ? reachabilityPairs(hosts4, ctx.allPairs === true) : [];
    // hosts with IPv6 addresses (an IPv6 overlay) are pinged over IPv6 as well
    const hosts6 = view.hosts.filter((h) => h.address6 !== undefined);
    const v6 = hosts6.length >= 2 ? reachabilityPairs(hosts6, ctx.allPairs === true) : [];
    const pairs = [...v4.map((p) => ({ p, ip6: false })), ...v6.map((p) => ({ p, ip6: true }))];
    const meter = ctx.meter ?? noMeter;
    const pings: Array<{ a: HostView; b: HostView; r: PingResult; ip6: boolean }> = new Array(pairs.length);
    let done = 0;
    meter('reachability', 0, pairs.length);
    await inParallel([...pairs.keys()], PING_CONCURRENCY, async (i) => {
      const { p, ip6 } = pairs[i]!;
      const [a0, b0] = p;
      // an IPv6 pair is named by its IPv6 addresses in the messages and the evidence
      const a = ip6 ? { ...a0, address: a0.address6! } : a0;
      const b = ip6 ? { ...b0, address: b0.address6! } : b0;
      pings[i] = { a, b, ip6, r: await ping(ctx.runtime, a.namespace, b.address, { count: COUNT, intervalMs: 100 }) };
      meter('reachability', ++done, pairs.length);
    });
    const ps = await capturedPackets(ctx.pcaps);
    return pings.map(({ a, b, r, ip6 }): CheckResult => {
      const window = { from: r.startedAt, to: r.endedAt };
      const req = dataOf(ps, { innerSrc: a.address, innerDst: b.address, icmpType: 8, window })[0];
      const rep = dataOf(ps, { innerSrc: b.address, innerDst: a.address, icmpType: 0, window })[0];
      const figures = { sent: r.sent, received: r.received, lost: r.lost, rttAvgMs: r.rttAvgMs };
      const evidence = [
        ...cite(`echo request ${a.name}→${b.name} over the Internet`, [req]),
        ...cite(`echo reply ${b.name}→${a.name}`, [rep]),
      ];
      if (r.received === 0) {
        const seen = req
          ? rep
            ? 'requests and replies crossed the Internet but none came back to the host'
            : 'requests crossed the Internet, no reply came back'
          : 'no request left the spoke';
        return result(
          'reachability',
          [a.name, b.name],
          'fail',
          withProblems(
            `${a.name} (${a.address}) cannot reach ${b.name} (${b.address}): ${r.sent} echoes, no reply; ${seen}`,
            explain(view, a, b),
          ),
          { figures, evidence },
        );
      }
      return result(
        'reachability',
        [a.name, b.name],
        'pass',
        `${a.name} reaches ${b.name}${ip6 ? ` over IPv6 (${b.address})` : ''}: ` +
          `${r.received}/${r.sent} replies, rtt ${r.rttAvgMs ?? '?'} ms`,
        { figures, evidence },
      );
    });
  },
};
