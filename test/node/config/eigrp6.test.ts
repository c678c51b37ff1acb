/**
 * EIGRP for IPv6 configuration: classic `ipv6 router eigrp AS` with interface `ipv6 … eigrp AS` lines,
 * named mode `address-family ipv6`, render round trip, and line-numbered errors like IPv4's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseConfig } from '../../../src/node/config/index.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';

const CLASSIC = `hostname HUB
ipv6 unicast-routing
interface Tunnel0
 ipv6 address 2001:DB8:0:100::1/64
 ipv6 eigrp 10
 no ipv6 split-horizon eigrp 10
 no ipv6 next-hop-self eigrp 10
 ipv6 hello-interval eigrp 10 5
 ipv6 hold-time eigrp 10 15
 ipv6 summary-address eigrp 10 2001:DB8::/32
interface GigabitEthernet0/1
 ipv6 address 2001:DB8:1::1/64
 ipv6 eigrp 10
ipv6 router eigrp 10
 eigrp router-id 10.255.0.1
 passive-interface GigabitEthernet0/1
 redistribute connected
 redistribute static
 no shutdown
`;

const NAMED = `hostname SPOKE
interface Tunnel0
 ipv6 address 2001:DB8:0:100::2/64
router eigrp DMVPN
 address-family ipv4 unicast autonomous-system 1
  network 10.0.0.0
 exit-address-family
 address-family ipv6 unicast autonomous-system 10
  af-interface Tunnel0
   no split-horizon
   no next-hop-self
   summary-address 2001:DB8::/32
   hello-interval 5
   hold-time 15
  exit-af-interface
  eigrp router-id 10.255.0.2
 exit-address-family
`;

test('classic ipv6 router eigrp and interface ipv6 … eigrp lines', () => {
  const r = parseConfig(CLASSIC);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.ignored, []);
  const [p] = r.config.eigrp6 ?? [];
  assert.equal(p.as, 10);
  assert.equal(p.name, undefined);
  assert.equal(p.routerId, '10.255.0.1');
  assert.deepEqual(p.passiveInterfaces, ['GigabitEthernet0/1']);
  assert.deepEqual(Object.keys(p.redistribute).sort(), ['connected', 'static']);
  assert.equal(p.shutdown, false);
  assert.equal(r.config.eigrp, undefined);
  assert.deepEqual(r.config.interfaces.Tunnel0.eigrp6?.['10'], {
    enabled: true,
    splitHorizon: false,
    nextHopSelf: false,
    helloInterval: 5,
    holdTime: 15,
    summaries: [{ prefix: '2001:db8::', prefixLength: 32 }],
  });
  assert.deepEqual(r.config.interfaces['GigabitEthernet0/1'].eigrp6, { '10': { enabled: true } });
  assert.ok(runningConfigSchema.safeParse(r.config).success);
});

test('named mode address-family ipv6 sits beside address-family ipv4', () => {
  const r = parseConfig(NAMED);
  assert.deepEqual(r.errors, []);
  assert.equal(r.config.eigrp?.[0].as, 1);
  const p = r.config.eigrp6?.[0];
  assert.equal(p?.name, 'DMVPN');
  assert.equal(p?.as, 10);
  assert.equal(p?.routerId, '10.255.0.2');
  assert.deepEqual(p?.afInterfaces.Tunnel0, {
    splitHorizon: false,
    nextHopSelf: false,
    summaries: [{ prefix: '2001:db8::', prefixLength: 32 }],
    helloInterval: 5,
    holdTime: 15,
  });
  assert.equal(r.config.eigrp?.[0].afInterfaces.Tunnel0, undefined);
});

test('a named process with only address-family ipv6 leaves no IPv4 process', () => {
  const r = parseConfig('router eigrp V6\n address-family ipv6 unicast autonomous-system 7\n');
  assert.deepEqual(r.errors, []);
  assert.equal(r.config.eigrp, undefined);
  assert.equal(r.config.eigrp6?.[0].as, 7);
  assert.match(renderRunningConfig(r.config), /router eigrp V6\n address-family ipv6 unicast autonomous-system 7\n/);
});

test('EIGRP for IPv6 config renders back to the same config', () => {
  for (const text of [CLASSIC, NAMED]) {
    const r = parseConfig(text);
    const again = parseConfig(renderRunningConfig(r.config));
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.config, r.config);
  }
});

test('live ipv6 eigrp lines are an EIGRP change; no ipv6 router eigrp removes the process', () => {
  const a = applyLines(parseConfig('hostname R\ninterface Tunnel0\n').config, [
    'ipv6 router eigrp 10',
    'interface Tunnel0',
    'ipv6 eigrp 10',
  ]);
  assert.deepEqual(a.errors, []);
  assert.ok(a.changes.some((c) => c.kind === 'eigrp'));
  const b = applyLines(a.config, ['no ipv6 router eigrp 10']);
  assert.equal(b.config.eigrp6, undefined);
});

test('bad EIGRP for IPv6 lines are refused at their line and word', () => {
  const r = parseConfig(
    [
      'ipv6 router eigrp 70000',
      'ipv6 router eigrp 10',
      ' network 10.0.0.0',
      'interface Tunnel0',
      ' ipv6 summary-address eigrp 10 10.0.0.0 255.0.0.0',
      ' ipv6 eigrp x',
    ].join('\n'),
  );
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.column, e.code]),
    [
      [1, 19, 'CONFIG_INVALID_INPUT'],
      [3, 2, 'CONFIG_INVALID_INPUT'],
      [5, 32, 'CONFIG_INVALID_INPUT'],
      [6, 13, 'CONFIG_INVALID_INPUT'],
    ],
  );
});
