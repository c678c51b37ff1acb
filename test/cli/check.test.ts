import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { copyLab, dmvpnLab } from '../helpers/cli.js';

after(removeTemps);
const runDir = tempDir('dmvpn-lab-run-');
const env = { DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: 'netns' };
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

describe('dmvpn-lab check report files', { skip }, () => {
  it('creates the folders of --junit, prints the table first, then reports a file it cannot write', async () => {
    const file = copyLab('phase3');
    const name = uniqueName('ck');
    const out = tempDir('dmvpn-lab-out-');
    const junit = join(out, 'deep', 'er', 'phase3.xml');
    writeFileSync(join(out, 'plain'), 'a file, not a folder');
    const json = join(out, 'plain', 'report.json');
    const args = ['check', file, '--name', name, '--only', 'registration', '--junit', junit, '--json', json];
    const r = await dmvpnLab(args, { env });
    assert.match(String(r.stdout), /PASS +registration/);
    assert.match(String(r.stdout), /2 passed, 0 failed/);
    assert.ok(existsSync(junit), 'the JUnit report was not written');
    assert.match(readFileSync(junit, 'utf8'), /<testsuite name="registration"/);
    assert.match(String(r.stderr), /cannot write the JSON report to .*plain\/report\.json: (EEXIST|ENOTDIR)/);
    assert.equal(r.exitCode, 2);
    await assertNothingLeft(name, file);
  });
});

describe('dmvpn-lab check reachability pairs', { skip }, () => {
  const count = (stdout: string) => stdout.split('\n').filter((l) => /^(PASS|FAIL) +reachability /.test(l)).length;
  it('tests a sample covering every host by default, and every ordered pair with --all-pairs', async () => {
    const file = copyLab('dual-hub');
    for (const [extra, pairs] of [
      [[], 4],
      [['--all-pairs'], 6],
    ] as const) {
      const name = uniqueName('cp');
      const r = await dmvpnLab(['check', file, '--name', name, '--only', 'reachability', ...extra], { env });
      assert.equal(r.exitCode, 0, `${String(r.stdout)}\n${String(r.stderr)}`);
      assert.equal(count(String(r.stdout)), pairs, String(r.stdout));
      await assertNothingLeft(name, file);
    }
  });
});
