import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  configRoutes,
  derivedRoutes,
  renderShow,
  runShow,
  shortcutRoutes,
  type RouteView,
  type ShowState,
} from '../../../src/node/show/index.js';
import type { RouteTableJson } from '../../../src/node/show/route.js';
import { ios, showState } from '../../helpers/show-engines.js';
import { HUB_CFG, phase3, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

/** The table lines: everything after the Gateway line and its blank. */
function table(text: string): string[] {
  const all = text.trimEnd().split('\n');
  const at = all.findIndex((l) => l.startsWith('Gateway of last resort'));
  return all.slice(at + 2);
}

const state = (routes: RouteView[], base: ShowState): ShowState => ({ ...base, routes });

test('show ip route on a Phase 3 spoke: legend, gateway, groups by major network, the H shortcut', () => {
  const net = phase3();
  const base = showState(SPOKE1_CFG, net, 'spoke1');
  const st = state(derivedRoutes(SPOKE1_CFG, base.interfaces), base);
  const text = runShow('sh ip ro', st);
  const all = text.split('\n');
  assert.equal(all[0], 'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP');
  assert.ok(all.includes('       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP'));
  assert.ok(all.includes('Gateway of last resort is 192.168.123.254 to network 0.0.0.0'));
  assert.deepEqual(table(text), [
    'S*    0.0.0.0/0 [1/0] via 192.168.123.254',
    '      2.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
    'C        2.2.2.0/24 is directly connected, Loopback0',
    'L        2.2.2.2/32 is directly connected, Loopback0',
    '      3.0.0.0/24 is subnetted, 1 subnets',
    'H        3.3.3.0 [250/255] via 172.16.123.3, 00:00:03, Tunnel0',
    '      172.16.0.0/16 is variably subnetted, 2 subnets, 2 masks',
    'C        172.16.123.0/24 is directly connected, Tunnel0',
    'L        172.16.123.2/32 is directly connected, Tunnel0',
    '      192.168.123.0/24 is variably subnetted, 2 subnets, 2 masks',
    'C        192.168.123.0/24 is directly connected, GigabitEthernet0/1',
    'L        192.168.123.2/32 is directly connected, GigabitEthernet0/1',
  ]);
  const j = (renderShow('show ip route json', st) as { json: RouteTableJson }).json;
  assert.deepEqual(j.gatewayOfLastResort, { nextHop: '192.168.123.254', network: '0.0.0.0' });
  assert.deepEqual(
    j.routes.find((r) => r.code === 'H'),
    {
      network: '3.3.3.0/24',
      prefix: '3.3.3.0',
      prefixLength: 24,
      code: 'H',
      protocol: 'nhrp',
      nextHop: '172.16.123.3',
      interface: 'Tunnel0',
      distance: 250,
      metric: 255,
      ageSec: 3,
      candidateDefault: false,
    },
  );
  assert.deepEqual(j.routes.find((r) => r.code === 'C' && r.interface === 'Loopback0')?.distance, null);
});

test('shortcutRoutes and configRoutes read the snapshot and the config', () => {
  const net = phase3();
  const snap = net.engine('spoke1').snapshot(net.now);
  assert.deepEqual(shortcutRoutes('Tunnel0', snap), [
    { prefix: '3.3.3.0', prefixLength: 24, protocol: 'H', nextHop: '172.16.123.3', interface: 'Tunnel0', ageSec: 3 },
  ]);
  const hub = configRoutes(HUB_CFG).map((r) => `${r.protocol} ${r.prefix}/${r.prefixLength} ${r.interface}`);
  assert.deepEqual(hub, [
    'C 192.168.123.0/24 GigabitEthernet0/1',
    'L 192.168.123.1/32 GigabitEthernet0/1',
    'C 172.16.123.0/24 Tunnel0',
    'L 172.16.123.1/32 Tunnel0',
  ]);
});

test('a classful network alone, a /32 loopback (no mask under `is subnetted`), a Null0 static, no default: IOS forms of each', () => {
  const cfg = ios(`hostname r1
interface Loopback0
 ip address 1.1.1.1 255.255.255.255
interface Loopback1
 ip address 10.0.0.1 255.0.0.0
interface Loopback2
 ip address 172.20.1.1 255.255.255.0
 shutdown
ip route 192.168.0.0 255.255.0.0 Null0
ip route 172.16.0.0 255.240.0.0 10.0.0.2 200
`);
  const st: ShowState = { config: cfg, interfaces: [], routes: configRoutes(cfg), now: 0, uptimeSec: 0 };
  const text = runShow('show ip route', st);
  assert.ok(text.includes('\nGateway of last resort is not set\n'));
  assert.deepEqual(table(text), [
    '      1.0.0.0/32 is subnetted, 1 subnets',
    'C        1.1.1.1 is directly connected, Loopback0',
    '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
    'C        10.0.0.0/8 is directly connected, Loopback1',
    'L        10.0.0.1/32 is directly connected, Loopback1',
    'S     172.16.0.0/12 [200/0] via 10.0.0.2',
    'S     192.168.0.0/16 is directly connected, Null0',
  ]);
});

test('equal-cost paths print under the first, aligned on its [distance/metric]; interface-only default', () => {
  const base: ShowState = { config: SPOKE1_CFG, interfaces: [], routes: [], now: 0, uptimeSec: 0 };
  const routes: RouteView[] = [
    { prefix: '10.1.0.0', prefixLength: 16, protocol: 'S', nextHop: '172.16.123.1' },
    { prefix: '10.1.0.0', prefixLength: 16, protocol: 'S', nextHop: '172.16.123.4', interface: 'Tunnel0' },
    { prefix: '0.0.0.0', prefixLength: 0, protocol: 'S', interface: 'Tunnel0' },
  ];
  const text = runShow('show ip route', state(routes, base));
  assert.ok(text.includes('\nGateway of last resort is 0.0.0.0 to network 0.0.0.0\n'));
  assert.deepEqual(table(text), [
    'S*    0.0.0.0/0 is directly connected, Tunnel0',
    '      10.0.0.0/16 is subnetted, 1 subnets',
    'S        10.1.0.0 [1/0] via 172.16.123.1',
    '                  [1/0] via 172.16.123.4, Tunnel0',
  ]);
});

test('an NHRP route among other masks of its major network keeps its mask', () => {
  const base: ShowState = { config: SPOKE1_CFG, interfaces: [], routes: [], now: 0, uptimeSec: 0 };
  const routes: RouteView[] = [
    { prefix: '10.3.0.0', prefixLength: 24, protocol: 'H', nextHop: '172.16.0.3', interface: 'Tunnel0', ageSec: 5 },
    { prefix: '10.0.0.0', prefixLength: 16, protocol: 'S', nextHop: '172.16.0.1', distance: 5 },
  ];
  assert.deepEqual(table(runShow('show ip route', state(routes, base))), [
    '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
    'S        10.0.0.0/16 [5/0] via 172.16.0.1',
    'H        10.3.0.0/24 [250/255] via 172.16.0.3, 00:00:05, Tunnel0',
  ]);
});
