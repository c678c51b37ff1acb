import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { controlListening } from '../../src/node/api/index.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { alive, cmdline, readPid } from '../../src/lab/process.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { startRouter, stopRouter } from '../../src/lab/router-ops.js';
import type { LabState } from '../../src/lab/state.js';
import { labStatus, waitRegistered } from '../../src/lab/status.js';
import { isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
const LABS = join(import.meta.dirname, '..', '..', 'labs');
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

/** Polls `ok` every 100 ms until it holds or `timeoutMs` passed; returns whether it held. */
async function until(ok: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) return false;
    await sleep(100);
  }
  return true;
}

describe("a router's pid: dmvpnd itself, not the shell it runs under", { skip }, () => {
  const name = uniqueName('pid');
  let state: LabState;
  const hub = () => state.nodes.find((n) => n.name === 'hub')!;

  before(async () => {
    state = await upLab(join(LABS, 'phase1', 'phase1.clab.yml'), { name });
    await waitRegistered(state, 30_000);
  });
  after(async () => {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    removeTemps();
  });

  it('the pid file names dmvpnd, whose command line names its control socket', () => {
    const pid = readPid(hub().pidFile!)!;
    assert.doesNotMatch(cmdline(pid), /^sh /);
    assert.match(cmdline(pid), new RegExp(`main\\.[tj]s --config .* --control ${hub().control}( |$)`));
  });

  it('a plain kill of that pid stops the router, and status agrees with its control socket', async () => {
    const pid = readPid(hub().pidFile!)!;
    process.kill(pid, 'SIGTERM');
    assert.ok(
      await until(async () => !alive(pid) && !(await controlListening(hub().control!)), 5000),
      'dmvpnd still runs or answers',
    );
    const st = await labStatus(state);
    const n = st.nodes.find((x) => x.name === 'hub')!;
    assert.equal(n.router?.running, false);
    assert.ok(
      st.problems.some((p) => p.startsWith('hub: dmvpnd is not running')),
      st.problems.join('; '),
    );
  });

  it('the router started again is running while it answers; stopping it stops dmvpnd', async () => {
    await startRouter(state, 'hub');
    assert.ok(await controlListening(hub().control!));
    assert.equal((await labStatus(state)).nodes.find((x) => x.name === 'hub')!.router?.running, true);
    const pid = await stopRouter(state, 'hub');
    assert.ok(pid !== undefined && !alive(pid));
    assert.equal(await controlListening(hub().control!), false);
    assert.equal((await labStatus(state)).nodes.find((x) => x.name === 'hub')!.router?.running, false);
  });
});
