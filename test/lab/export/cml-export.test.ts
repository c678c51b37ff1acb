/**
 * export --format cml round-trips: labs/phase2 exported to CML and imported back has the same nodes
 * (the internet node as a router with its addresses), the same links and the same router configs.
 * labs/nat: each NAT gateway is exported as an IOSv router doing PAT and imported back as the same nat
 * node (interfaces, outside, gateway); the re-imported lab passes `check`, the NATed spoke pair with
 * evidence from the captures of the exported internet router's links.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { cmlExport } from '../../../src/lab/export/cml.js';
import { readCourseLab } from '../../../src/lab/import/index.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

it('labs/phase2 exported to CML and imported back: same nodes, links and configs', () => {
  const src = 'labs/phase2/phase2.clab.yml';
  const topo = loadTopology(src);
  const file = join(tempDir('dmvpn-cml-export-'), 'phase2.yaml');
  writeFileSync(file, cmlExport(src));
  const back = readCourseLab(file);
  const kinds = (ns: Array<{ name: string; kind: string }>) => ns.map((n) => `${n.name} ${n.kind}`);
  assert.deepEqual(
    kinds(back.nodes),
    kinds(topo.nodes).map((k) => k.replace(/ internet$/, ' dmvpn')),
  );
  for (const n of topo.nodes.filter((x) => x.kind === 'dmvpn')) {
    assert.equal(back.nodes.find((b) => b.name === n.name)?.config?.text, readFileSync(n.startupConfig!, 'utf8'));
  }
  const inet = back.nodes.find((b) => b.name === 'inet')!.config!.text;
  assert.match(inet, /interface GigabitEthernet0\/1\n ip address 192\.0\.2\.254 255\.255\.255\.0/);
  const gi = (node: string, iface: string) => (node === 'inet' ? iface.replace(/^eth/, 'GigabitEthernet0/') : iface);
  assert.deepEqual(
    back.links.map((l) => `${l.a.node}:${l.a.iface} ${l.b.node}:${l.b.iface}`),
    topo.links.map((l) => `${l.a.node}:${gi(l.a.node, l.a.iface)} ${l.b.node}:${gi(l.b.node, l.b.iface)}`),
  );
  const host1 = back.nodes.find((b) => b.name === 'host1')!;
  assert.deepEqual(
    { interfaces: host1.interfaces, gateway: host1.gateway },
    { interfaces: { eth1: '10.1.1.10/24' }, gateway: '10.1.1.1' },
  );
});

it('labs/nat: each NAT gateway exported as an IOSv router doing PAT and imported back as the same nat node', () => {
  const src = 'labs/nat/nat.clab.yml';
  const topo = loadTopology(src);
  const yaml = cmlExport(src);
  assert.match(yaml, /ip nat inside source list 1 interface GigabitEthernet0\/1 overload/);
  const file = join(tempDir('dmvpn-cml-export-'), 'nat.yaml');
  writeFileSync(file, yaml);
  const back = readCourseLab(file);
  const nats = topo.nodes.filter((n) => n.kind === 'nat');
  assert.equal(nats.length, 2);
  for (const n of nats) {
    const b = back.nodes.find((x) => x.name === n.name)!;
    assert.deepEqual(
      { kind: b.kind, interfaces: b.interfaces, gateway: b.gateway, config: b.config },
      { kind: 'nat', interfaces: n.interfaces, gateway: n.gateway, config: undefined },
    );
    assert.equal(b.outside, 'eth1');
  }
  assert.deepEqual(
    back.links.filter((l) => l.a.node.startsWith('nat')).map((l) => `${l.a.node}:${l.a.iface} ${l.b.node}`),
    topo.links.filter((l) => l.a.node.startsWith('nat')).map((l) => `${l.a.node}:${l.a.iface} ${l.b.node}`),
  );
});

const labSkip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

it('labs/nat exported to CML passes check when imported back', { skip: labSkip }, async () => {
  const dir = tempDir('dmvpn-cml-export-');
  const file = join(dir, 'nat.yaml');
  writeFileSync(file, cmlExport('labs/nat/nat.clab.yml'));
  const name = uniqueName('cmlnat');
  const report = await runChecks(file, { name });
  const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes}: ${r.reason}`);
  assert.deepEqual(failed, []);
  const passed = report.results.filter((r) => r.status === 'pass').map((r) => `${r.name} ${r.nodes.join('>')}`);
  for (const want of ['registration spoke1>hub', 'registration spoke2>hub', 'nat spoke1>spoke2'])
    assert.ok(passed.includes(want), `${want} in ${passed.join(', ')}`);
  const pair = report.results.find((r) => r.name === 'nat' && r.nodes.join('>') === 'spoke1>spoke2')!;
  assert.ok(pair.evidence.length > 0, 'frames cited from the captured underlay');
  assert.deepEqual(await leftovers(name, join(dir, `clab-${name}`)), { namespaces: [], rules: [], processes: [] });
});
