/** `show ipv6 route [WORD] [json]`: IOS 15's IPv6 table with the routing protocols' routes (O, OI, B, R). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShowState } from '../../../src/node/show/index.js';
import type { Ipv6RouteView } from '../../../src/node/show/ipv6.js';
import type { Ipv6RouteTableJson } from '../../../src/node/api/schema/ipv6.js';
import { renderShow, runShow } from '../../../src/node/show/index.js';
import { SPOKE1_CFG, phase3 } from '../../helpers/show-scenarios.js';
import { showState } from '../../helpers/show-engines.js';

const v = (code: string, protocol: Ipv6RouteView['protocol'], prefix: string, len: number, more = {}) =>
  ({ code, protocol, prefix, prefixLength: len, distance: 0, metric: 0, ...more }) as Ipv6RouteView;
const ROUTES6: Ipv6RouteView[] = [
  v('C', 'connected', '2001:db8:0:100::', 64, { interface: 'Tunnel0' }),
  v('L', 'local', '2001:db8:0:100::2', 128, { interface: 'Tunnel0' }),
  v('O', 'ospf', '2001:db8:2::', 64, { nextHop: 'fe80::2', interface: 'Tunnel0', distance: 110, metric: 2 }),
  v('B', 'bgp', '2001:db8:3::', 64, { nextHop: '2001:db8:0:100::3', distance: 200 }),
  v('R', 'rip', '2001:db8:4::', 64, { nextHop: 'fe80::4', interface: 'Tunnel0', distance: 120, metric: 2 }),
  v('OI', 'ospf', '2001:db8:9::', 48, { nextHop: 'fe80::1', interface: 'Tunnel0', distance: 110, metric: 20 }),
];

const state = (): ShowState => ({ ...showState(SPOKE1_CFG, phase3(), 'spoke1'), routes6: ROUTES6 });

test('show ipv6 route lists every IPv6 route in address order with IOS codes', () => {
  const text = runShow('show ipv6 route', state());
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'IPv6 Routing Table - default - 6 entries');
  const body = lines.slice(lines.indexOf('') + 1);
  assert.deepEqual(body, [
    'C   2001:DB8:0:100::/64 [0/0]',
    '     via Tunnel0, directly connected',
    'L   2001:DB8:0:100::2/128 [0/0]',
    '     via Tunnel0, receive',
    'O   2001:DB8:2::/64 [110/2]',
    '     via FE80::2, Tunnel0',
    'B   2001:DB8:3::/64 [200/0]',
    '     via 2001:DB8:0:100::3',
    'R   2001:DB8:4::/64 [120/2]',
    '     via FE80::4, Tunnel0',
    'OI  2001:DB8:9::/48 [110/20]',
    '     via FE80::1, Tunnel0',
  ]);
});

test('show ipv6 route ospf | json keeps the OSPF routes only, inter-area as OI', () => {
  const r = renderShow('show ipv6 route ospf json', state()) as { json: Ipv6RouteTableJson };
  assert.deepEqual(
    r.json.routes.map((x) => [x.network, x.code, x.protocol, x.nextHop]),
    [
      ['2001:db8:2::/64', 'O', 'ospf', 'fe80::2'],
      ['2001:db8:9::/48', 'OI', 'ospf', 'fe80::1'],
    ],
  );
  assert.equal(runShow('sh ipv6 ro bgp', state()).includes('B   2001:DB8:3::/64'), true);
});

test("the router's IPv6 table: C and L of its IPv6 addresses (shut interfaces left out) and OSPFv3 routes from FRR", async () => {
  const { parseConfig } = await import('../../../src/node/config/parse.js');
  const { Rib6 } = await import('../../../src/node/router/rib6.js');
  const { route6View } = await import('../../../src/node/router/snapshot.js');
  const cfg = parseConfig(
    'interface GigabitEthernet0/2\n ipv6 address 2001:DB8:0:1::1/64\ninterface GigabitEthernet0/3\n' +
      ' ipv6 address 2001:db8:0:3::1/64\n shutdown\n',
  ).config;
  const rib6 = new Rib6(() => undefined);
  rib6.setConfig(cfg, new Map());
  const ospf = {
    source: 'ospf',
    prefix: '2001:db8:0:2::',
    prefixLength: 64,
    nextHop: 'fe80::12',
    interface: 'Tunnel0',
    device: 'tun0',
    distance: 110,
    metric: 20,
    active: true,
  };
  rib6.setProtocolRoutes([ospf, { ...ospf, prefix: '2001:db8:0:9::', active: false }]);
  // the NHRP engine of tun0 sees the OSPFv3 route as a tunnel next hop
  assert.deepEqual(rib6.lookupFor('tun0')('2001:db8:0:2::10'), { kind: 'tunnel', nextHop: 'fe80::12' });
  const routes = rib6.list().map((r) => route6View(r, 0));
  const text = runShow('show ipv6 route', { ...state(), routes6: routes });
  const body = text.trimEnd().split('\n').slice(-6);
  assert.deepEqual(body, [
    'C   2001:DB8:0:1::/64 [0/0]',
    '     via GigabitEthernet0/2, directly connected',
    'L   2001:DB8:0:1::1/128 [0/0]',
    '     via GigabitEthernet0/2, receive',
    'O   2001:DB8:0:2::/64 [110/20]',
    '     via FE80::12, Tunnel0',
  ]);
});

test('show ipv6 ospf neighbor: ospf6d neighbors in the IOS layout, with IOS interface names', async () => {
  const { parseConfig } = await import('../../../src/node/config/parse.js');
  const config = parseConfig(
    'interface Tunnel0\n ipv6 ospf 1 area 0\n ipv6 ospf network broadcast\nipv6 router ospf 1\n router-id 1.1.1.1\n',
  ).config;
  // ospf6d 8.4's `show ipv6 ospf6 neighbor json`
  const frr = {
    neighbors: [
      {
        neighborId: '2.2.2.2',
        priority: 0,
        deadTime: '00:00:18',
        state: 'Full',
        ifState: 'DROther',
        interfaceName: 'tun0',
      },
      {
        neighborId: '3.3.3.3',
        priority: 0,
        deadTime: '00:00:19',
        state: 'Twoway',
        ifState: 'DROther',
        interfaceName: 'tun0',
      },
    ],
  };
  const st: ShowState = { ...state(), config, frr: { daemons: ['zebra', 'ospf6d'], ospf6Neighbors: frr } };
  assert.deepEqual(runShow('show ipv6 ospf neighbor', st).trimEnd().split('\n').slice(1), [
    '            OSPFv3 Router with ID (1.1.1.1) (Process ID 1)',
    '',
    'Neighbor ID     Pri   State           Dead Time   Interface',
    '2.2.2.2           0   FULL/DROTHER    00:00:18    Tunnel0',
    '3.3.3.3           0   2WAY/DROTHER    00:00:19    Tunnel0',
  ]);
  const j = (renderShow('sh ipv6 ospf nei json', st) as { json: { neighbors: Array<{ state: string }> } }).json;
  assert.deepEqual(
    j.neighbors.map((n) => n.state),
    ['FULL/DROTHER', '2WAY/DROTHER'],
  );
});
