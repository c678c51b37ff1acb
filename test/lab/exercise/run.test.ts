import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { exerciseIds, findExercise } from '../../../src/lab/exercise/catalog.js';
import { gradeExercise } from '../../../src/lab/exercise/grade.js';
import { readProgress } from '../../../src/lab/exercise/progress.js';
import { applySolution, currentRunning, startExercise, stopExercise } from '../../../src/lab/exercise/session.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
/** DMVPN_LAB_EXERCISE_IDS=a,b limits the run to some exercises. */
const only = process.env.DMVPN_LAB_EXERCISE_IDS?.split(',');

describe('each exercise on a running lab', { skip }, () => {
  for (const id of exerciseIds().filter((i) => !only || only.includes(i))) {
    it(`${id}: the start fails for the stated reason, the solution passes 100%, stop leaves nothing`, async () => {
      const ex = findExercise(id);
      assert.ok(ex.fault, `${id} states no fault (the item the start fails and its layer)`);
      const lab = uniqueName('ex');
      const current = await startExercise(ex, { lab });
      const topology = join(current.workDir, relative(ex.dir, ex.topologyFile));
      try {
        assert.equal(readProgress().current?.id, id);
        const { state } = currentRunning();
        const before = await gradeExercise(ex, state, { workDir: current.workDir });
        assert.equal(before.complete, false);
        assert.ok(before.score < 100);
        const item = before.items.find((i) => i.id === ex.fault!.item)!;
        assert.equal(item.status, 'fail', item.reason);
        assert.equal(item.diagnosis?.broken, ex.fault!.layer, JSON.stringify(item.diagnosis));
        const finding = item.diagnosis!.findings.find((f) => f.layer === ex.fault!.layer)!;
        assert.ok(finding.evidence.length > 0 && finding.command.length > 0);

        await applySolution(ex, lab);
        const afterFix = await gradeExercise(ex, state, { workDir: current.workDir });
        assert.deepEqual(
          afterFix.items.map((i) => [i.id, i.status]),
          ex.items.map((i) => [i.id, 'pass']),
          afterFix.items.map((i) => i.reason).join('\n'),
        );
        assert.equal(afterFix.score, 100);
        assert.equal(afterFix.complete, true);
      } finally {
        await stopExercise();
      }
      assert.equal(readProgress().current, undefined);
      assert.equal(existsSync(current.workDir), false);
      await assertNothingLeft(lab, topology);
    });
  }
});
