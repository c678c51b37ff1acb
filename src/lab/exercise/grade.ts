/**
 * `exercise grade`: runs the graded items on the exercise's running lab — the checks they name and
 * their assertions (an --expect file written from them, run by `dmvpn-lab check`) — and scores
 * them by weight. A failed item gets the diagnosis by layer of the routers it involves. A lab that
 * is down is an error, never a score.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runChecks } from '../checks/runner.js';
import type { CheckResult } from '../checks/model.js';
import { readAllIkeFrames } from '../checks/ike-frames.js';
import { readAllPackets } from '../checks/packets.js';
import { buildView } from '../checks/view.js';
import { silent, type Progress } from '../progress.js';
import { getRuntime } from '../runtime/index.js';
import type { LabState } from '../state.js';
import { auditLab, modifiedMessage } from './audit.js';
import { diagnoseNodes, type Diagnosis } from './diagnose.js';
import { ExerciseError } from './errors.js';
import { citeFrames } from './layer-frames.js';
import type { Exercise, Item } from './load.js';

/** How one item went. */
export interface ItemResult {
  id: string;
  title: string;
  weight: number;
  status: 'pass' | 'fail';
  /** The author's feedback text for this outcome (empty when none). */
  feedback: string;
  /** What the check or assertion found. */
  reason: string;
  nodes: string[];
  /** The show output that decided an assertion. */
  output?: string;
  diagnosis?: Diagnosis;
  durationMs: number;
}

/** A grade: the score (0-100, by weight), complete when every item passed. */
export interface Grade {
  exercise: string;
  lab: string;
  score: number;
  complete: boolean;
  items: ItemResult[];
  startedAt: string;
  durationMs: number;
}

/** Grades `ex` on its running lab `state`. */
export async function gradeExercise(
  ex: Exercise,
  state: LabState,
  opts: { progress?: Progress; workDir: string },
): Promise<Grade> {
  const progress = opts.progress ?? silent;
  const t0 = Date.now();
  await assertGradable(ex, state, progress);
  const checks = [...new Set(ex.items.flatMap((i) => (i.kind === 'check' ? [i.check] : [])))];
  const asserts = ex.items.filter((i) => i.kind === 'assert');
  mkdirSync(opts.workDir, { recursive: true });
  const expectFile = join(opts.workDir, 'grade.expect.yml');
  if (asserts.length > 0)
    writeFileSync(expectFile, stringify({ expect: asserts.map((i) => ({ name: i.id, ...i.assertion })) }));
  const report = await runChecks(state.name, {
    only: [...checks, ...(asserts.length > 0 ? ['expect'] : [])],
    ...(asserts.length > 0 ? { expect: expectFile } : {}),
    registrationTimeoutMs: 5000,
    overlapWatching: true,
    keep: true,
    progress,
  });
  const expectResults = report.results.filter((r) => r.name === 'expect');
  const items: ItemResult[] = ex.items.map((item) => {
    const found =
      item.kind === 'check'
        ? report.results.filter((r) => r.name === item.check && item.nodes.every((n) => r.nodes.includes(n)))
        : [expectResults[asserts.indexOf(item)]].filter((r): r is CheckResult => r !== undefined);
    return itemResult(item, found, report.checks.find((c) => c.name === itemCheck(item))?.durationMs ?? 0);
  });
  const failed = items.filter((i) => i.status === 'fail');
  if (failed.length > 0) {
    progress('diagnosing the failed items by layer');
    const view = await buildView(state).catch(() => undefined);
    if (view) {
      const runtime = getRuntime(state.runtime);
      const captured = { packets: readAllPackets(report.pcaps), ike: readAllIkeFrames(report.pcaps) };
      // Items that involve the same routers share one diagnosis (one NBMA ping, one read of the captures).
      const done = new Map<string, Promise<Diagnosis | undefined>>();
      const diagnose = async (nodes: string[], phase3: boolean) => {
        const d = await diagnoseNodes(view, runtime, nodes, phase3).catch(() => undefined);
        if (d) await citeFrames(view, d, captured, report.pcaps).catch(() => undefined);
        return d;
      };
      for (const r of failed) {
        const item = ex.items.find((i) => i.id === r.id)!;
        const phase3 = item.kind === 'assert' ? item.assertionKind === 'shortcut' : item.check === 'phase';
        const key = `${[...r.nodes].sort().join(',')}|${phase3}`;
        if (!done.has(key)) done.set(key, diagnose(r.nodes, phase3));
        const d = await done.get(key)!;
        if (d) r.diagnosis = d;
      }
    }
  }
  const total = items.reduce((a, i) => a + i.weight, 0);
  const got = items.filter((i) => i.status === 'pass').reduce((a, i) => a + i.weight, 0);
  return {
    exercise: ex.id,
    lab: state.name,
    score: total === 0 ? 0 : Math.floor((100 * got) / total),
    complete: failed.length === 0,
    items,
    startedAt: new Date(t0).toISOString(),
    durationMs: Date.now() - t0,
  };
}

/**
 * Refuses to grade a lab that is down (a router that does not answer) or modified beyond the task
 * (EXERCISE_LAB_DOWN, EXERCISE_MODIFIED with every change).
 */
export async function assertGradable(ex: Exercise, state: LabState, progress: Progress = silent): Promise<void> {
  progress('comparing the lab with the task (nodes, links, configurations)');
  const audit = await auditLab(ex, state);
  if (audit.down.length > 0) {
    const names = audit.down.map((d) => d.node).join(', ');
    throw new ExerciseError(
      'EXERCISE_LAB_DOWN',
      `lab ${state.name} is down: ${audit.down.map((d) => `${d.node} does not answer (${d.why})`).join('; ')}; ` +
        `"dmvpn-lab start ${audit.down[0]!.node} --lab ${state.name}" starts a router again, "dmvpn-lab exercise reset" ` +
        `the whole lab (${names} not graded)`,
    );
  }
  if (audit.modifications.length > 0)
    throw new ExerciseError('EXERCISE_MODIFIED', modifiedMessage(ex, audit.modifications), {
      modifications: audit.modifications,
    });
}

function itemCheck(item: Item): string {
  return item.kind === 'check' ? item.check : 'expect';
}

function itemResult(item: Item, found: CheckResult[], durationMs: number): ItemResult {
  const bad = found.find((r) => r.status !== 'pass');
  const ok = found.length > 0 && bad === undefined;
  const nodes = [...new Set([...item.nodes, ...found.flatMap((r) => r.nodes)])];
  const reason =
    found.length === 0
      ? `no result of ${itemCheck(item)} concerns ${item.nodes.join(', ') || 'this item'}`
      : ok
        ? found.map((r) => r.reason).join('; ')
        : bad!.status === 'skip'
          ? `not applicable: ${bad!.reason}`
          : bad!.reason.replace(/^\S+:\d+:\d+: /, '');
  const out: ItemResult = {
    id: item.id,
    title: item.title,
    weight: item.weight,
    status: ok ? 'pass' : 'fail',
    feedback: (ok ? item.pass : item.fail) ?? '',
    reason,
    nodes,
    durationMs,
  };
  const output = (bad ?? found[0])?.output;
  return output ? { ...out, output } : out;
}
