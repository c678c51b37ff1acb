/**
 * `show ipv6 rip database` from zebra's `show ipv6 route json`, captured on spoke1 of the IPv6 routing lab run with
 * RIPng (FRR 8.4 ripngd: test/fixtures/frr/zebra-routes6-ripng-spoke1.json): RIPng's routes only, with IOS names,
 * metric and next hop, the selected ones installed; IOS text; nothing without `ipv6 router rip`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemaFor } from '../../../src/node/api/show-json.js';
import type { RipngDatabaseJson } from '../../../src/node/api/schema/routing6.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderShow, runShow } from '../../../src/node/show/index.js';
import type { ShowState } from '../../../src/node/show/state.js';

const routes6 = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'frr', 'zebra-routes6-ripng-spoke1.json'), 'utf8'),
);

function state(text: string, frr: object = routes6): ShowState {
  const { config } = parseConfig(text);
  return {
    config,
    interfaces: [],
    routes: [],
    now: 0,
    uptimeSec: 1,
    frr: { daemons: ['zebra', 'ripngd'], routes6: frr },
  };
}

const CONFIG = `hostname spoke1
ipv6 unicast-routing
interface GigabitEthernet0/2
 ipv6 address 2001:DB8:0:1::1/64
 ipv6 rip LAB enable
interface Tunnel0
 ipv6 address 2001:DB8:0:100::11/64
 ipv6 rip LAB enable
ipv6 router rip LAB
`;

test('show ipv6 rip database json: the RIPng routes zebra holds, with IOS interface names', () => {
  const s = state(CONFIG);
  // the lab runs with linuxName tun0 for Tunnel0
  s.config.interfaces.Tunnel0!.linuxName = 'tun0';
  const r = renderShow('show ipv6 rip database json', s);
  assert.ok('json' in r);
  assert.ok(schemaFor('show ipv6 rip database')!.safeParse(r.json).success);
  assert.deepEqual(r.json as RipngDatabaseJson, {
    process: 'LAB',
    routes: [
      { network: '2001:db8:0:2::/64', metric: 3, nextHop: 'fe80::12', interface: 'Tunnel0', installed: true },
      { network: '2001:db8:0:10::/64', metric: 2, nextHop: 'fe80::1', interface: 'Tunnel0', installed: true },
    ],
  });
  const text = runShow('show ipv6 rip database', s);
  assert.equal(
    text.trimEnd(),
    [
      'RIP process "LAB", local RIB',
      ' 2001:DB8:0:2::/64, metric 3, installed',
      '     Tunnel0/FE80::12',
      ' 2001:DB8:0:10::/64, metric 2, installed',
      '     Tunnel0/FE80::1',
    ].join('\n'),
  );
});

test('a RIPng route zebra did not select is listed without "installed"; no RIPng, no routes', () => {
  const copy = structuredClone(routes6);
  copy['2001:db8:0:10::/64'][0].selected = false;
  const text = runShow('show ipv6 rip database', state(CONFIG, copy));
  assert.match(text, /^ 2001:DB8:0:10::\/64, metric 2$/m);
  assert.match(text, /^ 2001:DB8:0:2::\/64, metric 3, installed$/m);
  const none = renderShow('show ipv6 rip database json', state('hostname spoke1\n'));
  assert.deepEqual('json' in none && none.json, { process: null, routes: [] });
});
