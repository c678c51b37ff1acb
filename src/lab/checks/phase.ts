/**
 * phase: each spoke pair behaves as the phase its configs say (see judge.ts). For Phase 3, after the
 * shortcut's holding time without traffic the shortcut route is gone and the next packet uses the hub.
 * Spokes behind NAT are left to the nat check. In labs without LAN hosts (course labs) the spokes ping
 * from their own addresses (./phase-ends.ts), judged the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inPrefix } from '../../wire/ipv4-addr.js';
import { pollUntil, type Check, type CheckContext } from './context.js';
import { phase3Problems, spokeProblems, withProblems } from './diagnose.js';
import { cite, where } from './evidence.js';
import { judgePhase } from './judge.js';
import { result, type CheckResult } from './model.js';
import { runPair, shortcutTo, type PairRun } from './observe.js';
import { pairEnds, phasePairs } from './phase-ends.js';
import { clearNhrp, readCache, type CacheRow } from './routers.js';
import { configuredPhase, hostBehind, publicNbma, type RouterView } from './view.js';
import { ipv6Phase3 } from './phase6.js';

/** Longest holding time the check waits out (seconds). */
const MAX_WAIT_HOLD_SEC = 120;

/**
 * Clears the two spokes' NHRP caches when A holds a learned entry toward B (a shortcut, a pending or negative
 * resolution), so the pair starts from scratch; `target` is the address the pair pings (by default B's host).
 */
export async function freshPair(
  ctx: CheckContext,
  a: RouterView,
  b: RouterView,
  target = hostBehind(ctx.view, b)!.address,
): Promise<void> {
  const towardB = (e: CacheRow) =>
    e.type !== 'static' &&
    (e.nbma === publicNbma(b) || e.prefix === b.tunnelAddress || inPrefix(target, e.prefix, e.prefixLength));
  const learned = (await readCache(a.control).catch(() => [])).filter(towardB);
  if (learned.length === 0) return;
  ctx.progress(
    `${a.name} holds ${learned.length} learned NHRP entries toward ${b.name}: clear ip nhrp on ${a.name} and ${b.name}`,
  );
  await Promise.all([clearNhrp(a.control), clearNhrp(b.control)]);
  await sleep(200);
}

/** Waits for each Phase 3 shortcut to expire, then sends one more echo and expects it via the hub. */
async function expiry(ctx: CheckContext, runs: PairRun[]): Promise<CheckResult[]> {
  return Promise.all(
    runs.map(async (r): Promise<CheckResult> => {
      const nodes = [r.a.name, r.b.name];
      const hold = r.reply?.nhrp?.cies[0]?.holdingTime ?? r.b.tunnel?.holdtime ?? 7200;
      const route = `${r.shortcut!.prefix}/${r.shortcut!.prefixLength}`;
      if (hold > MAX_WAIT_HOLD_SEC) {
        return result(
          'phase',
          nodes,
          'skip',
          `shortcut holding time is ${hold} s: too long to wait out (set "ip nhrp holdtime" ≤ ${MAX_WAIT_HOLD_SEC} on the spokes)`,
          { step: 'shortcut expiry', figures: { holdingTimeSec: hold } },
        );
      }
      ctx.progress(`waiting for ${r.a.name}'s shortcut ${route} to expire (holding time ${hold} s)`);
      const gone = await pollUntil(
        async () => ((await shortcutTo(r.a, r.hb.address)) ? undefined : Date.now()),
        hold * 1500 + 10_000,
        250,
      );
      const figures = {
        holdingTimeSec: hold,
        expiredAfterMs: gone === undefined ? null : Math.round(gone - r.window.to!),
      };
      if (gone === undefined) {
        return result(
          'phase',
          nodes,
          'fail',
          `${r.a.name}'s shortcut ${route} is still there ${Math.round(hold * 1.5 + 10)} s after the last packet (holding time ${hold} s)`,
          { step: 'shortcut expiry', figures },
        );
      }
      const again = await runPair(ctx, r.a, r.b, { count: 1, ends: { ha: r.ha, hb: r.hb } });
      const evidence = [
        ...cite('Resolution Reply that gave the shortcut (holding time)', [r.reply]),
        ...cite('first echo after expiry, to the hub', [again.viaHub[0]]),
      ];
      if (!again.viaHub[0] || again.first !== again.viaHub[0]) {
        const how = again.first ? `went directly (${where(again.first)})` : 'was not seen on the Internet';
        return result(
          'phase',
          nodes,
          'fail',
          `${route} expired after ${figures.expiredAfterMs} ms but the next echo ${how}`,
          { step: 'shortcut expiry', figures, evidence },
        );
      }
      return result(
        'phase',
        nodes,
        'pass',
        `shortcut ${route} gone ${figures.expiredAfterMs} ms after the last packet (holding time ${hold} s); the next echo went via the hub (${where(again.viaHub[0])})`,
        { step: 'shortcut expiry', figures, evidence },
      );
    }),
  );
}

/** The phase check. */
export const phaseCheck: Check = {
  name: 'phase',
  summary:
    'spoke pairs behave as the phase their configs say (Phase 3: redirect, resolution, shortcut, direct data, expiry)',
  notApplicable: (view) =>
    phasePairs(view).length === 0
      ? 'needs two spokes not behind NAT (each with a LAN host where the lab has hosts; NATed ones: see the nat check)'
      : undefined,
  async run(ctx) {
    const out: CheckResult[] = [];
    const shortcuts: PairRun[] = [];
    for (const [a, b] of phasePairs(ctx.view)) {
      const phase = configuredPhase(a, b);
      const step = `Phase ${phase}`;
      const shut = [a, b].find((s) => s.tunnel?.shutdown);
      if (shut) {
        const why = `${shut.name}'s ${shut.tunnel!.name} is shut down: no spoke-to-spoke traffic to watch`;
        out.push(result('phase', [a.name, b.name], 'skip', why, { step }));
        continue;
      }
      const ends = await pairEnds(ctx.view, a, b, phase);
      if (!ends) {
        out.push(
          result('phase', [a.name, b.name], 'skip', 'neither a LAN host nor a tunnel address to ping', { step }),
        );
        continue;
      }
      await freshPair(ctx, a, b, ends.hb.address);
      const run = await runPair(ctx, a, b, { ends });
      const judged = judgePhase(run, phase);
      const v = ends.how ? { ...judged, reason: `${judged.reason} (${ends.how})` } : judged;
      const problems = v.ok
        ? []
        : phase === 3
          ? [...phase3Problems(ctx.view, [a, b]), ...spokeProblems(ctx.view, a), ...spokeProblems(ctx.view, b)]
          : [...spokeProblems(ctx.view, a), ...spokeProblems(ctx.view, b)];
      out.push(
        result('phase', [a.name, b.name], v.ok ? 'pass' : 'fail', withProblems(v.reason, problems), {
          step,
          figures: v.figures,
          evidence: v.evidence,
        }),
      );
      // On the tunnel subnet there is no shortcut route to watch expire.
      if (phase === 3 && v.ok && run.shortcut) shortcuts.push(run);
    }
    out.push(...(await expiry(ctx, shortcuts)));
    out.push(...(await ipv6Phase3(ctx)));
    return out;
  },
};
