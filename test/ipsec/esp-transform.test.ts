/** ESP transform: known answers, round trips for every suite and size, and each refusal with its code and counter. */
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { test } from 'node:test';
import {
  EspError,
  EspInbound,
  EspOutbound,
  espSaUatLine,
  openEsp,
  sealEsp,
  type EspSa,
} from '../../src/ipsec/index.js';
import { hex, toHex } from '../helpers/wire.js';
import { CBC_ESP, CBC_IV, CBC_SA, CBC_SEQ, GCM_ESP, GCM_IV, GCM_SA, GCM_SEQ, INNER } from '../helpers/esp-vectors.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof EspError, `expected EspError, got ${String(e)}`);
    return e.code;
  }
};

const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

const SAS: EspSa[] = [
  { spi: 0x101, suite: 'aes-gcm-16', encKey: bytes(20, 1) },
  { spi: 0x102, suite: 'aes-gcm-16', encKey: bytes(36, 2) },
  { spi: 0x103, suite: 'aes-cbc+hmac-sha1-96', encKey: bytes(16, 3), authKey: bytes(20, 4) },
  { spi: 0x104, suite: 'aes-cbc+hmac-sha1-96', encKey: bytes(32, 5), authKey: bytes(20, 6) },
  { spi: 0x105, suite: 'aes-cbc+hmac-sha256-128', encKey: bytes(16, 7), authKey: bytes(32, 8) },
  { spi: 0x106, suite: 'aes-cbc+hmac-sha256-128', encKey: bytes(32, 9), authKey: bytes(32, 10) },
];

test('known answers: AES-GCM-16-256 and AES-CBC-256 + HMAC-SHA-256-128 seal to the reference and open back', () => {
  assert.equal(toHex(sealEsp(GCM_SA, GCM_SEQ, INNER, 4, GCM_IV)), toHex(GCM_ESP));
  assert.equal(toHex(sealEsp(CBC_SA, CBC_SEQ, INNER, 4, CBC_IV)), toHex(CBC_ESP));
  const first = new EspOutbound(GCM_SA).seal(INNER, 4);
  assert.equal(toHex(first), toHex(GCM_ESP), 'the first outbound GCM packet: seq 1, IV 1');
  for (const [sa, esp, seq] of [
    [GCM_SA, GCM_ESP, GCM_SEQ],
    [CBC_SA, CBC_ESP, CBC_SEQ],
  ] as const) {
    const o = openEsp(sa, esp);
    assert.deepEqual([o.sequence, o.nextHeader, toHex(o.payload)], [seq, 4, toHex(INNER)], sa.suite);
  }
});

test('every suite and key size round-trips payloads of 0 to 70 bytes with RFC 4303 padding', () => {
  for (const sa of SAS) {
    const out = new EspOutbound(sa);
    const inb = new EspInbound(sa);
    const align = sa.suite === 'aes-gcm-16' ? 4 : 16;
    for (let n = 0; n <= 70; n++) {
      const payload = bytes(n, n);
      const esp = out.seal(payload, 47);
      const body = esp.length - 8 - (align === 4 ? 8 : 16) - (sa.suite === 'aes-cbc+hmac-sha1-96' ? 12 : 16);
      assert.equal(body % align, 0, `${sa.suite} ${n}: aligned`);
      assert.ok(body - n - 2 < align, `${sa.suite} ${n}: minimal padding`);
      const o = inb.open(esp);
      assert.deepEqual([o.sequence, o.nextHeader, toHex(o.payload)], [n + 1, 47, toHex(payload)], `${sa.suite} ${n}`);
    }
    assert.equal(out.sequence, 71);
    assert.deepEqual([inb.counters.packets, inb.counters.REPLAYED, inb.counters.ICV_MISMATCH], [71, 0, 0]);
  }
});

test('CBC IVs are fresh per packet; GCM IVs count up', () => {
  const cbc = new EspOutbound(SAS[5]);
  const ivs = new Set(Array.from({ length: 50 }, () => toHex(cbc.seal(INNER, 4).subarray(8, 24))));
  assert.equal(ivs.size, 50);
  const gcm = new EspOutbound(SAS[1]);
  gcm.seal(INNER, 4);
  assert.equal(toHex(gcm.seal(INNER, 4).subarray(8, 16)), '0000000000000002');
});

test('a flipped bit anywhere after the header is ICV_MISMATCH, counted, and the window does not move', () => {
  for (const sa of SAS) {
    const esp = new EspOutbound(sa).seal(INNER, 4);
    const inb = new EspInbound(sa);
    for (let i = 8; i < esp.length; i += 7) {
      const bad = esp.slice();
      bad[i] ^= 0x10;
      assert.equal(
        codeOf(() => inb.open(bad)),
        'ICV_MISMATCH',
        `${sa.suite} byte ${i}`,
      );
    }
    assert.equal(inb.window.top, 0);
    assert.equal(inb.open(esp).sequence, 1, 'the genuine packet still opens');
    assert.ok(inb.counters.ICV_MISMATCH > 5);
  }
});

