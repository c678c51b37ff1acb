import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { stopCaptures } from '../../../src/lab/capture.js';
import { LabError } from '../../../src/lab/errors.js';
import { inspectLab } from '../../../src/lab/inspect.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import type { LabState } from '../../../src/lab/state.js';
import { labStatus } from '../../../src/lab/status.js';
import { netTopology } from '../fixtures/net-topology.js';
import { hostLinks, isRoot, leftovers, removeTemps, tempDir, tempLab, uniqueName } from '../../helpers/lab.js';

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

describe('netns runtime: internet, NAT, switch and hosts', {
  skip: !isRoot && 'needs root (network namespaces)',
}, () => {
  const name = uniqueName('tn');
  let dir = '';
  let state: LabState;
  let linksBefore: string[] = [];
  let addrsBefore = '';
  const hostAddrs = async () => (await execa('ip', ['-o', '-4', 'addr', 'show'])).stdout;
  const ping = (node: string, ip: string) =>
    getRuntime().exec(`dl-${name}-${node}`, ['ping', '-c', '1', '-W', '2', ip]);

  before(async () => {
    linksBefore = await hostLinks();
    addrsBefore = await hostAddrs();
    dir = tempLab({ 'net.clab.yml': netTopology(name) });
    state = await upLab(join(dir, 'net.clab.yml'), { capture: true });
  });
  after(async () => {
    await downLab(name).catch(() => undefined);
    removeTemps();
  });

  it('pings across the internet node and through the switch', async () => {
    assert.equal((await ping('pub', '192.0.2.10')).exitCode, 0);
    assert.equal((await ping('dc', '198.51.100.10')).exitCode, 0);
  });

  it('masquerades the inside host behind the outside address, and the capture shows it', async () => {
    assert.equal((await ping('priv', '198.51.100.10')).exitCode, 0);
    await stopCaptures(state);
    const pcap = join(state.labDir, 'pcaps', 'inet-eth2.pcap');
    const r = await execa('tcpdump', ['-n', '-r', pcap, 'icmp']);
    assert.match(r.stdout, /IP 203\.0\.113\.2 > 198\.51\.100\.10: ICMP echo request/);
    assert.doesNotMatch(r.stdout, /192\.168\.1\.10/);
  });

  it('keeps the NAT inside unreachable from the internet', async () => {
    assert.notEqual((await ping('pub', '192.168.1.10')).exitCode, 0);
  });

  it('gives the host namespace no lab interface and no lab address', async () => {
    assert.deepEqual(await hostLinks(), linksBefore);
    assert.equal(await hostAddrs(), addrsBefore);
    const routes = await execa('ip', ['-4', 'route', 'show']);
    for (const a of ['198.51.100.', '203.0.113.', '192.168.1.'])
      assert.ok(!routes.stdout.includes(a), `host has a route to ${a}`);
  });

  it('shows status and inspect from the state file', async () => {
    const s = await labStatus(state);
    assert.deepEqual(s.problems, []);
    assert.equal(s.nodes.length, 6);
    const info = await inspectLab(state);
    const gw = info.nodes.find((n) => n.name === 'gw')!;
    assert.equal(gw.namespace, `dl-${name}-gw`);
    assert.deepEqual(gw.interfaces.find((i) => i.name === 'eth1')?.addresses, ['203.0.113.2/24']);
    assert.equal(gw.interfaces.find((i) => i.name === 'eth2')?.peer, 'priv:eth1');
    assert.ok(existsSync(info.stateFile));
    const rules = await execa('ip', ['netns', 'exec', `dl-${name}-gw`, 'iptables', '-t', 'nat', '-S', 'POSTROUTING']);
    assert.match(
      rules.stdout,
      new RegExp(`-s 192\\.168\\.1\\.0/24 -o eth1 -m comment --comment "?dmvpn-lab:${name}"? -j MASQUERADE`),
    );
  });

  it('refuses a second lab with the same name', async () => {
    await assert.rejects(
      upLab(join(dir, 'net.clab.yml')),
      (e: unknown) => e instanceof LabError && e.code === 'LAB_EXISTS' && e.message.includes(`"${name}" is already up`),
    );
  });

  it('down removes every namespace, link, process and rule', async () => {
    await downLab(name);
    assert.deepEqual(await leftovers(name, state.labDir), { namespaces: [], rules: [], processes: [] });
    assert.deepEqual(await hostLinks(), linksBefore);
    assert.ok(!existsSync(join(state.labDir, 'state.json')));
    assert.ok(existsSync(join(state.labDir, 'pcaps', 'inet-eth2.pcap')), 'pcaps stay after down');
  });
});
