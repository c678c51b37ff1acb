import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { parseFixture } from '../../helpers/config.js';

const load = (text: string) => parseConfig(text, { file: 't.cfg' });

test('hub fixture: tunnel, NHRP, addresses, MTU/MSS and routes take effect', () => {
  const { config, errors, ignored } = parseFixture('hub-phase3.cfg');
  assert.deepEqual(errors, []);
  const t = config.interfaces.Tunnel0;
  assert.equal(t.description, 'DMVPN cloud');
  assert.equal(t.mtu, 1400);
  assert.equal(t.adjustMss, 1360);
  assert.deepEqual(t.tunnel, {
    mode: 'gre-multipoint',
    transport: 4,
    source: { kind: 'interface', name: 'GigabitEthernet0/1' },
    key: 100,
  });
  const n = t.nhrp!;
  assert.equal(n.holdtime, 300);
  assert.equal(n.redirect, true);
  assert.equal(n.shortcut, false);
  assert.deepEqual(n.maxSend, { count: 10, interval: 20 });
  assert.equal(n.multicastDynamic, true);
  assert.deepEqual(config.interfaces['GigabitEthernet0/2'].addresses, [
    { family: 4, address: '10.1.0.1', prefixLength: 24, secondary: false },
    { family: 4, address: '10.1.100.1', prefixLength: 24, secondary: true },
  ]);
  assert.deepEqual(config.routes, [
    {
      prefix: { family: 4, address: '0.0.0.0', prefixLength: 0 },
      nextHop: '192.0.2.254',
      distance: 1,
      permanent: false,
    },
    {
      prefix: { family: 4, address: '10.2.0.0', prefixLength: 16 },
      interface: 'Tunnel0',
      nextHop: '10.0.0.2',
      distance: 10,
      name: 'SPOKE1-LAN',
      permanent: false,
    },
    {
      prefix: { family: 4, address: '10.3.0.0', prefixLength: 16 },
      nextHop: '10.0.0.3',
      distance: 1,
      tag: 30,
      permanent: false,
    },
    {
      prefix: { family: 4, address: '10.99.0.0', prefixLength: 16 },
      interface: 'Null0',
      distance: 1,
      permanent: false,
    },
  ]);
  assert.deepEqual(
    ignored.map((x) => [x.line, x.text]),
    // line vty 0 4 (with its login) takes effect: the router's SSH reads it
    [[12, 'no ip redirects']],
  );
});

test('spoke fixture: nhs with nbma/multicast/priority/cluster, registration, shortcut, group', () => {
  const { config, errors, warnings } = parseFixture('spoke-phase3.cfg');
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  const n = config.interfaces.Tunnel0.nhrp!;
  assert.deepEqual(n.nhs, [{ address: '10.0.0.1', nbma: '192.0.2.1', multicast: true, priority: 1, cluster: 2 }]);
  assert.equal(n.registrationTimeout, 60);
  assert.equal(n.registrationNoUnique, true);
  assert.equal(n.shortcut, true);
  assert.equal(n.redirect, false);
  assert.equal(n.group, 'BRANCH');
  assert.equal(n.authentication, 'DMVPN');
  assert.deepEqual(config.routes[1], {
    prefix: { family: 4, address: '10.0.0.0', prefixLength: 8 },
    interface: 'Tunnel0',
    distance: 1,
    permanent: false,
  });
});

test('IOS interface names map to Linux devices', () => {
  const { config, errors } = load(
    [
      'interface GigabitEthernet0/3',
      'interface Ethernet1/2',
      'interface FastEthernet0/0/1',
      'interface GigabitEthernet2',
      'interface Loopback0',
      'interface Loopback7',
      'interface Tunnel12',
      'interface gi0/5',
      'interface Tu 3',
    ].join('\n'),
  );
  assert.deepEqual(errors, []);
  const map = Object.fromEntries(Object.values(config.interfaces).map((i) => [i.name, i.linuxName]));
  assert.deepEqual(map, {
    'GigabitEthernet0/3': 'eth3',
    'Ethernet1/2': 'eth6',
    'FastEthernet0/0/1': 'eth1',
    GigabitEthernet2: 'eth2',
    Loopback0: 'lo',
    Loopback7: 'lo',
    Tunnel12: 'tun12',
    'GigabitEthernet0/5': 'eth5',
    Tunnel3: 'tun3',
  });
});

test('two IOS names for one device are refused; unsupported interface types are ignored as a block', () => {
  const r = load(
    'interface Ethernet0/4\ninterface Ethernet1/0\ninterface Serial0/0\n ip address 10.0.0.1 255.255.255.0\n encapsulation ppp\ninterface GigabitEthernet0/1.100\n encapsulation dot1Q 100',
  );
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.line]),
    [['CONFIG_NAME_CLASH', 2]],
  );
  assert.deepEqual(
    r.ignored.map((x) => [x.line, x.children.length, x.reason]),
    [
      [3, 2, 'not supported, ignored (Serial interfaces)'],
      [6, 1, 'not supported, ignored (subinterfaces)'],
    ],
  );
  assert.deepEqual(Object.keys(r.config.interfaces), ['Ethernet0/4']);
});

