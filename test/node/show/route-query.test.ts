import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedRoutes, renderShow, runShow, ShowError } from '../../../src/node/show/index.js';
import type { RouteEntryJson, RouteTableJson, RouteView, ShowState } from '../../../src/node/show/index.js';
import { parseShow } from '../../../src/node/exec/show-parse.js';
import { showState } from '../../helpers/show-engines.js';
import { phase3, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

/** The table lines: everything after the Gateway line and its blank. */
function table(text: string): string[] {
  const all = text.trimEnd().split('\n');
  return all.slice(all.findIndex((l) => l.startsWith('Gateway of last resort')) + 2);
}

const json = <T>(line: string, st: ShowState): T => (renderShow(line, st) as { json: T }).json;

function phase3State(): ShowState {
  const base = showState(SPOKE1_CFG, phase3(), 'spoke1');
  return { ...base, routes: derivedRoutes(SPOKE1_CFG, base.interfaces) };
}

const ROUTES: RouteView[] = [
  { prefix: '0.0.0.0', prefixLength: 0, protocol: 'S', nextHop: '192.168.123.254' },
  { prefix: '10.1.0.0', prefixLength: 24, protocol: 'C', interface: 'Loopback0' },
  { prefix: '10.1.0.1', prefixLength: 32, protocol: 'L', interface: 'Loopback0' },
  { prefix: '10.2.0.0', prefixLength: 24, protocol: 'S', nextHop: '172.16.0.1', distance: 1 },
  { prefix: '10.2.0.0', prefixLength: 24, protocol: 'S', nextHop: '172.16.0.4', interface: 'Tunnel0', distance: 1 },
  { prefix: '10.4.0.0', prefixLength: 16, protocol: 'S', interface: 'Tunnel0', distance: 1 },
  { prefix: '10.3.0.0', prefixLength: 24, protocol: 'H', nextHop: '172.16.0.3', interface: 'Tunnel0', ageSec: 65 },
];
const st = (): ShowState => ({ config: SPOKE1_CFG, interfaces: [], routes: ROUTES, now: 0, uptimeSec: 0 });

test('show ip route nhrp: only the H routes, IOS layout, under the headers of the whole table', () => {
  const text = runShow('show ip route nhrp', phase3State());
  assert.ok(text.startsWith('Codes: L - local, C - connected, S - static'));
  assert.ok(text.includes('\nGateway of last resort is 192.168.123.254 to network 0.0.0.0\n'));
  assert.deepEqual(table(text), [
    '      3.0.0.0/24 is subnetted, 1 subnets',
    'H        3.3.3.0 [250/255] via 172.16.123.3, 00:00:03, Tunnel0',
  ]);
  assert.deepEqual(
    table(runShow('sh ip ro nhrp', st())),
    [
      '      10.0.0.0/8 is variably subnetted, 5 subnets, 3 masks',
      'H        10.3.0.0/24 [250/255] via 172.16.0.3, 00:01:05, Tunnel0',
    ],
    'the header counts every subnet of 10.0.0.0/8, as IOS does',
  );
  const j = json<RouteTableJson>('show ip route nhrp json', phase3State());
  assert.deepEqual(
    j.routes.map((r) => [r.code, r.network]),
    [['H', '3.3.3.0/24']],
  );
  assert.deepEqual(j.gatewayOfLastResort, { nextHop: '192.168.123.254', network: '0.0.0.0' });
});

test("show ip route static | connected: by the route kinds' keywords; connected lists C and L", () => {
  assert.deepEqual(table(runShow('show ip route static', st())), [
    'S*    0.0.0.0/0 [1/0] via 192.168.123.254',
    '      10.0.0.0/8 is variably subnetted, 5 subnets, 3 masks',
    'S        10.2.0.0/24 [1/0] via 172.16.0.1',
    '                     [1/0] via 172.16.0.4, Tunnel0',
    'S        10.4.0.0/16 is directly connected, Tunnel0',
  ]);
  assert.deepEqual(table(runShow('sh ip ro conn', st())), [
    '      10.0.0.0/8 is variably subnetted, 5 subnets, 3 masks',
    'C        10.1.0.0/24 is directly connected, Loopback0',
    'L        10.1.0.1/32 is directly connected, Loopback0',
  ]);
  assert.deepEqual(
    json<RouteTableJson>('show ip route connected json', st()).routes.map((r) => r.code),
    ['C', 'L'],
  );
  const statics = json<RouteTableJson>('show ip route static | json', st()).routes.map((r) => r.network);
  assert.deepEqual(statics, ['0.0.0.0/0', '10.2.0.0/24', '10.2.0.0/24', '10.4.0.0/16']);
  assert.deepEqual(table(runShow('show ip route ospf', st())), [], 'a kind with no routes: the headers only');
});

test('show ip route A.B.C.D: the IOS routing entry of the longest match, equal-cost paths as descriptor blocks', () => {
  assert.equal(
    runShow('show ip route 10.2.0.77', st()),
    [
      'Routing entry for 10.2.0.0/24',
      '  Known via "static", distance 1, metric 0',
      '  Routing Descriptor Blocks:',
      '  * 172.16.0.1',
      '      Route metric is 0, traffic share count is 1',
      '    172.16.0.4, via Tunnel0',
      '      Route metric is 0, traffic share count is 1',
      '',
    ].join('\n'),
  );
  assert.equal(
    runShow('sh ip ro 10.3.0.1', st()),
    [
      'Routing entry for 10.3.0.0/24',
      '  Known via "nhrp", distance 250, metric 255',
      '  Last update from 172.16.0.3 on Tunnel0, 00:01:05 ago',
      '  Routing Descriptor Blocks:',
      '  * 172.16.0.3, from 172.16.0.3, 00:01:05 ago, via Tunnel0',
      '      Route metric is 255, traffic share count is 1',
      '',
    ].join('\n'),
  );
  assert.deepEqual(runShow('show ip route 10.1.0.9', st()).split('\n').slice(0, 4), [
    'Routing entry for 10.1.0.0/24',
    '  Known via "connected", distance 0, metric 0 (connected, via interface)',
    '  Routing Descriptor Blocks:',
    '  * directly connected, via Loopback0',
  ]);
  assert.deepEqual(runShow('show ip route 10.4.9.9', st()).split('\n').slice(0, 2), [
    'Routing entry for 10.4.0.0/16',
    '  Known via "static", distance 1, metric 0 (connected)',
  ]);
  assert.deepEqual(
    runShow('show ip route 8.8.8.8', st()).split('\n').slice(0, 2),
    ['Routing entry for 0.0.0.0/0, supernet', '  Known via "static", distance 1, metric 0, candidate default path'],
    'only the default route matches',
  );
  const masked = runShow('show ip route 10.1.0.0 255.255.0.0', st());
  assert.equal(masked, '% Network not in table\n', 'a mask: that prefix exactly');
  assert.match(runShow('show ip route 10.1.0.0 255.255.255.0', st()), /^Routing entry for 10\.1\.0\.0\/24\n/);
});

test('show ip route A.B.C.D json: the entry, or null when no route covers the address', () => {
  const e = json<RouteEntryJson>('show ip route 10.2.0.77 json', st());
  assert.deepEqual(e.query, { address: '10.2.0.77', prefixLength: null });
  assert.deepEqual(e.entry && { ...e.entry, paths: e.entry.paths.map((p) => p.nextHop) }, {
    network: '10.2.0.0/24',
    prefix: '10.2.0.0',
    prefixLength: 24,
    code: 'S',
    protocol: 'static',
    knownVia: 'static',
    distance: 1,
    metric: 0,
    supernet: false,
    candidateDefault: false,
    directlyConnected: false,
    paths: ['172.16.0.1', '172.16.0.4'],
  });
  const none: ShowState = { ...st(), routes: ROUTES.filter((r) => r.prefixLength > 0) };
  assert.deepEqual(json<RouteEntryJson>('show ip route 8.8.8.8 json', none), {
    query: { address: '8.8.8.8', prefixLength: null },
    entry: null,
  });
  assert.equal(runShow('show ip route 8.8.8.8', none), '% Network not in table\n');
});

test('show ip route arguments: addresses, masks and keywords are checked where they stand', () => {
  const p = parseShow('sh ip ro 10.2.0.0 255.255.255.0 json');
  assert.deepEqual([p.id, p.address, p.prefixLength, p.json], ['route', '10.2.0.0', 24, true]);
  assert.equal(parseShow('show ip route nh').routeKeyword, 'nhrp');
  assert.equal(parseShow('show ip route static json').json, true);
  const col = (line: string) => {
    const r = renderShow(line, st());
    assert.ok(r instanceof ShowError, line);
    return [r.code, r.column];
  };
  assert.deepEqual(col('show ip route 10.1.1.300'), ['SHOW_INVALID_INPUT', 14]);
  assert.deepEqual(col('show ip route 10.1.1.1 255.0.255.0'), ['SHOW_INVALID_INPUT', 23], 'not a mask');
  assert.deepEqual(col('show ip route 10.1.1.1 extra'), ['SHOW_INVALID_INPUT', 23]);
  assert.deepEqual(col('show ip route stat extra'), ['SHOW_INVALID_INPUT', 19]);
  assert.deepEqual(col('show ip route bogus'), ['SHOW_INVALID_INPUT', 15], "'b' could start bgp, 'o' cannot");
});
