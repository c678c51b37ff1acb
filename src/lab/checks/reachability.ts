/**
 * reachability: every LAN host reaches every other (ping, both directions as separate pairs).
 * Evidence: the first echo request of the pair carried over the Internet, and the first reply.
 */
import { capturedPackets, type Check } from './context.js';
import { spokeProblems, withProblems } from './diagnose.js';
import { cite, dataOf } from './evidence.js';
import { result, type CheckResult } from './model.js';
import { ping } from './traffic.js';
import type { HostView, LabView } from './view.js';

/** Echoes per pair; the first ones may wait for NHRP, so a pair passes on any reply. */
const COUNT = 5;

function explain(view: LabView, a: HostView, b: HostView): string[] {
  const spokes = [a.router, b.router].flatMap((n) => view.spokes.filter((s) => s.name === n));
  return spokes.flatMap((s) => spokeProblems(view, s));
}

/** The reachability check. */
export const reachabilityCheck: Check = {
  name: 'reachability',
  summary: 'every LAN host reaches every other',
  notApplicable: (view) => (view.hosts.length < 2 ? 'fewer than two LAN hosts' : undefined),
  async run(ctx) {
    const { view } = ctx;
    const pairs = view.hosts.flatMap((a) => view.hosts.filter((b) => b !== a).map((b) => [a, b] as const));
    const pings = [];
    for (const [a, b] of pairs) pings.push({ a, b, r: await ping(ctx.runtime, a.namespace, b.address, { count: COUNT, intervalMs: 100 }) });
    const ps = await capturedPackets(ctx.pcaps);
    return pings.map(({ a, b, r }): CheckResult => {
      const window = { from: r.startedAt, to: r.endedAt };
      const req = dataOf(ps, { innerSrc: a.address, innerDst: b.address, icmpType: 8, window })[0];
      const rep = dataOf(ps, { innerSrc: b.address, innerDst: a.address, icmpType: 0, window })[0];
      const figures = { sent: r.sent, received: r.received, lost: r.lost, rttAvgMs: r.rttAvgMs };
      const evidence = [...cite(`echo request ${a.name}→${b.name} over the Internet`, [req]), ...cite(`echo reply ${b.name}→${a.name}`, [rep])];
      if (r.received === 0) {
        const seen = req ? (rep ? 'requests and replies crossed the Internet but none came back to the host' : 'requests crossed the Internet, no reply came back') : 'no request left the spoke';
        return result('reachability', [a.name, b.name], 'fail', withProblems(`${a.name} (${a.address}) cannot reach ${b.name} (${b.address}): ${r.sent} echoes, no reply; ${seen}`, explain(view, a, b)), { figures, evidence });
      }
      return result('reachability', [a.name, b.name], 'pass', `${a.name} reaches ${b.name}: ${r.received}/${r.sent} replies, rtt ${r.rttAvgMs ?? '?'} ms`, { figures, evidence });
    });
  },
};
