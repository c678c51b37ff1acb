import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isRoot, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';
import { dmvpnLab, tinyTopology } from '../helpers/cli.js';

const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'), DMVPN_LAB_RUNTIME: 'netns' };

describe('dmvpn-lab exec exit status', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  const name = uniqueName('ex');
  before(async () => {
    const file = join(tempLab({ 'tiny.clab.yml': tinyTopology(name) }), 'tiny.clab.yml');
    const r = await dmvpnLab(['up', file], { env });
    assert.equal(r.exitCode, 0, String(r.stderr));
  });
  after(async () => {
    await dmvpnLab(['down', name], { env });
    removeTemps();
  });

  it('exits 127 for a program that does not exist, and says so', async () => {
    const r = await dmvpnLab(['exec', 'h1', '--lab', name, '--', 'no-such-program-here', '-x'], { env });
    assert.equal(r.exitCode, 127);
    assert.match(String(r.stderr), /no-such-program-here: command not found in node h1/);
  });

  it('exits with the status of the command, and runs it in the node', async () => {
    assert.equal((await dmvpnLab(['exec', 'h1', '--lab', name, '--', 'sh', '-c', 'exit 7'], { env })).exitCode, 7);
    const r = await dmvpnLab(['exec', 'h1', '--lab', name, '--', 'ip', '-4', '-o', 'addr', 'show', 'eth1'], { env });
    assert.equal(r.exitCode, 0);
    assert.match(String(r.stdout), /192\.0\.2\.10\/24/);
  });
});
