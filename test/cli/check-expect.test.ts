import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { copyLab, dmvpnLab } from '../helpers/cli.js';
import { removeTemps, tempDir } from '../helpers/lab.js';

after(removeTemps);

describe('dmvpn-lab check --expect with a bad file', () => {
  it('exits 2 naming every bad line before any lab comes up', async () => {
    const file = copyLab('phase3');
    const expect = join(dirname(file), 'bad.expect.yml');
    writeFileSync(
      expect,
      ['expect:', '  - { node: spoke9, show: show ip nhrp nhs }', '  - { node: hub, show: show ip frobnicate }'].join(
        '\n',
      ),
    );
    const r = await dmvpnLab(['check', file, '--name', 'ciexp', '--expect', expect, '--quiet'], {
      env: { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') },
    });
    assert.equal(r.exitCode, 2);
    const err = String(r.stderr);
    assert.match(err, /bad\.expect\.yml: 2 errors in expectations/);
    assert.match(err, /bad\.expect\.yml:2:7: expect\[0\]\.node: no node "spoke9" in lab ciexp/);
    assert.match(err, /bad\.expect\.yml:3:18: expect\[1\]\.show: the routers have no command "show ip frobnicate"/);
    assert.match(err, / \[EXPECT_INVALID\]\s*$/);
    assert.equal(existsSync(join(dirname(file), 'clab-ciexp')), false, 'the lab was not brought up');
  });
});
