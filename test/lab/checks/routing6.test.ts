/** The IPv6 part of the routing check: which IPv6 LANs each router must learn, and through which protocol. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunningConfigJson } from '../../../src/node/api/index.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { advertised6, expectedRoutes6, routing6Protocols } from '../../../src/lab/checks/routing6.js';
import type { LabView, RouterView } from '../../../src/lab/checks/view.js';

const LAB = join(import.meta.dirname, '..', '..', '..', 'labs', 'ipv6-ospf');
const config = (text: string) => JSON.parse(JSON.stringify(parseConfig(text).config)) as RunningConfigJson;
const router = (name: string, text: string) => ({ name, config: config(text) }) as unknown as RouterView;

test('labs/ipv6-ospf: every router must learn the two other LANs by OSPFv3', () => {
  const routers = ['hub', 'spoke1', 'spoke2'].map((n) => router(n, readFileSync(join(LAB, `${n}.cfg`), 'utf8')));
  for (const r of routers) assert.deepEqual(routing6Protocols(r.config), ['ospf']);
  const want = expectedRoutes6({ routers } as LabView).map(
    (e) =>
      `${e.receiver.name}<${e.origin.name} ${e.protocol} ${e.prefixes.map((p) => `${p.address}/${p.prefixLength}`)}`,
  );
  assert.deepEqual(want, [
    'hub<spoke1 ospf 2001:db8:0:1::/64',
    'hub<spoke2 ospf 2001:db8:0:2::/64',
    'spoke1<hub ospf 2001:db8:0:10::/64',
    'spoke1<spoke2 ospf 2001:db8:0:2::/64',
    'spoke2<hub ospf 2001:db8:0:10::/64',
    'spoke2<spoke1 ospf 2001:db8:0:1::/64',
  ]);
});

test('RIPng and BGP IPv6 advertise their enabled interfaces and networks; the tunnel is not a LAN', () => {
  const c = config(`hostname r
interface GigabitEthernet0/2
 ipv6 address 2001:db8:5::1/64
 ipv6 rip LAB enable
interface GigabitEthernet0/3
 ipv6 address 2001:db8:6::1/64
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 ipv6 address 2001:db8:100::1/64
 ipv6 rip LAB enable
ipv6 router rip LAB
router bgp 1
 address-family ipv6
  network 2001:db8:7::/48
`);
  assert.deepEqual(routing6Protocols(c), ['rip', 'bgp']);
  assert.deepEqual(advertised6(c, 'rip'), [{ address: '2001:db8:5::', prefixLength: 64 }]);
  assert.deepEqual(advertised6(c, 'bgp'), [{ address: '2001:db8:7::', prefixLength: 48 }]);
  assert.deepEqual(advertised6(c, 'ospf'), []);
});

test('labs/ipv6-eigrp: EIGRP for IPv6 (classic and named mode) is inferred; every router must learn the LANs', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'labs', 'ipv6-eigrp');
  const routers = ['hub', 'spoke1', 'spoke2'].map((n) => router(n, readFileSync(join(dir, `${n}.cfg`), 'utf8')));
  for (const r of routers) assert.deepEqual(routing6Protocols(r.config), ['eigrp']);
  const want = expectedRoutes6({ routers } as LabView).map(
    (e) =>
      `${e.receiver.name}<${e.origin.name} ${e.protocol} ${e.prefixes.map((p) => `${p.address}/${p.prefixLength}`)}`,
  );
  assert.deepEqual(want, [
    'hub<spoke1 eigrp 2001:db8:0:1::/64',
    'hub<spoke2 eigrp 2001:db8:0:2::/64',
    'spoke1<hub eigrp 2001:db8:0:10::/64',
    'spoke1<spoke2 eigrp 2001:db8:0:2::/64',
    'spoke2<hub eigrp 2001:db8:0:10::/64',
    'spoke2<spoke1 eigrp 2001:db8:0:1::/64',
  ]);
});

test('EIGRP for IPv6: classic mode advertises interfaces with ipv6 eigrp AS; a shut process none', () => {
  const text = `hostname r
interface GigabitEthernet0/2
 ipv6 address 2001:db8:5::1/64
 ipv6 eigrp 10
interface GigabitEthernet0/3
 ipv6 address 2001:db8:6::1/64
ipv6 router eigrp 10
`;
  assert.deepEqual(advertised6(config(text), 'eigrp'), [{ address: '2001:db8:5::', prefixLength: 64 }]);
  assert.deepEqual(routing6Protocols(config(`${text} shutdown\n`)), []);
});
