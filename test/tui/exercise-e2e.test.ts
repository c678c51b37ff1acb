/**
 * The exercise pane end to end: `exercise start`, then `dmvpn-lab tui` (no lab named: the running
 * exercise's lab) in tmux. The live grade shows the start's score; a fix made on the router shows in the
 * live score without a key; `h` shows a hint, `g` grades every item.
 */
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { sendControl } from '../../src/node/api/index.js';
import { findExercise } from '../../src/lab/exercise/catalog.js';
import { startExercise, stopExercise } from '../../src/lab/exercise/session.js';
import { controlSocket } from '../../src/lab/paths.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { Screen } from '../helpers/tmux.js';

const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'), DMVPN_LAB_STATE_DIR: tempDir('dmvpn-lab-state-') };
Object.assign(process.env, env);
after(removeTemps);

const hasTmux = (await execa('tmux', ['-V'], { reject: false })).exitCode === 0;
const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !hasTmux
    ? 'needs tmux'
    : !dmvpndAvailable() && 'dmvpnd not available';

describe('dmvpn-lab tui in tmux: an exercise', { skip, timeout: 180_000 }, () => {
  it('live score from the start, a fix shows without a key, h a hint, g every item', async () => {
    const ex = findExercise('ts-tunnel-key');
    const lab = uniqueName('tuxe');
    const current = await startExercise(ex, { lab });
    const topology = join(current.workDir, relative(ex.dir, ex.topologyFile));
    const screen = await Screen.open('tui', `${lab}-tui`, env);
    try {
      let s = await screen.until(
        [/\[exercise\]/, /Exercise ts-tunnel-key 20% live at/, /✗ spoke2 is registered/, /· host1 reaches host2/],
        30_000,
      );
      assert.match(s, new RegExp(`lab ${lab} netns`));
      assert.match(s, /^# /m, 'the task text');
      await screen.keys('h');
      await screen.until([/hint 1\/3: The underlay works/]);
      await sendControl(controlSocket(lab, 'spoke2'), 'configure', ['interface Tunnel0', 'tunnel key 100']);
      await screen.until([/Exercise ts-tunnel-key 60% live at/, /✓ spoke2 is registered/], 40_000);
      await screen.keys('g');
      s = await screen.until([/Exercise ts-tunnel-key 100% graded at/], 60_000);
      assert.match(s, /✓ host1 reaches host2/);
    } finally {
      await screen.close();
      await stopExercise();
    }
    await assertNothingLeft(lab, topology);
  });
});
