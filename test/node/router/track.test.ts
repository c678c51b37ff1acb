import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import type { RouterConfig } from '../../../src/node/config/model.js';
import { wantedStatics } from '../../../src/node/router/kernel-routes.js';
import { Rib, type TunnelInfo } from '../../../src/node/router/rib.js';
import { installedRoutes } from '../../../src/node/router/snapshot.js';

// A dual-hub spoke: the LANs via hub1, a floating route via hub2, one route recursive through the
// summary and one given by interface only.
const SPOKE = `hostname spoke1
interface GigabitEthernet0/1
 ip address 198.51.100.1 255.255.255.128
interface Tunnel0
 ip address 172.16.0.11 255.255.255.0
 ip nhrp network-id 1
 ip nhrp nhs 172.16.0.1 nbma 192.0.2.1
 ip nhrp nhs 172.16.0.2 nbma 192.0.2.129
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
ip route 0.0.0.0 0.0.0.0 198.51.100.126
ip route 10.0.0.0 255.0.0.0 172.16.0.1
ip route 10.0.0.0 255.0.0.0 172.16.0.2 250
ip route 192.168.50.0 255.255.255.0 10.9.9.9
ip route 192.168.60.0 255.255.255.0 Tunnel0
`;

const TUNNELS = new Map<string, TunnelInfo>([
  ['Tunnel0', { device: 'tun0', multipoint: true, nhs: '172.16.0.1', nhsList: ['172.16.0.1', '172.16.0.2'] }],
]);

function config(text = SPOKE): RouterConfig {
  const r = parseConfig(text, { file: 'spoke1.cfg' });
  assert.deepEqual(r.errors, []);
  return r.config;
}

function rib(): Rib {
  const t = new Rib();
  t.setConfig(config(), TUNNELS);
  return t;
}

const kernel = (t: Rib): string[] =>
  wantedStatics(t)
    .map((a) => a.join(' '))
    .filter((a) => a.startsWith('10.') || a.startsWith('192.168.'));
const shown = (t: Rib): string[] =>
  installedRoutes(t.list())
    .filter((r) => r.source === 'static' && r.prefix !== '0.0.0.0')
    .map((r) => `${r.prefix}/${r.prefixLength} [${r.distance}] via ${r.gateway}`);

