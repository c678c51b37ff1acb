import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import {
  classicMetric,
  decodeEigrp,
  encodeEigrp,
  goodbyeTlv,
  makeEigrp,
  parametersTlv,
  softwareVersionTlv,
  wideMetric,
  type EigrpTlv,
} from '../../src/wire/eigrp/index.js';
import { toHex } from '../helpers/wire.js';

function failure(bytes: Uint8Array): { code: string; offset: number } {
  try {
    decodeEigrp(bytes);
  } catch (e) {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    return { code: e.code, offset: e.offset };
  }
  assert.fail('decode succeeded');
}

/** A packet of one TLV with the given type code and value bytes (written raw, so anything goes). */
function raw(code: number, value: number[]): Uint8Array {
  return encodeEigrp(makeEigrp({ tlvs: [{ type: 'unknown', code, data: Uint8Array.from(value) }] }));
}

test('header: short, wrong version', () => {
  const hello = encodeEigrp(makeEigrp({ tlvs: [parametersTlv()] }));
  assert.deepEqual(failure(hello.subarray(0, 19)), { code: 'TRUNCATED', offset: 0 });
  const v1 = hello.slice();
  v1[0] = 1;
  assert.deepEqual(failure(v1), { code: 'BAD_VERSION', offset: 0 });
});

test('TLV framing: length under 4, past the end, a stray byte after the last TLV', () => {
  const hello = encodeEigrp(makeEigrp({ tlvs: [parametersTlv()] }));
  const short = hello.slice();
  short[23] = 3;
  assert.deepEqual(failure(short), { code: 'BAD_LENGTH', offset: 22 });
  const long = hello.slice();
  long[23] = 13;
  assert.deepEqual(failure(long), { code: 'TRUNCATED', offset: 22 });
  assert.deepEqual(failure(Uint8Array.from([...hello, 0])), { code: 'TRUNCATED', offset: 32 });
});

test('fixed-size TLVs with the wrong length are BAD_LENGTH at their length field', () => {
  assert.deepEqual(failure(raw(0x0001, [1, 0, 1, 0, 0, 0, 0])), { code: 'BAD_LENGTH', offset: 22 });
  assert.deepEqual(failure(raw(0x0004, [20, 0, 2])), { code: 'BAD_LENGTH', offset: 22 });
  assert.deepEqual(failure(raw(0x0005, [0, 0, 0, 0, 1])), { code: 'BAD_LENGTH', offset: 22 });
  assert.deepEqual(failure(raw(0x0002, new Array(19).fill(0))), { code: 'BAD_LENGTH', offset: 22 });
});

test('routes: prefix length over 32, destination or address past the TLV, short metric, bad TID list', () => {
  const route: EigrpTlv = {
    type: 'ipv4Internal',
    nextHop: '0.0.0.0',
    metric: classicMetric(),
    destinations: [{ prefixLength: 24, prefix: '10.1.2.0' }],
  };
  const ok = encodeEigrp(makeEigrp({ opcode: 1, tlvs: [route] }));
  const wide = ok.slice();
  wide[44] = 33; // the prefix length byte after next hop (4) and metric (16)
  assert.deepEqual(failure(wide), { code: 'BAD_VALUE', offset: 44 });
  const cut = ok.slice();
  cut[44] = 32; // /32 needs four bytes, three follow
  assert.deepEqual(failure(cut), { code: 'TRUNCATED', offset: 45 });
  assert.equal(failure(raw(0x0102, new Array(19).fill(0))).code, 'TRUNCATED');
  assert.equal(failure(raw(0x0602, [0, 0, 0, 1, ...new Array(28).fill(0)])).code, 'TRUNCATED');
  assert.equal(failure(raw(0x0602, [0, 0, 0, 2, ...new Array(40).fill(0)])).code, 'TRUNCATED');
  assert.equal(failure(raw(0x0003, [4, 10, 0, 0])).code, 'TRUNCATED');
  assert.deepEqual(failure(raw(0x00f5, [0, 0, 0, 3, 0, 0])), { code: 'BAD_VALUE', offset: 26 });
});

