import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { exerciseIds, findExercise } from '../../../src/lab/exercise/catalog.js';
import { gradeExercise } from '../../../src/lab/exercise/grade.js';
import type { Exercise } from '../../../src/lab/exercise/load.js';
import { readProgress } from '../../../src/lab/exercise/progress.js';
import { applySolution, currentRunning, startExercise, stopExercise } from '../../../src/lab/exercise/session.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import type { LabState } from '../../../src/lab/state.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
// FRR's daemons (routing exercises) run as user frr and must enter the run folder.
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);
process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
/** DMVPN_LAB_EXERCISE_IDS=a,b limits the run to some exercises. */
const only = process.env.DMVPN_LAB_EXERCISE_IDS?.split(',');
/** Exercises verified at the same time, each in its own lab (DMVPN_LAB_EXERCISE_CONCURRENCY, default 3). */
const concurrency = Number(process.env.DMVPN_LAB_EXERCISE_CONCURRENCY ?? 3);
const ids = exerciseIds().filter((i) => !only || only.includes(i));

/**
 * The start fails the stated item at the stated layer; the reference solution, applied live, passes
 * every item. Prints both grade times.
 */
async function verify(t: TestContext, ex: Exercise, state: LabState, workDir: string): Promise<void> {
  assert.ok(ex.fault, `${ex.id} states no fault (the item the start fails and its layer)`);
  const before = await gradeExercise(ex, state, { workDir });
  assert.equal(before.complete, false);
  assert.ok(before.score < 100);
  const item = before.items.find((i) => i.id === ex.fault!.item)!;
  assert.equal(item.status, 'fail', item.reason);
  assert.equal(item.diagnosis?.broken, ex.fault!.layer, JSON.stringify(item.diagnosis));
  const finding = item.diagnosis!.findings.find((f) => f.layer === ex.fault!.layer)!;
  assert.ok(finding.evidence.length > 0 && finding.command.length > 0);

  await applySolution(ex, state.name);
  const afterFix = await gradeExercise(ex, state, { workDir });
  assert.deepEqual(
    afterFix.items.map((i) => [i.id, i.status]),
    ex.items.map((i) => [i.id, 'pass']),
    afterFix.items.map((i) => `${i.id}: ${i.reason}`).join('\n'),
  );
  assert.equal(afterFix.score, 100);
  assert.equal(afterFix.complete, true);
  t.diagnostic(
    `${ex.id}: grade of the start ${(before.durationMs / 1000).toFixed(1)} s (score ${before.score}%), ` +
      `of the solution ${(afterFix.durationMs / 1000).toFixed(1)} s`,
  );
}

describe('each exercise on a running lab', { skip, concurrency }, () => {
  // The first goes through the session (start, progress, stop) as a student would; the others run
  // side by side in labs of their own.
  const [first, ...rest] = ids;
  if (first !== undefined)
    it(`${first}: start, the stated fault, the solution at 100%, stop leaves nothing`, async (t) => {
      const ex = findExercise(first);
      const lab = uniqueName('ex');
      const current = await startExercise(ex, { lab });
      const topology = join(current.workDir, relative(ex.dir, ex.topologyFile));
      try {
        assert.equal(readProgress().current?.id, first);
        await verify(t, ex, currentRunning().state, current.workDir);
      } finally {
        await stopExercise();
      }
      assert.equal(readProgress().current, undefined);
      assert.equal(existsSync(current.workDir), false);
      await assertNothingLeft(lab, topology);
    });

  for (const id of rest) {
    it(`${id}: the start fails for the stated reason, the solution passes 100%, down leaves nothing`, async (t) => {
      const ex = findExercise(id);
      const lab = uniqueName('ex');
      const workDir = tempDir(`dmvpn-lab-ex-${id}-`);
      cpSync(ex.dir, workDir, { recursive: true, filter: (src) => !/[\\/]clab-[^\\/]*$/.test(src) });
      const topology = join(workDir, relative(ex.dir, ex.topologyFile));
      const state = await upLab(topology, { name: lab });
      try {
        await verify(t, ex, state, workDir);
      } finally {
        await downLab(lab);
      }
      await assertNothingLeft(lab, topology);
    });
  }
});
