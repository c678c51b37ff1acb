import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { hostLinks, isRoot, leftovers, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';
import { netTopology } from './fixtures/net-topology.js';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
const env = {
  DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'),
  DMVPND_BIN: join(import.meta.dirname, 'fixtures', 'fake-dmvpnd.ts'),
};
const cli = (...args: string[]) => execa(process.execPath, ['--import', 'tsx', CLI, ...args], { env, reject: false });

describe('crash cleanup', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  const name = uniqueName('tc');
  const topology = `${netTopology(name).replace('  links:\n', '    r: { kind: dmvpn, startup-config: r.cfg, env: { FAKE_DMVPND_MODE: hang } }\n  links:\n')}    - endpoints: ["r:GigabitEthernet0/1", "sw:eth3"]\n`;
  const dir = tempLab({ 'lab.clab.yml': topology, 'r.cfg': 'hostname r\n' });
  after(async () => {
    await cli('down', '--all');
    removeTemps();
  });

  it('down --all removes everything after dmvpn-lab is killed with SIGKILL in the middle of up', async () => {
    const linksBefore = await hostLinks();
    const up = execa(process.execPath, ['--import', 'tsx', CLI, 'up', join(dir, 'lab.clab.yml'), '--capture'], {
      env,
      reject: false,
    });
    let seen = '';
    await new Promise<void>((resolve) => {
      up.stderr!.on('data', (b: Buffer) => {
        seen += String(b);
        if (seen.includes('starting 1 routers')) resolve();
      });
      void up.then(() => resolve());
    });
    assert.match(seen, /starting 1 routers/, `up ended before the routers started:\n${seen}`);
    up.kill('SIGKILL');
    await up;
    const mid = await leftovers(name, join(dir, `clab-${name}`));
    assert.equal(mid.namespaces.length, 7, 'the killed up left its namespaces');
    assert.ok(
      mid.processes.length >= 6,
      `the killed up left tcpdumps and the router running: ${mid.processes.join('\n')}`,
    );

    const down = await cli('down', '--all');
    assert.equal(down.exitCode, 0, down.stderr);
    assert.match(down.stdout, new RegExp(`removed ${name}`));
    assert.deepEqual(await leftovers(name, join(dir, `clab-${name}`)), { namespaces: [], rules: [], processes: [] });
    assert.deepEqual(await hostLinks(), linksBefore);
    assert.deepEqual(readdirSync(join(env.DMVPN_LAB_RUN_DIR, 'labs')), []);
    assert.ok(!existsSync(join(env.DMVPN_LAB_RUN_DIR, 'ctl', name)));
  });
});
