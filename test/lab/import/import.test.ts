/**
 * import: CML 2.x labs and GNS3 projects become a topology and one .cfg per router (configs as
 * published, IOS interface names kept); what cannot run is refused naming the node and field, with
 * nothing written; the report gives each line dmvpnd does not act on with its line numbers.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ImportError, importCourseLab, readCourseLab } from '../../../src/lab/import/index.js';
import { cleanName } from '../../../src/lab/import/names.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';
import { dmvpnLab } from '../../helpers/cli.js';

after(removeTemps);

const GNS3 = join(import.meta.dirname, '..', '..', 'fixtures', 'gns3', 'dmvpn-small', 'dmvpn-small.gns3');

/** A CML lab of `nodes` and `links` (YAML text), written to a temp folder. */
function cmlFile(nodes: string, links: string, version = '0.3.0'): string {
  const f = join(tempDir('dmvpn-cml-'), 'course.yaml');
  writeFileSync(f, `nodes:\n${nodes}links:\n${links}lab:\n  title: t\n  version: ${version}\n`);
  return f;
}

const router = (id: string, label: string, config: string) => `  - id: ${id}
    label: ${label}
    node_definition: iosv
    configuration: |-
${config
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
    interfaces:
      - { id: i0, label: Loopback0, type: loopback }
      - { id: i1, label: GigabitEthernet0/0, slot: 0, type: physical }
      - { id: i2, label: GigabitEthernet0/1, slot: 1, type: physical }
`;
const node = (id: string, label: string, def: string, extra = '') => `  - id: ${id}
    label: ${label}
    node_definition: ${def}
${extra}    interfaces:
      - { id: i0, label: port0, slot: 0, type: physical }
      - { id: i1, label: port1, slot: 1, type: physical }
`;
const link = (id: string, n1: string, i1: string, n2: string, i2: string) =>
  `  - { id: ${id}, n1: ${n1}, i1: ${i1}, n2: ${n2}, i2: ${i2} }\n`;

const R1 = 'hostname R1\ninterface GigabitEthernet0/1\n ip address 192.168.1.1 255.255.255.0\nend';

function refused(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ImportError, `ImportError expected, got ${String(e)}`);
    assert.equal(e.exitCode, 2);
    assert.equal(e.code, 'IMPORT_INVALID');
    return e;
  }
  assert.fail('the import was not refused');
}

