/**
 * export --format cml round-trips: labs/phase2 exported to CML and imported back has the same nodes
 * (the internet node as a router with its addresses), the same links and the same router configs; a
 * lab with a NAT gateway is refused with a message naming the node.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { cmlExport } from '../../../src/lab/export/cml.js';
import { readCourseLab } from '../../../src/lab/import/index.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

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

it('a lab with a NAT gateway is refused, naming the node', () => {
  assert.throws(() => cmlExport('labs/nat/nat.clab.yml'), {
    code: 'EXPORT_UNSUPPORTED',
    message: /^node \S+: kind nat/,
  });
});
