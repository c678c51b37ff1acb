import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';

const load = (text: string) => parseConfig(text, { file: 'v6.cfg' });

const SPOKE = `hostname spoke1
ipv6 unicast-routing
interface GigabitEthernet0/1
 ip address 192.0.2.2 255.255.255.0
 ipv6 address 2001:DB8:2::1/64
interface Tunnel0
 ip address 10.0.0.2 255.255.255.0
 ipv6 address FE80::2 link-local
 ipv6 address 2001:DB8:0:100::2/64
 ipv6 nhrp authentication DMVPN6
 ipv6 nhrp map 2001:DB8:0:100::1/64 192.0.2.1
 ipv6 nhrp map multicast 192.0.2.1
 ipv6 nhrp network-id 100
 ipv6 nhrp holdtime 300
 ipv6 nhrp nhs 2001:DB8:0:100::1
 ipv6 nhrp shortcut
 ip nhrp network-id 100
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
ipv6 route 2001:DB8::/32 2001:DB8:0:100::1
ipv6 route ::/0 Tunnel0 2001:DB8:0:100::1 200
`;

test('ipv6 lines: addresses, link-local, every ipv6 nhrp command and ipv6 route take effect', () => {
  const { config, errors, warnings } = load(SPOKE);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(config.ipv6?.unicastRouting, true);
  const t = config.interfaces.Tunnel0;
  assert.deepEqual(t.ipv6, {
    addresses: [{ address: '2001:db8:0:100::2', prefixLength: 64 }],
    linkLocal: 'fe80::2',
    enabled: false,
  });
  const n = t.nhrp6!;
  assert.equal(n.authentication, 'DMVPN6');
  assert.equal(n.networkId, 100);
  assert.equal(n.holdtime, 300);
  assert.equal(n.shortcut, true);
  assert.deepEqual(n.maps, [{ protocol: '2001:db8:0:100::1', prefixLength: 64, nbma: '192.0.2.1' }]);
  assert.deepEqual(n.multicastNbma, ['192.0.2.1']);
  assert.deepEqual(
    n.nhs.map((x) => x.address),
    ['2001:db8:0:100::1'],
  );
  // the IPv4 overlay is untouched
  assert.deepEqual(t.nhrp!.maps, []);
  assert.equal(t.nhrp!.networkId, 100);
  assert.deepEqual(config.ipv6?.routes, [
    {
      prefix: { family: 6, address: '2001:db8::', prefixLength: 32 },
      nextHop: '2001:db8:0:100::1',
      distance: 1,
      permanent: false,
    },
    {
      prefix: { family: 6, address: '::', prefixLength: 0 },
      interface: 'Tunnel0',
      nextHop: '2001:db8:0:100::1',
      distance: 200,
      permanent: false,
    },
  ]);
});

test('ipv6 nhrp nhs X nbma Y multicast, and map multicast dynamic on a hub', () => {
  const { config, errors } = load(`interface Tunnel0
 ipv6 address 2001:db8:0:100::2/64
 ipv6 nhrp nhs 2001:db8:0:100::1 nbma 192.0.2.1 multicast
 ipv6 nhrp map multicast dynamic
 ipv6 nhrp redirect
`);
  assert.deepEqual(errors, []);
  const n = config.interfaces.Tunnel0.nhrp6!;
  assert.deepEqual(n.nhs, [
    { address: '2001:db8:0:100::1', nbma: '192.0.2.1', multicast: true, priority: 0, cluster: 0 },
  ]);
  assert.equal(n.multicastDynamic, true);
  assert.equal(n.redirect, true);
});

