/** EIGRP configuration lines: classic and named mode, interface settings, key chains, render round trip. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseConfig } from '../../../src/node/config/index.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';

const text = readFileSync(new URL('../../fixtures/eigrp/router-eigrp.cfg', import.meta.url), 'utf8');

test("EIGRP lines are taken, not ignored (RIP's plain `no ip split-horizon` still is)", () => {
  const r = parseConfig(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['no ip split-horizon'],
  );
  const [classic, named] = r.config.eigrp!;
  assert.equal(classic.as, 100);
  assert.deepEqual(classic.networks, [{ address: '10.0.0.0', wildcard: '0.0.0.255' }, { address: '192.168.1.0' }]);
  assert.equal(classic.routerId, '1.1.1.1');
  assert.deepEqual(classic.stub, {
    connected: true,
    summary: true,
    static: false,
    redistributed: false,
    receiveOnly: false,
  });
  assert.equal(classic.passiveDefault, true);
  assert.deepEqual(classic.activeInterfaces, ['Tunnel0']);
  assert.deepEqual(classic.redistribute.static?.metric, {
    bandwidth: 1000,
    delay: 100,
    reliability: 255,
    load: 1,
    mtu: 1500,
  });
  assert.equal(classic.variance, 2);
  assert.equal(classic.maximumPaths, 6);
  assert.equal(named.name, 'LAB');
  assert.equal(named.as, 200);
  assert.equal(named.variance, 3);
  assert.deepEqual(named.afInterfaces.Tunnel0, {
    splitHorizon: false,
    nextHopSelf: false,
    summaries: [{ prefix: '10.0.0.0', prefixLength: 8 }],
    helloInterval: 3,
    holdTime: 9,
    authMode: 'hmac-sha-256',
    authKey: 'pw',
  });
  const t0 = r.config.interfaces.Tunnel0;
  assert.equal(t0.bandwidth, 1000);
  assert.equal(t0.delay, 100);
  assert.deepEqual(t0.eigrp?.['100'], {
    splitHorizon: false,
    nextHopSelf: false,
    summaries: [{ prefix: '192.168.0.0', prefixLength: 16 }],
    helloInterval: 2,
    holdTime: 6,
    authMode: 'md5',
    keyChain: 'KC',
  });
  assert.deepEqual(r.config.keyChains, [{ name: 'KC', keys: [{ id: 1, keyString: 'secret' }] }]);
  assert.ok(runningConfigSchema.safeParse(r.config).success);
});

test('EIGRP config renders back to the same config', () => {
  const r = parseConfig(text);
  const again = parseConfig(renderRunningConfig(r.config));
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config, r.config);
});

test('live configure of EIGRP lines is a change', () => {
  const r = parseConfig('hostname R\n');
  const a = applyLines(r.config, ['router eigrp 7', 'network 10.0.0.0']);
  assert.deepEqual(
    a.errors.map((e) => e.message),
    [],
  );
  assert.deepEqual(a.changes, [{ kind: 'eigrp' }]);
  assert.deepEqual(a.config.eigrp?.[0].networks, [{ address: '10.0.0.0' }]);
  const b = applyLines(a.config, ['no router eigrp 7']);
  assert.equal(b.config.eigrp, undefined);
});

test('router eigrp lines not acted on are reported as ignored, not refused', () => {
  const r = parseConfig('router eigrp 1\n network 10.0.0.0\n metric weights 0 1 0 1 0 0\n timers active-time 5\n');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.ignored.map((x) => [x.text, x.context]),
    [
      ['metric weights 0 1 0 1 0 0', 'router eigrp'],
      ['timers active-time 5', 'router eigrp'],
    ],
  );
  assert.deepEqual(r.config.eigrp?.[0].networks, [{ address: '10.0.0.0' }]);
});
