/**
 * failover over the IPv6 overlay, in the same hub failure as IPv4 (failover.ts): when the spokes' IPv6
 * NHS lists name the primary and a backup hub and the hosts have IPv6 addresses, IPv6 pings run from
 * the fresh spoke's host to the other spokes' hosts from the failure on; measured: their outage, and
 * the time until every spoke has its IPv6 NHS to a backup up (and the primary's down), read from
 * `show ipv6 nhrp nhs` JSON. Then, in the same return of the primary as IPv4: the time until every
 * spoke has its IPv6 NHS to the primary up again, and until the fresh spoke's new IPv6 traffic goes
 * through the primary again (the first ICMPv6 echo in the captures, GRE to the primary's NBMA).
 * Figures carry a `V6` suffix.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { capturedPackets, pollUntil, type CheckContext } from './context.js';
import { cite, dataOf } from './evidence.js';
import type { Evidence, Figure } from './model.js';
import type { FailoverPlan } from './outage.js';
import { untilEverySpoke } from './outage.js';
import { clearNhrp, type NhsRow } from './routers.js';
import { startPing } from './traffic.js';
import { hostBehind, publicNbma, type HostView, type LabView, type RouterView } from './view.js';

/** The IPv6 side of a failover plan: tunnel addresses of the hubs, hosts' IPv6 addresses. */
export interface FailoverPlan6 {
  primary: string;
  backups: string[];
  /** The fresh spoke's host and its IPv6 address. */
  src: HostView & { address6: string };
  targets: Array<HostView & { address6: string }>;
}

/** What the IPv6 measurement showed. */
export interface Measured6 {
  problems: string[];
  figures: Record<string, Figure>;
  /** Frames behind the figures (the return: the first new IPv6 echo through the primary). */
  evidence?: Evidence[];
}

const INTERVAL_MS = 20;
const FAILOVER_TIMEOUT_MS = 30_000;

const v6Of = (r: RouterView) => r.tunnel?.ipv6?.address.toLowerCase();
const has6 = (h: HostView | undefined): h is HostView & { address6: string } => h?.address6 !== undefined;

/** The IPv6 plan for an IPv4 plan, or why IPv6 is not measured (no IPv6 NHS pair, no IPv6 hosts). */
export function failoverPlan6(view: LabView, plan: FailoverPlan): FailoverPlan6 | string {
  const primary = v6Of(plan.primary);
  if (!primary) return `${plan.primary.name} has no IPv6 tunnel address`;
  const nhs6 = (s: RouterView) => (s.tunnel?.ipv6?.nhs ?? []).map((n) => n.protocol.toLowerCase());
  if (!view.spokes.every((s) => nhs6(s).includes(primary))) return `not every spoke has ${primary} as IPv6 NHS`;
  const backups = plan.backups
    .map(v6Of)
    .filter((b): b is string => b !== undefined && view.spokes.every((s) => nhs6(s).includes(b)));
  if (backups.length === 0) return 'no backup hub that every spoke uses as IPv6 NHS';
  const src = hostBehind(view, plan.fresh);
  const targets = plan.targets.filter(has6);
  if (!has6(src) || targets.length === 0) return 'needs LAN hosts with IPv6 addresses';
  return { primary, backups, src, targets };
}

const upAt = (rows: NhsRow[], address: string) => rows.some((r) => r.address.toLowerCase() === address && r.up);

/** Whether every spoke has its IPv6 NHSs to the primary and the backups up (waits 5 s at most). */
export async function ready6(spokes: RouterView[], p: FailoverPlan6): Promise<boolean> {
  const hubs = [p.primary, ...p.backups];
  const ok = (rows: NhsRow[]) => hubs.every((h) => upAt(rows, h));
  return (await untilEverySpoke(spokes, Date.now(), ok, 5000, 6)) !== undefined;
}

