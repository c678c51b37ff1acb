/** zebra's `show ip route json` (captured on spoke 1 of the routing lab) into table routes with IOS codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../src/node/config/parse.js';
import { routesFromZebra, uptimeMs, type ZebraRoutes } from '../../../src/node/frr/routes.js';

const zebra = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'frr', 'zebra-routes-s1.json'), 'utf8'),
) as ZebraRoutes;
const config = parseConfig(
  'interface Tunnel0\n ip address 172.16.0.2 255.255.255.0\ninterface Loopback0\n ip address 10.1.0.1 255.255.255.0\n',
).config;
const brief = (r: ReturnType<typeof routesFromZebra>) =>
  r.map((x) => [`${x.prefix}/${x.prefixLength}`, x.nextHop, x.interface, x.device, x.distance, x.metric, x.codeSuffix]);

test('OSPF: selected routes via a neighbor, not the ones of our own interfaces', () => {
  assert.deepEqual(brief(routesFromZebra(zebra, 'ospf', config, 100_000)), [
    ['10.2.0.1/32', '172.16.0.1', 'Tunnel0', 'tun0', 110, 20, undefined],
    ['172.16.0.3/32', '172.16.0.1', 'Tunnel0', 'tun0', 110, 20, undefined],
  ]);
});

test('BGP: a recursive next hop keeps the peer address with the device that resolves it', () => {
  const [b, ...rest] = routesFromZebra(zebra, 'bgp', config, 100_000);
  assert.deepEqual(rest, []);
  assert.deepEqual(brief([b]), [['10.2.0.0/24', '172.16.0.3', 'Tunnel0', 'tun0', 200, 0, undefined]]);
  assert.equal(b.since, 100_000 - 1000, 'learned 00:00:01 ago');
  assert.deepEqual(routesFromZebra(zebra, 'rip', config, 0), []);
});

test('OSPF route types give the IOS sub-codes', () => {
  const types = { '10.2.0.1/32': { routeType: 'N IA' }, '172.16.0.3/32': { routeType: 'N E2' } };
  assert.deepEqual(
    routesFromZebra(zebra, 'ospf', config, 0, types).map((r) => r.codeSuffix),
    ['IA', 'E2'],
  );
});

test('FRR uptimes', () => {
  assert.equal(uptimeMs('00:01:02'), 62_000);
  assert.equal(uptimeMs('1d02h03m'), (86400 + 7200 + 180) * 1000);
  assert.equal(uptimeMs('02w3d04h'), (2 * 604800 + 3 * 86400 + 4 * 3600) * 1000);
  assert.equal(uptimeMs(undefined), 0);
});
