import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  type Ipv6InterfaceJson,
  ipv6BriefSchema,
  ipv6InterfaceSchema,
  ipv6RouteTableSchema,
} from '../../../src/node/api/schema/ipv6.js';
import { dmvpnSchema } from '../../../src/node/api/schema/dmvpn.js';
import { nhrpSchema, nhrpTrafficSchema, nhsListSchema } from '../../../src/node/api/schema/nhrp.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import { lab6, SPOKE6_2 } from '../../helpers/nhrp6-lab.js';

/** spoke1 of labs/ipv6-phase3 with the IPv6 NHRP snapshot of a spoke that resolved spoke2. */
function state(): ShowState {
  const { config } = parseConfig(readFileSync('labs/ipv6-phase3/spoke1.cfg', 'utf8'));
  const lab = lab6();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE6_2.protocol));
  lab.runTo(3);
  const snapshot6 = lab.snapshot('spoke1');
  return {
    config,
    interfaces: Object.values(config.interfaces).map((c) =>
      c.name === 'Tunnel0' ? { config: c, snapshot6, linkLocal6: 'fe80::11' } : { config: c },
    ),
    routes: [],
    routes6: [
      {
        code: 'C',
        protocol: 'connected',
        prefix: '2001:db8:0:100::',
        prefixLength: 64,
        interface: 'Tunnel0',
        distance: 0,
        metric: 0,
      },
      {
        code: 'S',
        protocol: 'static',
        prefix: '2001:db8:1::',
        prefixLength: 48,
        nextHop: '2001:db8:0:100::1',
        interface: 'Tunnel0',
        distance: 1,
        metric: 0,
      },
      {
        code: 'H',
        protocol: 'nhrp',
        prefix: '2001:db8:1:2::',
        prefixLength: 64,
        nextHop: '2001:db8:0:100::12',
        interface: 'Tunnel0',
        distance: 250,
        metric: 255,
        ageSec: 3,
      },
    ],
    now: lab.now,
    uptimeSec: 10,
  };
}

test('show dmvpn ipv6: one block per NBMA peer with its IPv6 tunnel address (IOS layout), JSON as show dmvpn', () => {
  const s = state();
  const text = runShow('show dmvpn ipv6', s);
  assert.match(text, /Interface: Tunnel0, IPv6 NHRP Details/);
  assert.match(text, /1\.Peer NBMA Address: 192\.0\.2\.1\n {4}Tunnel IPv6 Address: 2001:DB8:0:100::1\n/);
  assert.match(text, /Peer NBMA Address: 192\.0\.2\.3\n {4}Tunnel IPv6 Address: 2001:DB8:0:100::3\n/);
  const j = renderShow('show dmvpn ipv6 json', s);
  assert.ok('json' in j);
  assert.equal(dmvpnSchema.safeParse(j.json).success, true);
  // the IPv4 command still shows the IPv4 engine (none here)
  assert.doesNotMatch(runShow('show dmvpn', s), /2001:db8/);
});

test('show ipv6 nhrp, show ipv6 route and show ipv6 interface brief render the IPv6 state', () => {
  const s = state();
  const nhrp = runShow('show ipv6 nhrp', s);
  assert.match(nhrp, /^2001:db8:0:100::3\/128 via 2001:db8:0:100::3$/m);
  assert.match(nhrp, /NBMA address: 192\.0\.2\.3/);
  const nj = renderShow('sh ipv6 nhrp json', s);
  assert.ok('json' in nj && nhrpSchema.safeParse(nj.json).success);
  const route = runShow('show ipv6 route', s);
  assert.match(route, /^IPv6 Routing Table - default - 3 entries$/m);
  assert.match(route, /^H {3}2001:DB8:1:2::\/64 \[250\/255\]\n {5}via 2001:DB8:0:100::12, Tunnel0, 00:00:03$/m);
  assert.match(route, /^S {3}2001:DB8:1::\/48 \[1\/0\]\n {5}via 2001:DB8:0:100::1$/m);
  const rj = renderShow('show ipv6 route json', s);
  assert.ok('json' in rj && ipv6RouteTableSchema.safeParse(rj.json).success);
  const brief = runShow('show ipv6 interface brief', s);
  assert.match(brief, /^Tunnel0 +\[up\/up\]\n {4}FE80::11\n {4}2001:DB8:0:100::11$/m);
  const bj = renderShow('show ipv6 interface brief json', s);
  assert.ok('json' in bj && ipv6BriefSchema.safeParse(bj.json).success);
});

test('show ipv6 nhrp nhs [detail] and show ipv6 nhrp traffic read the IPv6 engine', () => {
  const s = state();
  const nhs = runShow('show ipv6 nhrp nhs detail', s);
  assert.match(nhs, /^Tunnel0:$/m);
  assert.match(nhs, /^2001:db8:0:100::1 +RE? .*req-sent 1/m);
  const nj = renderShow('show ipv6 nhrp nhs json', s);
  assert.ok('json' in nj && nhsListSchema.safeParse(nj.json).success);
  assert.equal((nj.json as { interfaces: Array<{ nhs: unknown[] }> }).interfaces[0].nhs.length, 1);
  const tj = renderShow('show ipv6 nhrp traffic json', s);
  assert.ok('json' in tj && nhrpTrafficSchema.safeParse(tj.json).success);
  const t = (tj.json as { interfaces: Array<{ sent: { registrationRequest: number } }> }).interfaces[0];
  assert.ok(t.sent.registrationRequest >= 1, 'the IPv6 registration is counted');
  assert.match(runShow('show ipv6 nhrp traffic', s), /^ {3}Sent: Total [1-9]/m);
});

test('show ipv6 interface [NAME]: addresses with subnets, joined groups and the IPv6 MTU (ipv6 mtu, else ip mtu)', () => {
  const s = state();
  const text = runShow('show ipv6 interface', s);
  assert.match(text, /^Tunnel0 is up, line protocol is up\n {2}IPv6 is enabled, link-local address is FE80::11$/m);
  assert.match(text, /^ {4}2001:DB8:0:100::11, subnet is 2001:DB8:0:100::\/64$/m);
  assert.match(text, /^ {2}Joined group address\(es\):\n {4}FF02::1\n {4}FF02::2\n {4}FF02::1:FF00:11$/m);
  assert.match(text, /^Tunnel0[\s\S]*?MTU is 1400 bytes$/m);
  assert.match(text, /^GigabitEthernet0\/2 is up[\s\S]*?MTU is 1500 bytes$/m);
  assert.doesNotMatch(text, /GigabitEthernet0\/1/, 'only the interfaces with IPv6 on');
  const j = renderShow('show ipv6 interface Tunnel0 json', s);
  assert.ok('json' in j && ipv6InterfaceSchema.safeParse(j.json).success);
  const t = (j.json as Ipv6InterfaceJson).interfaces;
  assert.deepEqual(
    t.map((i) => [i.name, i.mtu, i.mtuConfigured, i.addresses[0]?.subnet]),
    [['Tunnel0', 1400, true, '2001:db8:0:100::/64']],
  );
  // without `ipv6 mtu`, the tunnel's ip mtu; named with IPv6 off, it says so
  s.config.interfaces.Tunnel0!.ipv6!.mtu = undefined;
  s.config.interfaces.Tunnel0!.mtu = 1380;
  assert.match(runShow('show ipv6 interface Tunnel0', s), /MTU is 1380 bytes/);
  assert.match(runShow('show ipv6 interface GigabitEthernet0/1', s), /^ {2}IPv6 is not enabled$/m);
  assert.match(runShow('show ipv6 interface brief', s), /^Tunnel0 +\[up\/up\]$/m);
});
