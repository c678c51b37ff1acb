/**
 * transition: a running Phase 1 lab is reconfigured live, through the routers' control sockets with
 * IOS commands, to Phase 2 and then to Phase 3; the path between a spoke pair changes each time
 * (hub → resolved direct → redirect and shortcut), and no router restarts (same process ids).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inPrefix, maskString } from '../../wire/ipv4-addr.js';
import { routerProcess } from '../router.js';
import { pollUntil, type Check, type CheckContext } from './context.js';
import { spokeProblems, withProblems } from './diagnose.js';
import { judgePhase } from './judge.js';
import { result, type CheckResult } from './model.js';
import { runPair } from './observe.js';
import { clearNhrp, configure, readNhs } from './routers.js';
import { labPhase, spokePairs, type LabView, type RouterView } from './view.js';

/** Lines that make a Phase 1 spoke a Phase 2 one: multipoint tunnel, routes to each other spoke's LANs via its tunnel address. */
export function phase2Lines(view: LabView, s: RouterView): { lines: string[]; removed: string[]; added: string[] } {
  const t = s.tunnel!;
  const others = view.spokes.filter((x) => x !== s);
  const hubs = new Set(view.hubs.map((h) => h.tunnelAddress));
  const removed = s.facts.routes
    .filter(
      (r) =>
        r.prefixLength > 0 &&
        hubs.has(r.nextHop) &&
        others.some((o) => o.lans.some((l) => inPrefix(l.address, r.prefix, r.prefixLength))),
    )
    .map((r) => r.line);
  const added = others.flatMap((o) =>
    o.lans.map((l) => `ip route ${l.address} ${maskString(l.prefixLength)} ${o.tunnelAddress}`),
  );
  const lines = [
    `interface ${t.name}`,
    ...(t.destination ? ['no tunnel destination'] : []),
    'tunnel mode gre multipoint',
    'exit',
    ...removed.map((l) => `no ${l}`),
    ...added,
  ];
  return { lines, removed, added };
}

/** Lines that make a Phase 2 spoke a Phase 3 one: shortcut, and the summary routes via the hub back instead of the per-spoke ones. */
export function phase3Lines(s: RouterView, phase2: { removed: string[]; added: string[] }): string[] {
  return [
    `interface ${s.tunnel!.name}`,
    'ip nhrp shortcut',
    'exit',
    ...phase2.added.map((l) => `no ${l}`),
    ...phase2.removed,
  ];
}

/**
 * Pause between reconfiguring and measuring, as a person would take before trying the new path.
 * dmvpnd watches hairpins on every mGRE tunnel and reports one per sender and destination per second
 * to the NHRP engine, even while redirect is off: a pair that hairpinned just before `ip nhrp redirect`
 * gets its first Traffic Indication up to a second late.
 */
const SETTLE_MS = 1500;

function pids(ctx: CheckContext): Map<string, number | undefined> {
  return new Map(ctx.view.state.nodes.filter((n) => n.control).map((n) => [n.name, routerProcess(n).pid]));
}

function restarts(before: Map<string, number | undefined>, ctx: CheckContext): string[] {
  const now = pids(ctx);
  return [...before]
    .filter(([n, pid]) => pid === undefined || now.get(n) !== pid)
    .map(([n, pid]) => `${n} (pid ${pid ?? '?'} → ${now.get(n) ?? 'gone'})`);
}

async function registered(view: LabView, timeoutMs: number): Promise<number | undefined> {
  const t0 = Date.now();
  const ok = await pollUntil(
    async () =>
      (await Promise.all(view.spokes.map((s) => readNhs(s.control)))).every(
        (rows) => rows.length > 0 && rows.every((r) => r.up),
      )
        ? true
        : undefined,
    timeoutMs,
    200,
  );
  return ok ? Date.now() - t0 : undefined;
}

async function step(
  ctx: CheckContext,
  name: string,
  phase: 2 | 3,
  changes: Array<[RouterView, string[]]>,
  before: Map<string, number | undefined>,
): Promise<CheckResult> {
  const [a, b] = spokePairs(ctx.view)[0]!;
  const nodes = [a.name, b.name];
  const t0 = Date.now();
  try {
    for (const [r, lines] of changes) await configure(r.control, lines);
  } catch (e) {
    return result('transition', nodes, 'fail', `reconfiguring for Phase ${phase}: ${(e as Error).message}`, {
      step: name,
    });
  }
  const configureMs = Date.now() - t0;
  const view = await ctx.refresh();
  if (phase === 3) await Promise.all(view.spokes.map((s) => clearNhrp(s.control).catch(() => '')));
  const reregisterMs = await registered(view, 15_000);
  await sleep(SETTLE_MS);
  const [a2, b2] = spokePairs(view)[0]!;
  const run = await runPair(ctx, a2, b2);
  const v = judgePhase(run, phase);
  const restarted = restarts(before, ctx);
  const lines = changes.reduce((n, [, l]) => n + l.length, 0);
  const figures = {
    ...v.figures,
    configureMs,
    reregisterMs: reregisterMs ?? null,
    linesApplied: lines,
    restarts: restarted.length,
  };
  const problems = [
    ...(restarted.length > 0 ? [`restarted: ${restarted.join(', ')}`] : []),
    ...(reregisterMs === undefined ? ['not every spoke registered again within 15 s'] : []),
    ...(v.ok ? [] : view.spokes.flatMap((s) => spokeProblems(view, s))),
  ];
  const ok = v.ok && problems.length === 0;
  const how = `${lines} IOS lines on ${changes.length} routers through their control sockets, no restart`;
  return result(
    'transition',
    nodes,
    ok ? 'pass' : 'fail',
    ok ? `${how}; ${v.reason}` : withProblems(v.ok ? 'after reconfiguring' : v.reason, problems),
    { step: name, figures, evidence: v.evidence },
  );
}

/** The transition check. */
export const transitionCheck: Check = {
  name: 'transition',
  summary: 'a Phase 1 lab reconfigured live to Phase 2, then Phase 3: the path changes each time, no router restarts',
  notApplicable: (view) =>
    labPhase(view) !== 1 ? 'the lab is not Phase 1' : view.hubs.length === 0 ? 'no hub' : undefined,
  async run(ctx) {
    const before = pids(ctx);
    const [a, b] = spokePairs(ctx.view)[0]!;
    const base = judgePhase(await runPair(ctx, a, b), 1);
    const reason = base.ok
      ? base.reason
      : withProblems(
          base.reason,
          ctx.view.spokes.flatMap((s) => spokeProblems(ctx.view, s)),
        );
    const out = [
      result('transition', [a.name, b.name], base.ok ? 'pass' : 'fail', reason, {
        step: 'Phase 1 before',
        figures: base.figures,
        evidence: base.evidence,
      }),
    ];
    const { spokes, hubs } = ctx.view;
    const p2 = new Map(spokes.map((s) => [s, phase2Lines(ctx.view, s)]));
    out.push(
      await step(
        ctx,
        'Phase 1→2',
        2,
        spokes.map((s) => [s, p2.get(s)!.lines]),
        before,
      ),
    );
    const p3 = [
      ...hubs.map((h): [RouterView, string[]] => [h, [`interface ${h.tunnel!.name}`, 'ip nhrp redirect', 'exit']]),
      ...spokes.map((s): [RouterView, string[]] => [s, phase3Lines(s, p2.get(s)!)]),
    ];
    out.push(await step(ctx, 'Phase 2→3', 3, p3, before));
    return out;
  },
};
