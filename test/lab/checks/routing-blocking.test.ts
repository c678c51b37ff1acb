import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CheckContext } from '../../../src/lab/checks/context.js';
import { routingBlockingProblems, type RoutingNeed } from '../../../src/lab/checks/routing-blocking.js';
import type { LabView } from '../../../src/lab/checks/view.js';
import { expectationBlocking } from '../../../src/lab/expect/blocking.js';
import type { Expectation } from '../../../src/lab/expect/model.js';
import { offlineViewOf } from '../../helpers/check-fixtures.js';

const EXERCISES = join(import.meta.dirname, '..', '..', '..', 'exercises');
type Edit = (router: string, text: string) => string;
const view = (id: string, edit?: Edit) => offlineViewOf(join(EXERCISES, id, 'lab.clab.yml'), edit);
const on =
  (router: string, edit: (t: string) => string): Edit =>
  (r, t) =>
    r === router ? edit(t) : t;
const both =
  (a: Edit, b: Edit): Edit =>
  (r, t) =>
    b(r, a(r, t));
const blocked = (v: LabView, need: RoutingNeed) => routingBlockingProblems(v, need).join('\n');

const hubAtLeast2: RoutingNeed = { kind: 'adjacency', protocol: 'ospf', on: 'hub', atLeast: 2 };
const s1LearnsS2: RoutingNeed = { kind: 'route', on: 'spoke1', prefix: '10.1.2.0', prefixLength: 24 };
const s2LearnsS1: RoutingNeed = { kind: 'route', on: 'spoke2', prefix: '10.1.1.0', prefixLength: 24 };
const host1ToHost2: RoutingNeed = { kind: 'reach', from: 'spoke1', to: '10.1.2.10', source: '10.1.1.10' };

describe('routingBlockingProblems: OSPF hello, dead and network type on the tunnel', () => {
  // p2-ospf's start: the hub point-to-multipoint (hello 30, dead 120), the spokes broadcast (10, 40)
  const start = view('p2-ospf');
  const broadcastHub = on('hub', (t) => t.replace('ip ospf network point-to-multipoint', 'ip ospf network broadcast'));

  it('names the mismatch and the show command for the adjacency, the route and the ping it keeps down', () => {
    const adj = blocked(start, hubAtLeast2);
    assert.match(adj, /at most 0 OSPF neighbors/);
    assert.match(adj, /hello interval mismatch: spoke1 10 s, hub 30 s/);
    assert.match(adj, /network type mismatch: spoke1 broadcast, hub point-to-multipoint/);
    assert.match(adj, /"show ip ospf interface Tunnel0" on both/);
    assert.match(blocked(start, s1LearnsS2), /spoke1 can never learn 10\.1\.2\.0\/24: .*spoke2–hub: hello interval/);
    assert.match(blocked(start, host1ToHost2), /spoke1 can never learn a route to 10\.1\.2\.10/);
  });
  it('finds nothing once the network types agree (OSPF is merely slow to elect a DR)', () => {
    const fixed = view('p2-ospf', broadcastHub);
    for (const n of [hubAtLeast2, s1LearnsS2, s2LearnsS1, host1ToHost2])
      assert.deepEqual(routingBlockingProblems(fixed, n), []);
  });
  it('a hello mismatch on one spoke cuts only what goes through that spoke', () => {
    const v = view(
      'p2-ospf',
      both(
        broadcastHub,
        on('spoke2', (t) =>
          t.replace(' ip ospf network broadcast', ' ip ospf network broadcast\n ip ospf hello-interval 5'),
        ),
      ),
    );
    assert.match(blocked(v, s1LearnsS2), /hello interval mismatch: spoke2 5 s, hub 10 s/);
    assert.match(
      blocked(v, { kind: 'adjacency', protocol: 'ospf', on: 'hub', with: '172.16.0.12' }),
      /hub–spoke2|spoke2–hub/,
    );
    assert.deepEqual(
      routingBlockingProblems(v, { kind: 'adjacency', protocol: 'ospf', on: 'hub', with: '172.16.0.11' }),
      [],
    );
    assert.deepEqual(routingBlockingProblems(v, { kind: 'adjacency', protocol: 'ospf', on: 'hub', atLeast: 1 }), []);
    assert.match(blocked(v, hubAtLeast2), /at most 1 OSPF neighbors/);
  });
});

