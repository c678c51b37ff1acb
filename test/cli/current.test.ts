import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isRoot, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';
import { dmvpnLab, tinyTopology } from '../helpers/cli.js';

const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'), DMVPN_LAB_RUNTIME: 'netns' };
const a = uniqueName('ca');
const b = uniqueName('cb');
after(async () => {
  for (const n of [a, b]) await dmvpnLab(['down', n], { env });
  removeTemps();
});

/** The namespace `exec h1` runs in (with whatever else the command line says). */
async function whereH1(...extra: string[]): Promise<{ ns: string; code: number | undefined; stderr: string }> {
  const r = await dmvpnLab(['exec', 'h1', ...extra, '--', 'ip', 'netns', 'identify'], { env });
  return { ns: String(r.stdout).trim(), code: r.exitCode, stderr: String(r.stderr) };
}

describe('labs side by side: the current lab', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  it("up makes its lab current; a node in two labs means the current lab's", async () => {
    for (const n of [a, b]) {
      const up = await dmvpnLab(['up', join(tempLab({ 'tiny.clab.yml': tinyTopology(n) }), 'tiny.clab.yml')], { env });
      assert.equal(up.exitCode, 0, String(up.stderr));
      assert.match(String(up.stdout), new RegExp(`lab ${n} is up and current`));
    }
    assert.deepEqual(await whereH1(), { ns: `dl-${b}-h1`, code: 0, stderr: '' });
    assert.equal((await whereH1('--lab', a)).ns, `dl-${a}-h1`);
  });

  it('use switches the current lab, and status marks it', async () => {
    const use = await dmvpnLab(['use', a], { env });
    assert.equal(use.exitCode, 0, String(use.stderr));
    assert.equal(String((await dmvpnLab(['use'], { env })).stdout).trim(), a);
    assert.equal((await whereH1()).ns, `dl-${a}-h1`);
    const st = String((await dmvpnLab(['status'], { env })).stdout);
    assert.match(st, new RegExp(`^lab ${a} \\(up, .*\\) \\[current\\]$`, 'm'));
    assert.match(st, new RegExp(`^lab ${b} \\(up, .*\\)$`, 'm'));
    const json = JSON.parse(String((await dmvpnLab(['status', a, '--json'], { env })).stdout)) as { current: boolean };
    assert.equal(json.current, true);
    const bad = await dmvpnLab(['use', 'no-such-lab'], { env });
    assert.notEqual(bad.exitCode, 0);
    assert.match(String(bad.stderr), /no lab named "no-such-lab" is up/);
  });

  it('down of the current lab leaves no current lab; an ambiguous node then asks for --lab or use', async () => {
    const c = uniqueName('cc');
    const up = await dmvpnLab(['up', join(tempLab({ 'tiny.clab.yml': tinyTopology(c) }), 'tiny.clab.yml')], { env });
    assert.equal(up.exitCode, 0);
    assert.equal((await dmvpnLab(['down', c], { env })).exitCode, 0);
    assert.equal((await dmvpnLab(['use'], { env })).exitCode, 1);
    const r = await whereH1();
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /node "h1" is in several labs .* say which with --lab, or "dmvpn-lab use LAB"/);
    assert.equal((await dmvpnLab(['down', a], { env })).exitCode, 0);
    assert.equal((await whereH1()).ns, `dl-${b}-h1`);
  });
});
