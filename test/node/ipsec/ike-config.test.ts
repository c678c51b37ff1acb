/** IOS crypto config → IKEv2 engine config (src/node/ipsec/ike-config.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/index.js';
import { protectionPlan } from '../../../src/node/ipsec/ike-config.js';
import { planTunnel } from '../../../src/node/router/engine-config.js';

const CRYPTO = `crypto ikev2 proposal P1
 encryption aes-gcm-256
 prf sha256
 group 19 14
crypto ikev2 policy POL
 proposal P1
crypto ikev2 keyring KR
 peer HUB
  address 192.0.2.1
  pre-shared-key hub-key
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key any-key
crypto ikev2 profile IKEP
 match identity remote address 0.0.0.0
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 lifetime 7200
 dpd 10 3 periodic
crypto ipsec transform-set GCM esp-gcm 256
 mode transport
crypto ipsec transform-set CBC esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile PROT
 set transform-set GCM CBC
 set ikev2-profile IKEP
 set pfs group14
 set security-association lifetime seconds 1800
interface GigabitEthernet0/0
 ip address 192.0.2.2 255.255.255.0
interface Tunnel0
 ip address 172.16.0.2 255.255.255.0
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel protection ipsec profile PROT
`;

test('a protected tunnel gets one IKEv2 peer per keyring entry with the profile, proposal and transform sets', () => {
  const { config, errors, ignored } = parseConfig(CRYPTO);
  assert.deepEqual(errors, []);
  assert.deepEqual(ignored, [], 'every crypto line is in force');
  const plan = planTunnel(config, config.interfaces.Tunnel0);
  assert.ok(plan.protection);
  assert.deepEqual(plan.protection.problems, []);
  const ike = plan.protection.ike;
  assert.equal(ike.localAddress, '192.0.2.2');
  assert.deepEqual(
    ike.peers.map((p) => [p.address, p.psk]),
    [
      ['192.0.2.1', 'hub-key'],
      ['0.0.0.0', 'any-key'],
    ],
  );
  const p = ike.peers[0];
  assert.deepEqual(p.ike, [{ encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [19, 14] }]);
  assert.deepEqual(p.esp, [
    { encr: ['aes-gcm-16-256'], pfs: [14] },
    { encr: ['aes-cbc-256'], integ: ['sha256-128'], pfs: [14] },
  ]);
  assert.equal(p.mode, 'transport');
  assert.equal(p.childLifetime, 1800);
  assert.equal(p.ikeLifetime, 7200);
  assert.deepEqual(p.dpd, { interval: 10, retry: 3 });
});

test('a missing IPsec profile, IKEv2 profile or key is a problem and leaves no peer', () => {
  const { config } = parseConfig(CRYPTO);
  assert.deepEqual(protectionPlan(config.crypto, 'NOPE', '192.0.2.2').problems, [
    'crypto ipsec profile NOPE does not exist',
  ]);
  const noIke = parseConfig(CRYPTO.replace(' set ikev2-profile IKEP\n', '')).config;
  const plan = protectionPlan(noIke.crypto, 'PROT', '192.0.2.2');
  assert.deepEqual([plan.ike.peers, plan.problems], [[], ['crypto ikev2 profile default does not exist']]);
  const noKey = parseConfig(CRYPTO.replace('  pre-shared-key hub-key\n', '')).config;
  const k = protectionPlan(noKey.crypto, 'PROT', '192.0.2.2');
  assert.deepEqual(
    k.ike.peers.map((x) => x.address),
    ['0.0.0.0'],
  );
  assert.deepEqual(k.problems, ['keyring KR peer HUB: no pre-shared-key']);
});

test('an unprotected tunnel has no IPsec plan', () => {
  const { config } = parseConfig(CRYPTO.replace(' tunnel protection ipsec profile PROT\n', ''));
  assert.equal(planTunnel(config, config.interfaces.Tunnel0).protection, undefined);
});
