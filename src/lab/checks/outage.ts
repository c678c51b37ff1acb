/**
 * One hub failure, measured: pings run on an established spoke-to-spoke shortcut and on new flows that
 * need a hub; the hub is taken away; measured are the new flows' outage, the time until every spoke
 * is registered with the backup (and has noticed the primary is gone), and the shortcut's losses.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { capturedPackets, pollUntil, type CheckContext } from './context.js';
import { cite, dataOf, nhrpOf, NhrpType } from './evidence.js';
import { routedSpokes, untilRoutesVia, type RoutesMoved } from './failover-routes.js';
import type { Evidence, Figure } from './model.js';
import { routeFor, runPair } from './observe.js';
import { clearNhrp, readNhs, readRoutes } from './routers.js';
import { longestSilenceMs, startPing, type PingStream } from './traffic.js';
import { hostBehind, publicNbma, type HostView, type RouterView } from './view.js';

/** Who plays which part in a failure. */
export interface FailoverPlan {
  primary: RouterView;
  backups: RouterView[];
  /** Two spokes whose shortcut is set up before the failure (Phase 3 labs with three spokes or more). */
  shortcut?: [RouterView, RouterView];
  /** The spoke whose cache is cleared before the failure, so its flows need a hub. */
  fresh: RouterView;
  /** Hosts behind other spokes that `fresh`'s host pings from the failure on. */
  targets: HostView[];
}

/** What one failure showed. */
export interface Measured {
  ok: boolean;
  problems: string[];
  figures: Record<string, Figure>;
  evidence: Evidence[];
}

const INTERVAL_MS = 20;
/** How long the spokes get to fail over, from the failure on. */
const FAILOVER_TIMEOUT_MS = 30_000;

/** Milliseconds from `t0` until every spoke's NHS table satisfies `ok`; undefined on timeout. */
export async function untilEverySpoke(
  spokes: RouterView[],
  t0: number,
  ok: (rows: Awaited<ReturnType<typeof readNhs>>) => boolean,
  timeoutMs: number,
  family: 4 | 6 = 4,
): Promise<number | undefined> {
  const t = await pollUntil(
    async () => ((await Promise.all(spokes.map((s) => readNhs(s.control, family)))).every(ok) ? Date.now() : undefined),
    timeoutMs,
    100,
  );
  return t === undefined ? undefined : t - t0;
}

const upAt = (rows: Awaited<ReturnType<typeof readNhs>>, hub: RouterView) =>
  rows.some((r) => r.address === hub.tunnelAddress && r.up);

