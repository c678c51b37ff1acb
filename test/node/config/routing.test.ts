/** `router ospf|bgp|rip` and interface routing lines: parsed into the model, rendered back, negated. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';

const HUB = `hostname Hub
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 no ip split-horizon
 ip summary-address rip 10.1.0.0 255.255.0.0
 ip ospf network point-to-multipoint
 ip ospf hello-interval 10
 ip ospf dead-interval 40
 ip ospf priority 10
 ip ospf 1 area 0
interface GigabitEthernet0/2
 ip address 192.168.10.1 255.255.255.0
router ospf 1
 router-id 1.1.1.1
 passive-interface default
 no passive-interface Tunnel0
 area 5 stub no-summary
 network 10.0.0.0 0.0.0.255 area 0
 network 192.168.10.0 0.0.0.255 area 0.0.0.0
 default-information originate
 redistribute connected subnets
 log-adjacency-changes
router rip
 version 2
 network 10.1.2.3
 network 172.16.0.0
 no auto-summary
 passive-interface GigabitEthernet 0/2
router bgp 65000
 bgp router-id 1.1.1.1
 bgp log-neighbor-changes
 bgp listen range 10.0.0.0/24 peer-group SPOKES
 neighbor SPOKES peer-group
 neighbor SPOKES remote-as 65000
 neighbor SPOKES route-reflector-client
 neighbor 10.0.0.9 remote-as 65009
 no synchronization
 no auto-summary
 address-family ipv4
  network 192.168.10.0 mask 255.255.255.0
  aggregate-address 192.168.0.0 255.255.0.0 summary-only
  neighbor SPOKES next-hop-self
  neighbor SPOKES activate
  redistribute static
 exit-address-family
`;

test('router ospf, rip and bgp lines load into the model', () => {
  const r = parseConfig(HUB);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['log-adjacency-changes'],
  );
  const { ospf, rip, bgp } = r.config.routing!;
  assert.deepEqual(ospf, {
    processId: 1,
    routerId: '1.1.1.1',
    passiveDefault: true,
    passiveInterfaces: [],
    activeInterfaces: ['Tunnel0'],
    networks: [
      { address: '10.0.0.0', wildcard: '0.0.0.255', area: '0' },
      { address: '192.168.10.0', wildcard: '0.0.0.255', area: '0.0.0.0' },
    ],
    stubAreas: [{ area: '5', noSummary: true }],
    ranges: [],
    defaultOriginate: { always: false },
    redistribute: [{ source: 'connected', subnets: true }],
  });
  assert.deepEqual(r.config.interfaces.Tunnel0.ospf, {
    network: 'point-to-multipoint',
    helloInterval: 10,
    deadInterval: 40,
    priority: 10,
    area: { processId: 1, area: '0' },
  });
  assert.equal(r.config.interfaces.Tunnel0.splitHorizon, false);
  assert.equal(r.config.interfaces['GigabitEthernet0/2'].splitHorizon, undefined);
  assert.deepEqual(rip?.networks, ['10.0.0.0', '172.16.0.0']);
  assert.deepEqual(rip?.passiveInterfaces, ['GigabitEthernet0/2']);
  assert.equal(rip?.version, 2);
  assert.equal(rip?.autoSummary, false);
  assert.deepEqual(bgp?.listenRanges, [{ address: '10.0.0.0', prefixLength: 24, peerGroup: 'SPOKES' }]);
  assert.deepEqual(bgp?.peerGroups, [
    { name: 'SPOKES', remoteAs: 65000, routeReflectorClient: true, nextHopSelf: true },
  ]);
  assert.deepEqual(bgp?.neighbors, [
    { address: '10.0.0.9', remoteAs: 65009, nextHopSelf: false, routeReflectorClient: false },
  ]);
  assert.deepEqual(bgp?.networks, [{ address: '192.168.10.0', prefixLength: 24 }]);
  assert.deepEqual(bgp?.redistribute, [{ source: 'static', subnets: false }]);
  assert.deepEqual(bgp?.aggregates, [{ address: '192.168.0.0', prefixLength: 16, summaryOnly: true, asSet: false }]);
  assert.deepEqual(r.config.interfaces.Tunnel0.ripSummaries, [{ address: '10.1.0.0', prefixLength: 16 }]);
});

test('show running-config renders the routing blocks so that they parse to the same config', () => {
  const first = parseConfig(HUB).config;
  const text = renderRunningConfig(first);
  assert.match(text, /\nrouter ospf 1\n router-id 1\.1\.1\.1\n/);
  assert.match(
    text,
    /\n no ip split-horizon\n ip summary-address rip 10\.1\.0\.0 255\.255\.0\.0\n ip ospf network point-to-multipoint\n/,
  );
  assert.match(text, /\nrouter bgp 65000\n/);
  const again = parseConfig(text);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config, first);
  assert.equal(runningConfigSchema.safeParse(JSON.parse(JSON.stringify(first))).success, true);
});

test('no forms remove routing settings and processes', () => {
  const r = parseConfig(`${HUB}interface Tunnel0
 ip split-horizon
 no ip summary-address rip 10.1.0.0 255.255.0.0
 no ip ospf network
 no ip ospf priority
router ospf 1
 no network 10.0.0.0 0.0.0.255 area 0
 no passive-interface default
no router rip
router bgp 65000
 no neighbor 10.0.0.9 remote-as 65009
 no aggregate-address 192.168.0.0 255.255.0.0 summary-only
`);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  const t = r.config.interfaces.Tunnel0;
  assert.equal(t.splitHorizon, undefined);
  assert.equal(t.ospf?.network, undefined);
  assert.equal(t.ospf?.priority, undefined);
  assert.equal(r.config.routing?.ospf?.networks.length, 1);
  assert.equal(r.config.routing?.ospf?.passiveDefault, false);
  assert.equal(r.config.routing?.rip, undefined);
  assert.deepEqual(r.config.routing?.bgp?.neighbors, []);
  assert.deepEqual(r.config.routing?.bgp?.aggregates, []);
  assert.equal(t.ripSummaries, undefined);
  const gone = parseConfig('router ospf 1\n network 10.0.0.0 0.0.0.255 area 0\nno router ospf 1\n');
  assert.equal(gone.config.routing, undefined);
});

test('bad routing lines are refused with IOS errors', () => {
  const r = parseConfig(
    'router ospf 1\n network 10.0.0.0 0.0.0.255 area x\nrouter bgp 1\n neighbor GROUP remote-as 5\n',
  );
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.code]),
    [
      [2, 'CONFIG_INVALID_INPUT'],
      [4, 'CONFIG_INVALID_INPUT'],
    ],
  );
});

test('ip prefix-list, RIP distribute-list prefix and BGP neighbor prefix-list: parsed, rendered back, negated', () => {
  const text = `interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
ip prefix-list ONLY-SUMMARY description the summary and nothing else
ip prefix-list ONLY-SUMMARY permit 10.1.0.0/16
ip prefix-list LANS seq 10 permit 10.0.0.0/8 ge 24 le 24
ip prefix-list LANS deny 0.0.0.0/0 le 32
router rip
 version 2
 network 10.0.0.0
 distribute-list prefix ONLY-SUMMARY out Tunnel0
 distribute-list prefix LANS in
 distribute-list 10 in
router bgp 65000
 neighbor 10.0.0.2 remote-as 65000
 neighbor 10.0.0.2 prefix-list LANS in
 neighbor 10.0.0.2 prefix-list ONLY-SUMMARY out
`;
  const r = parseConfig(text);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['distribute-list 10 in'],
  );
  assert.deepEqual(r.config.prefixLists, {
    'ONLY-SUMMARY': [{ seq: 5, action: 'permit', address: '10.1.0.0', prefixLength: 16 }],
    LANS: [
      { seq: 10, action: 'permit', address: '10.0.0.0', prefixLength: 8, ge: 24, le: 24 },
      { seq: 15, action: 'deny', address: '0.0.0.0', prefixLength: 0, le: 32 },
    ],
  });
  assert.deepEqual(r.config.routing?.rip?.distributeLists, [
    { prefixList: 'ONLY-SUMMARY', direction: 'out', interface: 'Tunnel0' },
    { prefixList: 'LANS', direction: 'in' },
  ]);
  const n = r.config.routing?.bgp?.neighbors[0];
  assert.equal(n?.prefixListIn, 'LANS');
  assert.equal(n?.prefixListOut, 'ONLY-SUMMARY');
  const again = parseConfig(renderRunningConfig(r.config));
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config, r.config);
  assert.equal(runningConfigSchema.safeParse(JSON.parse(JSON.stringify(r.config))).success, true);
  const gone = parseConfig(`${text}no ip prefix-list LANS seq 10
no ip prefix-list ONLY-SUMMARY
router rip
 no distribute-list prefix LANS in
router bgp 65000
 no neighbor 10.0.0.2 prefix-list LANS in
`);
  assert.deepEqual(gone.config.prefixLists, {
    LANS: [{ seq: 15, action: 'deny', address: '0.0.0.0', prefixLength: 0, le: 32 }],
  });
  assert.deepEqual(gone.config.routing?.rip?.distributeLists, [
    { prefixList: 'ONLY-SUMMARY', direction: 'out', interface: 'Tunnel0' },
  ]);
  assert.equal(gone.config.routing?.bgp?.neighbors[0]?.prefixListIn, undefined);
});

test('route-map, neighbor route-map and redistribute route-map: parsed, rendered back, negated', () => {
  const text = `interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
ip prefix-list LANS permit 10.0.0.0/8 ge 24 le 24
route-map SPOKES-IN permit 10
 description prefer the LANs
 match ip address prefix-list LANS
 set local-preference 200
 set weight 100
 set metric 50
 set ip next-hop 10.0.0.1
 set community 65000:1
route-map SPOKES-IN deny 20
route-map ANY
 set metric 7
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
 redistribute static subnets route-map ANY
router bgp 65000
 neighbor 10.0.0.2 remote-as 65000
 neighbor 10.0.0.2 route-map SPOKES-IN in
 neighbor 10.0.0.2 route-map ANY out
`;
  const r = parseConfig(text);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['set community 65000:1'],
  );
  assert.deepEqual(r.config.routeMaps, {
    'SPOKES-IN': [
      {
        seq: 10,
        action: 'permit',
        description: 'prefer the LANs',
        matchPrefixLists: ['LANS'],
        set: { localPreference: 200, weight: 100, metric: 50, nextHop: '10.0.0.1' },
      },
      { seq: 20, action: 'deny', matchPrefixLists: [], set: {} },
    ],
    ANY: [{ seq: 10, action: 'permit', matchPrefixLists: [], set: { metric: 7 } }],
  });
  assert.deepEqual(r.config.routing?.ospf?.redistribute, [{ source: 'static', subnets: true, routeMap: 'ANY' }]);
  const n = r.config.routing?.bgp?.neighbors[0];
  assert.equal(n?.routeMapIn, 'SPOKES-IN');
  assert.equal(n?.routeMapOut, 'ANY');
  const shown = renderRunningConfig(r.config);
  assert.match(
    shown,
    /\nroute-map SPOKES-IN permit 10\n description prefer the LANs\n match ip address prefix-list LANS\n/,
  );
  assert.match(shown, /\n neighbor 10\.0\.0\.2 route-map SPOKES-IN in\n/);
  assert.match(shown, /\n redistribute static subnets route-map ANY\n/);
  const again = parseConfig(shown);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config, r.config);
  assert.equal(runningConfigSchema.safeParse(JSON.parse(JSON.stringify(r.config))).success, true);
  const gone = parseConfig(`${text}no route-map SPOKES-IN deny 20
route-map SPOKES-IN permit 10
 no set weight
 no match ip address prefix-list LANS
no route-map ANY
router bgp 65000
 no neighbor 10.0.0.2 route-map SPOKES-IN in
`);
  assert.deepEqual(gone.config.routeMaps, {
    'SPOKES-IN': [
      {
        seq: 10,
        action: 'permit',
        description: 'prefer the LANs',
        matchPrefixLists: [],
        set: { localPreference: 200, metric: 50, nextHop: '10.0.0.1' },
      },
    ],
  });
  assert.equal(gone.config.routing?.bgp?.neighbors[0]?.routeMapIn, undefined);
  assert.equal(gone.config.routing?.bgp?.neighbors[0]?.routeMapOut, 'ANY');
});

test('OSPF summary-address and distribute-list prefix in, network 0.0.0.0 forms: parsed, rendered, negated', () => {
  const text = `interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
ip prefix-list LANS permit 10.0.0.0/8 le 24
router ospf 1
 network 0.0.0.0 255.255.255.255 area 0
 summary-address 192.168.0.0 255.255.0.0
 summary-address 192.169.1.0 255.255.0.0 not-advertise
 distribute-list prefix LANS in
 distribute-list prefix LANS out
 area 0 range 10.0.0.0 255.0.0.0
 default-information originate always
router rip
 network 0.0.0.0
router bgp 65000
 network 0.0.0.0
`;
  const r = parseConfig(text);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  assert.deepEqual(
    r.ignored.map((x) => x.text),
    ['distribute-list prefix LANS out'],
  );
  const o = r.config.routing?.ospf;
  assert.deepEqual(o?.summaries, [
    { address: '192.168.0.0', prefixLength: 16, notAdvertise: false },
    { address: '192.169.0.0', prefixLength: 16, notAdvertise: true },
  ]);
  assert.equal(o?.distributeListIn, 'LANS');
  assert.deepEqual(o?.defaultOriginate, { always: true });
  assert.deepEqual(r.config.routing?.bgp?.networks, [{ address: '0.0.0.0', prefixLength: 0 }]);
  assert.deepEqual(r.config.routing?.rip?.networks, ['0.0.0.0']);
  const shown = renderRunningConfig(r.config);
  assert.match(shown, /\n summary-address 192\.169\.0\.0 255\.255\.0\.0 not-advertise\n/);
  assert.match(shown, /\n distribute-list prefix LANS in\n/);
  assert.match(shown, /\n network 0\.0\.0\.0 mask 0\.0\.0\.0\n/);
  const again = parseConfig(shown);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.config, r.config);
  assert.equal(runningConfigSchema.safeParse(JSON.parse(JSON.stringify(r.config))).success, true);
  const gone = parseConfig(`${text}router ospf 1
 no summary-address 192.168.0.0 255.255.0.0
 no summary-address 192.169.0.0 255.255.0.0
 no distribute-list prefix LANS in
`);
  assert.equal(gone.config.routing?.ospf?.summaries, undefined);
  assert.equal(gone.config.routing?.ospf?.distributeListIn, undefined);
});
