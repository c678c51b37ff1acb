/**
 * `ipv6 mtu N` on a tunnel: read (1280 up), shown in the running config, removed by its `no` form, handed to the
 * data plane's IPv6 side; on another interface it stays a line reported as not supported.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { planIpv6 } from '../../../src/node/router/engine6-config.js';

const TUNNEL = 'interface Tunnel0\n ip address 10.0.0.11 255.255.255.0\n ipv6 address 2001:DB8:0:100::11/64\n';

test('ipv6 mtu 1400 is read, rendered after the addresses, and reaches the data plane', () => {
  const r = parseConfig(`${TUNNEL} ipv6 mtu 1400\n tunnel source 192.0.2.11\n`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.ignored, []);
  const t = r.config.interfaces.Tunnel0!;
  assert.equal(t.ipv6?.mtu, 1400);
  assert.match(renderRunningConfig(r.config), /^ ipv6 address 2001:DB8:0:100::11\/64\n ipv6 mtu 1400$/m);
  assert.equal(planIpv6(t, '192.0.2.11', []).port?.mtu, 1400);
  const min = parseConfig(`${TUNNEL} ipv6 mtu 1280\n`);
  assert.equal(min.config.interfaces.Tunnel0!.ipv6?.mtu, 1280);
});

test('no ipv6 mtu goes back to none; on an Ethernet interface the line is reported as not supported', () => {
  const r = parseConfig(`${TUNNEL} ipv6 mtu 1400\n no ipv6 mtu\n`);
  const t = r.config.interfaces.Tunnel0!;
  assert.equal(t.ipv6?.mtu, undefined);
  assert.doesNotMatch(renderRunningConfig(r.config), /ipv6 mtu/);
  assert.equal(planIpv6(t, '192.0.2.11', []).port?.mtu, undefined);
  const e = parseConfig('interface GigabitEthernet0/1\n ipv6 mtu 1400\n');
  assert.deepEqual(e.errors, []);
  assert.match(e.ignored[0]?.reason ?? '', /not supported/);
});
