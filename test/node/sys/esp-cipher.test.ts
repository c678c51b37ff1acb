/**
 * The addon's ESP cipher against node:crypto's: the same bytes sealed for every suite and key size, each opens
 * what the other sealed, known answers, in-place opening, and every refusal (ICV, replay, trailer) as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EspError,
  EspInbound,
  EspOutbound,
  nodeEspCipher,
  openEsp,
  sealEsp,
  type EspCipherFactory,
  type EspSa,
} from '../../../src/ipsec/index.js';
import { nativeEspCipher } from '../../../src/node/sys/esp-cipher.js';
import {
  CBC_ESP,
  CBC_IV,
  CBC_SA,
  CBC_SEQ,
  GCM_ESP,
  GCM_IV,
  GCM_SA,
  GCM_SEQ,
  INNER,
} from '../../helpers/esp-vectors.js';
import { toHex } from '../../helpers/wire.js';

const native = nativeEspCipher();
const skip = native ? false : 'native addon not built';
const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

const SAS: EspSa[] = [
  { spi: 0x201, suite: 'aes-gcm-16', encKey: bytes(20, 1) },
  { spi: 0x202, suite: 'aes-gcm-16', encKey: bytes(28, 2) },
  { spi: 0x203, suite: 'aes-gcm-16', encKey: bytes(36, 3) },
  { spi: 0x204, suite: 'aes-cbc+hmac-sha1-96', encKey: bytes(16, 4), authKey: bytes(20, 5) },
  { spi: 0x205, suite: 'aes-cbc+hmac-sha1-96', encKey: bytes(32, 6), authKey: bytes(20, 7) },
  { spi: 0x206, suite: 'aes-cbc+hmac-sha256-128', encKey: bytes(24, 8), authKey: bytes(32, 9) },
  { spi: 0x207, suite: 'aes-cbc+hmac-sha256-128', encKey: bytes(32, 10), authKey: bytes(32, 11) },
];
const ivFor = (sa: EspSa, seq: number): Uint8Array => bytes(sa.suite === 'aes-gcm-16' ? 8 : 16, seq);
const SIZES = [0, 1, 2, 3, 15, 16, 17, 63, 64, 65, 1400, 8000];

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof EspError, `expected EspError, got ${String(e)}`);
    return e.code;
  }
};

test('known answers: the addon seals the reference packets and opens them', { skip }, () => {
  const n = native!;
  assert.equal(toHex(sealEsp(GCM_SA, GCM_SEQ, INNER, 4, GCM_IV, n(GCM_SA, 'out'))), toHex(GCM_ESP));
  assert.equal(toHex(sealEsp(CBC_SA, CBC_SEQ, INNER, 4, CBC_IV, n(CBC_SA, 'out'))), toHex(CBC_ESP));
  for (const [sa, esp] of [
    [GCM_SA, GCM_ESP],
    [CBC_SA, CBC_ESP],
  ] as const) {
    assert.equal(toHex(openEsp(sa, esp, undefined, n(sa, 'in')).payload), toHex(INNER), sa.suite);
  }
});

test('every suite and key size: the addon and node:crypto seal the same bytes and open each other', { skip }, () => {
  const n = native!;
  for (const sa of SAS) {
    const [nOut, nIn, jOut, jIn] = [n(sa, 'out'), n(sa, 'in'), nodeEspCipher(sa, 'out'), nodeEspCipher(sa, 'in')];
    for (const [i, size] of SIZES.entries()) {
      const payload = bytes(size, i);
      const a = sealEsp(sa, i + 1, payload, 47, ivFor(sa, i), nOut);
      const b = sealEsp(sa, i + 1, payload, 47, ivFor(sa, i), jOut);
      assert.equal(toHex(a), toHex(b), `${sa.suite} ${sa.encKey.length} bytes, payload ${size}`);
      for (const [packet, cipher] of [
        [a, jIn],
        [b, nIn],
      ] as const) {
        const o = openEsp(sa, packet, undefined, cipher);
        assert.deepEqual([o.sequence, o.nextHeader, toHex(o.payload)], [i + 1, 47, toHex(payload)]);
      }
    }
  }
});

test('opening in place decrypts into the packet itself; otherwise the packet is left as it was', { skip }, () => {
  for (const sa of [SAS[2], SAS[6]]) {
    const sealed = new EspOutbound(sa, native).seal(INNER, 4);
    const before = toHex(sealed);
    const copy = new EspInbound(sa, 128, native).open(sealed);
    assert.equal(toHex(sealed), before, `${sa.suite}: untouched`);
    const inPlace = new EspInbound(sa, 128, native).open(sealed, true);
    assert.equal(toHex(inPlace.payload), toHex(copy.payload));
    assert.equal(inPlace.payload.buffer, sealed.buffer, 'a view of the packet');
    assert.equal(toHex(sealed.subarray(0, 8)), before.slice(0, 16), 'SPI and sequence number stay');
  }
});

test('the addon refuses what node:crypto refuses: ICV, replay, trailer, with the same codes and counters', {
  skip,
}, () => {
  for (const sa of SAS) {
    const refusals = (cipher: EspCipherFactory): unknown[] => {
      const out = new EspOutbound(sa, nodeEspCipher);
      const pkts = Array.from({ length: 80 }, (_, i) => out.seal(bytes(40 + i, i), 47));
      const inb = new EspInbound(sa, 64, cipher);
      const codes: string[] = [];
      const flip = (p: Uint8Array, at: number): Uint8Array => {
        const c = p.slice();
        c[at < 0 ? c.length + at : at] ^= 0x40;
        return c;
      };
      codes.push(
        codeOf(() => inb.open(flip(pkts[0], -1), true)),
        'ICV',
      );
      codes.push(
        codeOf(() => inb.open(flip(pkts[0], 30), true)),
        'ciphertext',
      );
      codes.push(
        codeOf(() => inb.open(flip(pkts[0], 6), true)),
        'sequence number (AAD / HMAC input)',
      );
      codes.push(
        codeOf(() => inb.open(pkts[0].slice(), true)),
        'the real one, after the forgeries',
      );
      codes.push(
        codeOf(() => inb.open(pkts[0].slice(), true)),
        'duplicate',
      );
      for (const i of [79, 40, 40, 10])
        codes.push(
          codeOf(() => inb.open(pkts[i].slice(), true)),
          `seq ${i + 1}`,
        );
      return [codes, { ...inb.counters }];
    };
    assert.deepEqual(refusals(native!), refusals(nodeEspCipher), sa.suite);
    const [codes] = refusals(native!) as [string[]];
    assert.deepEqual(
      codes.filter((_, i) => i % 2 === 0),
      ['ICV_MISMATCH', 'ICV_MISMATCH', 'ICV_MISMATCH', 'ok', 'REPLAYED', 'ok', 'ok', 'REPLAYED', 'REPLAYED'],
      sa.suite,
    );
  }
});

test('a context refuses the wrong direction and wrong key sizes', { skip }, () => {
  const n = native!;
  const sealed = new EspOutbound(SAS[0], n).seal(INNER, 4);
  assert.throws(() => n(SAS[0], 'out').open(sealed), TypeError);
  assert.throws(() => n({ ...SAS[0], encKey: bytes(16, 0) }, 'out'), RangeError, 'GCM key without its salt');
  assert.throws(() => n({ ...SAS[6], authKey: bytes(20, 0) }, 'in'), RangeError, 'SHA-256 key of 20 bytes');
});

test('malformed trailers under a valid ICV are MALFORMED_TRAILER with the addon too', { skip }, () => {
  for (const sa of [SAS[0], SAS[4]]) {
    const gcm = sa.suite === 'aes-gcm-16';
    const [ivLen, icvLen] = gcm ? [8, 16] : [16, 12];
    // payload aabbccdd, then padding / Pad Length / Next Header as given, sealed as they are
    const withTrailer = (seq: number, trailer: number[]): Uint8Array => {
      const text = [0xaa, 0xbb, 0xcc, 0xdd, ...trailer];
      const p = new Uint8Array(8 + ivLen + text.length + icvLen);
      new DataView(p.buffer).setUint32(0, sa.spi);
      new DataView(p.buffer).setUint32(4, seq);
      p.set(ivFor(sa, seq), 8);
      p.set(text, 8 + ivLen);
      nodeEspCipher(sa, 'out').seal(p);
      return p;
    };
    const pad = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
    const align = gcm ? 4 : 16;
    const good = pad((align - (6 % align)) % align);
    const inb = new EspInbound(sa, 128, native);
    assert.equal(toHex(inb.open(withTrailer(1, [...good, good.length, 4]), true).payload), 'aabbccdd', sa.suite);
    const longPad = [...good, good.length + 5, 4];
    const badByte = [...good.slice(0, -1), 7, good.length, 4];
    assert.equal(
      codeOf(() => inb.open(withTrailer(2, longPad), true)),
      'MALFORMED_TRAILER',
      `${sa.suite}: long`,
    );
    assert.equal(
      codeOf(() => inb.open(withTrailer(3, badByte), true)),
      'MALFORMED_TRAILER',
      `${sa.suite}: byte`,
    );
    assert.equal(inb.counters.MALFORMED_TRAILER, 2);
    assert.equal(inb.open(withTrailer(2, [...good, good.length, 4]), true).sequence, 2, 'refused: seq not used up');
  }
});
