import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import { ciscoExtensions, decodeNhrp, encodeNhrp, makeCie, makeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { toHex } from '../helpers/wire.js';

const base = encodeNhrp(
  makeNhrp({
    type: NhrpType.ResolutionRequest,
    flags: 0x8002,
    requestId: 7,
    srcNbma: '192.0.2.2',
    srcProto: '10.0.0.2',
    dstProto: '10.0.0.3',
    cies: [makeCie()],
    extensions: ciscoExtensions({ password: 'secret' }),
  }),
);

function failure(bytes: Uint8Array, opts = {}): { code: string; offset: number } {
  try {
    decodeNhrp(bytes, opts);
  } catch (e) {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    return { code: e.code, offset: e.offset };
  }
  assert.fail('decode succeeded');
}

function patched(at: number, v: number): Uint8Array {
  const b = base.slice();
  b[at] = v >> 8;
  b[at + 1] = v & 0xff;
  return b;
}

test('each malformed header field gives its own code and offset', () => {
  assert.deepEqual(failure(base.subarray(0, 19)), { code: 'TRUNCATED', offset: 0 });
  const v2 = base.slice();
  v2[16] = 2;
  assert.deepEqual(failure(v2), { code: 'BAD_VERSION', offset: 16 });
  assert.deepEqual(failure(patched(10, 12)), { code: 'BAD_LENGTH', offset: 10 });
  assert.deepEqual(failure(patched(10, base.length + 1)), { code: 'TRUNCATED', offset: 10 });
  assert.deepEqual(failure(patched(14, 30)), { code: 'BAD_VALUE', offset: 14 });
  assert.deepEqual(failure(patched(14, base.length + 4)), { code: 'BAD_VALUE', offset: 14 });
});

test('addresses, CIEs and extensions that overrun their space are TRUNCATED', () => {
  const longAddr = base.slice();
  longAddr[20] = 200; // source protocol length far past the packet
  assert.equal(failure(longAddr).code, 'TRUNCATED');
  const extoff = (base[14] << 8) | base[15];
  const cieLen = base.slice();
  cieLen[extoff - 2] = 40; // CIE protocol length overruns the CIE area
  assert.equal(failure(cieLen).code, 'TRUNCATED');
  assert.equal(failure(patched(extoff + 2, 0x100)).code, 'TRUNCATED');
});

test('short auth and vendor-private values are BAD_LENGTH', () => {
  const auth = encodeNhrp(
    makeNhrp({ extensions: [{ type: 'unknown', compulsory: true, code: 7, data: new Uint8Array(3) }] }),
  );
  assert.equal(failure(auth).code, 'BAD_LENGTH');
  const vp = encodeNhrp(
    makeNhrp({ extensions: [{ type: 'unknown', compulsory: false, code: 8, data: new Uint8Array(2) }] }),
  );
  assert.equal(failure(vp).code, 'BAD_LENGTH');
});

test('verifyChecksum rejects a wrong checksum; without it the packet decodes', () => {
  const b = base.slice();
  b[12] ^= 0xff;
  assert.deepEqual(failure(b, { verifyChecksum: true }), { code: 'BAD_CHECKSUM', offset: 12 });
  assert.equal(decodeNhrp(b).requestId, 7);
});

test('unknown extensions, the reserved bit, bytes after End and unknown types re-encode exactly', () => {
  const p = makeNhrp({
    type: 42,
    payload: Uint8Array.from([1, 2, 3]),
    extensions: [
      { type: 'unknown', compulsory: true, code: 0x4003, data: Uint8Array.from([9]) },
      { type: 'vendorPrivate', compulsory: false, oui: 0x00000c, data: Uint8Array.from([0x41]) },
      { type: 'end', compulsory: true },
    ],
    trailer: Uint8Array.from([0xde, 0xad]),
  });
  const bytes = encodeNhrp(p);
  const d = decodeNhrp(bytes);
  assert.equal(d.type, 42);
  assert.equal(toHex(d.payload), '010203');
  assert.deepEqual(
    d.extensions.map((e) => e.type),
    ['unknown', 'vendorPrivate', 'end'],
  );
  assert.equal(toHex(d.trailer ?? new Uint8Array(0)), 'dead');
  assert.equal(toHex(encodeNhrp(d)), toHex(bytes));
});

test('IPv6 protocol addresses and subaddress type bits round-trip', () => {
  const p = makeNhrp({
    protocolType: 0x86dd,
    srcNbma: '192.0.2.1',
    srcProto: '2001:db8::2',
    dstProto: '2001:db8::1',
    cies: [
      makeCie({
        prefixLength: 128,
        nbmaAddress: '192.0.2.1',
        nbmaSubaddress: 'hex:01',
        nbmaSubTypeBits: 0x40,
        protocolAddress: '2001:db8::2',
      }),
    ],
  });
  const d = decodeNhrp(encodeNhrp(p));
  assert.equal(d.srcProto, '2001:db8::2');
  assert.equal(d.cies[0].protocolAddress, '2001:db8::2');
  assert.equal(d.cies[0].nbmaSubTypeBits, 0x40);
  assert.equal(d.extensions.length, 0);
  assert.equal(toHex(encodeNhrp(d)), toHex(encodeNhrp(p)));
});
