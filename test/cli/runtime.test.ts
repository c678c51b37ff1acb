import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isRoot, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';
import { dmvpnLab, tinyTopology } from '../helpers/cli.js';

const runDir = tempDir('dmvpn-lab-run-');
const names: string[] = [];
after(async () => {
  for (const n of names) await dmvpnLab(['down', n], { env: { DMVPN_LAB_RUN_DIR: runDir } });
  removeTemps();
});

function lab(prefix: string): { name: string; file: string } {
  const name = uniqueName(prefix);
  names.push(name);
  return { name, file: join(tempLab({ 'tiny.clab.yml': tinyTopology(name) }), 'tiny.clab.yml') };
}

const skip = !isRoot && 'needs root (network namespaces)';

describe('which runtime: one rule, said by up, kept by a lab that is up', { skip }, () => {
  it('up without --runtime or DMVPN_LAB_RUNTIME uses netns and says it is the default', async () => {
    const { name, file } = lab('rd');
    const env = { DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: '' };
    const up = await dmvpnLab(['up', file], { env });
    assert.equal(up.exitCode, 0, String(up.stderr));
    const said = /runtime netns \(the default; --runtime docker or DMVPN_LAB_RUNTIME=docker chooses Docker\)/;
    assert.match(String(up.stderr), said);
    const st = await dmvpnLab(['status', name], { env });
    assert.match(String(st.stdout), new RegExp(`lab ${name} \\(up, runtime netns`));
  });

  it('check on a lab that is up uses its runtime and prints no runtime choice; one it brings up says why', async () => {
    const { name, file } = lab('rc');
    const env = { DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: 'netns' };
    const first = await dmvpnLab(['check', file, '--keep'], { env });
    assert.equal(first.exitCode, 0, String(first.stderr));
    assert.match(String(first.stderr), /runtime netns \(DMVPN_LAB_RUNTIME\)/);
    const again = await dmvpnLab(['check', file], { env: { ...env, DMVPN_LAB_RUNTIME: 'docker' } });
    assert.equal(again.exitCode, 0, String(again.stderr));
    assert.doesNotMatch(String(again.stderr), /runtime /);
    assert.match(String(again.stdout), new RegExp(`lab ${name} is up`));
  });
});
