/** The EIGRP engine's configuration built from the router's IOS configuration (src/node/router/eigrp-config.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../src/eigrp/index.js';
import { parseConfig } from '../../../src/node/config/index.js';
import { eigrpInput } from '../../../src/node/router/eigrp-config.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';

const cfg = (text: string) => parseConfig(text).config;

test('no router eigrp: no engine', () => {
  assert.equal(eigrpInput(cfg('hostname r\ninterface Loopback0\n ip address 10.0.0.1 255.255.255.0\n')), undefined);
});

test('classic mode: interface lines, key chain, bandwidth and delay, passive-interface default', () => {
  const input = eigrpInput(
    cfg(`hostname r
key chain KC
 key 3
  key-string s3cret
interface GigabitEthernet0/1
 ip address 192.0.2.1 255.255.255.0
 delay 100
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 bandwidth 1000
 no ip split-horizon eigrp 100
 no ip next-hop-self eigrp 100
 ip authentication mode eigrp 100 md5
 ip authentication key-chain eigrp 100 KC
 ip summary-address eigrp 100 10.0.0.0 255.0.0.0
 tunnel mode gre multipoint
router eigrp 100
 network 172.16.0.0 0.0.0.255
 network 192.0.2.0
 passive-interface default
 no passive-interface Tunnel0
 redistribute static
ip route 10.9.0.0 255.255.255.0 192.0.2.9
`),
  )!;
  const c = resolveConfig(input);
  assert.equal(input.wideMetrics, false, 'classic mode sends classic TLVs');
  const t = c.interfaces.find((i) => i.name === 'Tunnel0')!;
  const g = c.interfaces.find((i) => i.name === 'GigabitEthernet0/1')!;
  assert.deepEqual(
    [t.splitHorizon, t.nextHopSelf, t.multipoint, t.bandwidth, t.passive, t.enabled],
    [false, false, true, 1000, false, true],
  );
  assert.deepEqual(t.authentication, { mode: 'md5', key: 's3cret', keyId: 3 });
  assert.deepEqual(t.summaries, [{ prefix: '10.0.0.0', prefixLength: 8 }]);
  assert.deepEqual([g.delayUs, g.passive, g.splitHorizon, g.multipoint], [1000, true, true, false]);
  assert.deepEqual(c.staticRoutes, [{ prefix: '10.9.0.0', prefixLength: 24, nextHop: '192.0.2.9' }]);
  assert.deepEqual(c.redistribute, { static: {} });
});

test('named mode: af-interface default, then the interface block', () => {
  const input = eigrpInput(
    cfg(`hostname r
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
router eigrp LAB
 address-family ipv4 unicast autonomous-system 7
  af-interface default
   hello-interval 2
   hold-time 6
  exit-af-interface
  af-interface Tunnel0
   no split-horizon
   authentication mode hmac-sha-256 pw
  exit-af-interface
  topology base
   variance 2
  exit-af-topology
  network 172.16.0.0
  eigrp router-id 1.1.1.1
 exit-address-family
`),
  )!;
  const c = resolveConfig(input);
  assert.deepEqual([c.as, c.routerId, c.variance], [7, '1.1.1.1', 2]);
  const t = c.interfaces[0];
  assert.deepEqual([t.helloInterval, t.holdTime, t.splitHorizon, t.nextHopSelf], [2, 6, false, true]);
  assert.deepEqual(t.authentication, { mode: 'sha256', password: 'pw' });
  assert.equal(input.wideMetrics, true, 'named mode sends wide-metric TLVs, as IOS does');
});

test('named mode add-paths and no next-hop-self no-ecmp-mode reach the engine and the running-config', () => {
  const text = `hostname hub
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 tunnel mode gre multipoint
router eigrp DMVPN
 address-family ipv4 unicast autonomous-system 100
  af-interface Tunnel0
   no split-horizon
   no next-hop-self no-ecmp-mode
   add-paths 4
  exit-af-interface
  network 172.16.0.0 0.0.0.255
 exit-address-family
`;
  const parsed = parseConfig(text);
  assert.deepEqual(parsed.ignored ?? [], []);
  const t = resolveConfig(eigrpInput(parsed.config)!).interfaces.find((i) => i.name === 'Tunnel0')!;
  assert.deepEqual([t.splitHorizon, t.nextHopSelf, t.noEcmpMode, t.addPaths], [false, false, true, 4]);
  const running = renderRunningConfig(parsed.config);
  assert.match(running, /^ {3}no next-hop-self no-ecmp-mode$/m);
  assert.match(running, /^ {3}add-paths 4$/m);
  const again = resolveConfig(eigrpInput(parseConfig(running).config)!).interfaces.find((i) => i.name === 'Tunnel0')!;
  assert.deepEqual([again.noEcmpMode, again.addPaths], [true, 4]);
  assert.ok(parseConfig(text.replace('add-paths 4', 'add-paths 5')).errors.length > 0, 'add-paths is 1-4');
});
