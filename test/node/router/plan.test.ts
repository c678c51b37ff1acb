import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { defaultTunnelMtu, firstNhs, planTunnel } from '../../../src/node/router/engine-config.js';
import { interfaceCommands, tunnelSysctls } from '../../../src/node/router/interfaces.js';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseFixture } from '../../helpers/config.js';

function load(text: string) {
  const r = parseConfig(text, { file: 't.cfg' });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.config;
}

test('planTunnel: a Phase 3 spoke maps to the engine and data plane settings', () => {
  const { config } = parseFixture('spoke-phase3.cfg');
  const plan = planTunnel(config, config.interfaces.Tunnel0);
  assert.equal(plan.linuxName, 'tun0');
  assert.equal(plan.cidr, '10.0.0.2/24');
  assert.equal(plan.sourceAddress, '198.51.100.2', 'tunnel source GigabitEthernet0/1 → its address');
  assert.equal(plan.mtu, 1400, 'ip mtu');
  assert.deepEqual(plan.dataplane, {
    name: 'Tunnel0',
    address: '10.0.0.2',
    prefixLength: 24,
    key: 100,
    redirect: true,
  });
  const e = plan.engine!;
  assert.equal(e.nbmaAddress, '198.51.100.2');
  assert.equal(e.protocolAddress, '10.0.0.2');
  assert.equal(e.networkId, 1);
  assert.equal(e.holdtime, 300);
  assert.equal(e.authentication, 'DMVPN');
  assert.deepEqual(e.nhs, [{ protocol: '10.0.0.1', nbma: '192.0.2.1', priority: 1, cluster: 2 }]);
  assert.deepEqual(e.clusterMaxConnections, [{ cluster: 2, maxConnections: 1 }]);
  assert.equal(e.registrationTimeout, 60);
  assert.equal(e.noUnique, true);
  assert.equal(e.shortcut, true);
  assert.equal(e.redirect, false);
  assert.equal(e.groupName, 'BRANCH');
  assert.deepEqual(e.multicast, { static: ['192.0.2.1'], dynamic: false }, 'nhs … multicast');
  assert.equal(e.isNhs, false);
  assert.equal(firstNhs(plan), '10.0.0.1');
});

test('planTunnel: a hub is an NHS with redirect and dynamic multicast', () => {
  const { config } = parseFixture('hub-phase3.cfg');
  const e = planTunnel(config, config.interfaces.Tunnel0).engine!;
  assert.equal(e.isNhs, true);
  assert.equal(e.redirect, true);
  assert.deepEqual(e.maxSend, { count: 10, intervalSec: 20 });
  assert.deepEqual(e.multicast, { static: [], dynamic: true });
  assert.equal(e.nbmaAddress, '192.0.2.1');
});

test('planTunnel: a second hub that registers with the first still serves registrations', () => {
  const config = load(
    [
      'interface GigabitEthernet0/1',
      ' ip address 192.168.2.2 255.255.255.0',
      'interface Tunnel0',
      ' ip address 172.16.1.2 255.255.255.0',
      ' ip nhrp map multicast dynamic',
      ' ip nhrp map 172.16.1.1 192.168.2.1',
      ' ip nhrp map multicast 192.168.2.1',
      ' ip nhrp network-id 1',
      ' ip nhrp nhs 172.16.1.1',
      ' tunnel source GigabitEthernet0/1',
      ' tunnel mode gre multipoint',
    ].join('\n'),
  );
  const e = planTunnel(config, config.interfaces.Tunnel0).engine!;
  assert.deepEqual(
    e.nhs.map((n) => n.protocol),
    ['172.16.1.1'],
  );
  assert.equal(e.isNhs, true);
});

test('planTunnel: point-to-point, no address, no source, no NHRP, dynamic NHS', () => {
  const c = load(`interface Ethernet0/0
 ip address 192.0.2.9 255.255.255.0
interface Tunnel1
 ip address 172.16.1.1 255.255.255.252
 tunnel source Ethernet0/0
 tunnel destination 198.51.100.7
interface Tunnel2
 tunnel source Ethernet0/0
interface Tunnel3
 ip address 172.16.3.1 255.255.255.0
interface Tunnel4
 ip address 172.16.4.1 255.255.255.0
 ip nhrp network-id 4
 ip nhrp nhs dynamic nbma 192.0.2.1
 tunnel source 192.0.2.9
 tunnel mode gre multipoint
`);
  const p1 = planTunnel(c, c.interfaces.Tunnel1);
  assert.equal(p1.dataplane?.destination, '198.51.100.7');
  assert.equal(p1.dataplane?.redirect, false, 'no hairpin watch on a point-to-point tunnel');
  assert.equal(p1.engine?.networkId, 0, 'no ip nhrp network-id: NHRP off');
  assert.equal(p1.mtu, defaultTunnelMtu(undefined));
  assert.doesNotMatch(p1.notes.join('\n'), /cannot send/, 'its source has an address');
  const p2 = planTunnel(c, c.interfaces.Tunnel2);
  assert.equal(p2.engine, undefined);
  assert.equal(p2.dataplane, undefined);
  assert.match(p2.notes.join('\n'), /no ip address/);
  const p3 = planTunnel(c, c.interfaces.Tunnel3);
  assert.equal(p3.engine, undefined, 'no source: no engine');
  assert.ok(p3.dataplane);
  assert.match(p3.notes.join('\n'), /no tunnel source/);
  const p4 = planTunnel(c, c.interfaces.Tunnel4);
  assert.equal(p4.sourceAddress, '192.0.2.9');
  assert.deepEqual(p4.engine?.nhs, []);
  assert.match(p4.notes.join('\n'), /nhs dynamic/);
});

