import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { shortcutArgs, staticRouteArgs } from '../../../src/node/router/kernel-routes.js';
import { Rib, type TunnelInfo } from '../../../src/node/router/rib.js';
import { routeView } from '../../../src/node/router/snapshot.js';

const SPOKE = `hostname spoke1
interface GigabitEthernet0/0
 ip address 192.0.2.2 255.255.255.0
interface Loopback0
 ip address 10.1.0.1 255.255.255.0
interface Loopback1
 ip address 10.1.9.9 255.255.255.255
interface Tunnel0
 ip address 172.16.0.2 255.255.255.0
 ip nhrp network-id 1
 ip nhrp nhs 172.16.0.1 nbma 192.0.2.1
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
ip route 10.2.0.0 255.255.255.0 172.16.0.1
ip route 10.3.0.0 255.255.0.0 10.2.0.77 5
ip route 10.4.0.0 255.255.0.0 Tunnel0
ip route 10.5.0.0 255.255.0.0 GigabitEthernet0/0
ip route 10.99.0.0 255.255.0.0 Null0
ip route 10.6.0.0 255.255.0.0 203.0.113.1
`;

function rib(): Rib {
  const r = parseConfig(SPOKE, { file: 'spoke.cfg' });
  assert.deepEqual(r.errors, []);
  const tunnels = new Map<string, TunnelInfo>([['Tunnel0', { device: 'tun0', multipoint: true, nhs: '172.16.0.1' }]]);
  const table = new Rib();
  table.setConfig(r.config, tunnels);
  return table;
}

test('rib: connected and local routes, static routes resolved to a device and gateway', () => {
  const t = rib();
  const by = (p: string) => t.list().filter((r) => `${r.prefix}/${r.prefixLength}` === p);
  assert.deepEqual(
    by('10.1.0.0/24').map((r) => [r.source, r.device]),
    [['connected', 'lo']],
  );
  assert.deepEqual(
    by('10.1.0.1/32').map((r) => r.source),
    ['local'],
  );
  assert.deepEqual(
    by('10.1.9.9/32').map((r) => r.source),
    ['connected'],
    'a /32 address has no separate local route',
  );
  const s2 = by('10.2.0.0/24')[0];
  assert.deepEqual([s2.active, s2.device, s2.gateway], [true, 'tun0', '172.16.0.1']);
  const s3 = by('10.3.0.0/16')[0];
  assert.deepEqual(
    [s3.active, s3.device, s3.gateway, s3.distance],
    [true, 'tun0', '172.16.0.1', 5],
    'recursive through 10.2.0.0/24',
  );
  const s4 = by('10.4.0.0/16')[0];
  assert.deepEqual(
    [s4.active, s4.gateway, s4.viaNhs],
    [true, '172.16.0.1', true],
    'interface-only over mGRE goes via the NHS',
  );
  const s5 = by('10.5.0.0/16')[0];
  assert.deepEqual([s5.active, s5.device, s5.gateway], [true, 'eth0', undefined]);
  assert.equal(by('10.99.0.0/16')[0].discard, true);
  assert.equal(by('10.6.0.0/16')[0].active, false, 'next hop 203.0.113.1 is not reachable');
});

test('rib: kernel arguments of static and shortcut routes', () => {
  const t = rib();
  const args = t
    .list()
    .filter((r) => r.source === 'static')
    .map((r) => staticRouteArgs(r)?.join(' '));
  assert.deepEqual(args, [
    '10.2.0.0/24 via 172.16.0.1 dev tun0 proto static metric 1',
    '10.3.0.0/16 via 172.16.0.1 dev tun0 proto static metric 5',
    '10.4.0.0/16 via 172.16.0.1 dev tun0 proto static metric 1',
    '10.5.0.0/16 dev eth0 proto static metric 1',
    undefined,
    'blackhole 10.99.0.0/16 proto static metric 1',
  ]);
  assert.equal(
    shortcutArgs('10.2.0.0', 24, '172.16.0.3', 'tun0').join(' '),
    '10.2.0.0/24 via 172.16.0.3 dev tun0 proto 250 metric 0',
  );
});

test('rib: the engine lookup says local, tunnel (with next hop) or other', () => {
  const t = rib();
  const look = t.lookupFor('tun0');
  assert.deepEqual(
    look('10.1.0.1'),
    { kind: 'local', prefix: '10.1.0.0', prefixLength: 24 },
    'a loopback LAN is ours, with its /24',
  );
  assert.deepEqual(look('10.1.9.9'), { kind: 'local', prefix: '10.1.9.9', prefixLength: 32 });
  assert.deepEqual(look('10.2.0.5'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  assert.deepEqual(look('10.3.1.1'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  assert.deepEqual(look('10.5.0.1'), { kind: 'other' });
  assert.deepEqual(look('10.99.0.1'), { kind: 'other' }, 'Null0');
  assert.equal(look('10.6.0.1'), undefined, 'an inactive static route is not used');
  assert.equal(look('8.8.8.8'), undefined);
  assert.equal(look('not an address'), undefined);
});

test('rib: a shortcut overrides the static route for the same prefix, and goes away again', () => {
  const t = rib();
  const look = t.lookupFor('tun0');
  t.addShortcut('10.2.0.0', 24, '172.16.0.3', '192.0.2.3', 'Tunnel0', 'tun0', 1000);
  assert.deepEqual(look('10.2.0.1'), { kind: 'tunnel', nextHop: '172.16.0.3' });
  const h = t.list().find((r) => r.source === 'nhrp')!;
  assert.deepEqual(routeView(h, 6000), {
    prefix: '10.2.0.0',
    prefixLength: 24,
    protocol: 'H',
    nextHop: '172.16.0.3',
    interface: 'Tunnel0',
    distance: 250,
    metric: 255,
    ageSec: 5,
  });
  assert.equal(t.isConnected('10.1.0.0', 24), true);
  assert.equal(t.isConnected('10.2.0.0', 24), false);
  assert.equal(t.removeShortcut('10.2.0.0', 24), true);
  assert.equal(t.removeShortcut('10.2.0.0', 24), false);
  assert.deepEqual(look('10.2.0.1'), { kind: 'tunnel', nextHop: '172.16.0.1' });
});

test('rib: a shut interface takes its connected routes and the statics through it away', () => {
  const r = parseConfig(`${SPOKE}interface Tunnel0\n shutdown\n`, { file: 'spoke.cfg' });
  const t = new Rib();
  t.setConfig(r.config, new Map([['Tunnel0', { device: 'tun0', multipoint: true, nhs: '172.16.0.1' }]]));
  assert.equal(
    t.list().some((x) => x.device === 'tun0' && x.active),
    false,
  );
  assert.equal(t.lookupFor('tun0')('10.2.0.1'), undefined);
});
