/**
 * `dmvpn-lab check`: brings the lab up unless it runs (and down again afterwards unless kept),
 * captures every Internet-facing link, waits for the spokes to register, runs the checks that apply
 * and returns the report. A lab that cannot run is a CheckError (exit 2); failed checks are results.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startCaptures, stopCaptures, type CaptureTarget } from '../capture.js';
import { throwIfAborted, unaborted } from '../interrupt.js';
import { prepareExpectations, withExpectations } from '../expect/index.js';
import { downLab, upLab } from '../lab.js';
import { courseLabFormat, courseLabName } from '../import/index.js';
import { noMeter, silent, type Meter, type Progress } from '../progress.js';
import { chooseRuntime } from '../runtime/docker-select.js';
import { getRuntime } from '../runtime/index.js';
import { findLab, readRegistry, type LabState } from '../state.js';
import { waitRegistered } from '../status.js';
import { loadTopology } from '../topology/load.js';
import type { CheckContext } from './context.js';
import { CheckError } from './errors.js';
import { result, summarize, type CheckReport, type CheckResult } from './model.js';
import { parseOnly, planChecks } from './registry.js';
import { buildView } from './view.js';

/** Options of a check run. */
export interface CheckOptions {
  /** Check names to run (all that apply when absent). */
  only?: string[];
  /** Leave the lab up afterwards when the run brought it up. */
  keep?: boolean;
  /** Lab name for a topology file (overrides the file's). */
  name?: string;
  /** Runtime for a lab the check brings up (default $DMVPN_LAB_RUNTIME, else netns); a lab that is up keeps its own. */
  runtime?: string;
  progress?: Progress;
  /** How long to wait for every spoke to register before the checks start (default 15 s). */
  registrationTimeoutMs?: number;
  /** reachability: every ordered pair of hosts instead of a sample covering every host. */
  allPairs?: boolean;
  /** Live counters of long steps (a terminal line). */
  meter?: Meter;
  /** An expectations file whose assertions run too (`--only expect`: only they). */
  expect?: string;
  /** Run the checks that only watch the lab (registration, routing) alongside the others, not before them. */
  overlapWatching?: boolean;
}

/** Checks that read the routers and the captures and change nothing, so they may overlap the others. */
const WATCHING: ReadonlySet<string> = new Set(['registration', 'routing']);

/** Checks that stop, silence or reconfigure routers: while one runs, nothing may watch alongside it. */
const DISRUPTIVE: ReadonlySet<string> = new Set(['failover', 'transition']);

/** The lab to check: running already (by name, or the topology's lab), or brought up now. */
async function obtainLab(
  target: string,
  opts: CheckOptions,
  progress: Progress,
): Promise<{ state: LabState; broughtUp: boolean }> {
  if (!existsSync(target) || !statSync(target).isFile()) {
    try {
      return { state: findLab(target), broughtUp: false };
    } catch (cause) {
      throw new CheckError('LAB_UNKNOWN', `"${target}" is neither a topology file nor a lab that is up`, { cause });
    }
  }
  let name: string;
  try {
    const format = courseLabFormat(target);
    name = opts.name ?? (format ? courseLabName(target) : loadTopology(target).name);
  } catch (cause) {
    throw new CheckError('LAB_FAILED', (cause as Error).message, { cause });
  }
  const running = readRegistry(name);
  if (running?.phase === 'up' && running.namespaces.every((n) => getRuntime(running.runtime).exists(n)))
    return { state: running, broughtUp: false };
  const choice = chooseRuntime(opts.runtime);
  progress(`runtime ${choice.name} (${choice.reason})`);
  try {
    return { state: await upLab(target, { name, capture: true, progress, runtime: choice.name }), broughtUp: true };
  } catch (cause) {
    if ((cause as { code?: string }).code === 'INTERRUPTED') throw cause;
    throw new CheckError('LAB_FAILED', `lab ${name} could not be brought up: ${(cause as Error).message}`, { cause });
  }
}