test('interfaceCommands: start-up brings lo, addresses, MTU and links up; tunnels get the GRE default MTU', () => {
  const { config } = parseFixture('hub-phase3.cfg');
  const cmds = interfaceCommands(undefined, config).map((c) => c.args.join(' '));
  assert.equal(cmds[0], 'link set dev lo up');
  assert.ok(cmds.includes('addr replace 10.1.1.1/32 dev lo'));
  assert.ok(cmds.includes('addr replace 10.0.0.1/24 dev tun0'));
  assert.ok(cmds.includes('link set dev tun0 mtu 1400'));
  assert.ok(cmds.includes('link set dev tun0 up'));
  assert.ok(cmds.includes('addr replace 192.0.2.1/24 dev eth1'));
  assert.ok(cmds.includes('addr replace 10.1.100.1/24 dev eth2'), 'secondary address');
  assert.ok(cmds.indexOf('link set dev tun0 mtu 1400') < cmds.indexOf('link set dev tun0 up'));
  const bare = load('interface Tunnel5\n ip address 172.16.5.1 255.255.255.0\n tunnel key 7\n');
  assert.ok(interfaceCommands(undefined, bare).some((c) => c.args.join(' ') === 'link set dev tun5 mtu 1472'));
});

test('interfaceCommands: a live change touches only what changed', () => {
  const { config } = parseFixture('hub-phase3.cfg');
  const r = applyLines(config, [
    'interface Tunnel0',
    ' shutdown',
    'interface GigabitEthernet0/2',
    ' no ip address 10.1.100.1 255.255.255.0 secondary',
    'interface Loopback0',
    ' shutdown',
  ]);
  assert.deepEqual(r.errors, []);
  const cmds = interfaceCommands(config, r.config).map((c) => `${c.iface}: ${c.args.join(' ')}`);
  assert.deepEqual(cmds.sort(), [
    'GigabitEthernet0/2: addr del 10.1.100.1/24 dev eth2',
    'Loopback0: addr del 10.1.1.1/32 dev lo',
    'Tunnel0: link set dev tun0 down',
  ]);
  assert.deepEqual(interfaceCommands(config, config), []);
  assert.ok(tunnelSysctls('tun0').some(([p, v]) => p === 'net/ipv6/conf/tun0/disable_ipv6' && v === '1'));
});

test('planTunnel: tunnels on one source with `shared` share the SA database; without it, a note says why not', () => {
  const crypto = `crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key K address 0.0.0.0 0.0.0.0
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile P
 set transform-set TS
interface Ethernet0/0
 ip address 192.0.2.9 255.255.255.0
interface Ethernet0/1
 ip address 198.51.100.9 255.255.255.0
`;
  const tunnel = (n: number, source: string, shared: string) => `interface Tunnel${n}
 ip address 172.16.${n}.1 255.255.255.0
 ip nhrp network-id ${n}
 tunnel source ${source}
 tunnel mode gre multipoint
 tunnel key ${n}
 tunnel protection ipsec profile P${shared}
`;
  const c = load(
    crypto + tunnel(1, 'Ethernet0/0', ' shared') + tunnel(2, 'Ethernet0/0', ' shared') + tunnel(3, 'Ethernet0/1', ''),
  );
  assert.equal(c.interfaces.Tunnel1.tunnel?.protection?.shared, true);
  const notes = (cfg: typeof c, n: string) => planTunnel(cfg, cfg.interfaces[n]!).notes.join('\n');
  assert.doesNotMatch(notes(c, 'Tunnel1'), /same tunnel source/);
  assert.doesNotMatch(notes(c, 'Tunnel2'), /same tunnel source/);
  assert.equal(planTunnel(c, c.interfaces.Tunnel1!).protection?.shared, true);
  assert.equal(planTunnel(c, c.interfaces.Tunnel3!).protection?.shared, undefined);
  const unshared = load(crypto + tunnel(1, 'Ethernet0/0', ' shared') + tunnel(2, 'Ethernet0/0', ''));
  assert.match(
    notes(unshared, 'Tunnel2'),
    /profile P: Tunnel1 is protected on the same tunnel source 192\.0\.2\.9; without the keyword shared/,
  );
  assert.match(notes(unshared, 'Tunnel1'), /profile P shared: Tunnel2 is protected on the same tunnel source/);
  assert.ok(planTunnel(unshared, unshared.interfaces.Tunnel2!).protection, 'the tunnel stays protected');
});