test('anti-replay: duplicates and packets left of the window are REPLAYED; reordering inside it is fine', () => {
  const sa = SAS[1];
  const out = new EspOutbound(sa);
  const pkts = Array.from({ length: 200 }, () => out.seal(INNER, 4));
  const inb = new EspInbound(sa, 64);
  inb.open(pkts[99]); // seq 100
  assert.equal(
    codeOf(() => inb.open(pkts[99])),
    'REPLAYED',
    'duplicate',
  );
  assert.equal(inb.open(pkts[50]).sequence, 51, 'seq 51 is inside the 64-packet window ending at 100');
  assert.equal(
    codeOf(() => inb.open(pkts[50])),
    'REPLAYED',
  );
  assert.equal(
    codeOf(() => inb.open(pkts[35])),
    'REPLAYED',
    'seq 36 is left of the window',
  );
  inb.open(pkts[199]);
  assert.equal(
    codeOf(() => inb.open(pkts[99])),
    'REPLAYED',
    'seq 100 has slid out',
  );
  assert.equal(inb.open(pkts[150]).sequence, 151);
  assert.equal(inb.counters.REPLAYED, 4);
  const forged = sealEsp(sa, 10, INNER, 4, hex('0000000000000009'));
  forged[20] ^= 1;
  const wide = new EspInbound(sa, 1024);
  wide.open(pkts[0]);
  assert.equal(
    codeOf(() => wide.open(pkts[0])),
    'REPLAYED',
    'replay is checked before the ICV',
  );
  assert.equal(
    codeOf(() => wide.open(forged)),
    'ICV_MISMATCH',
  );
  assert.equal(wide.open(pkts[9]).sequence, 10, 'a forged packet does not consume its sequence number');
  const zero = sealEsp(sa, 0, INNER, 4, hex('0000000000000000'));
  assert.equal(
    codeOf(() => wide.open(zero)),
    'REPLAYED',
    'sequence number 0 is never sent',
  );
});

/** A GCM packet with any plaintext, so the trailer can be malformed under a valid tag. */
function gcmWithPlain(sa: EspSa, seq: number, plain: Uint8Array): Uint8Array {
  const head = Buffer.alloc(16);
  head.writeUInt32BE(sa.spi, 0);
  head.writeUInt32BE(seq, 4);
  head.writeUInt32BE(seq, 12);
  const key = sa.encKey.subarray(0, sa.encKey.length - 4);
  const nonce = Buffer.concat([sa.encKey.subarray(key.length), head.subarray(8)]);
  const c = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-128-gcm', key, nonce);
  c.setAAD(head.subarray(0, 8));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([head, ct, c.getAuthTag()]);
}

test('malformed trailers, short packets, foreign SPIs, ragged ciphertext, exhausted sequence numbers, bad keys', () => {
  const sa = SAS[0];
  const inb = new EspInbound(sa);
  const ok = inb.open(gcmWithPlain(sa, 1, hex('aabbccdd 0102 02 04')));
  assert.deepEqual([toHex(ok.payload), ok.nextHeader], ['aabbccdd', 4], 'the hand-made packet is well formed');
  const longPad = gcmWithPlain(sa, 2, hex('aabbccdd 0102 09 04'));
  assert.equal(
    codeOf(() => inb.open(longPad)),
    'MALFORMED_TRAILER',
    'Pad Length 9 > 6',
  );
  const badPad = gcmWithPlain(sa, 3, hex('aabbccdd 0107 02 04'));
  assert.equal(
    codeOf(() => inb.open(badPad)),
    'MALFORMED_TRAILER',
    'padding 01 07',
  );
  assert.equal(inb.counters.MALFORMED_TRAILER, 2);
  assert.equal(inb.window.top, 1, 'refused packets leave the window alone');
  assert.equal(
    codeOf(() => inb.open(GCM_ESP.subarray(0, 20))),
    'TRUNCATED',
  );
  assert.equal(
    codeOf(() => inb.open(hex('0000'))),
    'TRUNCATED',
  );
  assert.equal(
    codeOf(() => inb.open(GCM_ESP)),
    'SPI_MISMATCH',
  );
  const ragged = Uint8Array.from([...CBC_ESP.subarray(0, 30), ...CBC_ESP.subarray(31)]);
  assert.equal(
    codeOf(() => openEsp(CBC_SA, ragged)),
    'BAD_LENGTH',
  );
  assert.deepEqual([inb.counters.TRUNCATED, inb.counters.SPI_MISMATCH, inb.counters.packets], [2, 1, 1]);
  const out = new EspOutbound(sa);
  out.sequence = 0xfffffffe;
  assert.equal(new EspInbound(sa).open(out.seal(INNER, 4)).sequence, 0xffffffff);
  assert.equal(
    codeOf(() => out.seal(INNER, 4)),
    'SEQUENCE_EXHAUSTED',
  );
  assert.throws(() => new EspOutbound({ ...sa, encKey: bytes(16, 0) }), RangeError, 'GCM key without its salt');
  assert.throws(() => new EspInbound({ ...CBC_SA, authKey: bytes(20, 0) }), RangeError, 'SHA-256 key of 20 bytes');
});

test('the Wireshark esp_sa line names the algorithms and keys as Wireshark reads them', () => {
  assert.equal(
    espSaUatLine(GCM_SA, '192.0.2.1', '192.0.2.2'),
    '"IPv4","192.0.2.1","192.0.2.2","0x0000a5f1","AES-GCM with 16 octet ICV [RFC4106]",' +
      `"0x${toHex(GCM_SA.encKey)}","NULL",""`,
  );
  assert.equal(
    espSaUatLine(CBC_SA, '2001:db8::1', '*'),
    `"IPv6","2001:db8::1","*","0x0000c0b1","AES-CBC [RFC3602]","0x${toHex(CBC_SA.encKey)}",` +
      `"HMAC-SHA-256-128 [RFC4868]","0x${toHex(CBC_SA.authKey!)}"`,
  );
});
