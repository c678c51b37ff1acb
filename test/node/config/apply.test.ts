import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLines } from '../../../src/node/config/apply.js';
import { listDelta } from '../../../src/node/config/diff.js';
import { parseFixture } from '../../helpers/config.js';

const hub = parseFixture('hub-phase3.cfg').config;
const spoke = parseFixture('spoke-phase3.cfg').config;

test('redirect off and on: one nhrp change each way, input config untouched', () => {
  const before = structuredClone(hub);
  const off = applyLines(hub, ['interface Tunnel0', ' no ip nhrp redirect']);
  assert.deepEqual(off.errors, []);
  assert.deepEqual(off.changes, [{ kind: 'nhrp', iface: 'Tunnel0', field: 'redirect', from: true, to: false }]);
  assert.equal(off.config.interfaces.Tunnel0.nhrp?.redirect, false);
  assert.deepEqual(hub, before, 'applyLines returns a new config');
  const on = applyLines(off.config, ['interface Tunnel0', 'ip nhrp redirect']);
  assert.deepEqual(on.changes, [{ kind: 'nhrp', iface: 'Tunnel0', field: 'redirect', from: false, to: true }]);
});

test('shortcut on and off on a spoke', () => {
  const off = applyLines(spoke, ['interface Tunnel0', 'no ip nhrp shortcut']);
  assert.deepEqual(off.changes, [{ kind: 'nhrp', iface: 'Tunnel0', field: 'shortcut', from: true, to: false }]);
  const on = applyLines(off.config, ['interface Tunnel0', 'ip nhrp shortcut']);
  assert.deepEqual(on.changes, [{ kind: 'nhrp', iface: 'Tunnel0', field: 'shortcut', from: false, to: true }]);
  const same = applyLines(on.config, ['interface Tunnel0', 'ip nhrp shortcut']);
  assert.deepEqual(same.changes, [], 'repeating a setting changes nothing');
});

test('adding an NHS with its map gives nhs and maps changes the router can diff', () => {
  const r = applyLines(spoke, [
    'interface Tunnel0',
    ' ip nhrp map 10.0.0.254 192.0.2.254',
    ' ip nhrp nhs 10.0.0.254 priority 2',
  ]);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.changes.map((c) => [c.kind, 'field' in c ? c.field : '']),
    [
      ['nhrp', 'maps'],
      ['nhrp', 'nhs'],
    ],
  );
  const nhs = r.changes.find((c) => c.kind === 'nhrp' && c.field === 'nhs');
  assert.ok(nhs && nhs.kind === 'nhrp' && nhs.field === 'nhs');
  assert.deepEqual(listDelta(nhs.from, nhs.to), {
    added: [{ address: '10.0.0.254', multicast: false, priority: 2, cluster: 0 }],
    removed: [],
  });
});

test('shutting the tunnel and bringing it back', () => {
  const down = applyLines(hub, ['interface Tunnel0', 'shutdown', 'end']);
  assert.deepEqual(down.changes, [{ kind: 'interface', iface: 'Tunnel0', field: 'shutdown', from: false, to: true }]);
  const up = applyLines(down.config, ['interface Tunnel0', 'no shutdown']);
  assert.deepEqual(up.changes, [{ kind: 'interface', iface: 'Tunnel0', field: 'shutdown', from: true, to: false }]);
});

test('tunnel, route, hostname and interface changes are reported by kind', () => {
  const r = applyLines(hub, [
    'hostname Hub2',
    'interface Tunnel0',
    ' tunnel key 200',
    'interface Tunnel1',
    ' ip address 10.10.0.1 255.255.255.0',
    'exit',
    'no ip route 10.3.0.0 255.255.0.0 10.0.0.3',
    'ip route 10.4.0.0 255.255.0.0 10.0.0.4',
  ]);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.changes.map((c) => c.kind),
    ['hostname', 'tunnel', 'interface-added', 'routes'],
  );
  const routes = r.changes.find((c) => c.kind === 'routes');
  assert.ok(routes?.kind === 'routes');
  assert.deepEqual(
    routes.added.map((x) => x.prefix.address),
    ['10.4.0.0'],
  );
  assert.deepEqual(
    routes.removed.map((x) => x.prefix.address),
    ['10.3.0.0'],
  );
  assert.ok(
    r.warnings.some((w) => w.code === 'TUNNEL_NO_SOURCE' && w.text === 'interface Tunnel1'),
    'new problems are warned about',
  );
  assert.ok(!r.warnings.some((w) => w.text === 'interface Tunnel0'), 'old problems are not repeated');
});

test('a bad live line is refused with the source name and its line number; the good lines still apply', () => {
  const r = applyLines(
    hub,
    ['interface Tunnel0', ' ip nhrp holdtime forever', ' ip nhrp holdtime 600', ' speed 100'],
    'configure (control socket)',
  );
  assert.deepEqual(
    r.errors.map((e) => [e.file, e.line, e.column, e.code]),
    [['configure (control socket)', 2, 19, 'CONFIG_INVALID_INPUT']],
  );
  assert.deepEqual(r.changes, [{ kind: 'nhrp', iface: 'Tunnel0', field: 'holdtime', from: 300, to: 600 }]);
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['speed 100'],
  );
});

test('removing an interface reports it with its last config', () => {
  const r = applyLines(hub, ['no interface Tunnel0']);
  assert.equal(r.changes.length, 1);
  const c = r.changes[0];
  assert.ok(c.kind === 'interface-removed');
  assert.equal(c.config.linuxName, 'tun0');
  assert.equal(r.config.interfaces.Tunnel0, undefined);
});

test('the configure answer lists refused lines IOS-style, then ignored lines and warnings', async () => {
  const { renderApplyResult } = await import('../../../src/node/config/apply-text.js');
  const r = applyLines(
    hub,
    ['interface Tunnel0', ' ip nhrp holdtime x', ' speed 100', 'interface Tunnel5'],
    'configure',
  );
  const text = renderApplyResult(r);
  assert.equal(
    text,
    [
      'configure:2:  ip nhrp holdtime x',
      '                               ^',
      "% Invalid input detected at '^' marker.",
      "  ip nhrp holdtime: expected seconds 1-65535, found 'x' [CONFIG_INVALID_INPUT]",
      '% line 3: speed 100 [interface Tunnel0]: not supported, ignored (interface hardware)',
      '%Warning: Tunnel5 has no ip address',
      '%Warning: Tunnel5 has no tunnel source: it stays down',
      '%Warning: Tunnel5 is point-to-point (tunnel mode gre ip) without a tunnel destination: it stays down',
      '',
    ].join('\n'),
  );
  assert.equal(renderApplyResult(applyLines(hub, ['interface Tunnel0', 'ip nhrp shortcut'])), '');
});