test('lines typed without indentation follow IOS modes', () => {
  const r = load(
    'interface Tunnel0\nip address 10.0.0.1 255.255.255.0\nip nhrp network-id 5\nshutdown\nip route 10.9.0.0 255.255.0.0 10.0.0.9\nrouter ospf 1\nnetwork 10.0.0.0 0.0.0.255 area 0\nhostname X',
  );
  assert.deepEqual(r.errors, []);
  const t = r.config.interfaces.Tunnel0;
  assert.equal(t.addresses[0].address, '10.0.0.1');
  assert.equal(t.nhrp?.networkId, 5);
  assert.equal(t.shutdown, true);
  assert.equal(r.config.routes.length, 1);
  // `network` stays in router ospf mode; `hostname` leaves it
  assert.deepEqual(r.ignored, []);
  assert.deepEqual(r.config.routing?.ospf?.networks, [{ address: '10.0.0.0', wildcard: '0.0.0.255', area: '0' }]);
  assert.equal(r.config.hostname, 'X');
});

test('no forms undo every supported command', () => {
  const base = parseFixture('spoke-phase3.cfg').text.replace(/\nend\n?$/, '\n');
  const r = load(`${base}interface Tunnel0
 no ip nhrp nhs 10.0.0.1
 no ip nhrp nhs cluster 2 max-connections
 no ip nhrp authentication
 no ip nhrp holdtime
 no ip nhrp registration timeout
 no ip nhrp registration no-unique
 no ip nhrp shortcut
 no nhrp group
 no ip nhrp network-id
 no ip mtu
 no ip tcp adjust-mss
 no tunnel key
 no tunnel mode
 no tunnel source
 no ip address
no ip route 0.0.0.0 0.0.0.0 198.51.100.1
no ip route 10.0.0.0 255.0.0.0
no hostname
no interface Loopback0
`);
  assert.deepEqual(r.errors, []);
  const t = r.config.interfaces.Tunnel0;
  assert.deepEqual(t.nhrp, {
    holdtime: 7200,
    maps: [],
    multicastNbma: [],
    multicastDynamic: false,
    nhs: [],
    clusterMaxConnections: [],
    registrationNoUnique: false,
    redirect: false,
    shortcut: false,
    maxSend: { count: 5, interval: 10 },
  });
  assert.deepEqual(t.tunnel, { mode: 'gre-p2p', transport: 4 });
  assert.deepEqual(t.addresses, []);
  assert.equal(t.mtu, undefined);
  assert.equal(t.adjustMss, undefined);
  assert.deepEqual(r.config.routes, []);
  assert.equal(r.config.hostname, 'Router');
  assert.equal(r.config.interfaces.Loopback0, undefined);
});

test('ip nhrp map and map multicast: add, replace, remove', () => {
  const r = load(`interface Tunnel0
 ip nhrp map 10.0.0.1 192.0.2.1
 ip nhrp map 10.0.0.2 192.0.2.2
 ip nhrp map 10.0.0.1 192.0.2.11
 no ip nhrp map 10.0.0.2 192.0.2.2
 ip nhrp map multicast 192.0.2.1
 ip nhrp map multicast 192.0.2.1
 ip nhrp map multicast 192.0.2.3
 no ip nhrp map multicast 192.0.2.3
 ip nhrp map multicast dynamic
 ip nhrp nhs dynamic nbma 192.0.2.1 multicast
 ip nhrp nhs 10.0.0.1 priority 5
 ip nhrp nhs 10.0.0.1 cluster 1
 ip nhrp redirect timeout 30
 ip nhrp nhs cluster 1 max-connections 2
 ip nhrp nhs cluster 2 max-connections 1
 ip nhrp nhs cluster 1 max-connections 3
 no ip nhrp nhs cluster 2 max-connections`);
  assert.deepEqual(r.errors, []);
  const n = r.config.interfaces.Tunnel0.nhrp!;
  assert.deepEqual(n.maps, [{ protocol: '10.0.0.1', nbma: '192.0.2.11' }]);
  assert.deepEqual(n.multicastNbma, ['192.0.2.1']);
  assert.equal(n.multicastDynamic, true);
  assert.deepEqual(n.nhs, [
    { address: 'dynamic', nbma: '192.0.2.1', multicast: true, priority: 0, cluster: 0 },
    { address: '10.0.0.1', multicast: false, priority: 0, cluster: 1 },
  ]);
  assert.equal(n.redirect, true);
  assert.equal(n.redirectTimeout, 30);
  assert.deepEqual(n.clusterMaxConnections, [{ cluster: 1, maxConnections: 3 }]);
});

