/** IOS routing config → FRR daemon files: golden text, and (when FRR is installed) ospfd/bgpd/ripd -C accept every file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../src/node/config/parse.js';
import { translate, type FrrDaemonConfig } from '../../../src/node/frr/translate.js';
import { CML_SKIP, loadCmlRouters } from '../../helpers/config.js';

const files = (text: string): Record<string, string> => {
  const r = parseConfig(text);
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return Object.fromEntries(translate(r.config).map((d) => [d.daemon, d.text]));
};

const BASE = `hostname Spoke1
interface GigabitEthernet0/1
 ip address 192.0.2.2 255.255.255.0
interface GigabitEthernet0/2
 ip address 10.2.0.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.2 255.255.255.0
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
`;

test('no routing process: no FRR daemon', () => {
  assert.deepEqual(files(BASE), {});
});

test('OSPF point-to-multipoint over the tunnel: IOS hello 30/dead 120, retransmit 1 s, prefix networks, plain router ospf', () => {
  const f = files(`${BASE} ip ospf network point-to-multipoint
 ip ospf priority 0
router ospf 1
 router-id 2.2.2.2
 passive-interface GigabitEthernet0/2
 network 172.16.0.0 0.0.0.255 area 0
 network 10.2.0.0 0.0.0.255 area 0
`);
  assert.deepEqual(Object.keys(f), ['zebra', 'ospfd']);
  assert.equal(f.zebra, 'hostname Spoke1\n!\nend\n');
  assert.equal(
    f.ospfd,
    `hostname Spoke1
!
interface eth2
 ip ospf passive
!
interface tun0
 ip ospf network point-to-multipoint
 ip ospf hello-interval 30
 ip ospf dead-interval 120
 ip ospf retransmit-interval 1
 ip ospf priority 0
!
router ospf
 ospf router-id 2.2.2.2
 network 172.16.0.0/24 area 0
 network 10.2.0.0/24 area 0
 distance 110
!
end
`,
  );
});

test('OSPF: a tunnel without ip ospf network is point-to-point as on IOS; hello alone sets dead to 4x', () => {
  const f = files(`${BASE} ip ospf hello-interval 5\nrouter ospf 7\n network 0.0.0.0 255.255.255.255 area 0\n`);
  assert.match(
    f.ospfd,
    /interface tun0\n ip ospf network point-to-point\n ip ospf hello-interval 5\n ip ospf dead-interval 20\n!/,
  );
  assert.match(f.ospfd, /\nrouter ospf\n network 0\.0\.0\.0\/0 area 0\n/);
  assert.doesNotMatch(f.ospfd, /router ospf 7/);
});

test('OSPF: ip ospf N area on one interface puts every area on its interface (FRR refuses both forms)', () => {
  const f = files(
    `${BASE} ip ospf 1 area 0\nrouter ospf 1\n network 10.2.0.0 0.0.255.255 area 1\n network 10.2.0.0 0.0.0.255 area 2\n`,
  );
  assert.match(f.ospfd, /interface eth2\n ip ospf area 2\n!/);
  assert.match(f.ospfd, /interface tun0\n ip ospf network point-to-point\n ip ospf area 0\n!/);
  assert.doesNotMatch(f.ospfd, /\n network /);
});

test('BGP: listen range hub, peer-group, eBGP without policy, IOS distances, connect retry 5 s', () => {
  const f = files(`${BASE}router bgp 65000
 bgp listen range 172.16.0.0/24 peer-group SPOKES
 neighbor SPOKES peer-group
 neighbor SPOKES remote-as 65000
 neighbor SPOKES route-reflector-client
 neighbor SPOKES next-hop-self
 neighbor 192.0.2.9 remote-as 64999
 network 10.2.0.0 mask 255.255.255.0
`);
  assert.deepEqual(Object.keys(f), ['zebra', 'bgpd']);
  assert.equal(
    f.bgpd,
    `hostname Spoke1
!
router bgp 65000
 no bgp ebgp-requires-policy
 bgp log-neighbor-changes
 neighbor SPOKES peer-group
 neighbor SPOKES remote-as 65000
 neighbor SPOKES timers connect 5
 bgp listen range 172.16.0.0/24 peer-group SPOKES
 neighbor 192.0.2.9 remote-as 64999
 neighbor 192.0.2.9 timers connect 5
 !
 address-family ipv4 unicast
  network 10.2.0.0/24
  neighbor SPOKES next-hop-self
  neighbor SPOKES route-reflector-client
  distance bgp 20 200 200
 exit-address-family
!
end
`,
  );
});

test('RIP: classful networks as prefixes, no ip split-horizon, version 1 semantics when unset', () => {
  const v2 = files(
    `${BASE} no ip split-horizon\nrouter rip\n version 2\n network 172.16.0.0\n network 10.0.0.0\n no auto-summary\n`,
  );
  assert.equal(
    v2.ripd,
    `hostname Spoke1
!
interface tun0
 no ip rip split-horizon
!
router rip
 version 2
 network 172.16.0.0/16
 network 10.0.0.0/8
 distance 120
!
end
`,
  );
  const v1 = files(`${BASE}router rip\n network 172.16.0.0\n`);
  assert.match(v1.ripd, /interface tun0\n ip rip send version 1\n ip rip receive version 1 2\n!/);
  assert.doesNotMatch(v1.ripd, /interface eth2/);
  assert.doesNotMatch(v1.ripd, / version [12]\n network/);
});

test('RIP: ip summary-address rip → a ripd route and an output prefix list that drops its parts', () => {
  const f = files(
    `${BASE} no ip split-horizon\n ip summary-address rip 10.1.0.0 255.255.0.0\n` +
      'router rip\n version 2\n network 172.16.0.0\n no auto-summary\n',
  );
  assert.equal(
    f.ripd,
    `hostname Spoke1
!
interface tun0
 no ip rip split-horizon
!
ip prefix-list DMVPND-RIP-SUMMARY-tun0 seq 5 deny 10.1.0.0/16 ge 17
ip prefix-list DMVPND-RIP-SUMMARY-tun0 seq 10 permit 0.0.0.0/0 le 32
!
router rip
 version 2
 network 172.16.0.0/16
 route 10.1.0.0/16
 distribute-list prefix DMVPND-RIP-SUMMARY-tun0 out tun0
 distance 120
!
end
`,
  );
});

test('BGP: aggregate-address with summary-only and as-set', () => {
  const f = files(
    `${BASE}router bgp 65000\n aggregate-address 10.1.0.0 255.255.0.0 summary-only\n` +
      ' aggregate-address 10.2.0.0 255.255.0.0 as-set\n',
  );
  assert.match(
    f.bgpd,
    /\n {2}aggregate-address 10\.1\.0\.0\/16 summary-only\n {2}aggregate-address 10\.2\.0\.0\/16 as-set\n/,
  );
});

test('prefix lists go into bgpd and ripd; distribute-list and neighbor prefix-list name the device', () => {
  const f = files(
    `${BASE}ip prefix-list SUM seq 5 permit 10.1.0.0/16\nip prefix-list LANS seq 5 permit 10.0.0.0/8 ge 24 le 24\n` +
      'router rip\n version 2\n network 172.16.0.0\n distribute-list prefix SUM out Tunnel0\n' +
      ' distribute-list prefix LANS in\nrouter bgp 65000\n neighbor 172.16.0.1 remote-as 65000\n' +
      ' neighbor 172.16.0.1 prefix-list LANS in\n',
  );
  for (const d of [f.ripd, f.bgpd])
    assert.match(
      d!,
      /^ip prefix-list SUM seq 5 permit 10\.1\.0\.0\/16\nip prefix-list LANS seq 5 permit 10\.0\.0\.0\/8 ge 24 le 24\n!/m,
    );
  assert.match(f.ripd!, /\n distribute-list prefix SUM out tun0\n distribute-list prefix LANS in\n/);
  assert.match(f.bgpd!, /\n {2}neighbor 172\.16\.0\.1 prefix-list LANS in\n/);
});

test('route-maps go into each routing daemon (BGP-only sets into bgpd only), used by neighbors and redistribute', () => {
  const f = files(
    `${BASE}ip prefix-list LANS permit 10.0.0.0/8 ge 24 le 24\nroute-map RM permit 10\n` +
      ' match ip address prefix-list LANS\n set metric 50\n set local-preference 200\n set weight 100\n' +
      ' set ip next-hop 172.16.0.1\nroute-map RM deny 20\nroute-map TWO permit 10\n' +
      ' match ip address prefix-list LANS LANS2\nrouter ospf 1\n network 172.16.0.0 0.0.0.255 area 0\n' +
      ' redistribute static subnets route-map RM\nrouter rip\n network 172.16.0.0\n' +
      ' redistribute static metric 2 route-map RM\nrouter bgp 65000\n neighbor 172.16.0.1 remote-as 65000\n' +
      ' neighbor 172.16.0.1 route-map RM in\n neighbor 172.16.0.1 route-map RM out\n redistribute connected route-map RM\n',
  );
  assert.match(
    f.bgpd!,
    /\nroute-map RM permit 10\n match ip address prefix-list LANS\n set metric 50\n set local-preference 200\n set weight 100\n set ip next-hop 172\.16\.0\.1\nexit\n!\nroute-map RM deny 20\nexit\n/,
  );
  for (const d of [f.ospfd!, f.ripd!]) {
    assert.match(d, /\nroute-map RM permit 10\n match ip address prefix-list LANS\n set metric 50\n set ip next-hop /);
    assert.doesNotMatch(d, /local-preference|weight/);
  }
  assert.match(f.bgpd!, /\n {2}redistribute connected route-map RM\n/);
  assert.match(f.bgpd!, /\n {2}neighbor 172\.16\.0\.1 route-map RM in\n {2}neighbor 172\.16\.0\.1 route-map RM out\n/);
  assert.match(f.ospfd!, /\n redistribute kernel route-map DMVPND-STATIC-RM\n/);
  assert.match(f.ripd!, /\n redistribute kernel metric 2 route-map DMVPND-STATIC-RM\n/);
  assert.match(f.bgpd!, /\n ! not translated: match ip address prefix-list LANS LANS2: /);
});

test('OSPF summary-address, distribute-list prefix in (zebra), network 0.0.0.0 in OSPF, RIP and BGP', () => {
  const f = files(
    `${BASE}ip prefix-list LANS permit 10.0.0.0/8 le 24\nrouter ospf 1\n network 0.0.0.0 255.255.255.255 area 0\n` +
      ' summary-address 192.168.0.0 255.255.0.0\n summary-address 192.169.0.0 255.255.0.0 not-advertise\n' +
      ' distribute-list prefix LANS in\nrouter rip\n network 0.0.0.0\nrouter bgp 65000\n network 0.0.0.0\n',
  );
  assert.match(f.ospfd!, /\n network 0\.0\.0\.0\/0 area 0\n/);
  assert.match(f.ospfd!, /\n summary-address 192\.168\.0\.0\/16\n summary-address 192\.169\.0\.0\/16 no-advertise\n/);
  assert.match(
    f.zebra!,
    /ip prefix-list LANS seq 5 permit 10\.0\.0\.0\/8 le 24\n!\nroute-map DMVPND-OSPF-IN permit 10\n match ip address prefix-list LANS\nexit\n!\nip protocol ospf route-map DMVPND-OSPF-IN\n/,
  );
  assert.match(f.ripd!, /\n network 0\.0\.0\.0\/0\n/);
  assert.match(f.ripd!, /^interface tun0\n ip rip send version 1\n/m);
  assert.match(f.bgpd!, /\n {2}network 0\.0\.0\.0\/0\n/);
});

test('redistribute static: kernel routes (dmvpnd installs the IOS statics) limited to the static prefixes', () => {
  const f = files(
    `${BASE}ip route 10.0.0.0 255.0.0.0 Null0\nip route 0.0.0.0 0.0.0.0 192.0.2.1\nip route 10.0.0.0 255.0.0.0 Null0 250\n` +
      'router ospf 1\n network 172.16.0.0 0.0.0.255 area 0\n redistribute static subnets\n' +
      'router bgp 65000\n network 10.0.0.0\n',
  );
  assert.match(
    f.ospfd!,
    /\nip prefix-list DMVPND-STATIC seq 5 permit 10\.0\.0\.0\/8\nip prefix-list DMVPND-STATIC seq 10 permit 0\.0\.0\.0\/0\n!\nroute-map DMVPND-STATIC permit 10\n match ip address prefix-list DMVPND-STATIC\nexit\n/,
  );
  assert.match(f.ospfd!, /\n redistribute kernel route-map DMVPND-STATIC\n/);
  assert.doesNotMatch(f.ospfd!, /redistribute static/);
  // BGP network of a Null0 static: zebra has the kernel route, nothing to translate
  assert.match(f.bgpd!, /\n {2}network 10\.0\.0\.0\/8\n/);
  assert.doesNotMatch(f.bgpd!, /DMVPND-STATIC/);
  const none = files(`${BASE}router rip\n network 172.16.0.0\n redistribute static\n`);
  assert.match(none.ripd!, /\nip prefix-list DMVPND-STATIC seq 5 deny 0\.0\.0\.0\/0 le 32\n/);
});

const FRR = '/usr/lib/frr';
const NO_FRR = existsSync(`${FRR}/ospfd`) ? false : 'FRR is not installed (make apt installs it)';

/** Runs `DAEMON -C` on each file; returns what the daemon printed (empty when it accepted every line). */
function check(daemons: FrrDaemonConfig[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'frr-check-'));
  chmodSync(dir, 0o755); // the daemons read their file as user frr
  try {
    return daemons
      .map((d) => {
        const file = join(dir, `${d.daemon}.conf`);
        writeFileSync(file, d.text);
        const run = spawnSync(`${FRR}/${d.daemon}`, ['-C', '-f', file], { encoding: 'utf8' });
        return `${run.stdout}${run.stderr}`
          .split('\n')
          .filter((l) =>
            /No such command|Config Failed|can't open|Unknown|Invalid|ambiguous|deprecated|Please/i.test(l),
          )
          .join('\n');
      })
      .join('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the FRR check sees a refused line', { skip: NO_FRR }, () => {
  assert.match(check([{ daemon: 'ospfd', text: 'router ospf\n network 10.0.0.0 area 0\n' }]), /No such command/);
});

test('FRR accepts the translation of every CML router and of the tests above', { skip: NO_FRR || CML_SKIP }, () => {
  for (const r of loadCmlRouters()) {
    const daemons = translate(parseConfig(r.text).config);
    assert.equal(check(daemons), '', `${r.lab}/${r.node}`);
  }
  const hub =
    `${BASE} ip ospf network point-to-multipoint\n no ip split-horizon\nrouter ospf 1\n passive-interface default\n` +
    ' no passive-interface Tunnel0\n network 172.16.0.0 0.0.0.255 area 0\n area 1 stub\nrouter rip\n network 10.0.0.0\n' +
    'router bgp 1\n bgp listen range 172.16.0.0/24 peer-group S\n neighbor S peer-group\n neighbor S remote-as 1\n' +
    ' aggregate-address 10.0.0.0 255.0.0.0 as-set summary-only\n neighbor S prefix-list P out\n' +
    'router rip\n distribute-list prefix P in\n distribute-list prefix P out Tunnel0\n' +
    'interface Tunnel0\n ip summary-address rip 10.0.0.0 255.0.0.0\nip prefix-list P permit 10.0.0.0/8 le 24\n' +
    'route-map RM permit 10\n match ip address prefix-list P\n set metric 5\n set local-preference 200\n' +
    ' set weight 10\n set ip next-hop 172.16.0.1\nrouter bgp 1\n neighbor S route-map RM in\n' +
    ' redistribute static route-map RM\nrouter ospf 1\n redistribute connected subnets route-map RM\n' +
    'router rip\n redistribute static route-map RM\n network 0.0.0.0\nrouter ospf 1\n distribute-list prefix P in\n' +
    ' summary-address 10.0.0.0 255.0.0.0\n summary-address 10.9.0.0 255.255.0.0 not-advertise\n' +
    ' network 0.0.0.0 255.255.255.255 area 0\nrouter bgp 1\n network 0.0.0.0\n redistribute static\n' +
    'ip route 10.9.0.0 255.255.0.0 Null0\nrouter ospf 1\n redistribute static subnets\n';
  assert.equal(check(translate(parseConfig(hub).config)), '');
});