/** Sets up the shortcut (if any), clears `fresh`, starts the pings, runs `fail`, and measures until traffic flows again. */
export async function measureFailure(
  ctx: CheckContext,
  plan: FailoverPlan,
  fail: () => Promise<void>,
  spokes: RouterView[],
): Promise<Measured> {
  const { primary, backups, fresh, targets } = plan;
  let shortcut = plan.shortcut;
  if (shortcut) {
    const r = await runPair(ctx, shortcut[0], shortcut[1], { count: 5, intervalMs: 50 });
    if (r.direct.length === 0) shortcut = undefined;
  }
  await clearNhrp(fresh.control).catch(() => '');
  const src = hostBehind(ctx.view, fresh)!;
  const [ha, hb] = shortcut ? [hostBehind(ctx.view, shortcut[0])!, hostBehind(ctx.view, shortcut[1])!] : [];
  const onShortcut: PingStream | undefined =
    ha && hb
      ? startPing(
          ctx.runtime,
          ha.namespace,
          hb.address,
          INTERVAL_MS,
          join(ctx.workDir, `ping-${ha.name}-${hb.name}.log`),
        )
      : undefined;
  await sleep(500);
  const t0 = Date.now();
  await fail();
  const flows = targets.map((t) => ({
    t,
    s: startPing(
      ctx.runtime,
      src.namespace,
      t.address,
      INTERVAL_MS,
      join(ctx.workDir, `ping-${src.name}-${t.name}.log`),
    ),
  }));
  const routed = routedSpokes(spokes);
  const backupAddrs = backups.map((b) => b.tunnelAddress ?? '');
  const [backupMs, primaryDownMs, moved] = await Promise.all([
    untilEverySpoke(spokes, t0, (rows) => backups.some((b) => upAt(rows, b)), FAILOVER_TIMEOUT_MS),
    untilEverySpoke(spokes, t0, (rows) => !upAt(rows, primary), FAILOVER_TIMEOUT_MS),
    routed.length > 0 ? untilRoutesVia(routed, backupAddrs, t0, FAILOVER_TIMEOUT_MS) : undefined,
  ]);
  await pollUntil(
    async () => (flows.every((f) => f.s.replies().length > 0) ? true : undefined),
    Math.max(0, t0 + FAILOVER_TIMEOUT_MS - Date.now()),
    100,
  );
  await sleep(500);
  const shortcutRun = await onShortcut?.stop();
  const results = await Promise.all(flows.map(async (f) => ({ t: f.t, r: await f.s.stop() })));
  const t1 = Date.now();
  const firstReplies = results.map((x) => x.r.replies[0]?.atMs);
  const outageMs = firstReplies.every((t) => t !== undefined)
    ? Math.round(Math.max(...firstReplies.map((t) => t! - t0)))
    : null;
  const ps = await capturedPackets(ctx.pcaps);
  const window = { from: t0, to: t1 };
  const backupNbmas = new Set(backups.map((b) => publicNbma(b)));
  const resumed = results.map((x) =>
    dataOf(ps, { innerSrc: src.address, innerDst: x.t.address, icmpType: 8, window }).find((p) =>
      backupNbmas.has(p.dst),
    ),
  );
  const reRegistered = nhrpOf(ps, NhrpType.RegistrationRequest, { window }).find((p) => backupNbmas.has(p.dst));
  const kept =
    ha && hb
      ? dataOf(ps, {
          src: publicNbma(shortcut![0]),
          dst: publicNbma(shortcut![1]),
          innerSrc: ha.address,
          innerDst: hb.address,
          window,
        })
      : [];
  const route =
    outageMs === null ? routeFor(await readRoutes(fresh.control).catch(() => []), targets[0]!.address) : undefined;
  const stuck =
    route?.nextHop === primary.tunnelAddress
      ? `: ${fresh.name} still routes ${targets[0]!.address} by ${route!.prefix}/${route!.prefixLength} via ${route!.nextHop} (${primary.name})${primaryDownMs !== undefined ? ', whose NHS it sees down' : ''}`
      : '';
  const problems = [
    ...(backupMs === undefined
      ? [
          `not every spoke was registered with ${backups.map((b) => b.name).join('/')} within ${FAILOVER_TIMEOUT_MS / 1000} s`,
        ]
      : []),
    ...(outageMs === null
      ? [`traffic from ${src.name} that needs a hub did not resume within ${FAILOVER_TIMEOUT_MS / 1000} s${stuck}`]
      : []),
    ...routesProblems(moved, `moved to ${backups.map((b) => b.name).join('/')}`, FAILOVER_TIMEOUT_MS),
    ...(shortcutRun && shortcutRun.lost > 0
      ? [`the established shortcut ${shortcut![0].name}↔${shortcut![1].name} lost ${shortcutRun.lost} echoes`]
      : []),
  ];
  return {
    ok: problems.length === 0,
    problems,
    figures: {
      outageMs,
      lost: results.reduce((n, x) => n + x.r.lost, 0),
      backupRegisteredMs: backupMs ?? null,
      primaryDownNoticedMs: primaryDownMs ?? null,
      shortcutEchoes: shortcutRun?.sent ?? null,
      shortcutLost: shortcutRun?.lost ?? null,
      shortcutLongestGapMs: shortcutRun ? longestSilenceMs(shortcutRun) : null,
      ...(moved ? { routesMovedMs: moved.ms } : {}),
    },
    evidence: [
      ...cite(`first echo from ${src.name} through the backup hub`, resumed),
      ...cite('Registration Request to the backup hub after the failure', [reRegistered]),
      ...routingUpdates(
        ps,
        moved,
        backups,
        routed,
        t0,
        'routing update from the backup hub to a spoke after the failure',
      ),
      ...cite('echoes on the established shortcut during the failure (first and last)', [
        kept[0],
        kept[kept.length - 1],
      ]),
    ],
  };
}

