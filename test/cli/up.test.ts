import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { copyLab, dmvpnLab } from '../helpers/cli.js';

const runDir = tempDir('dmvpn-lab-run-');
const env = { DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: 'netns' };
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';
const names: string[] = [];
after(async () => {
  for (const n of names) if (existsSync(join(runDir, 'labs', `${n}.json`))) await dmvpnLab(['down', n], { env });
  removeTemps();
});

describe('dmvpn-lab up: address conflicts and a failed --wait', { skip }, () => {
  it('refuses a duplicate tunnel address before anything starts, naming file, node and line', async () => {
    const name = uniqueName('ud');
    names.push(name);
    const twice = (t: string) => t.replace('ip address 172.16.0.12', 'ip address 172.16.0.11');
    const file = copyLab('phase3', { 'spoke2.cfg': twice });
    const r = await dmvpnLab(['up', file, '--name', name], { env });
    assert.notEqual(r.exitCode, 0);
    const said = /spoke2\.cfg:18:2: node spoke2 interface Tunnel0: address 172\.16\.0\.11 is already spoke1's address/;
    assert.match(String(r.stderr), said);
    assert.doesNotMatch(String(r.stderr), /starting|created/);
    assert.ok(!existsSync(join(runDir, 'labs', `${name}.json`)));
    await assertNothingLeft(name, file);
  });

  it('says that a lab whose spokes did not register within --wait is still up, and how to remove it', async () => {
    const name = uniqueName('uw');
    names.push(name);
    const file = copyLab('phase3', { 'spoke1.cfg': (t) => t.replace('nbma 192.0.2.1', 'nbma 192.0.2.99') });
    const r = await dmvpnLab(['up', file, '--name', name, '--wait', '2'], { env });
    assert.equal(r.exitCode, 1, String(r.stderr));
    assert.match(String(r.stderr), /not every spoke registered within 2000 ms/);
    assert.match(String(r.stderr), new RegExp(`lab ${name} is still up .*; "dmvpn-lab down ${name}" removes it`));
    const status = await dmvpnLab(['status', name], { env });
    assert.match(String(status.stdout), new RegExp(`lab ${name} \\(up,`));
    const down = await dmvpnLab(['down', name], { env });
    assert.equal(down.exitCode, 0);
    await assertNothingLeft(name, file);
  });
});
