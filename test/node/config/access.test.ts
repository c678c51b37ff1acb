import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { checkSecret, decodeType7, type9 } from '../../../src/node/config/secrets.js';

const CFG = `hostname R1
enable secret s3cret
username admin privilege 15 secret admin
username ops password 7 0822455D0A16
ip domain-name lab.example
ip ssh version 2
crypto key generate rsa modulus 2048
line con 0
 logging synchronous
line vty 0 4
 exec-timeout 5 30
 login local
 transport input ssh
`;

test('access lines: users, enable secret, line vty, ip ssh, domain name; crypto key generate accepted', () => {
  const r = parseConfig(CFG);
  assert.deepEqual(r.errors, []);
  const a = r.config.access!;
  assert.deepEqual(
    a.users.map((u) => [u.name, u.privilege, u.secret.kind, u.secret.type]),
    [
      ['admin', 15, 'secret', 0],
      ['ops', 1, 'password', 7],
    ],
  );
  assert.equal(checkSecret(a.users[1]!.secret, 'cisco'), true, 'type 7 decodes');
  assert.equal(checkSecret(a.enable!, 's3cret'), true);
  assert.equal(checkSecret(a.enable!, 'S3cret'), false);
  assert.deepEqual(a.vty, { login: 'local', transportInput: ['ssh'], execTimeoutSec: 330 });
  assert.equal(a.sshVersion, 2);
  assert.equal(a.domainName, 'lab.example');
  assert.ok(
    r.ignored.some((x) => x.text === 'line con 0'),
    'other lines stay ignored',
  );
});

test('running-config shows secrets as type 9 and parses back to the same access', () => {
  const first = parseConfig(CFG).config;
  const text = renderRunningConfig(first);
  assert.match(text, /^username admin privilege 15 secret 9 \$9\$/m);
  assert.doesNotMatch(text, /secret admin/);
  assert.match(text, /^line vty 0 4\n exec-timeout 5 30\n login local\n transport input ssh$/m);
  const again = parseConfig(text).config.access!;
  assert.equal(checkSecret(again.users[0]!.secret, 'admin'), true);
  assert.equal(checkSecret(again.users[0]!.secret, 'admin2'), false);
  assert.equal(renderRunningConfig(parseConfig(text).config), text, 'stable');
});

test('secrets: type 7 and type 9 round trips, bad input refused', () => {
  assert.equal(decodeType7('0822455D0A16'), 'cisco');
  assert.equal(decodeType7('zz'), undefined);
  assert.match(type9('x'), /^\$9\$[./0-9A-Za-z]{14}\$[./0-9A-Za-z]{43}$/);
  assert.equal(checkSecret({ kind: 'secret', type: 9, value: type9('pw') }, 'pw'), true);
  assert.equal(checkSecret({ kind: 'secret', type: 9, value: 'garbage' }, 'pw'), false);
  assert.equal(checkSecret({ kind: 'secret', type: 5, value: '$1$abc$def' }, 'pw'), undefined);
  const bad = parseConfig('username x privilege 99 secret y\n');
  assert.equal(bad.errors.length, 1);
});
