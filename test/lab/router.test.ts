import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendControl } from '../../src/node/api/index.js';
import { LabError } from '../../src/lab/errors.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { cmdline } from '../../src/lab/process.js';
import { getRuntime } from '../../src/lab/runtime/index.js';
import type { LabState } from '../../src/lab/state.js';
import { allRegistered, labStatus, waitRegistered } from '../../src/lab/status.js';
import { isRoot, leftovers, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';

// These tests run the lab's router supervision against a stand-in router (fixtures/fake-dmvpnd.ts).
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPND_BIN = join(import.meta.dirname, 'fixtures', 'fake-dmvpnd.ts');

const SPOKE = 'hostname spoke\ninterface Tunnel0\n ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast\n';
function topology(name: string, spokeEnv = ''): string {
  return `name: ${name}
topology:
  nodes:
    hub: { kind: dmvpn, startup-config: hub.cfg }
    spoke: { kind: dmvpn, startup-config: spoke.cfg${spokeEnv} }
    inet: { kind: internet, interfaces: { eth1: 192.0.2.254/24, eth2: 198.51.100.254/24 } }
  links:
    - endpoints: ["hub:GigabitEthernet0/1", "inet:eth1"]
    - endpoints: ["spoke:Gi0/1", "inet:eth2"]
`;
}

describe('router supervision (stand-in router)', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  const name = uniqueName('tr');
  let state: LabState;
  before(async () => {
    const dir = tempLab({ 'lab.clab.yml': topology(name), 'hub.cfg': 'hostname hub\n', 'spoke.cfg': SPOKE });
    state = await upLab(join(dir, 'lab.clab.yml'));
  });
  after(async () => {
    await downLab(name).catch(() => undefined);
    removeTemps();
  });

  it('starts a router per dmvpn node in its namespace and reads registrations over the control socket', async () => {
    const s = await labStatus(state);
    const spoke = s.nodes.find((n) => n.name === 'spoke')!;
    assert.equal(spoke.router?.running, true);
    assert.deepEqual(spoke.router?.nhs, [{ nhs: '172.16.0.1', nbma: '192.0.2.1', state: 'UP', registered: true }]);
    assert.ok(allRegistered(s));
    assert.ok((await waitRegistered(state, 5000)) >= 0);
    const procs = await getRuntime().processes(`dl-${name}-spoke`);
    assert.ok(
      procs.some((p) => cmdline(p).includes('--control')),
      'the router runs inside the spoke namespace',
    );
    assert.equal(
      await sendControl(state.nodes.find((n) => n.name === 'hub')!.control!, 'show dmvpn'),
      'fake: show dmvpn\n',
    );
  });

  it('reports a router that died, with its exit status', async () => {
    const procs = await getRuntime().processes(`dl-${name}-spoke`);
    const router = procs.find((p) => cmdline(p).includes('fake-dmvpnd') && !cmdline(p).startsWith('sh '))!;
    process.kill(router, 'SIGTERM');
    for (let i = 0; i < 50 && (await labStatus(state)).nodes.find((n) => n.name === 'spoke')!.router!.running; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = await labStatus(state);
    const spoke = s.nodes.find((n) => n.name === 'spoke')!;
    assert.equal(spoke.router?.running, false);
    assert.equal(spoke.router?.exitCode, 143);
    assert.ok(
      s.problems.some((p) => /^spoke: dmvpnd is not running \(exited with status 143\)/.test(p)),
      s.problems.join('\n'),
    );
    assert.equal(allRegistered(s), false);
  });

  it('fails up when a router exits at start, shows its log, and leaves nothing', async () => {
    const other = uniqueName('tx');
    const dir = tempLab({
      'lab.clab.yml': topology(other, ', env: { FAKE_DMVPND_MODE: exit }'),
      'hub.cfg': 'hostname hub\n',
      'spoke.cfg': SPOKE,
    });
    await assert.rejects(upLab(join(dir, 'lab.clab.yml')), (e: unknown) => {
      assert.ok(e instanceof LabError);
      assert.equal(e.code, 'ROUTER_DIED');
      assert.match(e.message, /router spoke exited with status 3/);
      assert.match(e.message, /fake router spoke with 4 config lines, mode exit/);
      return true;
    });
    assert.deepEqual(await leftovers(other, join(dir, `clab-${other}`)), { namespaces: [], rules: [], processes: [] });
  });
});
