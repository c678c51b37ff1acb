/**
 * EIGRP authentication digests against IOS: HMAC-SHA-256 against every authenticated packet of the
 * reference capture (named mode, `authentication mode hmac-sha-256 SECRET_KEY`, the password of the
 * lesson the capture comes from), MD5 against the IOS vectors published with John the Ripper's EIGRP
 * format (packets from IOS on IOU; no MD5 capture is among the reference files).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authTlv,
  decodeEigrp,
  eigrpChecksumOk,
  eigrpMd5Digest,
  encodeEigrp,
  findDigest,
  makeEigrp,
  parametersTlv,
  signEigrp,
  softwareVersionTlv,
  verifyEigrpDigest,
} from '../../src/wire/eigrp/index.js';
import { ciscoEigrpPackets, hex, toHex } from '../helpers/wire.js';

const SHA_KEY = 'SECRET_KEY';

test('HMAC-SHA-256: every authenticated packet of the capture verifies, and signing reproduces its bytes', () => {
  const packets = ciscoEigrpPackets().filter((p) => p.file === 'eigrp-sha-authentication.pcapng');
  const signed = packets.filter((p) => findDigest(p.bytes) !== null);
  assert.ok(signed.length >= 8, `expected at least 8 authenticated packets, found ${signed.length}`);
  for (const { frame, src, bytes } of signed) {
    const where = `frame ${frame}`;
    assert.ok(
      verifyEigrpDigest(bytes, { mode: 'sha256', password: SHA_KEY, source: src }),
      `${where}: digest verifies`,
    );
    assert.equal(
      verifyEigrpDigest(bytes, { mode: 'sha256', password: 'SECRET_KEY2', source: src }),
      false,
      `${where}: wrong password`,
    );
    const other = src === '192.168.12.1' ? '192.168.12.2' : '192.168.12.1';
    assert.equal(
      verifyEigrpDigest(bytes, { mode: 'sha256', password: SHA_KEY, source: other }),
      false,
      `${where}: wrong source`,
    );
    // rebuild from the decoded packet with a zero digest, then sign: the capture's bytes, checksum included
    const p = decodeEigrp(bytes);
    const auth = p.tlvs.find((t) => t.type === 'authentication');
    assert.ok(auth && auth.type === 'authentication' && auth.authType === 3 && auth.digest.length === 32);
    const blank = encodeEigrp({
      ...p,
      tlvs: p.tlvs.map((t) => (t === auth ? { ...auth, digest: new Uint8Array(32) } : t)),
    });
    assert.equal(
      toHex(signEigrp(blank, { mode: 'sha256', password: SHA_KEY, source: src })),
      toHex(bytes),
      `${where}: signed`,
    );
  }
});

/** Header (checksum zeroed) and the MD5 Authentication TLV up to the digest: Hello, AS 42, key ID 1. */
const MD5_SALT = '020500000000000000000000000000000000002a000200280002001000000001000000000000000000000000';
const HELLO_TAIL = '0001000c010001000000000f0004000805000300';

const MD5_VECTORS: Array<{ key: string; tail: string; digest: string }> = [
  { key: 'password12345', tail: HELLO_TAIL, digest: '1a42aaf8ebe2f766100ea1fa05a5fa55' },
  { key: '1234567812345', tail: HELLO_TAIL, digest: 'f29e7d44351d37e6fc71e2aacca63d28' },
  { key: '123456789012345678901234567890', tail: HELLO_TAIL, digest: '61f237e29d28538a372f01121f2cd12f' },
  // a Hello with a TID list, Sequence and Next Multicast Sequence: only its first 29 TLV bytes count
  {
    key: 'password12345',
    tail:
      '0001000c010001000000000f000400080500030000f5000c0000000400' +
      '000000' +
      '00030009040a000002' +
      '0005000800000001',
    digest: '560c87396267310978883da92c0cff90',
  },
];

test('MD5: the digest of the IOS vectors, for keys shorter and longer than 16 bytes', () => {
  for (const { key, tail, digest } of MD5_VECTORS) {
    const packet = hex(MD5_SALT + digest + tail);
    assert.equal(toHex(eigrpMd5Digest(packet, key)), digest, key);
    assert.ok(verifyEigrpDigest(packet, { mode: 'md5', key }), `${key}: verifies`);
    assert.equal(verifyEigrpDigest(packet, { mode: 'md5', key: `${key}x` }), false, `${key}: another key does not`);
    const p = decodeEigrp(packet);
    assert.ok(p.tlvs[0].type === 'authentication' && p.tlvs[0].keyId === 1 && p.tlvs[0].authType === 2);
  }
  // the fifth vector is an AS 1 Hello with key "ninja"
  const ninja = hex(`${MD5_SALT.replace('0000002a0002', '000000010002')}212acb1cb76b31a810a9752c5cf6f554${HELLO_TAIL}`);
  assert.ok(verifyEigrpDigest(ninja, { mode: 'md5', key: 'ninja' }));
});

test('HMAC-SHA-256: the IOS vector with source 10.0.0.2', () => {
  const body =
    '020500000000000000000000000000000000000a' + // Hello, AS 10
    '000200380003002000000000000000000000000000000000' + // SHA-256 Authentication TLV up to the digest
    '00'.repeat(32) +
    '0001000c010001000000000f000400080f00020000f5000a000000020000'; // Parameters, Software Version, TID list
  const digest = 'cff66484cea20c6f58f175f8c004fc6d73be72090e53429c2616309aca38d5f3';
  const signed = signEigrp(hex(body), { mode: 'sha256', password: 'password12345', source: '10.0.0.2' });
  assert.equal(toHex(signed.subarray(44, 76)), digest);
  assert.ok(eigrpChecksumOk(signed));
});

test('signEigrp fills the digest of a packet we build, and a changed byte fails verification', () => {
  const key = { mode: 'md5', key: 'DMVPN' } as const;
  const hello = encodeEigrp(makeEigrp({ as: 10, tlvs: [authTlv('md5'), parametersTlv(), softwareVersionTlv()] }));
  const signed = signEigrp(hello, key);
  assert.ok(eigrpChecksumOk(signed));
  assert.ok(verifyEigrpDigest(signed, key));
  assert.notEqual(toHex(signed.subarray(44, 60)), '00'.repeat(16));
  const tampered = signed.slice();
  tampered[19] ^= 1; // the AS number is inside the hashed bytes
  assert.equal(verifyEigrpDigest(tampered, key), false);
  assert.throws(() => signEigrp(encodeEigrp(makeEigrp({ tlvs: [parametersTlv()] })), key), RangeError);
  assert.throws(
    () => signEigrp(hello, { mode: 'sha256', password: 'x', source: '192.0.2.1' }),
    RangeError,
    'MD5-sized TLV',
  );
});
