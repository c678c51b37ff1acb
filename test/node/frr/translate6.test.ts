/** IPv6 routing: IOS `ipv6 router ospf|rip`, interface `ipv6 ospf|rip` and BGP `address-family ipv6` to FRR. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { frrInstalled } from '../../../src/node/frr/daemons.js';
import { translate } from '../../../src/node/frr/translate.js';
import { frrConfigErrors } from '../../../src/node/frr/verify.js';

const HUB = `hostname hub
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 ipv6 ospf 1 area 0
 ipv6 ospf network broadcast
 ipv6 ospf hello-interval 5
 ipv6 ospf priority 255
 ipv6 rip LAB enable
 ipv6 rip LAB summary-address 2001:DB8:10::/48
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
interface GigabitEthernet0/1
 ip address 172.16.0.1 255.255.255.0
 ipv6 ospf 1 area 0
 ipv6 rip LAB enable
ipv6 router ospf 1
 router-id 1.1.1.1
 passive-interface GigabitEthernet0/1
 area 0 range 2001:DB8:0:0::/32
 redistribute connected
ipv6 router rip LAB
 no split-horizon
router bgp 65000
 neighbor 2001:DB8:0:100::2 remote-as 65000
 neighbor 10.0.0.2 remote-as 65000
 address-family ipv6 unicast
  neighbor 2001:DB8:0:100::2 activate
  neighbor 10.0.0.2 activate
  neighbor 2001:db8:0:100::2 route-reflector-client
  network 2001:DB8:1::1/64
  aggregate-address 2001:db8::/32 summary-only
 exit-address-family
 address-family ipv4
  network 172.16.0.0 mask 255.255.255.0
`;

const files = (text: string) => {
  const r = parseConfig(text);
  assert.deepEqual(r.errors, []);
  return Object.fromEntries(translate(r.config).map((f) => [f.daemon, f.text]));
};

describe('IPv6 routing to FRR', () => {
  it('reads the IPv6 routing lines into the config', () => {
    const r = parseConfig(HUB);
    assert.deepEqual(r.errors, []);
    const t = r.config.interfaces.Tunnel0.ipv6Routing;
    assert.deepEqual(t?.ospf, {
      area: { processId: 1, area: '0' },
      network: 'broadcast',
      helloInterval: 5,
      priority: 255,
    });
    assert.deepEqual(t?.rip, {
      name: 'LAB',
      enabled: true,
      summaries: [{ address: '2001:db8:10::', prefixLength: 48 }],
    });
    assert.equal(r.config.routing?.ospf6?.routerId, '1.1.1.1');
    assert.deepEqual(r.config.routing?.ospf6?.ranges, [{ area: '0', address: '2001:db8::', prefixLength: 32 }]);
    assert.equal(r.config.routing?.ripng?.splitHorizon, false);
    const b = r.config.routing?.bgp;
    assert.deepEqual(
      b?.neighbors.map((n) => n.address),
      ['2001:db8:0:100::2', '10.0.0.2'],
    );
    assert.deepEqual(b?.ipv6?.activated, ['2001:db8:0:100::2', '10.0.0.2']);
    assert.deepEqual(b?.ipv6?.networks, [{ address: '2001:db8:1::', prefixLength: 64 }]);
    // lines after `address-family ipv4` are IPv4 again
    assert.deepEqual(b?.networks, [{ address: '172.16.0.0', prefixLength: 24 }]);
    assert.ok(!r.ignored.some((i) => /ospf|rip|neighbor|network|aggregate/.test(i.text)), JSON.stringify(r.ignored));
  });

  it('prints the IPv6 routing lines back in show running-config, which reads back to the same config', () => {
    const a = parseConfig(HUB).config;
    const text = renderRunningConfig(a);
    assert.match(text, /\nipv6 router ospf 1\n router-id 1.1.1.1\n area 0 range 2001:db8::\/32\n/);
    assert.match(text, /\n ipv6 rip LAB enable\n ipv6 rip LAB summary-address 2001:db8:10::\/48\n/);
    assert.match(text, /\n address-family ipv6\n {2}network 2001:db8:1::\/64\n/);
    assert.match(text, /\nipv6 router rip LAB\n no split-horizon\n!/);
    const b = parseConfig(text);
    assert.deepEqual(b.errors, []);
    assert.deepEqual(b.config, a);
    // and `show running-config json` carries them under its schema
    const json = runningConfigSchema.safeParse(JSON.parse(JSON.stringify(a)));
    assert.ok(json.success, JSON.stringify(json.error?.issues.slice(0, 3)));
  });

  it('writes ospf6d, ripngd and the ipv6 family of bgpd', () => {
    const f = files(HUB);
    assert.deepEqual(Object.keys(f), ['zebra', 'bgpd', 'ospf6d', 'ripngd']);
    assert.match(
      f.ospf6d,
      /interface tun0\n ipv6 ospf6 network broadcast\n ipv6 ospf6 hello-interval 5\n ipv6 ospf6 dead-interval 20\n/,
    );
    assert.match(f.ospf6d, / ipv6 ospf6 priority 255\n ipv6 ospf6 area 0\n!/);
    assert.match(f.ospf6d, /interface eth1\n ipv6 ospf6 area 0\n ipv6 ospf6 passive\n!/);
    assert.match(
      f.ospf6d,
      /router ospf6\n ospf6 router-id 1.1.1.1\n redistribute connected\n area 0 range 2001:db8::\/32\n/,
    );
    assert.match(f.ripngd, /interface tun0\n no ipv6 ripng split-horizon\n/);
    assert.match(f.ripngd, /router ripng\n network tun0\n network eth1\n aggregate-address 2001:db8:10::\/48\n/);
    assert.match(
      f.bgpd,
      /address-family ipv4 unicast\n {2}network 172.16.0.0\/24\n {2}no neighbor 2001:db8:0:100::2 activate\n/,
    );
    assert.match(
      f.bgpd,
      / address-family ipv6 unicast\n {2}network 2001:db8:1::\/64\n {2}aggregate-address 2001:db8::\/32 summary-only\n/,
    );
    assert.match(f.bgpd, / {2}neighbor 10.0.0.2 activate\n {2}neighbor 2001:db8:0:100::2 route-reflector-client\n/);
  });

  it('makes a Tunnel point-to-point by default and dead four hellos', () => {
    const f = files('interface Tunnel0\n ipv6 ospf 1 area 1\n ipv6 ospf hello-interval 3\nipv6 router ospf 1\n');
    assert.match(
      f.ospf6d,
      /interface tun0\n ipv6 ospf6 network point-to-point\n ipv6 ospf6 hello-interval 3\n ipv6 ospf6 dead-interval 12\n/,
    );
  });

  it('reports point-to-multipoint, which ospf6d 8.4 does not have, at its IOS line', () => {
    const text = 'interface Tunnel0\n ipv6 ospf 1 area 0\n ipv6 ospf network point-to-multipoint\nipv6 router ospf 1\n';
    const errors = frrConfigErrors(parseConfig(text).config, text, 'x.cfg');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'CONFIG_NOT_TRANSLATABLE');
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /broadcast and point-to-point networks only/);
  });

  it('refuses bad IPv6 prefixes and neighbors never defined', () => {
    const r = parseConfig(
      'router bgp 1\n address-family ipv6\n  network 2001:db8::/129\n  neighbor 2001:db8::9 activate\n',
    );
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.code]),
      [
        [3, 'CONFIG_INVALID_INPUT'],
        [4, 'CONFIG_INVALID_INPUT'],
      ],
    );
  });

  it('is accepted by the daemons themselves (dry run)', { skip: !frrInstalled() && 'FRR not installed' }, () => {
    const text = HUB;
    assert.deepEqual(
      frrConfigErrors(parseConfig(text).config, text, 'hub.cfg').map((e) => e.message),
      [],
    );
  });
});
