/**
 * check --explain on the imported CML Phase 2 lab: registrations from the spokes' nhs/map lines,
 * mGRE for the phase, nothing for adjacency, failover or ipsec; each cited file:line holds the line.
 * A second NHS, a routing process, redirect/shortcut and tunnel protection are inferred too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { explainConfigs, explainText } from '../../../src/lab/checks/explain.js';
import { explainInputs } from '../../../src/lab/checks/explain-inputs.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';

it('the Phase 2 course lab: what is inferred, from which line of the CML file', { skip: CML_SKIP }, () => {
  const file = join(CML_DIR, 'dmvpn-phase-2-final.yaml');
  const inf = explainConfigs(explainInputs(file));
  const yaml = readFileSync(file, 'utf8').split('\n');
  for (const x of inf) {
    assert.equal(x.file, 'dmvpn-phase-2-final.yaml');
    assert.equal(yaml[x.line - 1]?.trim(), x.text, `${x.file}:${x.line}`);
  }
  const of = (topic: string) => inf.filter((x) => x.topic === topic).map((x) => `${x.node} ${x.text}`);
  assert.deepEqual(of('registration'), [
    'Spoke1 ip nhrp map 172.16.123.1 192.168.123.1',
    'Spoke1 ip nhrp nhs 172.16.123.1',
    'Spoke2 ip nhrp map 172.16.123.1 192.168.123.1',
    'Spoke2 ip nhrp nhs 172.16.123.1',
  ]);
  assert.deepEqual(of('phase'), [
    'Hub tunnel mode gre multipoint',
    'Spoke1 tunnel mode gre multipoint',
    'Spoke2 tunnel mode gre multipoint',
  ]);
  assert.deepEqual([...of('adjacency'), ...of('failover'), ...of('ipsec')], []);
  const text = explainText(inf);
  assert.match(text, /Spoke1 +dmvpn-phase-2-final\.yaml:\d+ +ip nhrp nhs 172\.16\.123\.1 +→ Spoke1 registers/);
  assert.match(text, /failover: nothing inferred/);
});

it('a second NHS, a routing process, redirect, shortcut and tunnel protection', () => {
  const text = [
    'hostname S1',
    'interface Tunnel0',
    ' ip nhrp nhs 10.0.0.1 nbma 192.0.2.1 multicast',
    ' ip nhrp nhs 10.0.0.2 nbma 192.0.2.2 multicast',
    ' ip nhrp shortcut',
    ' ip nhrp redirect',
    ' tunnel protection ipsec profile P',
    'router eigrp 1',
    ' network 10.0.0.0 0.0.0.255',
    'router bgp 65001',
    ' neighbor 10.0.0.1 remote-as 65000',
  ].join('\n');
  const inf = explainConfigs([{ node: 'S1', file: 'S1.cfg', text }]);
  assert.deepEqual(
    inf.map((x) => `${x.topic} ${x.line}`),
    [
      'registration 3',
      'registration 4',
      'failover 4',
      'phase 5',
      'phase 6',
      'ipsec 7',
      'adjacency 8',
      'adjacency 9',
      'adjacency 10',
      'adjacency 11',
    ],
  );
});

it('IPv6 NHS and shortcut, PIM, NHRP groups and their policies, add-paths; one NHS per cloud is no failover', () => {
  const hub = [
    'hostname H',
    'ip multicast-routing',
    'interface Tunnel0',
    ' ip pim sparse-mode',
    ' ip nhrp map group G1 service-policy output SHAPE-1M',
    ' ipv6 nhrp redirect',
    'ip pim rp-address 172.16.0.1',
    'router eigrp DMVPN',
    ' address-family ipv4 unicast autonomous-system 100',
    '  af-interface Tunnel0',
    '   add-paths 4',
  ].join('\n');
  const spoke = [
    'hostname S',
    'interface Tunnel0',
    ' ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast',
    ' ip nhrp group G1',
    ' ipv6 nhrp nhs 2001:db8:0:100::1 nbma 192.0.2.1 multicast',
    ' ipv6 nhrp shortcut',
    'interface Tunnel1',
    ' ip nhrp nhs 172.16.1.1 nbma 192.0.2.129 multicast',
  ].join('\n');
  const inf = explainConfigs([
    { node: 'H', file: 'H.cfg', text: hub },
    { node: 'S', file: 'S.cfg', text: spoke },
  ]);
  const of = (topic: string) => inf.filter((x) => x.topic === topic).map((x) => `${x.node}:${x.line}`);
  assert.deepEqual(of('multicast'), ['H:2', 'H:4', 'H:7']);
  assert.deepEqual(of('qos'), ['H:5', 'S:4']);
  assert.deepEqual(of('registration'), ['S:3', 'S:5', 'S:8']);
  assert.deepEqual(of('phase'), ['H:6', 'S:6']);
  assert.deepEqual(of('adjacency'), ['H:8', 'H:11']);
  assert.deepEqual(of('failover'), [], 'one NHS on each of two tunnels is dual cloud, not a backup NHS');
  const text = explainText(inf);
  assert.match(text, /S +S\.cfg:5 +ipv6 nhrp nhs 2001:db8:0:100::1 .*→ S registers over IPv6 with the NHS/);
  assert.match(text, /multicast:\n +H +H\.cfg:2 +ip multicast-routing/);
  assert.match(text, /H +H\.cfg:5 .*→ spokes of group G1 are shaped by SHAPE-1M/);
});
