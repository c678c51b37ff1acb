/**
 * reachability between routers, for labs without LAN hosts (course labs): each pair from
 * router-targets.ts pings from the router's namespace, sourced from its loopback (or its tunnel
 * address). Routing protocols may still be converging (OSPF waits 40 s before electing a DR on a
 * broadcast tunnel, then exchanges its database), so a pair without replies is tried again until
 * CONVERGE_MS after the check began.
 * Evidence: the first echo request of the pair seen on the underlay, and the first reply.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { noMeter } from '../progress.js';
import { inParallel } from '../sh.js';
import { capturedPackets, type CheckContext } from './context.js';
import { cite, dataOf } from './evidence.js';
import { result, type CheckResult } from './model.js';
import { type RouterTarget, routerPairs } from './router-targets.js';
import { ping, type PingResult } from './traffic.js';

/** How long after the check starts a pair may still be waiting for routing to converge. */
export const CONVERGE_MS = 90_000;

/** Pairs pinging at the same time. */
const CONCURRENCY = 8;

/** Why router reachability does not apply, or undefined when there are pairs to test. */
export function routerReachabilityNotApplicable(ctx: Pick<CheckContext, 'view'>): string | undefined {
  return routerPairs(ctx.view.routers).length === 0
    ? 'fewer than two LAN hosts, and no two routers with an advertised loopback or a tunnel address'
    : undefined;
}

function label(t: RouterTarget): string {
  return `${t.name} (${t.address}${t.via === 'tunnel' ? ', tunnel' : ''})`;
}

/** Pings every router pair, retrying failed ones while routing may converge; one result per pair. */
export async function routerReachability(ctx: CheckContext, convergeMs = CONVERGE_MS): Promise<CheckResult[]> {
  const pairs = routerPairs(ctx.view.routers);
  const until = Date.now() + convergeMs;
  const meter = ctx.meter ?? noMeter;
  const pings: Array<{ a: RouterTarget; b: RouterTarget; r: PingResult; tries: number }> = new Array(pairs.length);
  let done = 0;
  meter('reachability', 0, pairs.length);
  await inParallel([...pairs.keys()], CONCURRENCY, async (i) => {
    const [a, b] = pairs[i]!;
    for (let tries = 1; ; tries++) {
      const r = await ping(ctx.runtime, a.namespace, b.address, { count: 3, intervalMs: 200, source: a.address });
      if (r.received > 0 || Date.now() > until) {
        pings[i] = { a, b, r, tries };
        break;
      }
      await sleep(1000);
    }
    meter('reachability', ++done, pairs.length);
  });
  const ps = await capturedPackets(ctx.pcaps);
  return pings.map(({ a, b, r, tries }): CheckResult => {
    const window = { from: r.startedAt, to: r.endedAt };
    const req = dataOf(ps, { innerSrc: a.address, innerDst: b.address, icmpType: 8, window })[0];
    const rep = dataOf(ps, { innerSrc: b.address, innerDst: a.address, icmpType: 0, window })[0];
    const figures = { sent: r.sent, received: r.received, lost: r.lost, rttAvgMs: r.rttAvgMs, tries };
    const evidence = [
      ...cite(`echo request ${a.name}→${b.name} on the underlay`, [req]),
      ...cite(`echo reply ${b.name}→${a.name}`, [rep]),
    ];
    const how = a.via === 'loopback' ? ` (loopbacks advertised by ${a.protocols.join(', ')})` : '';
    if (r.received === 0) {
      const seen = req
        ? rep
          ? 'replies crossed the underlay'
          : 'requests crossed the underlay, no reply'
        : 'no request left';
      return result(
        'reachability',
        [a.name, b.name],
        'fail',
        `${label(a)} cannot reach ${label(b)}${how}: no reply within ${Math.round(convergeMs / 1000)} s; ${seen}`,
        { figures, evidence },
      );
    }
    return result(
      'reachability',
      [a.name, b.name],
      'pass',
      `${label(a)} reaches ${label(b)}${how}: ${r.received}/${r.sent} replies, rtt ${r.rttAvgMs ?? '?'} ms`,
      { figures, evidence },
    );
  });
}