describe('routingBlockingProblems: a hub without "ip nhrp map multicast dynamic"', () => {
  it('cuts every OSPF adjacency of the hub and the spokes’ routes to each other', () => {
    const v = view('ts-map-multicast');
    assert.match(
      blocked(v, hubAtLeast2),
      /hub's Tunnel0 has no "ip nhrp map multicast dynamic".*"show ip nhrp multicast" on hub/,
    );
    assert.match(blocked(v, host1ToHost2), /map multicast dynamic", so its multicast .* reaches no spoke/);
  });
  it('finds nothing with the map, nor with a static multicast map the lab cannot match to a spoke', () => {
    const dynamic = view(
      'ts-map-multicast',
      on('hub', (t) => t.replace(' ip nhrp holdtime 60', ' ip nhrp holdtime 60\n ip nhrp map multicast dynamic')),
    );
    const statics = view(
      'ts-map-multicast',
      on('hub', (t) => t.replace(' ip nhrp holdtime 60', ' ip nhrp holdtime 60\n ip nhrp map multicast 198.51.100.1')),
    );
    const needs: RoutingNeed[] = [hubAtLeast2, s1LearnsS2, host1ToHost2];
    for (const v of [dynamic, statics]) for (const n of needs) assert.deepEqual(routingBlockingProblems(v, n), []);
  });
  it('for RIP cuts only what the hub sends: the hub still learns the spokes’ LANs', () => {
    const v = view('ts-split-horizon', (r, t) =>
      r === 'hub'
        ? t
            .replace(' ip nhrp map multicast dynamic\n', '')
            .replace(' tunnel key 100', ' tunnel key 100\n no ip split-horizon')
        : t.replace(' passive-interface Tunnel0\n', ''),
    );
    assert.deepEqual(
      routingBlockingProblems(v, { kind: 'route', on: 'hub', prefix: '10.1.1.0', prefixLength: 24 }),
      [],
    );
    assert.match(blocked(v, s2LearnsS1), /map multicast dynamic", so its multicast .* reaches no spoke/);
  });
});

describe('routingBlockingProblems: split horizon on the hub (Phase 2 without a summary)', () => {
  const noSplitHorizon = on('hub', (t) => t.replace(' tunnel key 100', ' tunnel key 100\n no ip split-horizon'));
  const activeSpoke2 = on('spoke2', (t) => t.replace(' passive-interface Tunnel0\n', ''));

  it('RIP: the spokes never learn each other’s LANs, and a passive tunnel only stops what its router sends', () => {
    const v = view('ts-split-horizon', activeSpoke2);
    assert.match(blocked(v, s1LearnsS2), /split horizon is on on hub's Tunnel0.*"show ip interface Tunnel0" on hub/);
    assert.match(blocked(v, host1ToHost2), /split horizon/);
    const passive = view('ts-split-horizon', noSplitHorizon);
    assert.match(blocked(passive, s1LearnsS2), /Tunnel0 is a passive interface on spoke2/);
    assert.deepEqual(routingBlockingProblems(passive, s2LearnsS1), []);
  });
  it('RIP: names both faults of the ticket, and nothing once both are fixed', () => {
    assert.match(
      blocked(view('ts-split-horizon'), host1ToHost2),
      /passive interface on spoke2.*split horizon|split horizon.*passive/,
    );
    const fixed = view('ts-split-horizon', both(noSplitHorizon, activeSpoke2));
    for (const n of [s1LearnsS2, s2LearnsS1, host1ToHost2]) assert.deepEqual(routingBlockingProblems(fixed, n), []);
  });
  it('EIGRP: split horizon on cuts spoke-to-spoke routes, "no ip split-horizon eigrp" restores them', () => {
    assert.match(
      blocked(view('p2-eigrp'), s1LearnsS2),
      /no ip split-horizon eigrp 100.*show ip eigrp interfaces detail Tunnel0/,
    );
    const fixed = view(
      'p2-eigrp',
      on('hub', (t) => t.replace(' tunnel key 100', ' tunnel key 100\n no ip split-horizon eigrp 100')),
    );
    assert.deepEqual(routingBlockingProblems(fixed, s1LearnsS2), []);
    assert.deepEqual(routingBlockingProblems(fixed, host1ToHost2), []);
  });
  it('EIGRP: a hub summary still carries the ping though split horizon hides the spoke LAN itself', () => {
    const v = view(
      'p3-eigrp-summary',
      on('hub', (t) => t.replace('   no split-horizon\n', '   summary-address 10.1.0.0 255.255.0.0\n')),
    );
    assert.deepEqual(routingBlockingProblems(v, host1ToHost2), []);
    assert.match(blocked(v, s1LearnsS2), /split horizon/);
  });
});

describe('routingBlockingProblems: what passes between two hubs on a LAN of their own', () => {
  const lab = join(import.meta.dirname, '..', '..', '..', 'labs', 'dual-hub-eigrp', 'dual-hub-eigrp.clab.yml');
  const splitHorizon: Edit = (r, t) => (r.startsWith('hub') ? t.replace(' no ip split-horizon eigrp 100\n', '') : t);
  const backbone: Edit = (r, t) =>
    r.startsWith('hub')
      ? t.replace(
          'interface Tunnel0',
          `interface GigabitEthernet0/3\n ip address 10.255.0.${r.slice(3)} 255.255.255.0\n!\ninterface Tunnel0`,
        )
      : t;
  it('split horizon on the hubs’ tunnels cuts spoke to spoke, not what one hub hands the other on a LAN', () => {
    assert.match(blocked(offlineViewOf(lab, splitHorizon), s1LearnsS2), /split horizon is on on hub1's Tunnel0/);
    assert.deepEqual(routingBlockingProblems(offlineViewOf(lab, both(splitHorizon, backbone)), s1LearnsS2), []);
  });
});

describe('expectationBlocking: which assertions a routing mistake stops waiting for', () => {
  const ctx = { view: view('p2-ospf') } as CheckContext;
  const run = (e: object) =>
    expectationBlocking(ctx, { where: 'x:1:1', waitMs: 30_000, everyMs: 1000, title: 't', ...e } as Expectation);
  it('a route, an adjacency and a ping over the cut tunnel', () => {
    assert.notDeepEqual(
      run({ kind: 'route', nodes: ['spoke1'], spec: { route: '10.1.2.0/24', on: 'spoke1', via: 'spoke2', code: 'O' } }),
      [],
    );
    assert.notDeepEqual(
      run({ kind: 'adjacency', nodes: ['hub'], spec: { adjacency: 'ospf', on: 'hub', atLeast: 2 } }),
      [],
    );
    assert.notDeepEqual(run({ kind: 'ping', nodes: ['host1'], spec: { ping: 'host2', from: 'host1' } }), []);
  });
  it('never a show or an NHRP assertion, nor a route of another protocol (they may hold without OSPF)', () => {
    assert.deepEqual(
      run({ kind: 'show', nodes: ['hub'], spec: { node: 'hub', show: 'show ip ospf interface' }, steps: [] }),
      [],
    );
    assert.deepEqual(run({ kind: 'nhrp', nodes: ['spoke1'], spec: { nhrp: 'spoke2', on: 'spoke1' } }), []);
    assert.deepEqual(
      run({ kind: 'route', nodes: ['spoke1'], spec: { route: '10.1.2.0/24', on: 'spoke1', code: 'S' } }),
      [],
    );
  });
});
