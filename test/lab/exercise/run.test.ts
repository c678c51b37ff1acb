import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findExercise } from '../../../src/lab/exercise/catalog.js';
import { gradeExercise } from '../../../src/lab/exercise/grade.js';
import { readProgress } from '../../../src/lab/exercise/progress.js';
import { applySolution, currentRunning, startExercise, stopExercise } from '../../../src/lab/exercise/session.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

describe('exercise ts-nhrp-auth on a running lab', { skip }, () => {
  it('fails at the NHRP layer from the start, passes 100% after the solution, leaves nothing behind', async () => {
    const ex = findExercise('ts-nhrp-auth');
    const lab = uniqueName('ex');
    const current = await startExercise(ex, { lab });
    const topology = join(current.workDir, 'lab.clab.yml');
    try {
      assert.equal(readProgress().current?.id, 'ts-nhrp-auth');
      const { state } = currentRunning();
      const before = await gradeExercise(ex, state, { workDir: current.workDir });
      assert.equal(before.complete, false);
      const reg = before.items.find((i) => i.id === 'spoke2-registered')!;
      assert.equal(reg.status, 'fail', reg.reason);
      assert.equal(reg.diagnosis?.broken, 'nhrp', JSON.stringify(reg.diagnosis));
      assert.deepEqual(reg.diagnosis?.pair, ['spoke2', 'hub']);
      assert.match(reg.diagnosis!.findings.find((f) => f.layer === 'nhrp')!.evidence, /authentication differs/);
      assert.equal(reg.diagnosis!.findings.find((f) => f.layer === 'underlay')!.ok, true);
      assert.equal(before.items.find((i) => i.id === 'spoke1-registered')!.status, 'pass');
      assert.ok(before.score < 100);

      assert.deepEqual(await applySolution(ex, lab), ['spoke2']);
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
});
