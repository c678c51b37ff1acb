import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { controlListening } from '../../../src/node/api/index.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { alive, cmdline, readPid } from '../../../src/lab/process.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import type { LabState } from '../../../src/lab/state.js';
import { labStatus, waitRegistered } from '../../../src/lab/status.js';
import { readCapture } from '../../../src/wire/pcap/index.js';
import { execa } from 'execa';
import { CLI, cli, dockerLeftovers, dockerRouterSkipReason } from '../../helpers/docker.js';
import { removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') };
process.env.DMVPN_LAB_RUN_DIR = env.DMVPN_LAB_RUN_DIR;
const LAB = join(import.meta.dirname, '..', '..', '..', 'labs', 'phase1', 'phase1.clab.yml');

async function until(ok: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) return false;
    await sleep(100);
  }
  return true;
}

describe('docker runtime: router pid, faults and live capture', {
  skip: (await dockerRouterSkipReason()) ?? false,
}, () => {
  const name = uniqueName('dfl');
  let state: LabState;
  const hub = () => state.nodes.find((n) => n.name === 'hub')!;
  const ping = (node: string, ip: string) =>
    getRuntime('docker').exec(`dl-${name}-${node}`, ['ping', '-c', '1', '-W', '1', ip]);

  before(async () => {
    state = await upLab(LAB, { runtime: 'docker', name });
    await waitRegistered(state, 60_000);
  });
  after(async () => {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    const left = await dockerLeftovers(name);
    removeTemps();
    assert.deepEqual(left, { containers: [], netns: [], networks: [] });
  });

  it('the pid file names dmvpnd (not the shell nsenter started), and a plain kill of it is seen by status', async () => {
    const pid = readPid(hub().pidFile!)!;
    assert.match(
      cmdline(pid),
      new RegExp(`^node /opt/dmvpn/dist/node/main\\.js --config .* --control ${hub().control}( |$)`),
    );
    process.kill(pid, 'SIGTERM');
    assert.ok(
      await until(async () => !alive(pid) && !(await controlListening(hub().control!)), 10_000),
      'hub still runs or answers',
    );
    const st = await labStatus(state);
    assert.equal(st.nodes.find((n) => n.name === 'hub')!.state, 'dead');
  });

  it('start and stop a router through the CLI; status follows', async () => {
    const start = await cli(['start', 'hub', '--lab', name], env);
    assert.equal(start.exitCode, 0, start.stderr);
    assert.ok(await controlListening(hub().control!));
    assert.equal((await labStatus(state)).nodes.find((n) => n.name === 'hub')!.state, 'running');
    const stop = await cli(['stop', 'hub', '--lab', name], env);
    assert.equal(stop.exitCode, 0, stop.stderr);
    assert.equal(await controlListening(hub().control!), false);
    assert.equal((await labStatus(state)).nodes.find((n) => n.name === 'hub')!.state, 'stopped');
    const restart = await cli(['restart', 'hub', '--lab', name], env);
    assert.equal(restart.exitCode, 0, restart.stderr);
    assert.equal((await labStatus(state)).nodes.find((n) => n.name === 'hub')!.state, 'running');
  });

  it('link silent/restore and down/up in containers', async () => {
    assert.equal((await ping('spoke1', '198.51.100.254')).exitCode, 0);
    assert.equal((await cli(['link', 'silent', 'spoke1:Gi0/1', '--lab', name], env)).exitCode, 0);
    assert.notEqual((await ping('spoke1', '198.51.100.254')).exitCode, 0);
    assert.equal((await cli(['link', 'restore', 'spoke1:Gi0/1', '--lab', name], env)).exitCode, 0);
    assert.equal((await ping('spoke1', '198.51.100.254')).exitCode, 0);
    assert.equal((await cli(['link', 'down', 'spoke1:Gi0/1', '--lab', name], env)).exitCode, 0);
    const link = (await labStatus(state)).links.find((l) => l.link.startsWith('spoke1:GigabitEthernet0/1 '));
    assert.equal(link?.state, 'down');
    assert.notEqual((await ping('spoke1', '198.51.100.254')).exitCode, 0);
    assert.equal((await cli(['link', 'up', 'spoke1:Gi0/1', '--lab', name], env)).exitCode, 0);
    assert.ok(await until(async () => (await ping('spoke1', '198.51.100.254')).exitCode === 0, 10_000));
  });

  it('capture NODE:IF -w - streams pcap from the container', async () => {
    const traffic = getRuntime('docker').exec(`dl-${name}-host1`, ['ping', '-c', '15', '-i', '0.2', '10.1.2.10'], {
      timeoutMs: 10_000,
    });
    const args = ['--import', 'tsx', CLI, 'capture', 'hub:Gi0/1', '--lab', name, '-w', '-', '-c', '4'];
    const r = await execa(process.execPath, args, {
      env: { ...process.env, ...env },
      encoding: 'buffer',
      reject: false,
      timeout: 60_000,
    });
    await traffic;
    assert.equal(r.exitCode, 0, Buffer.from(r.stderr).toString());
    assert.equal(readCapture(r.stdout).frames.length, 4);
  });
});
