/**
 * An IPv6 NBMA in the config: `tunnel mode gre multipoint ipv6`, IPv6 NBMA addresses in `ip nhrp` lines,
 * what the tunnel runs (plan), and the mistakes refused at their line: an NBMA address of the other family
 * than the tunnel's transport (start-up config and live configure). `tunnel protection` over IPv6 is taken, with
 * IOS's IPv6 peer forms (`address ::/0` and `address ipv6 …` in a keyring, `crypto isakmp key K address ipv6 …`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { planTunnel } from '../../../src/node/router/engine-config.js';

const spoke = (mode = 'gre multipoint ipv6', extra = ''): string => `hostname spoke1
interface GigabitEthernet0/1
 no ip address
 ipv6 address 2001:DB8:0:2::1/64
interface Tunnel0
 ip address 172.16.0.11 255.255.255.0
 ip nhrp network-id 1
 ip nhrp nhs 172.16.0.1 nbma 2001:DB8:0:1::1 multicast
 ip nhrp map 172.16.0.12 2001:db8:0:3:0:0:0:1
 ip nhrp map multicast 2001:DB8:0:1::1
${extra} tunnel source GigabitEthernet0/1
 tunnel mode ${mode}
 tunnel key 100
`;
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('tunnel mode gre multipoint ipv6: IPv6 NBMA addresses (canonical), the plan runs GRE over IPv6', () => {
  const r = parseConfig(spoke());
  assert.deepEqual(r.errors, []);
  const t0 = r.config.interfaces.Tunnel0!;
  assert.equal(t0.tunnel!.transport, 6);
  assert.equal(t0.tunnel!.mode, 'gre-multipoint');
  assert.equal(t0.nhrp!.nhs[0]!.nbma, '2001:db8:0:1::1');
  assert.deepEqual(t0.nhrp!.maps, [{ protocol: '172.16.0.12', nbma: '2001:db8:0:3::1' }]);
  assert.deepEqual(t0.nhrp!.multicastNbma, ['2001:db8:0:1::1']);
  assert.ok(renderRunningConfig(r.config).includes(' tunnel mode gre multipoint ipv6'));
  const plan = planTunnel(r.config, t0);
  assert.equal(plan.sourceAddress, '2001:db8:0:2::1');
  assert.equal(plan.engine!.nbmaAddress, '2001:db8:0:2::1');
  assert.equal(plan.dataplane!.nbmaFamily, 'ipv6');
  assert.equal(plan.mtu, 1452, 'IOS default over IPv6 with a key: 1500 - 40 - 8');
  assert.deepEqual(plan.notes, []);
  // a literal IPv6 source works too; an IPv4 one resolves to no address over IPv6
  const lit = parseConfig(spoke().replace('tunnel source GigabitEthernet0/1', 'tunnel source 2001:DB8:0:2::1'));
  assert.equal(planTunnel(lit.config, lit.config.interfaces.Tunnel0!).sourceAddress, '2001:db8:0:2::1');
});

test('an IPv6 NBMA address on an IPv4 tunnel is refused at its line, and taken out of the config', () => {
  const text = spoke('gre multipoint');
  const r = parseConfig(text, { file: 'spoke1.cfg' });
  const got = r.errors.map((e) => [e.code, e.line]);
  assert.deepEqual(got, [
    ['CONFIG_NHRP_NBMA_FAMILY', lineOf(text, 'nhs 172.16.0.1')],
    ['CONFIG_NHRP_NBMA_FAMILY', lineOf(text, 'map 172.16.0.12')],
    ['CONFIG_NHRP_NBMA_FAMILY', lineOf(text, 'map multicast')],
  ]);
  assert.match(r.errors[0]!.message, /expected an IPv4 NBMA address \(Tunnel0 has an IPv4 tunnel mode\)/);
  assert.equal(r.errors[0]!.column, text.split('\n')[lineOf(text, 'nhs 172.16.0.1') - 1]!.indexOf('2001') + 1);
  const n = r.config.interfaces.Tunnel0!.nhrp!;
  assert.deepEqual([n.nhs[0]!.nbma, n.maps, n.multicastNbma], [undefined, [], []]);
});

test('an IPv4 NBMA address on an IPv6 tunnel is refused at its line', () => {
  const text = spoke('gre multipoint ipv6', ' ip nhrp map 172.16.0.13 203.0.113.1\n');
  const r = parseConfig(text);
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.line, e.fault.found]),
    [['CONFIG_NHRP_NBMA_FAMILY', lineOf(text, '203.0.113.1'), "'203.0.113.1'"]],
  );
  assert.equal(r.config.interfaces.Tunnel0!.nhrp!.maps.length, 1, 'the IPv6 map stays');
});

test('tunnel protection over an IPv6 NBMA: IKEv2 with the keyring IPv6 peers, written back as IOS does', () => {
  const text = `crypto ikev2 keyring KR
 peer ANY6
  address ::/0
  pre-shared-key any6
 peer HUB
  address ipv6 2001:DB8:0:1::1/128
  pre-shared-key hub6
 peer V4
  address 0.0.0.0 0.0.0.0
  pre-shared-key v4
crypto ikev2 profile IKEP
 match identity remote address ipv6 ::/0
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto isakmp key k6 address ipv6 ::/0
crypto ipsec transform-set TS esp-gcm 256
 mode transport
crypto ipsec profile P
 set transform-set TS
 set ikev2-profile IKEP
${spoke()} tunnel protection ipsec profile P
`;
  const r = parseConfig(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.ignored, []);
  assert.equal(r.config.interfaces.Tunnel0!.tunnel!.protection?.profile, 'P');
  const plan = planTunnel(r.config, r.config.interfaces.Tunnel0!);
  assert.deepEqual(plan.protection?.problems, []);
  assert.deepEqual(
    plan.protection?.ike.peers.map((p) => [p.address, p.psk]),
    [
      ['::', 'any6'],
      ['2001:db8:0:1::1', 'hub6'],
    ],
    'the IPv4 entry is no peer over IPv6',
  );
  const run = renderRunningConfig(r.config);
  for (const l of [
    '  address ::/0',
    '  address 2001:DB8:0:1::1/128',
    ' match identity remote address ipv6 ::/0',
    'crypto isakmp key k6 address ipv6 ::/0',
  ])
    assert.ok(run.includes(l), l);
  // IKEv1 (no set ikev2-profile) over IPv6: the `address ipv6` key, its prefix length as the mask
  const v1 = parseConfig(text.replace(' set ikev2-profile IKEP\n', ''));
  const p1 = planTunnel(v1.config, v1.config.interfaces.Tunnel0!).protection!;
  assert.deepEqual(p1.problems, []);
  assert.deepEqual(p1.ikev1?.keys, [{ address: '::', mask: '0', psk: 'k6' }]);
});

test('live configure: an IPv6 NBMA typed on an IPv4 tunnel is refused at its line', () => {
  const base = parseConfig(spoke()).config;
  const v4 = applyLines(base, ['interface Tunnel0', ' tunnel mode gre multipoint']).config;
  const r = applyLines(v4, ['interface Tunnel0', ' ip nhrp map 172.16.0.14 2001:db8:0:4::1']);
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.line]),
    [['CONFIG_NHRP_NBMA_FAMILY', 2]],
  );
  assert.equal(
    r.config.interfaces.Tunnel0!.nhrp!.maps.some((m) => m.protocol === '172.16.0.14'),
    false,
  );
});

test('a `no` line naming an IPv6 NBMA is not refused; protection over an IPv6 mode runs its profile', () => {
  const v4 = parseConfig(spoke('gre multipoint').replace(/2001:DB8:0:1::1|2001:db8:0:3:0:0:0:1/g, '192.0.2.1')).config;
  const r = applyLines(v4, ['interface Tunnel0', ' no ip nhrp map 172.16.0.12 2001:db8:0:3::1']);
  assert.deepEqual(r.errors, []);
  const withProt = applyLines(parseConfig(spoke()).config, ['interface Tunnel0', ' tunnel mode gre multipoint ipv6']);
  const cfg = structuredClone(withProt.config);
  cfg.interfaces.Tunnel0!.tunnel!.protection = { profile: 'P', shared: false, active: true };
  const plan = planTunnel(cfg, cfg.interfaces.Tunnel0!);
  assert.equal(plan.protection?.profile, 'P');
  assert.match(plan.notes.join('\n'), /tunnel protection ipsec profile P: crypto ipsec profile P does not exist/);
});

test('show interfaces facts over an IPv6 NBMA: multi-GRE/IPv6 and the IPv6 source', async () => {
  const { tunnelFacts } = await import('../../../src/node/show/link.js');
  const c = parseConfig(spoke()).config;
  const f = tunnelFacts(c, c.interfaces.Tunnel0!);
  assert.deepEqual([f.transport, f.sourceAddress], ['multi-GRE/IPv6', '2001:db8:0:2::1']);
});
