import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGre, encodeGre, type GrePacket } from '../../../src/wire/gre.js';
import {
  GRE_REJECT,
  greHeaderLengthFor,
  parseGreHeader,
  writeGreHeader,
} from '../../../src/node/dataplane/gre-header.js';

const payload = Uint8Array.of(0x45, 1, 2, 3, 4, 5);
const base: GrePacket = {
  protocolType: 0x0800,
  checksumPresent: false,
  checksum: 0,
  reserved1: 0,
  reserved0: 0,
  payload,
};

test('the in-place GRE writer agrees with the wire codec, with and without a key', () => {
  for (const key of [undefined, 0, 1, 0xdeadbeef]) {
    const n = greHeaderLengthFor(key);
    const b = new Uint8Array(n + payload.length);
    writeGreHeader(b, 0, 0x86dd, key);
    b.set(payload, n);
    const g = decodeGre(b);
    assert.deepEqual([g.protocolType, g.key, g.checksumPresent, g.sequence], [0x86dd, key, false, undefined]);
    assert.deepEqual(g.payload, payload);
  }
});

test('the in-place GRE reader finds the payload the wire codec encodes, for every optional field', () => {
  for (const checksumPresent of [false, true]) {
    for (const key of [undefined, 7]) {
      for (const sequence of [undefined, 99]) {
        const bytes = encodeGre({ ...base, checksumPresent, key, sequence });
        const off = parseGreHeader(bytes, key);
        assert.ok(off > 0, `C=${checksumPresent} K=${key} S=${sequence}: ${GRE_REJECT[-off]}`);
        assert.deepEqual(bytes.subarray(off), payload);
        assert.equal(off, bytes.length - payload.length);
      }
    }
  }
});

test('the in-place GRE reader names why it rejects', () => {
  const reason = (b: Uint8Array, key?: number) => {
    const off = parseGreHeader(b, key);
    return off < 0 ? GRE_REJECT[-off] : 'accepted';
  };
  assert.equal(reason(Uint8Array.of(0, 0, 8)), 'greTruncated');
  assert.equal(reason(encodeGre({ ...base, key: 1 }), 2), 'greKeyMismatch');
  assert.equal(reason(encodeGre(base), 2), 'greKeyMissing');
  assert.equal(reason(encodeGre({ ...base, key: 1 })), 'greKeyUnexpected');
  const sum = encodeGre({ ...base, checksumPresent: true });
  sum[sum.length - 1] ^= 1;
  assert.equal(reason(sum), 'greBadChecksum');
  assert.equal(reason(Uint8Array.of(0, 2, 8, 0)), 'greUnsupported');
});
