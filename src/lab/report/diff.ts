/**
 * Comparing two check reports of one lab (`dmvpn-lab report diff OLD.json NEW.json`): results that
 * changed status (pass → fail is a regression), and figures that moved beyond a threshold. Figures
 * compared by default are the durations (names ending in Ms: setupMs, outageMs …), where less is
 * better; a threshold is relative (`50%`) or absolute (`200`, in the figure's unit), and a move is
 * beyond it when it exceeds both parts given. Pure: reading the files is the CLI's job.
 */
import type { CheckReport, CheckResult, CheckStatus } from '../checks/model.js';
import { caseName } from './junit.js';

/** How far a figure may move: relative to the old value (0.5 = 50%) and/or absolute. */
export interface Threshold {
  relative?: number;
  absolute?: number;
}

/** The default for durations: 50% and at least 100 ms (timers on a shared machine jitter). */
export const DEFAULT_THRESHOLD: Threshold = { relative: 0.5, absolute: 100 };

/** Figures compared when not named: those ending in Ms. */
const isDuration = (name: string): boolean => /Ms$/.test(name);

/** A result's identity across reports: check, nodes, step (and its rank among equals). */
export function resultKey(r: CheckResult): string {
  return `${r.name} ${caseName(r)}`;
}

/** A result whose status changed. */
export interface StatusChange {
  key: string;
  from: CheckStatus;
  to: CheckStatus;
  regression: boolean;
  /** The new reason. */
  reason: string;
}

/** A figure that moved beyond its threshold. */
export interface FigureChange {
  key: string;
  figure: string;
  from: number;
  to: number;
  /** More is worse for the figures compared (durations), so an increase is a regression. */
  regression: boolean;
  threshold: Threshold;
}

/** The comparison of two reports. */
export interface ReportDiff {
  lab: string;
  old: { startedAt: string; summary: CheckReport['summary'] };
  new: { startedAt: string; summary: CheckReport['summary'] };
  statusChanges: StatusChange[];
  figureChanges: FigureChange[];
  /** Results only in the new report (with status), only in the old one. */
  added: Array<{ key: string; status: CheckStatus }>;
  removed: Array<{ key: string; status: CheckStatus }>;
  regressions: number;
}

/** Reports of different labs cannot be compared. */
export class ReportDiffError extends Error {
  readonly code = 'REPORTS_DIFFER';
  readonly exitCode = 2;
}

function byKey(results: CheckResult[]): Map<string, CheckResult> {
  const out = new Map<string, CheckResult>();
  for (const r of results) {
    let key = resultKey(r);
    for (let n = 2; out.has(key); n++) key = `${resultKey(r)} #${n}`;
    out.set(key, r);
  }
  return out;
}

/** True when `to` moved from `from` beyond `t` (every part given must be exceeded). */
export function beyond(from: number, to: number, t: Threshold): boolean {
  const d = Math.abs(to - from);
  if (d === 0) return false;
  const rel = t.relative === undefined || (from === 0 ? true : d > t.relative * Math.abs(from));
  const abs = t.absolute === undefined || d > t.absolute;
  return rel && abs;
}

/** Compares `older` and `newer`; `thresholds` by figure name (`*`: every duration) replace the default. */
export function diffReports(
  older: CheckReport,
  newer: CheckReport,
  thresholds: Record<string, Threshold> = {},
): ReportDiff {
  if (older.lab !== newer.lab)
    throw new ReportDiffError(
      `the reports are of different labs (${older.lab} and ${newer.lab}): compare two runs of one lab`,
    );
  const a = byKey(older.results);
  const b = byKey(newer.results);
  const statusChanges: StatusChange[] = [];
  const figureChanges: FigureChange[] = [];
  for (const [key, n] of b) {
    const o = a.get(key);
    if (!o) continue;
    if (o.status !== n.status)
      statusChanges.push({
        key,
        from: o.status,
        to: n.status,
        regression: n.status === 'fail',
        reason: n.reason,
      });
    for (const [figure, to] of Object.entries(n.figures)) {
      const from = o.figures[figure];
      if (typeof to !== 'number' || typeof from !== 'number') continue;
      const threshold = thresholds[figure] ?? (isDuration(figure) ? (thresholds['*'] ?? DEFAULT_THRESHOLD) : undefined);
      if (threshold === undefined || !beyond(from, to, threshold)) continue;
      figureChanges.push({ key, figure, from, to, regression: to > from, threshold });
    }
  }
  const added = [...b].filter(([k]) => !a.has(k)).map(([key, r]) => ({ key, status: r.status }));
  const removed = [...a].filter(([k]) => !b.has(k)).map(([key, r]) => ({ key, status: r.status }));
  const regressions =
    statusChanges.filter((c) => c.regression).length +
    figureChanges.filter((c) => c.regression).length +
    added.filter((x) => x.status === 'fail').length;
  return {
    lab: newer.lab,
    old: { startedAt: older.startedAt, summary: older.summary },
    new: { startedAt: newer.startedAt, summary: newer.summary },
    statusChanges,
    figureChanges,
    added,
    removed,
    regressions,
  };
}

