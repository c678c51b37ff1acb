import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { learnedPaths } from '../../../src/lab/checks/failover-routes.js';
import { planChecks } from '../../../src/lab/checks/registry.js';
import { expectedAdjacencies, type ExpectedAdjacency } from '../../../src/lab/checks/routing-adjacency.js';
import { judgeAdjacency, judgeRoutes } from '../../../src/lab/checks/routing-judge.js';
import { routingMessage } from '../../../src/lab/checks/routing-packets.js';
import { expectedRoutes, type ExpectedRoutes } from '../../../src/lab/checks/routing-prefixes.js';
import { routingBudgetMs } from '../../../src/lab/checks/routing.js';
import type { RouteRow } from '../../../src/lab/checks/routers.js';
import type { LabView } from '../../../src/lab/checks/view.js';
import { offlineView } from '../../helpers/check-fixtures.js';

/** `router: text` edits of one router's startup-config, by regular expression. */
function edited(lab: string, edits: Array<[string, RegExp, string]>): LabView {
  return offlineView(lab, (router, text) =>
    edits.filter(([r]) => r === router).reduce((t, [, from, to]) => t.replace(from, to), text),
  );
}

const pairs = (adj: ExpectedAdjacency[]) =>
  adj.map((a) => `${a.protocol} ${a.a.name}-${a.b.name} ${a.state} ${a.addressOfA}/${a.addressOfB}`);
const blockers = (adj: ExpectedAdjacency[]) => adj.flatMap((a) => a.blockers);

/** receiver←origin: prefix via next hops, for every expectation that has prefixes. */
function learned(view: LabView): string[] {
  const routes = expectedRoutes(view, expectedAdjacencies(view));
  return routes.flatMap((e) =>
    e.skip
      ? [`${e.receiver.name}<-${e.origin.name} skip: ${e.skip}`]
      : e.prefixes.map(
          (x) =>
            `${e.receiver.name}<-${e.origin.name} ${x.prefix.address}/${x.prefix.prefixLength} via ${
              x.nextHops === 'any' ? 'any' : x.nextHops.join('|')
            }`,
        ),
  );
}

