/**
 * failover: in a lab whose spokes have two hubs, the primary hub fails while pings run between LAN
 * hosts; measured: the outage of traffic that needs a hub, the time until every spoke is registered
 * with the backup, and whether an established shortcut lost packets. Then the hub returns; measured:
 * the time until spokes prefer it again. Two ways to fail: the router process stops (SIGTERM), or
 * the hub's Internet link goes silent (faults/silence.ts) while the process runs on. A dual-stack lab
 * with IPv6 NHS lines has the failure and the return measured for IPv6 too (failover6.ts).
 */
import { inPrefix } from '../../wire/ipv4-addr.js';
import { setSilent } from '../faults/silence.js';
import { startRouter, stopRouter } from '../router-ops.js';
import { iosToLinux } from '../topology/ifnames.js';
import type { Check, CheckContext } from './context.js';
import { spokeProblems, withProblems } from './diagnose.js';
import { failoverPlan6, measureFailure6, measureReturn6, ready6, type Measured6 } from './failover6.js';
import { result, type CheckResult } from './model.js';
import { measureFailure, measureReturn, untilEverySpoke, type FailoverPlan, type Measured } from './outage.js';
import { readNhs } from './routers.js';
import { hostBehind, hubByAddress, type LabView, type RouterView } from './view.js';

/** How long a returning hub gets until spokes use it again. */
const RETURN_TIMEOUT_MS = 60_000;

/** The hub the spokes route through first: next hop of their lowest-distance route to another spoke's LAN (else their first NHS). */
export function primaryHub(view: LabView): RouterView | undefined {
  const s = view.spokes[0];
  if (!s) return undefined;
  const lans = view.spokes.filter((x) => x !== s).flatMap((x) => x.lans);
  const routes = s.facts.routes
    .filter(
      (r) =>
        r.nextHop && hubByAddress(view, r.nextHop) && lans.some((l) => inPrefix(l.address, r.prefix, r.prefixLength)),
    )
    .sort((a, b) => (a.distance ?? 1) - (b.distance ?? 1));
  return hubByAddress(view, routes[0]?.nextHop ?? s.tunnel?.nhs[0]?.protocol ?? '');
}

/** Who plays which part; undefined (with why) when the lab cannot fail over. */
export function failoverPlan(view: LabView): FailoverPlan | string {
  const primary = primaryHub(view);
  if (!primary) return 'no primary hub found';
  const backups = view.hubs.filter(
    (h) => h !== primary && view.spokes.every((s) => s.tunnel?.nhs.some((n) => n.protocol === h.tunnelAddress)),
  );
  if (backups.length === 0) return 'no backup hub that every spoke uses as NHS';
  const withHost = view.spokes.filter((s) => hostBehind(view, s));
  if (withHost.length < 2) return 'needs two spokes with a LAN host';
  const fresh = withHost[withHost.length - 1]!;
  const phase3 = withHost.every((s) => s.tunnel?.shortcut);
  const shortcut: [RouterView, RouterView] | undefined =
    phase3 && withHost.length >= 3 ? [withHost[0]!, withHost[1]!] : undefined;
  const targets = withHost.filter((s) => s !== fresh).map((s) => hostBehind(view, s)!);
  return { primary, backups, ...(shortcut ? { shortcut } : {}), fresh, targets };
}

function silence(ctx: CheckContext, hub: RouterView, on: boolean): Promise<void> {
  const iface = iosToLinux(hub.facts.interfaces.find((i) => i.address === hub.nbma)?.name ?? '') ?? 'eth1';
  return setSilent(ctx.runtime, hub.namespace, iface, ctx.view.state.name, on);
}

function describe(plan: FailoverPlan, m: Measured, how: string): string {
  const f = m.figures;
  const backup = plan.backups.map((b) => b.name).join('/');
  const shortcut = plan.shortcut
    ? `; established shortcut ${plan.shortcut[0].name}↔${plan.shortcut[1].name} lost ${f.shortcutLost} of ${f.shortcutEchoes} echoes`
    : '';
  const routes =
    'routesMovedMs' in f ? `; the spokes' learned routes moved to ${backup} after ${f.routesMovedMs} ms` : '';
  return `${plan.primary.name} ${how}: traffic from ${plan.fresh.name} resumed through ${backup} after ${f.outageMs} ms; every spoke registered with ${backup} after ${f.backupRegisteredMs} ms and saw ${plan.primary.name} down after ${f.primaryDownNoticedMs ?? '—'} ms${routes}${shortcut}`;
}

/** The IPv6 part of a passing failure's description ('' when IPv6 was not measured). */
function describe6(m: Measured6 | undefined): string {
  if (!m) return '';
  const f = m.figures;
  return `; IPv6: traffic resumed after ${f.outageMsV6} ms, every spoke's IPv6 NHS to the backup up after ${f.backupRegisteredMsV6} ms`;
}

/** The IPv6 part of a passing return's description ('' when IPv6 was not measured). */
function describeReturn6(m: Measured6 | undefined): string {
  if (!m) return '';
  const f = m.figures;
  return `; IPv6: every spoke's IPv6 NHS to it up after ${f.registeredAgainMsV6} ms, new traffic through it after ${f.preferredAgainMsV6} ms`;
}

