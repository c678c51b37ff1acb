import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import { decodeGre, encodeGre, greChecksumOk, GreProto } from '../../src/wire/gre.js';
import { hex, toHex } from '../helpers/wire.js';

test('plain GRE header: protocol type and payload', () => {
  const g = decodeGre(hex('00002001 aabbcc'));
  assert.equal(g.protocolType, GreProto.Nhrp);
  assert.equal(g.checksumPresent, false);
  assert.equal(g.key, undefined);
  assert.equal(g.sequence, undefined);
  assert.equal(toHex(g.payload), 'aabbcc');
  assert.equal(toHex(encodeGre(g)), '00002001aabbcc');
});

test('key and sequence bits (RFC 2890) round-trip', () => {
  const bytes = hex('30000800 000186a0 00000007 45');
  const g = decodeGre(bytes);
  assert.equal(g.key, 100000);
  assert.equal(g.sequence, 7);
  assert.equal(g.protocolType, 0x0800);
  assert.equal(toHex(encodeGre(g)), toHex(bytes));
});

test('checksum bit (RFC 2784): encode computes it, decode keeps it, a flipped bit fails it', () => {
  const out = encodeGre({
    protocolType: GreProto.Nhrp,
    checksumPresent: true,
    checksum: 0,
    reserved1: 0,
    reserved0: 0,
    key: 42,
    payload: hex('0102030405'),
  });
  assert.equal(toHex(out.subarray(0, 2)), 'a000');
  assert.ok(greChecksumOk(out));
  const g = decodeGre(out);
  assert.equal(g.key, 42);
  assert.equal(g.checksum, (out[4] << 8) | out[5]);
  assert.equal(toHex(encodeGre(g)), toHex(out));
  out[out.length - 1] ^= 0x10;
  assert.equal(greChecksumOk(out), false);
});

test('version other than 0, the routing bit and short headers are DecodeErrors with codes', () => {
  const code = (b: string): string => {
    try {
      decodeGre(hex(b));
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof DecodeError);
      return e.code;
    }
  };
  assert.equal(code('0001880b'), 'BAD_VERSION');
  assert.equal(code('40000800'), 'UNSUPPORTED');
  assert.equal(code('000008'), 'TRUNCATED');
  assert.equal(code('20000800 0000'), 'TRUNCATED');
  assert.equal(code('b0000800 0000'), 'TRUNCATED');
});
