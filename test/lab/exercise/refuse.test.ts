import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { sendControl } from '../../../src/node/api/index.js';
import { findExercise } from '../../../src/lab/exercise/catalog.js';
import { ExerciseError } from '../../../src/lab/exercise/errors.js';
import { gradeExercise } from '../../../src/lab/exercise/grade.js';
import { currentRunning, startExercise, stopExercise } from '../../../src/lab/exercise/session.js';
import { startNode, stopNode } from '../../../src/lab/faults/nodes.js';
import { controlSocket } from '../../../src/lab/paths.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

async function refusal(p: Promise<unknown>): Promise<ExerciseError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ExerciseError, String(e));
    return e;
  }
  assert.fail('the lab was graded');
}

describe('a lab that cannot be graded', { skip }, () => {
  it('modified beyond the task, or down: says so, with no score', async () => {
    const ex = findExercise('ts-tunnel-key');
    const lab = uniqueName('ex');
    const current = await startExercise(ex, { lab });
    const topology = join(current.workDir, relative(ex.dir, ex.topologyFile));
    const { state } = currentRunning();
    const grade = () => gradeExercise(ex, state, { workDir: current.workDir });
    try {
      // The student changes the hub, which the task does not allow (a change that cannot let spoke2 register
      // meanwhile, so the grade below still finds the fault), and adds a route on spoke1.
      await sendControl(
        controlSocket(lab, 'hub'),
        'configure',
        ['interface Tunnel0', 'ip nhrp holdtime 300'],
        undefined,
        5000,
      );
      await sendControl(controlSocket(lab, 'spoke1'), 'configure', ['ip route 10.9.0.0 255.255.0.0 172.16.0.1']);
      const e = await refusal(grade());
      assert.equal(e.code, 'EXERCISE_MODIFIED');
      assert.equal(e.exitCode, 3);
      assert.match(e.message, /^modified beyond the task: hub interface Tunnel0 changed; spoke1 ip route changed$/m);
      assert.match(e.message, /hub interface Tunnel0 changed \(nhrp\.holdtime \d+ → 300\)/);
      assert.match(e.message, /spoke1 ip route changed \(\+ 10\.9\.0\.0\/16 172\.16\.0\.1\)/);

      // Put back as it was: the lab is the task's again, and is graded (not complete: the fault is still there).
      await sendControl(controlSocket(lab, 'hub'), 'configure', ['interface Tunnel0', 'ip nhrp holdtime 60']);
      await sendControl(controlSocket(lab, 'spoke1'), 'configure', ['no ip route 10.9.0.0 255.255.0.0 172.16.0.1']);
      await stopNode(state, 'spoke1');
      const down = await refusal(grade());
      assert.equal(down.code, 'EXERCISE_LAB_DOWN');
      assert.equal(down.exitCode, 2);
      assert.match(down.message, /^lab \S+ is down: spoke1 does not answer/);
      assert.match(down.message, /dmvpn-lab start spoke1 --lab /);
      await startNode(state, 'spoke1');
      const g = await grade();
      assert.equal(g.complete, false);
      assert.equal(g.items.find((i) => i.id === 'spoke2-registered')?.status, 'fail');
    } finally {
      await stopExercise();
    }
    await assertNothingLeft(lab, topology);
  });
});