describe('import: CML', { skip: CML_SKIP }, () => {
  const file = join(CML_DIR, 'dmvpn-phase-2-final.yaml');

  it('maps IOSv routers to dmvpn, the unmanaged switch to switch, and keeps IOS interface names', () => {
    const lab = readCourseLab(file);
    assert.equal(lab.name, 'dmvpn-phase-2-final');
    assert.deepEqual(
      lab.nodes.map((n) => [n.name, n.kind]),
      [
        ['Hub', 'dmvpn'],
        ['Spoke1', 'dmvpn'],
        ['Spoke2', 'dmvpn'],
        ['unmanagedswitch-1', 'switch'],
      ],
    );
    assert.deepEqual(
      lab.links.map((l) => `${l.a.node}:${l.a.iface} ${l.b.node}:${l.b.iface}`),
      [
        'Hub:GigabitEthernet0/1 unmanagedswitch-1:port0',
        'Spoke1:GigabitEthernet0/1 unmanagedswitch-1:port1',
        'Spoke2:GigabitEthernet0/1 unmanagedswitch-1:port2',
      ],
    );
  });

  it('keeps each configuration as published and knows the file line of its first line', () => {
    const text = readFileSync(file, 'utf8');
    const published = (parse(text) as { nodes: Array<{ configuration: Array<{ content: string }> }> }).nodes;
    const lab = readCourseLab(file);
    const lines = text.split('\n');
    lab.nodes
      .filter((n) => n.config)
      .forEach((n, i) => {
        assert.equal(n.config!.text, published[i]!.configuration[0]!.content);
        const hostname = n.config!.text.split('\n').findIndex((l) => l.startsWith('hostname '));
        assert.equal(lines[n.config!.origin.firstLine - 1 + hostname]!.trim(), `hostname ${n.name}`);
      });
  });

  it('writes a topology that loads, with Gi0/1 on eth1 and one .cfg per router byte for byte', () => {
    const out = tempDir('dmvpn-import-');
    const r = importCourseLab(file, { out });
    const t = loadTopology(r.topologyFile);
    assert.deepEqual(
      t.links.map((l) => `${l.a.node}:${l.a.linux} ${l.b.node}:${l.b.linux}`),
      [
        'Hub:eth1 unmanagedswitch-1:port0',
        'Spoke1:eth1 unmanagedswitch-1:port1',
        'Spoke2:eth1 unmanagedswitch-1:port2',
      ],
    );
    const lab = readCourseLab(file);
    for (const n of lab.nodes.filter((x) => x.config))
      assert.equal(readFileSync(join(out, `${n.name}.cfg`), 'utf8'), `${n.config!.text}\n`);
    assert.equal(r.significant, 0, 'only cosmetic lines are left out of the Phase 2 lab');
  });

  it('reports each line not acted on with its line in the .cfg and in the CML file', () => {
    const src = join(CML_DIR, 'dmvpn-phase-3-final.yaml');
    const r = importCourseLab(src, { out: tempDir('dmvpn-import-') });
    const hub = r.routers.find((x) => x.node === 'Hub')!;
    const line = hub.lines.find((l) => l.text.startsWith('banner exec'));
    assert.ok(line, 'the banner is reported');
    assert.equal(line.cosmetic, true, 'banners are cosmetic');
    const cfg = readFileSync(hub.cfg, 'utf8').split('\n');
    assert.equal(cfg[line.line - 1]!.trim(), line.text);
    const yamlLines = readFileSync(src, 'utf8').split('\n');
    assert.equal(yamlLines[line.sourceLine - 1]!.trim(), line.text);
    // QoS (class-map, policy-map, nhrp map group … service-policy, nhrp group) is in force: not reported
    for (const text of [
      'nhrp map group SHAPE_1M service-policy output SHAPE_1M',
      'policy-map SHAPE_1M',
      'class-map match-all VOIP',
    ])
      assert.equal(
        hub.lines.find((l) => l.text === text),
        undefined,
        `${text} is acted on`,
      );
    const spoke = r.routers.find((x) => x.node === 'Spoke3')!;
    assert.equal(
      spoke.lines.find((l) => l.text === 'nhrp group SHAPE_5M'),
      undefined,
      'nhrp group is acted on',
    );
    assert.equal(r.significant, 0, 'only cosmetic lines are left out of the Phase 3 lab');
  });

  it('names the lab after the file, at most 32 characters cut at a word', () => {
    assert.equal(cleanName('dmvpn-dual-hub-single-cloud-final', 'lab'), 'dmvpn-dual-hub-single-cloud');
    assert.equal(cleanName('My Lab (v2)', 'lab'), 'My-Lab-v2');
  });
});

describe('import: what cannot run is refused, nothing written', () => {
  it('refuses an external connector: a lab never routes out', () => {
    const f = cmlFile(
      router('n0', 'R1', R1) + node('n1', 'ext-conn-0', 'external_connector'),
      link('l0', 'n0', 'i2', 'n1', 'i0'),
    );
    const out = join(tempDir('dmvpn-import-'), 'out');
    const e = refused(() => importCourseLab(f, { out }));
    assert.match(e.message, /node "ext-conn-0" \(n1\): node_definition: external_connector: .*never routes out/);
    assert.equal(existsSync(out), false, 'nothing written');
  });

  it('refuses a link to a missing interface, a node type it cannot run, another schema version, a config not IOS', () => {
    const f = cmlFile(
      router('n0', 'R1', R1) + node('n1', 'fw', 'asav') + router('n2', 'R2', '#!/bin/sh\necho hello\nifconfig eth0 up'),
      link('l0', 'n0', 'i7', 'n2', 'i2'),
    );
    const e = refused(() => readCourseLab(f));
    const lines = e.issues.map((i) => `${i.where} | ${i.field}`);
    assert.deepEqual(lines, ['node "fw" (n1) | node_definition', 'node "R2" (n2) | configuration', 'link l0 | i1']);
    assert.match(e.message, /node "R1" \(n0\) has no interface "i7" \(it has i0, i1, i2\)/);
    assert.match(e.message, /asav.*cannot run here/);
    const v = cmlFile(router('n0', 'R1', R1), '', '1.0.0');
    assert.match(refused(() => readCourseLab(v)).message, /lab\.version: CML schema version 1\.0\.0/);
  });

  it('the CLI exits 2 and names the node', async () => {
    const f = cmlFile(
      router('n0', 'R1', R1) + node('n1', 'ext', 'external_connector'),
      link('l0', 'n0', 'i2', 'n1', 'i0'),
    );
    const r = await dmvpnLab(['import', f, '-o', join(tempDir('dmvpn-import-'), 'x')]);
    assert.equal(r.exitCode, 2);
    assert.match(String(r.stderr), /node "ext" \(n1\): node_definition: external_connector/);
  });

  it('reads a server host: address and gateway from its boot lines', () => {
    const server = node(
      'n1',
      'server-0',
      'server',
      '    configuration: |-\n      hostname server-0\n      ifconfig eth0 192.168.1.10 netmask 255.255.255.0 up\n' +
        '      route add default gw 192.168.1.1\n',
    ).replace('label: port0', 'label: eth0');
    const lab = readCourseLab(cmlFile(router('n0', 'R1', R1) + server, link('l0', 'n0', 'i2', 'n1', 'i0')));
    const host = lab.nodes.find((n) => n.name === 'server-0')!;
    assert.equal(host.kind, 'host');
    assert.deepEqual(host.interfaces, { eth0: '192.168.1.10/24' });
    assert.equal(host.gateway, '192.168.1.1');
  });
});

