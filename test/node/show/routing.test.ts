/**
 * Routing protocol shows from FRR's vtysh JSON (captured from ospfd/bgpd 8.4 in the hub of the
 * routing lab: test/fixtures/frr/vtysh-hub.json): IOS JSON validated by the schemas, IOS text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderShow } from '../../../src/node/show/index.js';
import type { ShowState } from '../../../src/node/show/state.js';

const raw = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'frr', 'vtysh-hub.json'), 'utf8'),
);
const config = parseConfig(`hostname hub
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip ospf network point-to-multipoint
router ospf 1
 router-id 1.1.1.1
 network 172.16.0.0 0.0.0.255 area 0
router bgp 65000
 bgp listen range 172.16.0.0/24 peer-group SPOKES
 neighbor SPOKES peer-group
 neighbor SPOKES remote-as 65000
`).config;
const state = (frr = true): ShowState => ({
  config,
  interfaces: [],
  routes: [],
  now: 0,
  uptimeSec: 1,
  ...(frr ? { frr: { daemons: ['zebra', 'ospfd', 'bgpd'], ...raw } } : {}),
});
const json = (cmd: string, st = state()): any => {
  const r = renderShow(`${cmd} json`, st);
  assert.ok('json' in r, cmd);
  const v = schemaFor(cmd)!.safeParse(r.json);
  assert.ok(v.success, `${cmd}: ${JSON.stringify(v.error?.issues)}`);
  return r.json;
};
const text = (cmd: string): string => {
  const r = renderShow(cmd, state());
  assert.ok('text' in r, cmd);
  return r.text;
};

test('show ip ospf neighbor: both spokes FULL, IOS interface names', () => {
  const j = json('show ip ospf neighbor');
  assert.deepEqual(
    j.neighbors.map((n: any) => [n.neighborId, n.priority, n.state, n.address, n.interface]),
    [
      ['2.2.2.2', 0, 'FULL/  -', '172.16.0.2', 'Tunnel0'],
      ['3.3.3.3', 0, 'FULL/  -', '172.16.0.3', 'Tunnel0'],
    ],
  );
  // point-to-multipoint elects no DR: IOS prints FULL/  -
  assert.match(text('show ip ospf neighbor'), /^2\.2\.2\.2 +0 +FULL\/ {2}- +00:00:0\d +172\.16\.0\.2 +Tunnel0$/m);
});

test('show ip ospf interface [brief]: point-to-multipoint, area 0, 2/2 neighbors', () => {
  const j = json('show ip ospf interface brief');
  assert.deepEqual(
    j.interfaces.map((i: any) => [i.name, i.area, i.address, i.state, i.networkType, i.neighbors, i.adjacent]),
    [['Tunnel0', '0', '172.16.0.1/24', 'P2MP', 'POINT_TO_MULTIPOINT', 2, 2]],
  );
  assert.match(text('show ip ospf interface brief'), /^Tu0 +1 +0 +172\.16\.0\.1\/24 +10 +P2MP +2\/2$/m);
  assert.match(text('show ip ospf interface'), /Network Type POINT_TO_MULTIPOINT, Cost: 10/);
});

test('show ip bgp summary and show ip bgp', () => {
  const s = json('show ip bgp summary');
  assert.equal(s.asn, 65000);
  assert.deepEqual(
    s.peers.map((p: any) => [p.neighbor, p.dynamic, p.state, p.prefixesReceived]),
    [
      ['172.16.0.2', true, 'Established', 1],
      ['172.16.0.3', true, 'Established', 1],
    ],
  );
  assert.match(text('show ip bgp summary'), /^\*172\.16\.0\.2 +4 +65000 .* 1$/m);
  const b = json('show ip bgp');
  assert.deepEqual(
    b.routes.map((r: any) => [r.network, r.nextHop, r.internal, r.best]),
    [
      ['10.1.0.0/24', '0.0.0.0', false, true],
      ['10.2.0.0/24', '172.16.0.3', true, true],
    ],
  );
  assert.match(text('show ip bgp'), /^ \*>i {2}10\.2\.0\.0\/24 +172\.16\.0\.3 /m);
});

test('show ip protocols from the config; empty answers without FRR', () => {
  const p = json('show ip protocols');
  assert.deepEqual(
    p.protocols.map((x: any) => [x.name, x.running]),
    [
      ['ospf 1', true],
      ['bgp 65000', true],
    ],
  );
  assert.match(text('show ip protocols'), /Routing Protocol is "ospf 1"\n {2}Router ID 1\.1\.1\.1/);
  assert.deepEqual(json('show ip ospf neighbor', state(false)), { neighbors: [] });
  assert.deepEqual(json('show ip bgp summary', state(false)).peers, []);
  assert.equal(json('show ip protocols', state(false)).protocols[0].running, false);
});

test('show ip bgp: an aggregate of this router at 0.0.0.0, its summary-only parts marked s', () => {
  const bgp = {
    routerId: '1.1.1.1',
    routes: {
      '10.1.0.0/16': [
        {
          valid: true,
          bestpath: true,
          pathFrom: 'external',
          origin: 'IGP',
          weight: 32768,
          path: '',
          nexthops: [{ ip: '::' }],
        },
      ],
      '10.1.1.0/24': [
        {
          valid: true,
          bestpath: true,
          suppressed: true,
          pathFrom: 'internal',
          origin: 'IGP',
          metric: 0,
          locPrf: 100,
          weight: 0,
          path: '',
          nexthops: [{ ip: '172.16.0.11' }],
        },
      ],
    },
  };
  const st: ShowState = { ...state(), frr: { daemons: ['zebra', 'bgpd'], ...raw, bgp } };
  const b = json('show ip bgp', st);
  assert.deepEqual(
    b.routes.map((r: any) => [r.network, r.nextHop, r.suppressed]),
    [
      ['10.1.0.0/16', '0.0.0.0', false],
      ['10.1.1.0/24', '172.16.0.11', true],
    ],
  );
  const t = renderShow('show ip bgp', st);
  assert.ok('text' in t);
  assert.match(t.text, /^ \*> {3}10\.1\.0\.0\/16 +0\.0\.0\.0 /m);
  assert.match(t.text, /^ s>i {2}10\.1\.1\.0\/24 +172\.16\.0\.11 /m);
});

test('show bgp ipv6 unicast [summary] from bgpd ipv6 unicast JSON', () => {
  const peer = { remoteAs: 65000, state: 'Established', pfxRcd: 1, peerUptime: '00:01:02', dynamicPeer: true };
  const frr = {
    daemons: ['zebra', 'bgpd'],
    bgpSummary: { routerId: '1.1.1.1', as: 65000, peers: { '2001:db8:0:100::11': peer } },
    bgp: {
      routerId: '1.1.1.1',
      routes: {
        '2001:db8:0:1::/64': [
          {
            valid: true,
            bestpath: true,
            pathFrom: 'internal',
            origin: 'IGP',
            nexthops: [{ ip: '2001:db8:0:100::11' }],
          },
        ],
      },
    },
  };
  const st: ShowState = { ...state(false), frr };
  const s = json('show bgp ipv6 unicast summary', st);
  assert.equal(s.asn, 65000);
  assert.deepEqual(
    s.peers.map((p: any) => [p.neighbor, p.state, p.prefixesReceived]),
    [['2001:db8:0:100::11', 'Established', 1]],
  );
  const sum = renderShow('show bgp ipv6 unicast summary', st);
  assert.ok('text' in sum);
  assert.match(sum.text, /^\*2001:db8:0:100::11 4 +65000 .* 1$/m);
  // the IPv4 summary does not read the IPv6 family
  assert.deepEqual(json('show ip bgp summary', st).peers, []);
  const b = json('show bgp ipv6 unicast', st);
  assert.deepEqual(
    b.routes.map((r: any) => [r.network, r.nextHop, r.internal]),
    [['2001:db8:0:1::/64', '2001:db8:0:100::11', true]],
  );
});