test('show running-config prints the ipv6 lines back, and they parse to the same config', () => {
  const first = load(SPOKE).config;
  const text = renderRunningConfig(first);
  assert.match(text, /^ipv6 unicast-routing$/m);
  assert.match(text, /^ ipv6 address FE80::2 link-local$/m);
  assert.match(text, /^ ipv6 nhrp map 2001:DB8:0:100::1\/64 192\.0\.2\.1$/m);
  assert.match(text, /^ipv6 route ::\/0 Tunnel0 2001:DB8:0:100::1 200$/m);
  const again = load(text);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config.ipv6, first.ipv6);
  assert.deepEqual(again.config.interfaces.Tunnel0.nhrp6, first.interfaces.Tunnel0.nhrp6);
  assert.deepEqual(again.config.interfaces.Tunnel0.ipv6, first.interfaces.Tunnel0.ipv6);
});

test('bad ipv6 lines are refused at the line, IOS-style, and the other lines still apply', () => {
  const { config, errors } = load(`interface Tunnel0
 ipv6 address 2001:db8::1
 ipv6 address 2001:zz8::1/64
 ipv6 address 2001:db8:0:100::2/129
 ipv6 address 2001:db8:0:100::2/64 extra
 ipv6 address FE80::1/64
 ipv6 address 2001:db8::5 link-local
 ipv6 nhrp nhs 10.0.0.1
 ipv6 nhrp map 2001:db8::1/64 not-an-nbma
 ipv6 nhrp holdtime abc
 ipv6 address 2001:db8:0:100::2/64
ipv6 route 2001:db8::/32
`);
  assert.deepEqual(
    errors.map((e) => [e.line, e.code]),
    [
      [2, 'CONFIG_INCOMPLETE_COMMAND'],
      [3, 'CONFIG_INVALID_INPUT'],
      [4, 'CONFIG_INVALID_INPUT'],
      [5, 'CONFIG_INVALID_INPUT'],
      [6, 'CONFIG_INVALID_INPUT'],
      [7, 'CONFIG_INVALID_INPUT'],
      [8, 'CONFIG_INVALID_INPUT'],
      [9, 'CONFIG_INVALID_INPUT'],
      [10, 'CONFIG_INVALID_INPUT'],
      [12, 'CONFIG_INVALID_INPUT'],
    ],
  );
  assert.match(errors[0].message, /ipv6 address/);
  assert.deepEqual(config.interfaces.Tunnel0.ipv6?.addresses, [{ address: '2001:db8:0:100::2', prefixLength: 64 }]);
});

test('IPv6 mistakes are reported like their IPv4 counterparts: network-id, NHS outside the prefix, link-local', () => {
  const { warnings: all, errors } = load(`interface Tunnel0
 ip nhrp network-id 1
 ipv6 address FE80::1 link-local
 ipv6 address 2001:db8:0:100::2/64
 ipv6 nhrp network-id 2
 ipv6 nhrp nhs 2001:db8:0:200::1 nbma 192.0.2.1
 ipv6 nhrp map FE80::1 192.0.2.9
 ipv6 nhrp nhs 2001:db8:0:100::9
`);
  assert.deepEqual(errors, []);
  const warnings = all.filter((w) => /IPV6|NHRP6/.test(w.code));
  assert.deepEqual(
    warnings.map((w) => [w.line, w.code]),
    [
      [5, 'NHRP6_NETWORK_ID_MISMATCH'],
      [6, 'NHRP6_NHS_NOT_IN_PREFIX'],
      [7, 'IPV6_ADDRESS_COLLISION'],
      [0, 'NHRP6_NHS_NO_NBMA'],
    ],
  );
  assert.equal(warnings[1].message, "NHS 2001:db8:0:200::1 is not in Tunnel0's IPv6 prefix 2001:db8:0:100::/64");
  const off = load('interface Tunnel0\n ipv6 address 2001:db8::2/64\n ipv6 nhrp nhs 2001:db8::1 nbma 192.0.2.1\n');
  assert.deepEqual(
    off.warnings.filter((w) => /IPV6|NHRP6/.test(w.code)).map((w) => w.code),
    ['NHRP6_NO_NETWORK_ID'],
  );
});

test('the running-config JSON with IPv6 lines matches the published schema', () => {
  const { config } = load(SPOKE);
  const r = runningConfigSchema.safeParse(structuredClone(config));
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues));
});