/** After the primary is back: time until every spoke is registered with it again and `fresh`'s new traffic goes through it. */
export async function measureReturn(
  ctx: CheckContext,
  plan: FailoverPlan,
  restore: () => Promise<void>,
  spokes: RouterView[],
  timeoutMs: number,
): Promise<Measured> {
  const t0 = Date.now();
  await restore();
  const routed = routedSpokes(spokes);
  const [registeredMs, back] = await Promise.all([
    untilEverySpoke(spokes, t0, (rows) => upAt(rows, plan.primary), timeoutMs),
    routed.length > 0 ? untilRoutesVia(routed, [plan.primary.tunnelAddress ?? ''], t0, timeoutMs) : undefined,
  ]);
  const src = hostBehind(ctx.view, plan.fresh)!;
  const target = plan.targets[0]!;
  const via = publicNbma(plan.primary);
  const viaPrimary = await pollUntil(
    async () => {
      await clearNhrp(plan.fresh.control).catch(() => '');
      const from = Date.now();
      await ctx.runtime.exec(src.namespace, ['ping', '-n', '-q', '-c', '1', '-W', '1', target.address]);
      const first = dataOf(await capturedPackets(ctx.pcaps), {
        innerSrc: src.address,
        innerDst: target.address,
        icmpType: 8,
        window: { from },
      })[0];
      return first?.dst === via ? first : undefined;
    },
    registeredMs === undefined ? 0 : Math.max(0, timeoutMs - registeredMs),
    200,
  );
  const preferredMs = viaPrimary ? Math.round(viaPrimary.timeMs - t0) : null;
  const problems = [
    ...(registeredMs === undefined
      ? [`not every spoke registered with ${plan.primary.name} again within ${timeoutMs / 1000} s`]
      : []),
    ...(registeredMs !== undefined && !viaPrimary
      ? [`new traffic from ${src.name} does not go through ${plan.primary.name} again`]
      : []),
    ...routesProblems(back, `back via ${plan.primary.name}`, timeoutMs),
  ];
  const ps = await capturedPackets(ctx.pcaps);
  const reg = nhrpOf(ps, NhrpType.RegistrationRequest, { dst: via, window: { from: t0 } })[0];
  return {
    ok: problems.length === 0,
    problems,
    figures: {
      registeredAgainMs: registeredMs ?? null,
      preferredAgainMs: preferredMs,
      ...(back ? { routesBackMs: back.ms } : {}),
    },
    evidence: [
      ...cite(`first Registration Request to ${plan.primary.name} after its return`, [reg]),
      ...routingUpdates(
        ps,
        back,
        [plan.primary],
        routed,
        t0,
        `routing update from ${plan.primary.name} after its return`,
      ),
      ...cite(`new traffic through ${plan.primary.name} again`, [viaPrimary]),
    ],
  };
}

/** Why the learned routes did not move (none when they did, or when no spoke runs a routing protocol). */
function routesProblems(m: RoutesMoved | undefined, what: string, timeoutMs: number): string[] {
  if (!m || m.ms !== null) return [];
  return [
    `the spokes' routes to the other LANs were not all ${what} within ${timeoutMs / 1000} s: ${m.stuck.join('; ')}`,
  ];
}

/** The first routing update (OSPF LS Update, BGP/EIGRP Update, RIP Response) from `hubs` to a routed spoke after `t0`. */
function routingUpdates(
  ps: Awaited<ReturnType<typeof capturedPackets>>,
  m: RoutesMoved | undefined,
  hubs: RouterView[],
  routed: RouterView[],
  t0: number,
  what: string,
): Evidence[] {
  if (!m) return [];
  const nbmas = new Set(routed.map((s) => publicNbma(s)));
  const from = new Set(hubs.map((h) => h.tunnelAddress));
  const first = ps.find(
    (p) =>
      p.timeMs >= t0 &&
      nbmas.has(p.dst) &&
      from.has(p.inner?.src) &&
      ['LS Update', 'Update', 'Response'].includes(p.inner?.routing?.type ?? ''),
  );
  return cite(what, [first]);
}
