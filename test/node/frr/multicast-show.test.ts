/** The PIM, mroute and IGMP show commands built from pimd's JSON (shapes as FRR 8.4.4 prints them). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { igmpGroupsSchema, mrouteSchema, pimNeighborSchema } from '../../../src/node/api/schema/multicast.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import type { InterfaceState } from '../../../src/node/show/state.js';
import { igmpGroupsJson, mrouteJson, mrouteText, pimNeighborJson } from '../../../src/node/show/multicast.js';
import type { TunnelStats } from '../../../src/node/dataplane/counters.js';

const config = parseConfig(`hostname hub
ip multicast-routing
interface Loopback0
 ip address 10.0.255.1 255.255.255.255
 ip pim sparse-mode
interface GigabitEthernet0/2
 ip address 10.0.0.1 255.255.255.0
 ip pim sparse-mode
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip pim nbma-mode
 ip pim sparse-mode
ip pim rp-address 10.0.255.1
`).config;

const nbr = (a: string) => ({
  interface: 'tun0',
  neighbor: a,
  upTime: '00:00:26',
  holdTime: '00:00:16',
  drPriority: 1,
});
const frr = {
  daemons: ['zebra', 'pimd'],
  pimNeighbors: { eth2: {}, tun0: { '172.16.0.13': nbr('172.16.0.13'), '172.16.0.11': nbr('172.16.0.11') } },
  pimInterfaces: { tun0: { name: 'tun0', address: '172.16.0.1', pimNeighbors: 2, pimDesignatedRouter: '172.16.0.13' } },
  pimRpInfo: { '10.0.255.1': [{ rpAddress: '10.0.255.1', group: '224.0.0.0/4', iAmRP: true }] },
  pimUpstream: {
    '239.1.1.1': { '*': { rpfAddress: '0.0.0.0' }, '10.1.1.10': { rpfAddress: '172.16.0.11' } },
  },
  mroutes: {
    '239.1.1.1': {
      '*': { source: '*', group: '239.1.1.1', iif: 'lo', flags: 'SC', oil: { eth2: {}, tun0: {}, pimreg: {} } },
      '10.1.1.10': { source: '10.1.1.10', group: '239.1.1.1', iif: 'tun0', flags: 'ST', oil: { eth2: {} } },
    },
  },
  igmpGroups: {
    totalGroups: 1,
    watermarkLimit: 0,
    eth2: { name: 'eth2', groups: [{ group: '239.1.1.1', timer: '00:04:17', version: 3, uptime: '00:00:02' }] },
  },
};

const joins = (list: Array<[string, string]>): TunnelStats['pimNbma'] => ({
  joinPrunesIn: list.length,
  joinPrunesBad: 0,
  replicatedSpokeToSpoke: 0,
  notJoined: 0,
  joins: list.map(([nbma, neighbor]) => ({ group: '239.1.1.1', nbma, neighbor, starExpiresSec: 200, sources: [] })),
});

test('show ip pim neighbor: IOS names, ordered by address, the DR marked', () => {
  const j = pimNeighborSchema.parse(pimNeighborJson(config, frr));
  assert.deepEqual(
    j.neighbors.map((n) => [n.address, n.interface, n.dr]),
    [
      ['172.16.0.11', 'Tunnel0', false],
      ['172.16.0.13', 'Tunnel0', true],
    ],
  );
});

test('show ip mroute: an nbma-mode tunnel lists each joined neighbor, on the (S,G) all but the one it came from', () => {
  const tunnel = {
    config: config.interfaces.Tunnel0!,
    stats: {
      pimNbma: joins([
        ['203.0.113.1', '172.16.0.12'],
        ['198.51.100.129', '172.16.0.13'],
        ['198.51.100.1', '172.16.0.11'],
      ]),
    } as TunnelStats,
  } as InterfaceState;
  const j = mrouteSchema.parse(mrouteJson(config, frr, [tunnel], '239.1.1.1'));
  const oif = (e: (typeof j.entries)[number]) => e.outgoing.map((o) => `${o.interface} ${o.nextHop ?? ''}`.trim());
  assert.deepEqual(
    j.entries.map((e) => [e.source, e.rp, e.incomingInterface, e.rpfNeighbor, oif(e)]),
    [
      [
        '*',
        '10.0.255.1',
        null,
        '0.0.0.0',
        ['GigabitEthernet0/2', 'Tunnel0 172.16.0.12', 'Tunnel0 172.16.0.13', 'Tunnel0 172.16.0.11'],
      ],
      [
        '10.1.1.10',
        null,
        'Tunnel0',
        '172.16.0.11',
        ['GigabitEthernet0/2', 'Tunnel0 172.16.0.12', 'Tunnel0 172.16.0.13'],
      ],
    ],
  );
  assert.match(
    mrouteText(j).join('\n'),
    /\(\*, 239\.1\.1\.1\), RP 10\.0\.255\.1, flags: SC\n {2}Incoming interface: Null/,
  );
  // without nbma-mode joins, the tunnel is one outgoing interface (pimd's), and the (S,G) has none on it
  const plain = mrouteJson(config, frr, [], undefined);
  assert.deepEqual(plain.entries.map(oif), [['GigabitEthernet0/2', 'Tunnel0'], ['GigabitEthernet0/2']]);
  assert.deepEqual(mrouteJson(config, frr, [], '239.9.9.9').entries, []);
});

test('show ip igmp groups: per interface, IOS names', () => {
  const j = igmpGroupsSchema.parse(igmpGroupsJson(config, frr));
  assert.deepEqual(j.groups, [
    { group: '239.1.1.1', interface: 'GigabitEthernet0/2', uptime: '00:00:02', expires: '00:04:17', version: 3 },
  ]);
});
