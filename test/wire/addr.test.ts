import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addrFromBytes, addrLength, addrToBytes } from '../../src/wire/nhrp/addr.js';
import { hex, toHex } from '../helpers/wire.js';

test('the four address forms: dotted quad, IPv6, empty, hex', () => {
  assert.equal(addrFromBytes(hex('c0a87b01')), '192.168.123.1');
  assert.equal(addrFromBytes(new Uint8Array(0)), '');
  assert.equal(addrFromBytes(hex('20010db8000000000000000000000001')), '2001:db8::1');
  assert.equal(addrFromBytes(hex('0102030405')), 'hex:0102030405');
  assert.equal(toHex(addrToBytes('10.0.0.255')), '0a0000ff');
  assert.equal(toHex(addrToBytes('')), '');
  assert.equal(toHex(addrToBytes('hex:abcd')), 'abcd');
  assert.equal(addrLength('hex:abcd'), 2);
  assert.equal(addrLength('fe80::1'), 16);
});

test('IPv6 text follows RFC 5952 and parses every compressed form', () => {
  const cases: Array<[string, string]> = [
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['20010db8000100000000000000000000', '2001:db8:1::'],
    ['fe800000000000000000ffffc0000201', 'fe80::ffff:c000:201'],
  ];
  for (const [h, text] of cases) {
    assert.equal(addrFromBytes(hex(h)), text);
    assert.equal(toHex(addrToBytes(text)), h);
  }
  assert.equal(toHex(addrToBytes('::ffff:192.0.2.1')), '00000000000000000000ffffc0000201');
  assert.equal(toHex(addrToBytes('2001:DB8:0:0:0:0:0:1')), '20010db8000000000000000000000001');
});

test('every byte string survives bytes -> text -> bytes', () => {
  for (let len = 0; len < 40; len++) {
    const b = Uint8Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff);
    assert.equal(toHex(addrToBytes(addrFromBytes(b))), toHex(b));
  }
});

test('malformed text is a RangeError naming the accepted forms', () => {
  for (const bad of [
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1..2.3',
    'hex:abc',
    'hex:zz',
    '1::2::3',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    'host',
  ]) {
    assert.throws(() => addrToBytes(bad), RangeError, bad);
  }
});
