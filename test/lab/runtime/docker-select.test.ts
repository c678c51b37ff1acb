import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LabError } from '../../../src/lab/errors.js';
import { autoRuntime } from '../../../src/lab/runtime/docker-select.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import { cli, dockerLeftovers, dockerSkipReason } from '../../helpers/docker.js';
import { isRoot, removeTemps, tempDir, tempLab, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

/** A one-link lab of two hosts. */
function pair(name: string): string {
  return `name: ${name}
topology:
  nodes:
    a: { kind: host, interfaces: { eth1: 192.0.2.1/24 } }
    b: { kind: host, interfaces: { eth1: 192.0.2.2/24 } }
  links:
    - endpoints: ["a:eth1", "b:eth1"]
`;
}

const NO_DAEMON = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

describe('docker runtime: choice and errors', () => {
  it('is registered by name next to netns', () => {
    assert.equal(getRuntime('docker').name, 'docker');
    assert.throws(
      () => getRuntime('podman'),
      (e: unknown) => e instanceof LabError && e.code === 'RUNTIME_UNKNOWN' && /known: netns, docker/.test(e.message),
    );
  });

  it('up --runtime docker without a daemon fails with DOCKER_UNAVAILABLE and says how to start one', {
    skip: !isRoot && 'up needs root',
  }, async () => {
    const name = uniqueName('te');
    const dir = tempLab({ 'lab.clab.yml': pair(name) });
    const r = await cli(['up', join(dir, 'lab.clab.yml'), '--runtime', 'docker'], {
      ...NO_DAEMON,
      DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'),
    });
    assert.equal(r.exitCode, 3);
    assert.match(r.stderr, /needs a Docker daemon and none answers at unix:\/\/\/nonexistent\/docker\.sock/);
    assert.match(r.stderr, /scripts\/docker-up\.sh/);
    assert.match(r.stderr, /\[DOCKER_UNAVAILABLE\]/);
  });

  it('up without --runtime chooses netns and says why', { skip: !isRoot && 'up needs root' }, async () => {
    const name = uniqueName('tn');
    const dir = tempLab({ 'lab.clab.yml': pair(name) });
    const env = { ...NO_DAEMON, DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') };
    const up = await cli(['up', join(dir, 'lab.clab.yml')], env);
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      assert.match(up.stderr, /runtime netns \(the default; --runtime docker or DMVPN_LAB_RUNTIME=docker chooses /);
      const st = await cli(['status', name], env);
      assert.match(st.stdout, new RegExp(`lab ${name} \\(up, runtime netns`));
    } finally {
      await cli(['down', name], env);
    }
  });

  it('prefers $DMVPN_LAB_RUNTIME, and netns when DMVPND_BIN names a router on this machine', async () => {
    const saved = { r: process.env.DMVPN_LAB_RUNTIME, b: process.env.DMVPND_BIN };
    try {
      process.env.DMVPN_LAB_RUNTIME = 'docker';
      assert.deepEqual(await autoRuntime(), { name: 'docker', reason: 'DMVPN_LAB_RUNTIME' });
      delete process.env.DMVPN_LAB_RUNTIME;
      process.env.DMVPND_BIN = '/somewhere/dmvpnd.js';
      assert.equal((await autoRuntime()).name, 'netns');
    } finally {
      for (const [k, v] of [
        ['DMVPN_LAB_RUNTIME', saved.r],
        ['DMVPND_BIN', saved.b],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('docker runtime: choice with a daemon', { skip: (await dockerSkipReason()) ?? false }, () => {
  it('up uses docker when DMVPN_LAB_RUNTIME says so (never only because a daemon answers)', async () => {
    const name = uniqueName('ta');
    const dir = tempLab({ 'lab.clab.yml': pair(name) });
    const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'), DMVPN_LAB_RUNTIME: 'docker', DMVPND_BIN: '' };
    const up = await cli(['up', join(dir, 'lab.clab.yml')], env);
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      assert.match(up.stderr, /runtime docker \(DMVPN_LAB_RUNTIME\)/);
      const ping = await cli(['exec', 'a', '--lab', name, '--', 'ping', '-c', '1', '-W', '2', '192.0.2.2'], env);
      assert.equal(ping.exitCode, 0, ping.stdout);
    } finally {
      await cli(['down', name], env);
    }
    assert.deepEqual(await dockerLeftovers(name), { containers: [], netns: [], networks: [] });
  });

  it('a missing image is IMAGE_MISSING, saying how to build it, and leaves nothing behind', async () => {
    const name = uniqueName('tm');
    const dir = tempLab({ 'lab.clab.yml': pair(name) });
    const r = await cli(['up', join(dir, 'lab.clab.yml'), '--runtime', 'docker'], {
      DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'),
      DMVPN_NODE_IMAGE: 'dmvpn-lab/no-such-image:0',
    });
    assert.equal(r.exitCode, 3);
    assert.match(r.stderr, /image dmvpn-lab\/no-such-image:0.*make image.*\[IMAGE_MISSING\]/);
    assert.deepEqual(await dockerLeftovers(name), { containers: [], netns: [], networks: [] });
  });
});