describe('routing check: adjacencies the configs imply', () => {
  it('OSPF point-to-multipoint (ospf-phase3): each spoke FULL with the hub; spoke LANs via the hub', () => {
    const v = offlineView('ospf-phase3');
    const adj = expectedAdjacencies(v);
    assert.deepEqual(pairs(adj), [
      'ospf spoke1-hub FULL 172.16.0.11/172.16.0.1',
      'ospf spoke2-hub FULL 172.16.0.12/172.16.0.1',
    ]);
    assert.deepEqual(blockers(adj), []);
    assert.deepEqual(learned(v), [
      'hub<-spoke1 10.1.1.0/24 via 172.16.0.11',
      'hub<-spoke2 10.1.2.0/24 via 172.16.0.12',
      'spoke1<-spoke2 10.1.2.0/24 via 172.16.0.1',
      'spoke2<-spoke1 10.1.1.0/24 via 172.16.0.1',
    ]);
  });

  it('OSPF broadcast: the hub is DR, spokes with priority 0 are FULL with it; the next hop is the other spoke', () => {
    const bcast: Array<[string, RegExp, string]> = ['hub', 'spoke1', 'spoke2'].map((r) => [
      r,
      / ip ospf network point-to-multipoint\n/,
      r === 'hub' ? ' ip ospf network broadcast\n' : ' ip ospf network broadcast\n ip ospf priority 0\n',
    ]);
    const v = edited('ospf-phase3', bcast);
    const adj = expectedAdjacencies(v);
    assert.deepEqual(
      adj.map((a) => a.state),
      ['FULL', 'FULL'],
    );
    assert.deepEqual(blockers(adj), []);
    assert.ok(learned(v).includes('spoke1<-spoke2 10.1.2.0/24 via 172.16.0.12'));
    const noDr = edited('ospf-phase3', [
      ...bcast,
      ['hub', / ip ospf network broadcast\n/, ' ip ospf network broadcast\n ip ospf priority 0\n'],
    ]);
    assert.match(
      blockers(expectedAdjacencies(noDr))[0]!,
      /no DR possible: spoke1 and hub both have "ip ospf priority 0"/,
    );
  });

  it('OSPF mistakes name the reason: area, hello, network type, passive tunnel, network statement', () => {
    const area = expectedAdjacencies(
      edited('ospf-phase3', [['spoke1', /network 172.16.0.0 0.0.0.255 area 0/, 'network 172.16.0.0 0.0.0.255 area 1']]),
    );
    assert.deepEqual(blockers(area), ['area mismatch: spoke1 has Tunnel0 in area 1, hub in area 0']);
    const hello = blockers(
      expectedAdjacencies(edited('ospf-phase3', [['spoke2', /ip ospf hello-interval 5/, 'ip ospf hello-interval 10']])),
    );
    assert.match(hello[0]!, /^hello interval mismatch: spoke2 10 s, hub 5 s/);
    assert.match(hello[1]!, /^dead interval mismatch: spoke2 40 s, hub 20 s/);
    const type = blockers(
      expectedAdjacencies(
        edited('ospf-phase3', [['spoke1', /ip ospf network point-to-multipoint/, 'ip ospf network broadcast']]),
      ),
    );
    assert.ok(type.some((b) => b.startsWith('network type mismatch: spoke1 broadcast, hub point-to-multipoint')));
    const passive = blockers(
      expectedAdjacencies(
        edited('ospf-phase3', [['hub', /router-id 1.1.1.1/, 'router-id 1.1.1.1\n passive-interface Tunnel0']]),
      ),
    );
    assert.deepEqual(passive, ['Tunnel0 is a passive interface on hub', 'Tunnel0 is a passive interface on hub']);
    const uncovered = blockers(
      expectedAdjacencies(
        edited('ospf-phase3', [
          ['spoke2', /network 172.16.0.0 0.0.0.255 area 0/, 'network 172.17.0.0 0.0.0.255 area 0'],
        ]),
      ),
    );
    assert.deepEqual(uncovered, ["no network statement of spoke2's router ospf covers Tunnel0 (172.16.0.12)"]);
    // no adjacency, no routes through it: spoke1 no longer learns spoke2's LAN
    const v = edited('ospf-phase3', [
      ['spoke2', /network 172.16.0.0 0.0.0.255 area 0/, 'network 172.17.0.0 0.0.0.255 area 0'],
    ]);
    assert.ok(learned(v).includes('spoke1<-spoke2 skip: no working OSPF adjacency path from spoke1 to spoke2'));
  });

  it('BGP (bgp-phase2): spokes Established with the hub via its listen range; reflected routes keep the spoke next hop', () => {
    const v = offlineView('bgp-phase2');
    const adj = expectedAdjacencies(v);
    assert.deepEqual(pairs(adj), [
      'bgp spoke1-hub Established 172.16.0.11/172.16.0.1',
      'bgp spoke2-hub Established 172.16.0.12/172.16.0.1',
    ]);
    assert.deepEqual(blockers(adj), []);
    assert.deepEqual(learned(v), [
      'hub<-spoke1 10.1.1.0/24 via 172.16.0.11',
      'hub<-spoke2 10.1.2.0/24 via 172.16.0.12',
      'spoke1<-spoke2 10.1.2.0/24 via 172.16.0.12',
      'spoke2<-spoke1 10.1.1.0/24 via 172.16.0.11',
    ]);
  });

  it('BGP mistakes: AS mismatch, no listen range, a hub that does not reflect', () => {
    const as = blockers(
      expectedAdjacencies(
        edited('bgp-phase2', [
          ['spoke1', /neighbor 172.16.0.1 remote-as 65000/, 'neighbor 172.16.0.1 remote-as 65001'],
        ]),
      ),
    );
    assert.deepEqual(as, ['AS mismatch: spoke1 expects hub (172.16.0.1) in AS 65001, hub is AS 65000']);
    const range = blockers(
      expectedAdjacencies(
        edited('bgp-phase2', [['hub', /bgp listen range 172.16.0.0\/24/, 'bgp listen range 172.16.9.0/24']]),
      ),
    );
    assert.deepEqual(range, [
      'hub has no "neighbor 172.16.0.11" and no "bgp listen range" covering it',
      'hub has no "neighbor 172.16.0.12" and no "bgp listen range" covering it',
    ]);
    const noRr = edited('bgp-phase2', [['hub', / neighbor SPOKES route-reflector-client\n/, '']]);
    assert.ok(learned(noRr).includes('spoke1<-spoke2 skip: iBGP: hub does not reflect (no "route-reflector-client")'));
  });

  it('EIGRP (eigrp-phase2): spokes up with the hub; no next-hop-self keeps the spoke next hop; split horizon stops it', () => {
    const v = offlineView('eigrp-phase2');
    assert.deepEqual(pairs(expectedAdjacencies(v)), [
      'eigrp spoke1-hub up 172.16.0.11/172.16.0.1',
      'eigrp spoke2-hub up 172.16.0.12/172.16.0.1',
    ]);
    assert.ok(learned(v).includes('spoke1<-spoke2 10.1.2.0/24 via 172.16.0.12'));
    const nhs = edited('eigrp-phase2', [['hub', / no ip next-hop-self eigrp 100\n/, '']]);
    assert.ok(learned(nhs).includes('spoke1<-spoke2 10.1.2.0/24 via 172.16.0.1'));
    const sh = edited('eigrp-phase2', [['hub', / no ip split-horizon eigrp 100\n/, '']]);
    assert.ok(learned(sh).includes("spoke1<-spoke2 skip: split horizon is on on hub's Tunnel0"));
    const as = edited('eigrp-phase2', [['spoke2', /router eigrp 100/, 'router eigrp 200']]);
    assert.ok(blockers(expectedAdjacencies(as)).includes('AS mismatch: spoke2 runs EIGRP AS 200, hub AS 100'));
  });

  it('RIP: updates both ways with the hub; no ip split-horizon on the hub lets spokes learn each other', () => {
    const rip = (router: string, sh: boolean): Array<[string, RegExp, string]> => [
      [
        router,
        /router ospf 1\n(?: .*\n)*/,
        'router rip\n version 2\n network 172.16.0.0\n network 10.0.0.0\n no auto-summary\n',
      ],
      [router, / ip ospf network point-to-multipoint\n/, sh ? '' : ' no ip split-horizon\n'],
    ];
    const v = edited('ospf-phase3', [...rip('hub', false), ...rip('spoke1', true), ...rip('spoke2', true)]);
    assert.deepEqual(pairs(expectedAdjacencies(v)), [
      'rip spoke1-hub updates 172.16.0.11/172.16.0.1',
      'rip spoke2-hub updates 172.16.0.12/172.16.0.1',
    ]);
    assert.ok(learned(v).includes('spoke1<-spoke2 10.1.2.0/24 via 172.16.0.1|172.16.0.12'));
    const sh = edited('ospf-phase3', [...rip('hub', true), ...rip('spoke1', true), ...rip('spoke2', true)]);
    assert.ok(learned(sh).includes("spoke1<-spoke2 skip: split horizon is on on hub's Tunnel0"));
    const v1 = edited('ospf-phase3', [
      ...rip('hub', false),
      ...rip('spoke1', true),
      ...rip('spoke2', true),
      ['spoke2', /version 2/, 'version 1'],
    ]);
    assert.ok(blockers(expectedAdjacencies(v1)).includes('version mismatch: spoke2 RIPv1, hub RIPv2 ("version")'));
  });

  it('applies only where a router configures a routing protocol; budgets from the timers', () => {
    const skip = (lab: string) => planChecks(offlineView(lab)).find((c) => c.check.name === 'routing')!.skip;
    assert.equal(skip('phase2'), 'no routing protocol configured (router ospf|bgp|eigrp|rip)');
    assert.equal(skip('ospf-phase3'), undefined);
    assert.equal(routingBudgetMs(offlineView('ospf-phase3')), 40_000);
    assert.equal(routingBudgetMs(offlineView('bgp-phase2')), 90_000);
  });
});

