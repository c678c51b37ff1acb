/**
 * Point-to-point GRE over IPv6 in the config: `tunnel mode gre ipv6` with an IPv6 `tunnel destination`,
 * the running-config round trip, what the tunnel runs (plan), `show interfaces` and `show ip interface
 * brief`, and a destination of the other family than the transport refused at its line and column
 * (start-up config and live configure).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { planTunnel } from '../../../src/node/router/engine-config.js';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import type { InterfacesJson } from '../../../src/node/show/interfaces.js';

const router = (
  mode = 'gre ipv6',
  destination = '2001:db8:0:3:0:0:0:1',
  source = 'GigabitEthernet0/1',
): string => `hostname r1
interface GigabitEthernet0/1
 no ip address
 ipv6 address 2001:DB8:0:2::1/64
interface Tunnel0
 ip address 172.16.0.1 255.255.255.252
 ipv6 address 2001:DB8:0:100::1/64
 tunnel source ${source}
 tunnel destination ${destination}
 tunnel mode ${mode}
`;
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('tunnel mode gre ipv6: point-to-point over an IPv6 NBMA, the destination canonical, the plan GRE in IPv6', () => {
  const r = parseConfig(router());
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.ignored, []);
  const t = r.config.interfaces.Tunnel0!.tunnel!;
  assert.deepEqual([t.mode, t.transport, t.destination], ['gre-p2p', 6, '2001:db8:0:3::1']);
  const plan = planTunnel(r.config, r.config.interfaces.Tunnel0!);
  assert.equal(plan.sourceAddress, '2001:db8:0:2::1');
  assert.equal(plan.dataplane!.destination, '2001:db8:0:3::1');
  assert.equal(plan.dataplane!.nbmaFamily, 'ipv6');
  assert.equal(plan.dataplane!.redirect, false);
  assert.equal(plan.mtu, 1456, 'IOS default over IPv6: 1500 - 40 - 4');
  assert.deepEqual(plan.notes, []);
  // a literal IPv6 source
  const lit = parseConfig(router('gre ipv6', '2001:DB8:0:3::1', '2001:db8:0:2::1'));
  assert.equal(planTunnel(lit.config, lit.config.interfaces.Tunnel0!).sourceAddress, '2001:db8:0:2::1');
});

test('running-config round trip: tunnel mode gre ipv6, source and destination in upper case as IOS', () => {
  const r = parseConfig(router('gre ipv6', '2001:DB8:0:3::1', '2001:db8:0:2::1'));
  const text = renderRunningConfig(r.config);
  const tunnel = text.split('\n').filter((l) => l.startsWith(' tunnel '));
  assert.deepEqual(tunnel, [
    ' tunnel source 2001:DB8:0:2::1',
    ' tunnel destination 2001:DB8:0:3::1',
    ' tunnel mode gre ipv6',
  ]);
  const again = parseConfig(text);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config.interfaces.Tunnel0!.tunnel, r.config.interfaces.Tunnel0!.tunnel);
  assert.equal(renderRunningConfig(again.config), text);
});

test('an IPv4 destination on gre ipv6, an IPv6 one on gre ip: refused at its line and column, taken out', () => {
  for (const [mode, dst, expected] of [
    ['gre ipv6', '192.0.2.9', /expected an IPv6 address \(Tunnel0 has tunnel mode gre ipv6\), found '192\.0\.2\.9'/],
    [
      'gre ip',
      '2001:DB8:0:3::1',
      /expected an IPv4 address \(Tunnel0 has an IPv4 tunnel mode\), found '2001:db8:0:3::1'/,
    ],
  ] as const) {
    const text = router(mode, dst);
    const r = parseConfig(text, { file: 'r1.cfg' });
    const line = lineOf(text, 'tunnel destination');
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.line, e.column]),
      [['CONFIG_TUNNEL_DESTINATION_FAMILY', line, ' tunnel destination '.length + 1]],
      mode,
    );
    assert.match(r.errors[0]!.message, expected);
    assert.match(r.errors[0]!.message, new RegExp(`^r1\\.cfg:${line}:21: tunnel destination: `));
    assert.equal(r.config.interfaces.Tunnel0!.tunnel!.destination, undefined);
  }
  // only the destination written last counts
  const twice = parseConfig(
    router().replace(' tunnel destination', ' tunnel destination 192.0.2.9\n tunnel destination'),
  );
  assert.deepEqual(twice.errors, []);
});

test('live configure: an IPv4 destination typed on a gre ipv6 tunnel is refused; a mode change is noted', () => {
  const base = parseConfig(router()).config;
  const r = applyLines(base, ['interface Tunnel0', ' tunnel destination 192.0.2.9']);
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.line]),
    [['CONFIG_TUNNEL_DESTINATION_FAMILY', 2]],
  );
  const ok = applyLines(base, ['interface Tunnel0', ' tunnel destination 2001:db8:0:4::1']);
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.config.interfaces.Tunnel0!.tunnel!.destination, '2001:db8:0:4::1');
  // the mode changed under an IPv6 destination: the destination is not used, the plan says why
  const v4 = applyLines(base, ['interface Tunnel0', ' tunnel mode gre ip']).config;
  const plan = planTunnel(v4, v4.interfaces.Tunnel0!);
  assert.equal(plan.dataplane?.destination, undefined);
  assert.match(plan.notes.join('\n'), /tunnel destination 2001:db8:0:3::1: not an IPv4 address \(tunnel mode gre ip\)/);
});

test('tunnel mode gre ip ipv6 is invalid input; no tunnel mode goes back to gre ip over IPv4', () => {
  const text = router('gre ip ipv6');
  const bad = parseConfig(text);
  // the mode line refused, the tunnel stays IPv4: its IPv6 destination is refused too
  assert.deepEqual(bad.errors.map((e) => [e.code, e.line]).sort(), [
    ['CONFIG_INVALID_INPUT', lineOf(text, 'tunnel mode')],
    ['CONFIG_TUNNEL_DESTINATION_FAMILY', lineOf(text, 'tunnel destination')],
  ]);
  const back = applyLines(parseConfig(router()).config, ['interface Tunnel0', ' no tunnel mode']).config;
  assert.deepEqual([back.interfaces.Tunnel0!.tunnel!.mode, back.interfaces.Tunnel0!.tunnel!.transport], ['gre-p2p', 4]);
});

test('show interfaces: Tunnel protocol/transport GRE/IPv6, source and destination as IOS; brief up/up', () => {
  const cfg = parseConfig(router()).config;
  const st: ShowState = { config: cfg, interfaces: [], routes: [], now: 0, uptimeSec: 0 };
  const text = runShow('show interfaces Tunnel0', st).split('\n');
  assert.equal(text[0], 'Tunnel0 is up, line protocol is up');
  assert.ok(text.includes('  Tunnel source 2001:DB8:0:2::1 (GigabitEthernet0/1), destination 2001:DB8:0:3::1'));
  assert.ok(text.includes('  Tunnel protocol/transport GRE/IPv6'));
  assert.ok(text.includes('  Tunnel transport MTU 1456 bytes'));
  const j = (renderShow('show interfaces Tunnel0 json', st) as { json: InterfacesJson }).json;
  const t = j.interfaces[0]!.tunnel!;
  assert.deepEqual([t.source, t.destination, t.transport], ['2001:db8:0:2::1', '2001:db8:0:3::1', 'GRE/IPv6']);
  const brief = runShow('show ip interface brief', st).split('\n');
  assert.match(brief.find((l) => l.startsWith('Tunnel0'))!, /^Tunnel0 +172\.16\.0\.1 +YES NVRAM +up +up$/);
  // no destination: line protocol down
  const none = parseConfig(router().replace(/ tunnel destination .*\n/, '')).config;
  const down = runShow('show ip interface brief', { ...st, config: none }).split('\n');
  assert.match(down.find((l) => l.startsWith('Tunnel0'))!, / up +down$/);
});
