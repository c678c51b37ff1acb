/**
 * The lab of an exercise: `start` copies the exercise folder to a working copy under the state
 * directory (the lab's directory goes there, never into exercises/) and brings its lab up; `stop`
 * takes it down; `reset` does both, from a fresh copy; `applySolution` sends the reference
 * solution's lines through the routers' control sockets (`configure`), as the transition check does.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sendControl } from '../../node/api/index.js';
import { downLab, upLab } from '../lab.js';
import { controlSocket } from '../paths.js';
import { silent, type Progress } from '../progress.js';
import { getRuntime } from '../runtime/index.js';
import { readRegistry, type LabState } from '../state.js';
import { waitRegistered } from '../status.js';
import { ExerciseError } from './errors.js';
import type { Exercise } from './load.js';
import { readProgress, stateDir, writeProgress, type CurrentExercise } from './progress.js';

/** The default lab name of an exercise (one exercise runs at a time). */
export const DEFAULT_EXERCISE_LAB = 'ex';

/** Options of `start`. */
export interface StartOptions {
  lab?: string;
  runtime?: string;
  progress?: Progress;
}

/** Brings the exercise's lab up from a fresh working copy; records it as the current exercise. */
export async function startExercise(ex: Exercise, opts: StartOptions = {}): Promise<CurrentExercise> {
  const progress = opts.progress ?? silent;
  const lab = opts.lab ?? DEFAULT_EXERCISE_LAB;
  const old = readProgress().current;
  if (old && labUp(old.lab)) {
    progress(`exercise ${old.id} runs in lab ${old.lab}: taking it down first`);
    await downLab(old.lab, { progress });
  }
  if (labUp(lab)) await downLab(lab, { progress });
  const workDir = join(stateDir(), 'work', ex.id);
  rmSync(workDir, { recursive: true, force: true });
  cpSync(ex.dir, workDir, { recursive: true, filter: (src) => !/[\\/]clab-[^\\/]*$/.test(src) });
  const topology = join(workDir, relative(ex.dir, ex.topologyFile));
  await upLab(topology, { name: lab, progress, ...(opts.runtime ? { runtime: opts.runtime } : {}) });
  const current: CurrentExercise = { id: ex.id, lab, startedAt: new Date().toISOString(), workDir };
  const p = readProgress();
  writeProgress({ ...p, current });
  return current;
}

/** True when lab `name` is up (registered and its namespaces exist). */
export function labUp(name: string): boolean {
  const s = readRegistry(name);
  return s?.phase === 'up' && s.namespaces.every((n) => getRuntime(s.runtime).exists(n));
}

/** The exercise that runs now and its lab; throws EXERCISE_NOT_RUNNING when none or its lab is down. */
export function currentRunning(): { current: CurrentExercise; state: LabState } {
  const current = readProgress().current;
  if (!current)
    throw new ExerciseError('EXERCISE_NOT_RUNNING', 'no exercise is started: "dmvpn-lab exercise start ID"');
  const state = readRegistry(current.lab);
  if (!state || !labUp(current.lab))
    throw new ExerciseError(
      'EXERCISE_NOT_RUNNING',
      `the lab ${current.lab} of exercise ${current.id} is down: "dmvpn-lab exercise reset" brings it up again`,
    );
  return { current, state };
}

/** Takes the current exercise's lab down (and removes its working copy); returns its id, if any. */
export async function stopExercise(progress: Progress = silent): Promise<string | undefined> {
  const p = readProgress();
  const current = p.current;
  if (!current) return undefined;
  if (readRegistry(current.lab)) await downLab(current.lab, { progress });
  if (existsSync(current.workDir)) rmSync(current.workDir, { recursive: true, force: true });
  const { current: _gone, ...rest } = readProgress();
  writeProgress(rest);
  return current.id;
}

/**
 * Sends the solution's lines to each router, then waits until every spoke is registered (at most
 * SETTLE_MS); returns the routers configured. Throws EXERCISE_APPLY_FAILED.
 */
export async function applySolution(ex: Exercise, lab: string, progress: Progress = silent): Promise<string[]> {
  const done: string[] = [];
  for (const [router, lines] of Object.entries(ex.solution)) {
    if (lines.length === 0) continue;
    progress(`configure ${router}: ${lines.length} line${lines.length === 1 ? '' : 's'}`);
    try {
      const answer = await sendControl(controlSocket(lab, router), 'configure', lines, undefined, 5000);
      // An error or ignored line refuses; a warning or a log message of severity 4-7 (%TUN-4-…) does not.
      if (/^%(?!Warning|[A-Z0-9_]+-[4-7]-)/m.test(answer))
        throw new Error(`configure refused: ${answer.trim().split('\n').slice(0, 4).join(' | ')}`);
    } catch (cause) {
      throw new ExerciseError('EXERCISE_APPLY_FAILED', `${router}: ${(cause as Error).message}`, { cause });
    }
    done.push(router);
  }
  // A fix may wait for the spoke's next registration attempt (its retransmit backoff grows to 64 s):
  // the solution is in force once every spoke is registered again, or the budget is spent.
  const state = readRegistry(lab);
  if (state && done.length > 0)
    await waitRegistered(state, SETTLE_MS).then(
      (ms) => progress(`every spoke registered (${ms} ms)`),
      (e: Error) => progress(`going on without every spoke registered: ${e.message.split('\n')[0]}`),
    );
  return done;
}

/** How long `applySolution` waits for the spokes to register again: one full retransmit backoff (64 s) and a bit. */
const SETTLE_MS = 70_000;