test('IKEv2 fixture: crypto recorded and in force, tunnel protection active, dynamic NHS, IOL-style names', () => {
  const { config, errors, ignored } = parseFixture('ikev2-spoke.cfg');
  assert.deepEqual(errors, []);
  const c = config.crypto;
  assert.deepEqual(c.ikev2Proposals, [
    { name: 'PROP', encryption: ['aes-cbc-256'], integrity: ['sha256'], group: [14] },
  ]);
  assert.deepEqual(c.ikev2Policies, [{ name: 'POL', proposals: ['PROP'] }]);
  assert.deepEqual(c.ikev2Keyrings, [
    { name: 'KR', peers: [{ name: 'ANY', address: '0.0.0.0', mask: '0.0.0.0', preSharedKey: 'cisco123' }] },
  ]);
  assert.deepEqual(c.ikev2Profiles, [
    {
      name: 'PROF',
      matchRemoteAddresses: ['0.0.0.0'],
      authenticationRemote: 'pre-share',
      authenticationLocal: 'pre-share',
      keyring: 'KR',
    },
  ]);
  assert.deepEqual(c.transformSets, [
    { name: 'TS', transforms: ['esp-aes', '256', 'esp-sha256-hmac'], mode: 'transport' },
  ]);
  assert.deepEqual(c.ipsecProfiles, [{ name: 'IPSEC', transformSets: ['TS'], ikev2Profile: 'PROF' }]);
  const t = config.interfaces.Tunnel1;
  assert.deepEqual(t.tunnel?.protection, { profile: 'IPSEC', shared: true, active: true });
  assert.equal(config.interfaces['Ethernet1/2'].linuxName, 'eth6');
  assert.equal(config.interfaces['Ethernet1/2'].shutdown, true);
  assert.deepEqual(ignored, [], 'IKEv2 and IPsec blocks and tunnel protection are in force, none reported');
});

test('banners with ^C, same-line banners, exit and end', () => {
  const r = load(
    'banner motd ^C\nWelcome\n! not a comment here\n^C\nbanner login #one line#\ninterface Tunnel0\n ip nhrp network-id 3\n exit\nhostname A\nend\nhostname B',
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.config.hostname, 'A');
  assert.equal(r.config.interfaces.Tunnel0.nhrp?.networkId, 3);
  assert.deepEqual(
    r.ignored.map((x) => [x.line, x.children.length]),
    [
      [1, 3],
      [5, 0],
      [11, 0],
    ],
  );
  assert.match(r.ignored[2].reason, /after `end`/);
});

test('warnings: NHS without NBMA, tunnel source missing, NHRP without network-id, long password', () => {
  const r = load(
    'interface Tunnel0\n ip address 10.0.0.2 255.255.255.0\n ip nhrp nhs 10.0.0.1\n ip nhrp authentication LONGPASSWORD\n tunnel source GigabitEthernet0/1\n tunnel mode gre multipoint',
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.config.interfaces.Tunnel0.nhrp?.authentication, 'LONGPASS');
  assert.deepEqual(r.warnings.map((w) => w.code).sort(), [
    'CONFIG_NHRP_AUTH_TRUNCATED',
    'NHRP_NHS_NO_NBMA',
    'NHRP_NO_NETWORK_ID',
    'TUNNEL_SOURCE_UNKNOWN',
  ]);
});

test('recognised commands in interface mode are ignored with their context, others refused', () => {
  const r = load(
    'interface GigabitEthernet0/1\n speed 100\n ip ospf authentication\n ip nhrp network-id 1\n bogus thing\n tunnel key 5',
  );
  assert.deepEqual(
    r.ignored.map((x) => [x.line, x.context]),
    [
      [2, 'interface GigabitEthernet0/1'],
      [3, 'interface GigabitEthernet0/1'],
      [4, 'interface GigabitEthernet0/1'],
    ],
  );
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.column]),
    [
      [5, 2],
      [6, 2],
    ],
  );
});

test('ip route options: track is recorded with a warning, vrf routes and unsupported interfaces are ignored', () => {
  const r = load(
    'ip route 10.5.0.0 255.255.0.0 10.0.0.5 track 3 permanent\nip route vrf RED 10.6.0.0 255.255.0.0 10.0.0.6\nip route 10.7.0.0 255.255.0.0 Serial0/0',
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.config.routes, [
    {
      prefix: { family: 4, address: '10.5.0.0', prefixLength: 16 },
      nextHop: '10.0.0.5',
      distance: 1,
      track: 3,
      permanent: true,
    },
  ]);
  assert.deepEqual(
    r.warnings.map((w) => [w.code, w.line]),
    [['ROUTE_TRACK_IGNORED', 1]],
  );
  assert.deepEqual(
    r.ignored.map((x) => x.line),
    [2, 3],
  );
});

test('an indented global command inside an interface block still applies globally, as IOS ignores indentation', () => {
  const r = load(
    'interface Tunnel0\n ip nhrp network-id 1\n ip route 10.8.0.0 255.255.0.0 Tunnel0\n interface Tunnel1\n  ip nhrp network-id 2',
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.config.routes[0]?.interface, 'Tunnel0');
  assert.equal(r.config.interfaces.Tunnel0.nhrp?.networkId, 1);
  assert.equal(r.config.interfaces.Tunnel1.nhrp?.networkId, 2);
});
