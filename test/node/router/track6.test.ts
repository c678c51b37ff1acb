/** IPv6 static routes through an IPv6 NHS follow its state, as IPv4 ones do (track.test.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { Rib6 } from '../../../src/node/router/rib6.js';

// A dual-hub spoke's IPv6 routes: the LANs via hub1, a floating route via hub2.
const SPOKE = `hostname spoke1
ipv6 unicast-routing
interface Tunnel0
 ipv6 address 2001:DB8:0:100::11/64
 ipv6 nhrp network-id 1
 ipv6 nhrp nhs 2001:DB8:0:100::1 nbma 192.0.2.1
 ipv6 nhrp nhs 2001:DB8:0:100::2 nbma 192.0.2.129
 tunnel mode gre multipoint
ipv6 route 2001:DB8:1::/48 2001:DB8:0:100::1
ipv6 route 2001:DB8:1::/48 2001:DB8:0:100::2 250
`;

function rib(): Rib6 {
  const r = parseConfig(SPOKE, { file: 'spoke1.cfg' });
  assert.deepEqual(r.errors, []);
  const t = new Rib6(() => undefined);
  t.setConfig(r.config, new Map());
  return t;
}

const statics = (t: Rib6) =>
  t
    .list()
    .filter((r) => r.code === 'S')
    .map((r) => `${r.prefix}/${r.prefixLength} via ${r.nextHop} [${r.distance}]`);

test('an IPv6 static route through an NHS is withdrawn while the NHS is down; the floating one takes over', () => {
  const t = rib();
  const dev = t.list().find((r) => r.code === 'S')!.device!;
  assert.equal(statics(t).length, 2);
  assert.equal(t.lookup('2001:db8:1:2::10')?.nextHop?.toLowerCase(), '2001:db8:0:100::1');
  assert.equal(t.setNhsState(dev, '2001:db8:0:100::1', 'down'), true);
  assert.deepEqual(
    statics(t).map((s) => s.toLowerCase()),
    ['2001:db8:1::/48 via 2001:db8:0:100::2 [250]'],
  );
  assert.equal(t.lookup('2001:db8:1:2::10')?.nextHop?.toLowerCase(), '2001:db8:0:100::2');
  assert.equal(t.setNhsState(dev, '2001:db8:0:100::1', 'down'), false, 'no change');
  assert.equal(t.setNhsState(dev, '2001:db8:0:100::1', 'up'), true);
  assert.equal(statics(t).length, 2);
  assert.equal(t.lookup('2001:db8:1:2::10')?.nextHop?.toLowerCase(), '2001:db8:0:100::1');
});

test('an NHS down on another device leaves the routes alone', () => {
  const t = rib();
  t.setNhsState('other0', '2001:db8:0:100::1', 'down');
  assert.equal(statics(t).length, 2);
});