/** Parses `NAME=SPEC` thresholds: SPEC is `N%`, `N`, or both joined by `+` (`20%+50`). */
export function parseThreshold(text: string): [string, Threshold] {
  const m = /^([A-Za-z*][\w*]*)=(.+)$/.exec(text.trim());
  const parts = m ? m[2]!.split('+').map((p) => p.trim()) : [];
  const t: Threshold = {};
  for (const p of parts) {
    const v = /^(\d+(?:\.\d+)?)(%?)$/.exec(p);
    if (!v) throw new Error(`bad threshold "${text}": expected NAME=N%, NAME=N or NAME=N%+N (e.g. setupMs=20%)`);
    if (v[2]) t.relative = Number(v[1]) / 100;
    else t.absolute = Number(v[1]);
  }
  if (!m || parts.length === 0)
    throw new Error(`bad threshold "${text}": expected NAME=N%, NAME=N or NAME=N%+N (e.g. setupMs=20%)`);
  return [m[1]!, t];
}

const pct = (from: number, to: number): string =>
  from === 0 ? 'new' : `${to > from ? '+' : ''}${Math.round(((to - from) / Math.abs(from)) * 100)}%`;

const thresholdText = (t: Threshold): string =>
  [t.relative !== undefined ? `${Math.round(t.relative * 100)}%` : '', t.absolute !== undefined ? `${t.absolute}` : '']
    .filter(Boolean)
    .join('+');

/** The comparison for people. */
export function diffText(d: ReportDiff): string {
  const out = [`lab ${d.lab}: ${d.old.startedAt} → ${d.new.startedAt}`];
  if (d.statusChanges.length > 0) {
    out.push('', 'status changes:');
    for (const c of d.statusChanges)
      out.push(
        `  ${c.regression ? 'REGRESSION' : c.to === 'pass' ? 'fixed     ' : 'changed   '}  ${c.key}: ${c.from} → ${c.to}: ${c.reason}`,
      );
  }
  if (d.figureChanges.length > 0) {
    out.push('', 'figures beyond their threshold:');
    for (const c of d.figureChanges)
      out.push(
        `  ${c.regression ? 'REGRESSION' : 'improved  '}  ${c.key}: ${c.figure} ${c.from} → ${c.to} (${pct(c.from, c.to)}, threshold ${thresholdText(c.threshold)})`,
      );
  }
  if (d.added.length > 0) {
    out.push('', 'only in the new report:');
    for (const x of d.added) out.push(`  ${x.status === 'fail' ? 'REGRESSION' : x.status.padEnd(10)}  ${x.key}`);
  }
  if (d.removed.length > 0) {
    out.push('', 'only in the old report:');
    for (const x of d.removed) out.push(`  ${x.status.padEnd(10)}  ${x.key}`);
  }
  const s = (x: CheckReport['summary']) => `${x.pass} passed, ${x.fail} failed, ${x.skip} skipped`;
  out.push(
    '',
    `${d.regressions} regression${d.regressions === 1 ? '' : 's'}; old: ${s(d.old.summary)}; new: ${s(d.new.summary)}`,
  );
  return `${out.join('\n')}\n`;
}