describe('routing check: judging what routers show', () => {
  const v = offlineView('ospf-phase3');
  const adj = expectedAdjacencies(v);
  const row = (prefix: string, len: number, code: string, nextHop: string): RouteRow => ({
    prefix,
    prefixLength: len,
    code,
    nextHop,
    interface: 'Tunnel0',
    distance: 110,
  });

  it('an adjacency passes only when both sides show the expected state', () => {
    const a = adj[0]!;
    assert.deepEqual(
      judgeAdjacency(
        a,
        [{ address: '172.16.0.1', state: 'FULL/  -' }],
        [{ address: '172.16.0.11', state: 'FULL/  -' }],
      ),
      {
        ok: true,
        atA: 'FULL',
        atB: 'FULL',
      },
    );
    assert.equal(judgeAdjacency(a, [{ address: '172.16.0.1', state: 'INIT/  -' }], []).ok, false);
  });

  it('a prefix needs the protocol and an accepted next hop; a hub summary covering it is accepted', () => {
    const e = expectedRoutes(v, adj).find((x) => x.receiver.name === 'spoke1' && x.origin.name === 'spoke2')!;
    assert.deepEqual(judgeRoutes(e, [row('10.1.2.0', 24, 'O', '172.16.0.1')]), [
      { prefix: '10.1.2.0/24', routes: [row('10.1.2.0', 24, 'O', '172.16.0.1')] },
    ]);
    const wrong = judgeRoutes(e, [row('10.1.2.0', 24, 'O', '172.16.0.12')])[0]!;
    assert.match(wrong.problem!, /10.1.2.0\/24 via 172.16.0.12 \(O\): expected via 172.16.0.1 \(via hub hub\)/);
    const ecmp = [row('10.1.2.0', 24, 'O', '172.16.0.12'), row('10.1.2.0', 24, 'O', '172.16.0.1')];
    assert.equal(judgeRoutes(e, ecmp)[0]!.problem, undefined, 'equal-cost paths, one via the expected hop');
    const statik = judgeRoutes(e, [row('10.1.2.0', 24, 'S', '172.16.0.1')])[0]!;
    assert.match(
      statik.problem!,
      /10.1.2.0\/24 not learned by OSPF \(the table has 10.1.2.0\/24 via 172.16.0.1 \(S\)\)/,
    );
    const summary: ExpectedRoutes = {
      ...e,
      prefixes: e.prefixes.map((x) => ({
        ...x,
        covering: [{ address: '10.0.0.0', prefixLength: 8, nextHops: ['172.16.0.1'] }],
      })),
    };
    assert.equal(judgeRoutes(summary, [row('10.0.0.0', 8, 'O IA', '172.16.0.1')])[0]!.problem, undefined);
    assert.ok(judgeRoutes(summary, [row('10.0.0.0', 8, 'O', '172.16.0.12')])[0]!.problem);
  });

  it('failover reads the longest learned routes toward a LAN (ECMP paths kept, static and NHRP routes not)', () => {
    const r = (prefix: string, len: number, protocol: string, nextHop: string): RouteRow => ({
      ...row(prefix, len, 'O', nextHop),
      protocol,
    });
    const table = [
      r('10.0.0.0', 8, 'ospf', '172.16.0.2'),
      r('10.1.2.0', 24, 'ospf', '172.16.0.1'),
      r('10.1.2.0', 24, 'ospf', '172.16.0.2'),
      r('10.1.2.0', 25, 'nhrp', '172.16.0.12'),
      r('10.1.2.0', 26, 'static', '172.16.0.1'),
    ];
    assert.deepEqual(
      learnedPaths(table, '10.1.2.10').map((x) => x.nextHop),
      ['172.16.0.1', '172.16.0.2'],
    );
    assert.deepEqual(
      learnedPaths(table, '10.1.3.10').map((x) => `${x.prefix}/${x.prefixLength}`),
      ['10.0.0.0/8'],
    );
    assert.deepEqual(learnedPaths(table, '192.168.0.1'), []);
  });

  it('routing packets are named by protocol and type', () => {
    assert.deepEqual(routingMessage(89, Uint8Array.from([2, 1, 0, 44])), { protocol: 'ospf', type: 'Hello' });
    assert.deepEqual(routingMessage(89, Uint8Array.from([2, 4, 0, 44])), { protocol: 'ospf', type: 'LS Update' });
    assert.deepEqual(routingMessage(88, Uint8Array.from([2, 5, 0, 0])), { protocol: 'eigrp', type: 'Hello' });
    const udp = Uint8Array.from([2, 8, 2, 8, 0, 32, 0, 0, 2, 2, 0, 0]);
    assert.deepEqual(routingMessage(17, udp), { protocol: 'rip', type: 'Response' });
    const tcp = new Uint8Array(20 + 19);
    tcp.set([0xc0, 0x01, 0, 179]);
    tcp[12] = 5 << 4;
    tcp.fill(0xff, 20, 36);
    tcp.set([0, 19, 4], 36);
    assert.deepEqual(routingMessage(6, tcp), { protocol: 'bgp', type: 'Keepalive' });
    assert.deepEqual(routingMessage(6, tcp.subarray(0, 20)), { protocol: 'bgp', type: 'TCP' });
    tcp.set([0, 80], 2);
    assert.equal(routingMessage(6, tcp), undefined);
  });
});
