/**
 * The lab families a DMVPN course presents, round-tripped through `export --format cml` and `import`:
 * IPv6 over IPv4 (hosts keep their IPv6 addresses and gateways), multicast with PIM, per-spoke QoS and
 * dual cloud with IPsec. Each re-imported lab is checked, one after the other, with only the checks its
 * configs imply for that family; every one of them must run and pass.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { cmlExport } from '../../../src/lab/export/cml.js';
import { readHostAddressing } from '../../../src/lab/import/host-config.js';
import { importCourseLab, readCourseLab } from '../../../src/lab/import/index.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { copyLab, isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

it('host boot lines give IPv6 addresses and the IPv6 gateway (ip -6, ifconfig inet6, route -A inet6, VPCS)', () => {
  const linux = readHostAddressing(
    [
      'ip address add 10.1.1.10/24 dev eth1',
      'ip -6 address add 2001:db8:1:1::10/64 dev eth1',
      'ifconfig eth2 inet6 add 2001:db8:9::2/64',
      'route -A inet6 add default gw 2001:db8:1:1::1',
    ].join('\n'),
  );
  assert.deepEqual(linux, {
    interfaces: { eth1: '10.1.1.10/24' },
    ipv6: { eth1: '2001:db8:1:1::10/64', eth2: '2001:db8:9::2/64' },
    ipv6Gateway: '2001:db8:1:1::1',
  });
  const vpcs = readHostAddressing('ip 10.1.2.10/24 10.1.2.1\nip 2001:db8:1:2::10/64\n', 'e0');
  assert.deepEqual(vpcs.ipv6, { e0: '2001:db8:1:2::10/64' });
  assert.equal(readHostAddressing('ip -6 route add default via 2001:db8::1\n').ipv6Gateway, '2001:db8::1');
});

it('labs/ipv6-phase3 exported to CML and imported back: hosts keep their IPv6 addresses and gateways', () => {
  const src = 'labs/ipv6-phase3/ipv6-phase3.clab.yml';
  const file = join(tempDir('dmvpn-cml-families-'), 'ipv6-phase3.yaml');
  writeFileSync(file, cmlExport(src));
  const back = readCourseLab(file);
  for (const n of loadTopology(src).nodes.filter((x) => x.kind === 'host')) {
    const b = back.nodes.find((x) => x.name === n.name)!;
    assert.deepEqual(
      { interfaces: b.interfaces, gateway: b.gateway, ipv6: b.ipv6, ipv6Gateway: b.ipv6Gateway },
      { interfaces: n.interfaces, gateway: n.gateway, ipv6: n.ipv6, ipv6Gateway: n.ipv6Gateway },
    );
    assert.ok(n.ipv6 && Object.keys(n.ipv6).length > 0, `${n.name} has an IPv6 address in the shipped lab`);
  }
});

it('the four labs and an EIGRP add-paths hub import from CML with no configuration line reported', () => {
  // The EIGRP Phase 3 hub in named mode with add-paths, as a course lab on multiple paths presents it.
  const eigrp = copyLab('eigrp-phase3', {
    'hub.cfg': (t) => t.replace('   no split-horizon\n', '   no split-horizon\n   no next-hop-self\n   add-paths 4\n'),
  });
  assert.match(readFileSync(join(eigrp, '..', 'hub.cfg'), 'utf8'), /^ {3}add-paths 4$/m);
  const labs = [
    ...['ipv6-phase3', 'multicast', 'qos', 'dual-cloud-ipsec'].map((l) => `labs/${l}/${l}.clab.yml`),
    eigrp,
  ];
  for (const src of labs) {
    const dir = tempDir('dmvpn-cml-families-');
    const file = join(dir, 'lab.yaml');
    writeFileSync(file, cmlExport(src));
    const report = importCourseLab(file, { out: join(dir, 'out') });
    const lines = report.routers.flatMap((r) =>
      r.lines.filter((l) => !l.cosmetic).map((l) => `${r.node}:${l.line} ${l.text} (${l.reason})`),
    );
    // anything reported is a gap in the import (`ipv6 mtu` on the IPv6 lab's tunnels included)
    assert.deepEqual(lines, [], src);
  }
});

const labSkip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

/** Each family: the shipped lab, the checks its configs imply, and results that must be among the passes. */
const FAMILIES: Array<{ lab: string; only: string[]; want: string[] }> = [
  {
    lab: 'ipv6-phase3',
    only: ['registration', 'phase', 'reachability'],
    want: [
      'registration spoke1>hub over IPv6',
      'registration spoke2>hub over IPv6',
      'phase spoke1>spoke2 [Phase 3]',
      'phase spoke1>spoke2 [IPv6 Phase 3]',
      'reachability host1>host2 over IPv6',
    ],
  },
  {
    lab: 'multicast',
    only: ['registration', 'multicast'],
    want: ['registration spoke3>hub', 'multicast host1>host2', 'multicast host1>host3', 'multicast hub'],
  },
  {
    lab: 'qos',
    only: ['registration', 'phase', 'qos'],
    want: [
      'phase spoke1>spoke2 [Phase 2]',
      'qos hub>spoke1 [spoke1 group GROUP-1M]',
      'qos hub>spoke2 [spoke2 group GROUP-5M]',
    ],
  },
  {
    lab: 'dual-cloud-ipsec',
    only: ['registration', 'ipsec'],
    want: [
      'registration spoke1>hub1',
      'registration spoke1>hub2',
      'registration spoke2>hub2',
      'ipsec spoke1>hub2',
      'ipsec spoke2>hub2',
    ],
  },
];

it('IPv6, multicast, QoS and dual-cloud labs exported to CML pass their checks when imported back', {
  skip: labSkip,
}, async (t) => {
  for (const f of FAMILIES) {
    const dir = tempDir('dmvpn-cml-families-');
    const file = join(dir, `${f.lab}.yaml`);
    writeFileSync(file, cmlExport(`labs/${f.lab}/${f.lab}.clab.yml`));
    const name = uniqueName('cmlfam');
    const t0 = Date.now();
    const report = await runChecks(file, { name, only: f.only });
    t.diagnostic(`${f.lab}: check --only ${f.only.join(',')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const failed = report.results.filter((r) => r.status !== 'pass').map((r) => `${r.name} ${r.nodes}: ${r.reason}`);
    assert.deepEqual(failed, [], f.lab);
    const passed = report.results.map(
      (r) =>
        `${r.name} ${r.nodes.join('>')}${r.step ? ` [${r.step}]` : ''}${/over IPv6/.test(r.reason) ? ' over IPv6' : ''}`,
    );
    for (const want of f.want) assert.ok(passed.includes(want), `${f.lab}: ${want} in ${passed.join(', ')}`);
    assert.deepEqual(await leftovers(name, join(dir, `clab-${name}`)), { namespaces: [], rules: [], processes: [] });
  }
});