test('unknown TLVs, wide routes of other families, odd Auth Length and every typed TLV re-encode exactly', () => {
  const tlvs: EigrpTlv[] = [
    {
      type: 'authentication',
      authType: 2,
      authLength: 99,
      keyId: 7,
      keySequence: 3,
      nullPad: new Uint8Array(8),
      digest: Uint8Array.from([1, 2, 3]),
    },
    parametersTlv({ k2: 1, holdTime: 180 }),
    goodbyeTlv(),
    softwareVersionTlv(),
    { type: 'sequence', addresses: ['192.0.2.1', '2001:db8::1', 'hex:0102'] },
    { type: 'nextMulticastSequence', sequence: 0xfffffffe },
    { type: 'stub', flags: 0x0009 },
    { type: 'peerTermination', addresses: ['192.0.2.7'] },
    { type: 'topologyIds', code: 0x0008, flags: 1, tids: [0, 7] },
    {
      type: 'ipv4External',
      nextHop: '192.0.2.1',
      metric: classicMetric({ delay: 0xffffffff, flags: 2 }),
      destinations: [{ prefixLength: 0, prefix: '0.0.0.0' }],
      external: {
        originatingRouter: '198.51.100.1',
        originatingAs: 65000,
        adminTag: 42,
        externalMetric: 20,
        reserved: 0,
        protocol: 6,
        flags: 2,
      },
    },
    {
      type: 'wideInternal',
      topology: 0,
      afi: 1,
      routerId: '10.0.0.1',
      nextHop: '0.0.0.0',
      metric: wideMetric({ attributes: Uint8Array.from([2, 2, 0, 0, 0, 9]), delay: 0xffff_ffff_ffff }),
      destinations: [
        { prefixLength: 17, prefix: '10.1.128.0' },
        { prefixLength: 8, prefix: '10.0.0.0' },
      ],
    },
    { type: 'unknown', code: 0x0602, data: Uint8Array.from([0, 0, 0, 3, 1, 2, 3, 4]) },
    { type: 'unknown', code: 0x0604, data: Uint8Array.from([9, 9]) },
  ];
  const bytes = encodeEigrp(makeEigrp({ opcode: 1, flags: 0x0a, sequence: 5, ack: 4, vrid: 1, as: 65535, tlvs }));
  const d = decodeEigrp(bytes, { verifyChecksum: true });
  assert.deepEqual(
    d.tlvs.map((t) => t.type),
    tlvs.map((t) => t.type),
  );
  assert.equal(toHex(encodeEigrp(d)), toHex(bytes));
  const auth = d.tlvs[0];
  assert.ok(auth.type === 'authentication' && auth.authLength === 99 && auth.digest.length === 3);
  const w = d.tlvs[10];
  assert.ok(w.type === 'wideInternal' && w.metric.attributes.length === 6 && w.metric.delay === 0xffff_ffff_ffff);
  assert.deepEqual(w.destinations, [
    { prefixLength: 17, prefix: '10.1.128.0' },
    { prefixLength: 8, prefix: '10.0.0.0' },
  ]);
});

test('the encoder refuses what it cannot represent', () => {
  const bad = (t: EigrpTlv): void => assert.throws(() => encodeEigrp(makeEigrp({ tlvs: [t] })), RangeError);
  bad({ type: 'ipv4Internal', nextHop: '2001:db8::1', metric: classicMetric(), destinations: [] });
  bad({
    type: 'ipv4Internal',
    nextHop: '0.0.0.0',
    metric: classicMetric(),
    destinations: [{ prefixLength: 33, prefix: '10.0.0.0' }],
  });
  bad({
    type: 'wideInternal',
    topology: 0,
    afi: 1,
    routerId: '10.0.0.1',
    nextHop: '0.0.0.0',
    metric: wideMetric({ attributes: new Uint8Array(3) }),
    destinations: [],
  });
  bad({
    type: 'wideInternal',
    topology: 0,
    afi: 1,
    routerId: '10.0.0.1',
    nextHop: '0.0.0.0',
    metric: wideMetric({ delay: 2 ** 48 }),
    destinations: [],
  });
  bad({
    type: 'wideInternal',
    topology: 0,
    afi: 2,
    routerId: '10.0.0.1',
    nextHop: '0.0.0.0',
    metric: wideMetric(),
    destinations: [],
  });
  bad({
    type: 'wideInternal',
    topology: 0,
    afi: 3,
    routerId: '10.0.0.1',
    nextHop: '0.0.0.0',
    metric: wideMetric(),
    destinations: [],
  });
  bad({ type: 'unknown', code: 0x99, data: new Uint8Array(0xfffc) });
});
