import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  classfulLength,
  formatCidr,
  formatIpv4,
  inCidr,
  inPrefix,
  isIpv4,
  lengthOfMaskBits,
  lengthOfMaskString,
  longestMatch,
  looksLikeIpv4,
  maskBits,
  maskString,
  networkBits,
  networkOf,
  parseCidr,
  parseIpv4,
  readIpv4,
  wildcardBits,
  wildcardString,
  writeIpv4,
} from '../../src/wire/ipv4-addr.js';

test('parseIpv4 takes strict dotted quads only', () => {
  assert.equal(parseIpv4('192.0.2.1'), 0xc0000201);
  assert.equal(parseIpv4('0.0.0.0'), 0);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIpv4('010.001.0.1'), 0x0a010001);
  const bads = [
    '',
    '1.2.3',
    '1.2.3.4.',
    '.1.2.3',
    '1..2.3',
    '1.2.3.256',
    '1.2.3.4 ',
    'a.b.c.d',
    '1.2.3.0004',
    '::1',
    '1.2.3.-4',
  ];
  for (const bad of bads) {
    assert.equal(parseIpv4(bad), undefined, bad);
    assert.equal(isIpv4(bad), false, bad);
  }
  assert.ok(looksLikeIpv4('1.2.3.999'));
  assert.ok(!looksLikeIpv4('Tunnel0'));
  assert.ok(!looksLikeIpv4('12'));
});

test('format, read and write round-trip every octet pattern', () => {
  const b = new Uint8Array(6);
  for (const v of [0, 1, 0x7f000001, 0xc0000201, 0xcb0071fe, 0xffffffff]) {
    assert.equal(parseIpv4(formatIpv4(v)), v);
    writeIpv4(b, 1, v);
    assert.equal(readIpv4(b, 1), v);
  }
  assert.equal(formatIpv4(0xc6336407), '198.51.100.7');
  writeIpv4(b, 2, parseIpv4('203.0.113.9')!);
  assert.deepEqual([...b.subarray(2)], [203, 0, 113, 9]);
});

test('masks: a number from maskBits, dotted text from maskString, and back', () => {
  assert.equal(maskBits(0), 0);
  assert.equal(maskBits(24), 0xffffff00);
  assert.equal(maskBits(32), 0xffffffff);
  assert.equal(maskBits(33), 0xffffffff);
  assert.equal(maskString(24), '255.255.255.0');
  assert.equal(maskString(0), '0.0.0.0');
  assert.equal(maskString(27), '255.255.255.224');
  assert.equal(wildcardBits(24), 0xff);
  assert.equal(wildcardString(30), '0.0.0.3');
  assert.equal(wildcardString(32), '0.0.0.0');
  for (let len = 0; len <= 32; len++) {
    assert.equal(lengthOfMaskBits(maskBits(len)), len);
    assert.equal(lengthOfMaskString(maskString(len)), len);
  }
  assert.equal(lengthOfMaskBits(0xff00ff00), undefined);
  assert.equal(lengthOfMaskString('255.0.255.0'), undefined);
  assert.equal(lengthOfMaskString('0.0.0.255'), undefined);
  assert.equal(lengthOfMaskString('255.255.255'), undefined);
});

test('network and containment', () => {
  assert.equal(networkBits(parseIpv4('10.1.2.3')!, 16), parseIpv4('10.1.0.0'));
  assert.equal(networkOf('10.1.2.3', 24), '10.1.2.0');
  assert.equal(networkOf('10.1.2.3', 0), '0.0.0.0');
  assert.equal(networkOf('10.1.2.3', 32), '10.1.2.3');
  assert.equal(networkOf('2001:db8::1', 64), '2001:db8::1');
  assert.ok(inPrefix('172.16.0.11', '172.16.0.0', 24));
  assert.ok(inPrefix('8.8.8.8', '0.0.0.0', 0));
  assert.ok(!inPrefix('172.16.1.11', '172.16.0.1', 24));
  assert.ok(!inPrefix('fe80::1', '172.16.0.0', 0));
  assert.ok(inCidr('10.1.0.7', { address: '10.1.0.1', prefixLength: 24 }));
  assert.ok(!inCidr('10.1.1.7', { address: '10.1.0.1', prefixLength: 24 }));
});

test('CIDR text', () => {
  assert.deepEqual(parseCidr('192.0.2.1/24'), { address: '192.0.2.1', prefixLength: 24 });
  assert.deepEqual(parseCidr('0.0.0.0/0'), { address: '0.0.0.0', prefixLength: 0 });
  const bads = [
    '192.0.2.1',
    '192.0.2.1/33',
    '192.0.2.1/',
    '192.0.2/24',
    '192.0.2.1/024',
    '192.0.2.1/2a',
    ' 192.0.2.1/24',
  ];
  for (const bad of bads) {
    assert.equal(parseCidr(bad), undefined, bad);
  }
  assert.equal(formatCidr({ address: '198.51.100.1', prefixLength: 30 }), '198.51.100.1/30');
});

test('longestMatch: longest prefix wins, prefer breaks ties, accept filters', () => {
  const routes = [
    { prefix: '0.0.0.0', prefixLength: 0, name: 'default' },
    { prefix: '10.0.0.0', prefixLength: 8, name: 'ten' },
    { prefix: '10.1.0.0', prefixLength: 16, name: 'a' },
    { prefix: '10.1.0.0', prefixLength: 16, name: 'b' },
    { prefix: '10.1.2.0', prefixLength: 24, name: 'lan' },
  ];
  assert.equal(longestMatch('10.1.2.3', routes)?.name, 'lan');
  assert.equal(longestMatch('10.1.3.3', routes)?.name, 'a');
  assert.equal(longestMatch('10.1.3.3', routes, { prefer: (x) => x.name === 'b' })?.name, 'b');
  assert.equal(longestMatch('10.1.2.3', routes, { accept: (x) => x.name !== 'lan' })?.name, 'a');
  assert.equal(longestMatch('10.9.9.9', routes)?.name, 'ten');
  assert.equal(longestMatch('192.0.2.1', routes)?.name, 'default');
  assert.equal(longestMatch('192.0.2.1', routes.slice(1)), undefined);
  assert.equal(longestMatch('not-an-address', routes), undefined);
});

test('classful lengths', () => {
  assert.equal(classfulLength('10.1.2.3'), 8);
  assert.equal(classfulLength('172.16.0.1'), 16);
  assert.equal(classfulLength('192.0.2.1'), 24);
  assert.equal(classfulLength('224.0.0.5'), 24);
  assert.equal(classfulLength('0.0.0.0'), 8);
});
