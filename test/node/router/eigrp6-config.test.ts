/**
 * The EIGRP for IPv6 engine input from a router config: which interfaces run it (classic: `ipv6
 * eigrp AS`; named: every IPv6 interface), the address each speaks from (a tunnel's configured or
 * IOS default link-local, else the kernel's), the prefixes each advertises, merged interface
 * settings, the router ID, and interfaces still waiting for their link-local address.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/index.js';
import { eigrp6Input } from '../../../src/node/router/eigrp6-config.js';

const BASE = `hostname r
interface GigabitEthernet0/1
 ip address 192.0.2.9 255.255.255.0
interface GigabitEthernet0/2
 ipv6 address 2001:DB8:0:1::1/64
interface GigabitEthernet0/3
 ipv6 address 2001:DB8:0:3::1/64
interface Tunnel0
 ip address 172.16.0.11 255.255.255.0
 ipv6 address 2001:DB8:0:100::11/64
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
`;

const kernel = (d: string) => (d === 'eth2' ? 'fe80::2' : undefined);

test('classic mode: interfaces with ipv6 eigrp AS, tunnel link-local FE80::<source>, settings merged', () => {
  const text = BASE.replace(
    ' tunnel source',
    ' ipv6 eigrp 10\n no ipv6 split-horizon eigrp 10\n tunnel source',
  ).replace(' ipv6 address 2001:DB8:0:1::1/64', ' ipv6 address 2001:DB8:0:1::1/64\n ipv6 eigrp 10');
  const c = parseConfig(`${text}ipv6 router eigrp 10\n passive-interface GigabitEthernet0/2\n`).config;
  const waiting: string[] = [];
  const input = eigrp6Input(c, kernel, waiting)!;
  assert.equal(input.family, 'ipv6');
  assert.equal(input.routerId, '192.0.2.9');
  assert.deepEqual(
    input.interfaces.map((i) => [i.name, i.address, i.prefixes, i.splitHorizon ?? true]),
    [
      ['GigabitEthernet0/2', 'fe80::2', [{ prefix: '2001:db8:0:1::', prefixLength: 64 }], true],
      ['Tunnel0', 'fe80::c000:209', [{ prefix: '2001:db8:0:100::', prefixLength: 64 }], false],
    ],
  );
  assert.deepEqual(input.passiveInterfaces, ['GigabitEthernet0/2']);
  assert.deepEqual(waiting, []);
  assert.equal(input.wideMetrics, false, 'classic mode sends classic TLVs');
});

test('named mode: every IPv6 interface; one without a link-local address yet waits', () => {
  const c = parseConfig(
    `${BASE}router eigrp X\n address-family ipv6 unicast autonomous-system 7\n  eigrp router-id 9.9.9.9\n`,
  ).config;
  const waiting: string[] = [];
  const input = eigrp6Input(c, kernel, waiting)!;
  assert.equal(input.as, 7);
  assert.equal(input.routerId, '9.9.9.9');
  assert.equal(input.wideMetrics, true, 'named mode sends wide-metric TLVs');
  assert.deepEqual(
    input.interfaces.map((i) => i.name),
    ['GigabitEthernet0/2', 'Tunnel0'],
  );
  assert.deepEqual(waiting, ['GigabitEthernet0/3']);
});

test('no EIGRP for IPv6 process: no input', () => {
  assert.equal(eigrp6Input(parseConfig(BASE).config, kernel), undefined);
});