/** Why the lab has no working backup before anything fails: a spoke not registered with the primary or a backup. */
async function notReady(ctx: CheckContext, plan: FailoverPlan): Promise<string | undefined> {
  const hubs = [plan.primary, ...plan.backups];
  const ready = await untilEverySpoke(
    ctx.view.spokes,
    Date.now(),
    (rows) => hubs.every((h) => rows.some((r) => r.address === h.tunnelAddress && r.up)),
    5000,
  );
  if (ready !== undefined) return undefined;
  const missing: string[] = [];
  for (const s of ctx.view.spokes) {
    const rows = await readNhs(s.control).catch(() => []);
    for (const h of hubs)
      if (!rows.some((r) => r.address === h.tunnelAddress && r.up))
        missing.push(`${s.name} is not registered with ${h.name}`);
  }
  return withProblems(
    `no working backup before the failure: ${missing.join(', ')}`,
    ctx.view.spokes.flatMap((s) => spokeProblems(ctx.view, s)),
  );
}

async function variant(
  ctx: CheckContext,
  plan: FailoverPlan,
  how: string,
  fail: () => Promise<void>,
  restore: () => Promise<void>,
): Promise<CheckResult[]> {
  const nodes = [plan.primary.name, ...plan.backups.map((b) => b.name)];
  const why = await notReady(ctx, plan);
  if (why !== undefined) return [result('failover', nodes, 'fail', why, { step: `${plan.primary.name} ${how}` })];
  ctx.progress(`failover: ${plan.primary.name} ${how}`);
  const plan6 = failoverPlan6(ctx.view, plan);
  const not6 =
    typeof plan6 !== 'string' && !(await ready6(ctx.view.spokes, plan6))
      ? ['no working IPv6 backup before the failure: not every spoke has its IPv6 NHSs up']
      : [];
  let v6: Promise<Measured6> | undefined;
  const failBoth = async () => {
    const t0 = Date.now();
    await fail();
    if (typeof plan6 !== 'string' && not6.length === 0) v6 = measureFailure6(ctx, plan6, ctx.view.spokes, t0);
  };
  const down4 = await measureFailure(ctx, plan, failBoth, ctx.view.spokes);
  const m6 = await v6;
  const problems = [...down4.problems, ...not6, ...(m6?.problems ?? [])];
  const down = { ...down4, ok: problems.length === 0, problems, figures: { ...down4.figures, ...m6?.figures } };
  const r1 = result(
    'failover',
    nodes,
    down.ok ? 'pass' : 'fail',
    down.ok ? describe(plan, down, how) + describe6(m6) : withProblems(`${plan.primary.name} ${how}`, down.problems),
    { step: `${plan.primary.name} ${how}`, figures: down.figures, evidence: down.evidence },
  );
  ctx.progress(`failover: ${plan.primary.name} returns`);
  let v6back: Promise<Measured6> | undefined;
  const restoreBoth = async () => {
    const t0 = Date.now();
    await restore();
    if (typeof plan6 !== 'string' && not6.length === 0)
      v6back = measureReturn6(ctx, plan, plan6, ctx.view.spokes, t0, RETURN_TIMEOUT_MS);
  };
  const back4 = await measureReturn(ctx, plan, restoreBoth, ctx.view.spokes, RETURN_TIMEOUT_MS);
  const b6 = await v6back;
  const backProblems = [...back4.problems, ...(b6?.problems ?? [])];
  const back = {
    ok: backProblems.length === 0,
    problems: backProblems,
    figures: { ...back4.figures, ...b6?.figures },
    evidence: [...back4.evidence, ...(b6?.evidence ?? [])],
  };
  const f = back.figures;
  const r2 = result(
    'failover',
    nodes,
    back.ok ? 'pass' : 'fail',
    back.ok
      ? `${plan.primary.name} back: every spoke registered with it after ${f.registeredAgainMs} ms; new traffic through it after ${f.preferredAgainMs} ms${'routesBackMs' in f ? `; learned routes back via it after ${f.routesBackMs} ms` : ''}${describeReturn6(b6)}`
      : withProblems(`${plan.primary.name} back`, back.problems),
    {
      step: `${plan.primary.name} returns after ${how === 'stopped' ? 'stop' : 'silence'}`,
      figures: f,
      evidence: back.evidence,
    },
  );
  return [r1, r2];
}

/** The failover check. */
export const failoverCheck: Check = {
  name: 'failover',
  summary:
    'dual hub: primary stopped, then silenced; outage, backup registration, shortcut losses; time until the primary is preferred again',
  notApplicable: (view) => {
    if (view.hubs.length < 2) return 'needs two hubs';
    const p = failoverPlan(view);
    return typeof p === 'string' ? p : undefined;
  },
  async run(ctx) {
    const plan = failoverPlan(ctx.view) as FailoverPlan;
    const state = ctx.view.state;
    const hub = plan.primary;
    return [
      ...(await variant(
        ctx,
        plan,
        'stopped',
        async () => void (await stopRouter(state, hub.name)),
        () => startRouter(state, hub.name),
      )),
      ...(await variant(
        ctx,
        plan,
        'silent on its Internet link',
        async () => void (await silence(ctx, hub, true)),
        async () => void (await silence(ctx, hub, false)),
      )),
    ];
  },
};
