/** IOS IKEv1 config (crypto isakmp …) to the IKEv1 engine's: a profile without `set ikev2-profile` runs IKEv1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/index.js';
import { renderCrypto } from '../../../src/node/config/render-crypto.js';
import { protectionPlan } from '../../../src/node/ipsec/ike-config.js';

const COURSE = `crypto isakmp policy 10
 encr aes
 hash sha256
 authentication pre-share
 group 5
crypto isakmp policy 20
 encr 3des
 hash md5
 authentication pre-share
 group 2
 lifetime 3600
crypto isakmp key DMVPN_KEY address 0.0.0.0 0.0.0.0
crypto isakmp key HUBKEY address 192.0.2.1
crypto isakmp keepalive 10 3 periodic
crypto isakmp nat keepalive 20
crypto isakmp aggressive-mode disable
crypto ipsec transform-set TS esp-aes esp-sha-hmac
 mode transport
crypto ipsec transform-set GCM esp-gcm 256
crypto ipsec profile PROT
 set transform-set TS GCM
 set pfs group14
 set security-association lifetime seconds 1800
`;

test('the course config: policies, keys, keepalives, transform sets, PFS and lifetime', () => {
  const { config, ignored } = parseConfig(COURSE);
  assert.deepEqual(
    ignored.filter((x) => x.text.startsWith('crypto')).map((x) => x.text),
    [],
  );
  const plan = protectionPlan(config.crypto, 'PROT', '198.51.100.1');
  assert.deepEqual(plan.problems, []);
  assert.deepEqual(plan.ike.peers, [], 'no IKEv2 peer');
  assert.deepEqual(plan.ikev1, {
    localAddress: '198.51.100.1',
    keys: [
      { address: '0.0.0.0', mask: '0.0.0.0', psk: 'DMVPN_KEY' },
      { address: '192.0.2.1', mask: '255.255.255.255', psk: 'HUBKEY' },
    ],
    policies: [
      { priority: 10, encr: 'aes-128', hash: 'sha256', group: 5, lifetime: 86400 },
      { priority: 20, encr: '3des', hash: 'md5', group: 2, lifetime: 3600 },
    ],
    esp: [{ encr: 'aes-cbc-128', integ: 'sha1-96' }, { encr: 'aes-gcm-16-256' }],
    mode: 'transport',
    protocol: 47,
    pfs: 14,
    childLifetime: 1800,
    dpd: { interval: 10, retry: 3 },
    natKeepalive: 20,
    acceptAggressive: false,
  });
  const text = renderCrypto(config.crypto).join('\n');
  assert.match(
    text,
    /crypto isakmp aggressive-mode disable\ncrypto isakmp keepalive 10 3 periodic\ncrypto isakmp nat keepalive 20/,
  );
});

test('`no crypto isakmp keepalive` removes it; an unsupported policy or no key is a problem', () => {
  const { config } = parseConfig(
    `${COURSE}no crypto isakmp keepalive\ncrypto isakmp policy 30\n encr des\n authentication rsa-sig\n`,
  );
  assert.equal(config.crypto.isakmpKeepalive, undefined);
  const plan = protectionPlan(config.crypto, 'PROT', '198.51.100.1');
  assert.deepEqual(plan.problems, ['isakmp policy 30: authentication rsa-sig not supported (pre-share only)']);
  const nokey = parseConfig(COURSE.replace(/crypto isakmp key .*\n/g, '')).config;
  assert.deepEqual(protectionPlan(nokey.crypto, 'PROT', '198.51.100.1').problems, [
    'no crypto isakmp key: IKEv1 cannot authenticate any peer',
  ]);
});

test('set ikev2-profile, or no isakmp at all, keeps IKEv2', () => {
  const { config } = parseConfig(`${COURSE} set ikev2-profile IKEP\n`);
  assert.equal(protectionPlan(config.crypto, 'PROT', '198.51.100.1').ikev1, undefined);
  const bare = parseConfig(
    'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\ncrypto ipsec profile PROT\n set transform-set TS\n',
  ).config;
  assert.equal(protectionPlan(bare.crypto, 'PROT', '198.51.100.1').ikev1, undefined);
});

test('`crypto isakmp key K address 0.0.0.0` without a mask is the wildcard, as on IOS', () => {
  const { config } = parseConfig(
    COURSE.replace('address 0.0.0.0 0.0.0.0', 'address 0.0.0.0').replace('192.0.2.1', '192.0.2.1 255.255.255.0'),
  );
  const plan = protectionPlan(config.crypto, 'PROT', '198.51.100.1');
  assert.deepEqual(plan.ikev1?.keys, [
    { address: '0.0.0.0', mask: '0.0.0.0', psk: 'DMVPN_KEY' },
    { address: '192.0.2.1', mask: '255.255.255.0', psk: 'HUBKEY' },
  ]);
});