/** Runs the checks on `target` (a topology file or the name of a running lab). */
export async function runChecks(target: string, opts: CheckOptions = {}): Promise<CheckReport> {
  const only = parseOnly(opts.only?.filter((n) => n !== 'expect'));
  if (opts.only?.includes('expect') && opts.expect === undefined)
    throw new CheckError(
      'CHECK_UNKNOWN',
      '"--only expect" runs the assertions of an expectations file: add --expect FILE',
    );
  const expectations = opts.expect === undefined ? undefined : prepareExpectations(opts.expect, target, opts.name);
  const progress = opts.progress ?? silent;
  const t0 = Date.now();
  const startedAt = new Date(t0).toISOString();
  const { state, broughtUp } = await obtainLab(target, opts, progress);
  let started: CaptureTarget[] = [];
  const results: CheckResult[] = [];
  const checks: CheckReport['checks'] = [];
  let pcaps: string[] = [];
  try {
    const runtime = getRuntime(state.runtime);
    let view = await buildView(state).catch((cause: Error) => {
      throw new CheckError('LAB_FAILED', `cannot read the routers of lab ${state.name}: ${cause.message}`, { cause });
    });
    const plan = withExpectations(planChecks(view, only), expectations);
    // Waits count from the last configuration change, unless this run brought the lab up (all of it
    // just changed, and what follows is its first convergence) or a check stops or reconfigures routers.
    const fromChanges = !broughtUp && !plan.some((p) => DISRUPTIVE.has(p.check.name));
    const registration = opts.registrationTimeoutMs ?? 15_000;
    const changedAt = fromChanges ? view.configChangedAt : undefined;
    const left = changedAt === undefined ? registration : Math.max(0, changedAt + registration - Date.now());
    await waitRegistered(state, left).then(
      (ms) => progress(`every spoke registered (${ms} ms)`),
      (e: Error) => progress(`going on without every spoke registered: ${e.message.split('\n')[0]}`),
    );
    started = (await startCaptures(runtime, state, view.internetLinks)).map((c) => ({ node: c.node, iface: c.iface }));
    pcaps = view.internetLinks.map((t) => state.captures.find((c) => c.node === t.node && c.iface === t.iface)!.pcap);
    const workDir = join(state.labDir, 'check');
    mkdirSync(workDir, { recursive: true });
    const ctx: CheckContext = {
      view,
      runtime,
      progress,
      pcaps,
      workDir,
      refresh: async () => (ctx.view = view = await buildView(state)),
      allPairs: opts.allPairs === true,
      meter: opts.meter ?? noMeter,
      waitsFromChanges: fromChanges,
    };
    const slots: Array<{ out: CheckResult[]; entry: CheckReport['checks'][number] }> = [];
    const runOne = async (i: number): Promise<void> => {
      const { check, skip } = plan[i]!;
      throwIfAborted();
      const c0 = Date.now();
      if (skip !== undefined) {
        slots[i] = {
          out: [result(check.name, [], 'skip', skip)],
          entry: { name: check.name, durationMs: 0, notApplicable: skip },
        };
        return;
      }
      progress(`check ${check.name}`);
      const out = await check.run(ctx).catch((e: Error) => {
        if ((e as { code?: string }).code === 'INTERRUPTED') throw e;
        return [result(check.name, [], 'fail', `the check could not run: ${e.message.split('\n')[0]}`)];
      });
      slots[i] = { out, entry: { name: check.name, durationMs: Date.now() - c0 } };
      progress(
        `check ${check.name}: ${out.filter((r) => r.status === 'pass').length} passed, ${out.filter((r) => r.status === 'fail').length} failed`,
      );
    };
    const order = plan.map((_, i) => i);
    // Checks that only watch the lab may run while the others act on it (results keep the plan's order).
    const overlap = opts.overlapWatching === true && !plan.some((p) => DISRUPTIVE.has(p.check.name));
    const watching = overlap ? order.filter((i) => WATCHING.has(plan[i]!.check.name)) : [];
    const acting = order.filter((i) => !watching.includes(i));
    await Promise.all([
      ...watching.map(runOne),
      (async () => {
        for (const i of acting) await runOne(i);
      })(),
    ]);
    for (const s of slots) {
      results.push(...s.out);
      checks.push(s.entry);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'INTERRUPTED') {
      const kept = !broughtUp || opts.keep === true;
      const n = state.name;
      progress(kept ? `interrupted: lab ${n} stays up (up before, or --keep)` : `interrupted: lab ${n} comes down`);
    }
    throw err;
  } finally {
    // Rollback runs even when interrupted: its commands must not be refused.
    await unaborted(async () => {
      if (broughtUp && !opts.keep) await downLab(state.name, { progress });
      else if (started.length > 0) await stopCaptures(state, started);
    });
  }
  return {
    lab: state.name,
    topologyFile: state.topologyFile,
    labDir: state.labDir,
    startedAt,
    durationMs: Date.now() - t0,
    broughtUp,
    keptUp: !broughtUp || opts.keep === true,
    pcaps,
    checks,
    results,
    summary: summarize(results),
  };
}
