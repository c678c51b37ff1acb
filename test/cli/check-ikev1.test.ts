/**
 * The shipped IKEv1 lab (labs/phase3-ipsec-ikev1, the course labs' crypto): `dmvpn-lab check` passes
 * registration and reachability with every tunnel protected, and the spokes' IKEv1 SAs with the hub are up.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { copyLab, dmvpnLab } from '../helpers/cli.js';

after(removeTemps);
const runDir = tempDir('dmvpn-lab-run-');
const env = { DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: 'netns' };
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

describe('dmvpn-lab check on the IKEv1-protected phase3 lab', { skip }, () => {
  it('registration and reachability pass; every spoke has a QM_IDLE ISAKMP SA with the hub', async () => {
    const file = copyLab('phase3-ipsec-ikev1');
    const name = uniqueName('ik');
    const r = await dmvpnLab(
      ['check', file, '--name', name, '--only', 'registration,reachability', '--keep', '--quiet'],
      {
        env,
      },
    );
    try {
      assert.equal(r.exitCode, 0, `${String(r.stdout)}\n${String(r.stderr)}`);
      assert.match(String(r.stdout), /4 passed, 0 failed/);
      const sa = await dmvpnLab(['cli', 'hub', 'show crypto isakmp sa json'], { env });
      const sas = JSON.parse(String(sa.stdout)).sas as Array<{ src: string; state: string }>;
      assert.deepEqual(
        sas
          .filter((s) => s.state === 'QM_IDLE')
          .map((s) => s.src)
          .sort(),
        ['198.51.100.1', '203.0.113.1'],
      );
    } finally {
      await dmvpnLab(['down', name], { env });
    }
    await assertNothingLeft(name, file);
  });
});