describe('import: GNS3', () => {
  it('reads Dynamips and IOU routers with their startup-configs, a switch and a VPCS host', () => {
    const lab = readCourseLab(GNS3);
    assert.equal(lab.format, 'gns3');
    assert.deepEqual(
      lab.nodes.map((n) => [n.name, n.kind]),
      [
        ['Hub', 'dmvpn'],
        ['Spoke-1', 'dmvpn'],
        ['Switch1', 'switch'],
        ['PC1', 'host'],
      ],
    );
    assert.match(lab.nodes[0]!.config!.text, /^hostname Hub$/m);
    assert.match(lab.nodes[1]!.config!.text, /^hostname Spoke1$/m);
    assert.deepEqual(lab.nodes[3]!.interfaces, { eth0: '10.1.1.10/24' });
    assert.equal(lab.nodes[3]!.gateway, '10.1.1.1');
    assert.deepEqual(
      lab.links.map((l) => `${l.a.node}:${l.a.iface} ${l.b.node}:${l.b.iface}`),
      [
        'Hub:FastEthernet0/0 Switch1:Ethernet0',
        'Spoke-1:Ethernet0/0 Switch1:Ethernet1',
        'Spoke-1:Ethernet0/1 PC1:eth0',
      ],
    );
  });

  it('writes a topology that loads and reports the routers', () => {
    const out = tempDir('dmvpn-import-');
    const r = importCourseLab(GNS3, { out });
    assert.deepEqual(readdirSync(out).sort(), ['Hub.cfg', 'Spoke-1.cfg', 'dmvpn-small.clab.yml']);
    const t = loadTopology(r.topologyFile);
    assert.equal(t.nodes.find((n) => n.name === 'PC1')?.kind, 'host');
    assert.deepEqual(
      r.routers.map((x) => x.node),
      ['Hub', 'Spoke-1'],
    );
    const duplex = r.routers[0]!.lines.find((l) => l.text === 'duplex full');
    const cfg = readFileSync(join(out, 'Hub.cfg'), 'utf8').split('\n');
    assert.equal(duplex?.line, cfg.findIndex((l) => l.trim() === 'duplex full') + 1);
    assert.equal(duplex?.cosmetic, true);
  });

  it('refuses a cloud node', () => {
    const project = JSON.parse(readFileSync(GNS3, 'utf8')) as { topology: { nodes: Array<Record<string, unknown>> } };
    project.topology.nodes.push({ node_id: 'c1', name: 'Cloud1', node_type: 'cloud', ports: [] });
    const f = join(tempDir('dmvpn-gns3-'), 'p.gns3');
    writeFileSync(f, JSON.stringify(project));
    assert.match(refused(() => readCourseLab(f)).message, /node "Cloud1" \(c1\): node_type: cloud: .*never routes out/);
  });
});

describe('import: problems the topology checks find are named by node', () => {
  it('a host gateway off its subnet: exit 2, the node and field named', () => {
    const server = node(
      'n1',
      'server-0',
      'server',
      '    configuration: |-\n      ip address add 192.168.1.10/24 dev eth0\n      ip route add default via 10.9.9.9\n',
    ).replace('label: port0', 'label: eth0');
    const f = cmlFile(router('n0', 'R1', R1) + server, link('l0', 'n0', 'i2', 'n1', 'i0'));
    const out = join(tempDir('dmvpn-import-'), 'out');
    const e = refused(() => importCourseLab(f, { out }));
    assert.match(
      e.message,
      /node "server-0": gateway: gateway 10\.9\.9\.9 is not on a subnet of server-0's interfaces/,
    );
    assert.equal(existsSync(out), false, 'nothing written');
  });
});