/** Runs from a hub failure at `t0` on: IPv6 pings from `src` to the targets, and the spokes' IPv6 NHS states. */
export async function measureFailure6(
  ctx: CheckContext,
  p: FailoverPlan6,
  spokes: RouterView[],
  t0: number,
): Promise<Measured6> {
  const flows = p.targets.map((t) =>
    startPing(
      ctx.runtime,
      p.src.namespace,
      t.address6,
      INTERVAL_MS,
      join(ctx.workDir, `ping6-${p.src.name}-${t.name}.log`),
    ),
  );
  const [backupMs, primaryDownMs] = await Promise.all([
    untilEverySpoke(spokes, t0, (rows) => p.backups.some((b) => upAt(rows, b)), FAILOVER_TIMEOUT_MS, 6),
    untilEverySpoke(spokes, t0, (rows) => !upAt(rows, p.primary), FAILOVER_TIMEOUT_MS, 6),
  ]);
  await pollUntil(
    async () => (flows.every((f) => f.replies().length > 0) ? true : undefined),
    Math.max(0, t0 + FAILOVER_TIMEOUT_MS - Date.now()),
    100,
  );
  await sleep(500);
  const results = await Promise.all(flows.map((f) => f.stop()));
  return judge6(p, results, backupMs, primaryDownMs, t0);
}

/** Problems and figures of an IPv6 failure from the ping streams' replies and the NHS times. */
export function judge6(
  p: FailoverPlan6,
  streams: Array<{ replies: Array<{ atMs: number }>; lost: number }>,
  backupMs: number | undefined,
  primaryDownMs: number | undefined,
  t0: number,
): Measured6 {
  const first = streams.map((s) => s.replies[0]?.atMs);
  const outageMs = first.every((t) => t !== undefined) ? Math.round(Math.max(...first.map((t) => t! - t0))) : null;
  const s = FAILOVER_TIMEOUT_MS / 1000;
  const problems = [
    ...(backupMs === undefined ? [`not every spoke had its IPv6 NHS ${p.backups.join('/')} up within ${s} s`] : []),
    ...(outageMs === null ? [`IPv6 traffic from ${p.src.name} that needs a hub did not resume within ${s} s`] : []),
  ];
  return {
    problems,
    figures: {
      outageMsV6: outageMs,
      lostV6: streams.reduce((n, x) => n + x.lost, 0),
      backupRegisteredMsV6: backupMs ?? null,
      primaryDownNoticedMsV6: primaryDownMs ?? null,
    },
  };
}

/** After the primary is back (restored at `t0`): its IPv6 NHS up again on every spoke, new IPv6 traffic through it. */
export async function measureReturn6(
  ctx: CheckContext,
  plan: FailoverPlan,
  p: FailoverPlan6,
  spokes: RouterView[],
  t0: number,
  timeoutMs: number,
): Promise<Measured6> {
  const registeredMs = await untilEverySpoke(spokes, t0, (rows) => upAt(rows, p.primary), timeoutMs, 6);
  const target = p.targets[0]!;
  const via = publicNbma(plan.primary);
  const viaPrimary = await pollUntil(
    async () => {
      // `clear ip nhrp` empties both engines: the echo needs a hub
      await clearNhrp(plan.fresh.control).catch(() => '');
      const from = Date.now();
      await ctx.runtime.exec(p.src.namespace, ['ping', '-6', '-n', '-q', '-c', '1', '-W', '1', target.address6]);
      const first = dataOf(await capturedPackets(ctx.pcaps), {
        innerSrc: p.src.address6,
        innerDst: target.address6,
        icmpType: 128,
        window: { from },
      })[0];
      return first?.dst === via ? first : undefined;
    },
    registeredMs === undefined ? 0 : Math.max(0, timeoutMs - registeredMs),
    200,
  );
  const m = judgeReturn6(plan, p, registeredMs, viaPrimary ? Math.round(viaPrimary.timeMs - t0) : null, timeoutMs);
  return { ...m, evidence: cite(`new IPv6 traffic through ${plan.primary.name} again`, [viaPrimary]) };
}

/** Problems and figures of the primary's return over IPv6 (`preferredMs` null: no new echo went through it). */
export function judgeReturn6(
  plan: FailoverPlan,
  p: FailoverPlan6,
  registeredMs: number | undefined,
  preferredMs: number | null,
  timeoutMs: number,
): Measured6 {
  const s = timeoutMs / 1000;
  const problems = [
    ...(registeredMs === undefined
      ? [`not every spoke had its IPv6 NHS ${p.primary} (${plan.primary.name}) up again within ${s} s`]
      : []),
    ...(registeredMs !== undefined && preferredMs === null
      ? [`new IPv6 traffic from ${p.src.name} does not go through ${plan.primary.name} again`]
      : []),
  ];
  return {
    problems,
    figures: { registeredAgainMsV6: registeredMs ?? null, preferredAgainMsV6: preferredMs },
  };
}