test('track: both NHSs in service: the primary route is used, the floating one waits in the kernel at metric 250', () => {
  const t = rib();
  assert.deepEqual(kernel(t), [
    '10.0.0.0/8 via 172.16.0.1 dev tun0 proto static metric 1',
    '10.0.0.0/8 via 172.16.0.2 dev tun0 proto static metric 250',
    '192.168.50.0/24 via 172.16.0.1 dev tun0 proto static metric 1',
    '192.168.60.0/24 via 172.16.0.1 dev tun0 proto static metric 1',
  ]);
  assert.deepEqual(
    shown(t),
    ['10.0.0.0/8 [1] via 172.16.0.1', '192.168.50.0/24 [1] via 172.16.0.1', '192.168.60.0/24 [1] via 172.16.0.1'],
    'show ip route lists the best route only',
  );
  assert.deepEqual(t.lookupFor('tun0')('10.1.2.10'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  assert.equal(t.list().find((r) => r.gateway === '172.16.0.1' && r.prefix === '10.0.0.0')?.tracked, 'up');
});

test('track: NHS hub1 down withdraws the routes through it; the floating route and the engine lookup move to hub2', () => {
  const t = rib();
  assert.equal(t.setNhsState('tun0', '172.16.0.1', 'down'), true);
  assert.equal(t.nhsDown('tun0', '172.16.0.1'), true);
  assert.deepEqual(kernel(t), [
    '10.0.0.0/8 via 172.16.0.2 dev tun0 proto static metric 250',
    '192.168.50.0/24 via 172.16.0.2 dev tun0 proto static metric 1',
    '192.168.60.0/24 via 172.16.0.2 dev tun0 proto static metric 1',
  ]);
  assert.deepEqual(shown(t), [
    '10.0.0.0/8 [250] via 172.16.0.2',
    '192.168.50.0/24 [1] via 172.16.0.2',
    '192.168.60.0/24 [1] via 172.16.0.2',
  ]);
  const primary = t.list().find((r) => r.source === 'static' && r.nextHop === '172.16.0.1')!;
  assert.deepEqual([primary.active, primary.tracked], [false, 'down'], 'kept in the config, not in use');
  assert.deepEqual(t.lookupFor('tun0')('10.1.2.10'), { kind: 'tunnel', nextHop: '172.16.0.2' });
  assert.equal(t.setNhsState('tun0', '172.16.0.1', 'down'), false, 'the same state again changes nothing');
});

test('track: hub1 up again restores its routes and the floating route goes back to standby', () => {
  const t = rib();
  const before = kernel(t);
  t.setNhsState('tun0', '172.16.0.1', 'down');
  assert.equal(t.setNhsState('tun0', '172.16.0.1', 'up'), true);
  assert.deepEqual(kernel(t), before);
  assert.deepEqual(shown(t)[0], '10.0.0.0/8 [1] via 172.16.0.1');
  assert.deepEqual(t.lookupFor('tun0')('10.1.2.10'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  t.setNhsState('tun0', '172.16.0.1', 'down');
  assert.equal(t.setNhsState('tun0', '172.16.0.1', 'probe'), true, 'being registered with again counts as in service');
  assert.deepEqual(kernel(t), before);
});

test('track: the backup down only withdraws the floating route; both down leaves no 10/8 route', () => {
  const t = rib();
  assert.equal(t.setNhsState('tun0', '172.16.0.2', 'down'), true);
  assert.equal(
    kernel(t).some((a) => a.includes('metric 250')),
    false,
  );
  assert.deepEqual(t.lookupFor('tun0')('10.1.2.10'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  t.setNhsState('tun0', '172.16.0.1', 'down');
  assert.deepEqual(
    t.lookupFor('tun0')('10.1.2.10'),
    { kind: 'other' },
    'only the default route to the Internet is left',
  );
  assert.equal(
    kernel(t).some((a) => a.startsWith('10.0.0.0/8')),
    false,
  );
  assert.deepEqual(
    kernel(t),
    [
      '192.168.50.0/24 via 198.51.100.126 dev eth1 proto static metric 1',
      '192.168.60.0/24 via 172.16.0.1 dev tun0 proto static metric 1',
    ],
    'the recursive route now resolves through the default route; an interface route stays (IOS keeps it while the tunnel is up)',
  );
});

test('track: the NHS state survives a live configure, and is forgotten with the NHS', () => {
  const t = rib();
  t.setNhsState('tun0', '172.16.0.1', 'down');
  t.setConfig(config(`${SPOKE}ip route 10.200.0.0 255.255.0.0 172.16.0.1\n`), TUNNELS);
  assert.equal(
    t.list().find((r) => r.prefix === '10.200.0.0')?.active,
    false,
    'a route added through a down NHS waits for it',
  );
  const one = new Map<string, TunnelInfo>([
    ['Tunnel0', { device: 'tun0', multipoint: true, nhs: '172.16.0.2', nhsList: ['172.16.0.2'] }],
  ]);
  t.setConfig(config(), one);
  assert.equal(t.nhsDown('tun0', '172.16.0.1'), false);
  const r = t.list().find((x) => x.source === 'static' && x.nextHop === '172.16.0.1')!;
  assert.deepEqual([r.active, r.tracked], [true, undefined], 'no longer an NHS: an ordinary static route');
});

test('track: a next hop that is not an NHS is not tracked', () => {
  const t = rib();
  t.setNhsState('tun0', '172.16.0.1', 'down');
  const def = t.list().find((r) => r.prefix === '0.0.0.0')!;
  assert.deepEqual([def.active, def.tracked], [true, undefined]);
  assert.equal(t.setNhsState('tun9', '172.16.0.1', 'down'), false, "another tunnel's NHS");
});
