/**
 * Robustness: the IKEv1, IKEv2, ESP / NAT-T decoders and the ESP transform's open on random and mutated input.
 * Nothing but DecodeError (EspError for open) may escape; decoded values come only from the input's bytes;
 * whatever decodes re-encodes to the input with at most RESERVED bits cleared, and decoding that gives the same.
 * The seed is printed; FUZZ_SEED=n replays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EspError, EspInbound, EspOutbound, openEsp, type EspSa } from '../../src/ipsec/index.js';
import { decodeEsp, decodeNatT, encapsulateIke, encodeEsp, type EspPacket } from '../../src/wire/esp/index.js';
import { decodeFrameIpsec } from '../../src/wire/frame.js';
import { decodeIkev2, encodeIkev2 } from '../../src/wire/ikev2/index.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { decodeIsakmp, encodeIsakmp } from '../../src/wire/isakmp/index.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { fuzzCheck, guarded, mutate, newTally, Rng, type Tally } from '../helpers/fuzz.js';
import { ciscoIpsecPackets, toHex } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x4303_7296;
const ROUNDS = { isakmp: 80_000, ikev2: 80_000, esp: 30_000, open: 20_000, frame: 10_000 };

const tally = newTally;

/** `out` equals `input` except for bits the encoder cleared (RESERVED fields are ignored on receipt, sent as zero). */
function onlyClearedBits(out: Uint8Array, input: Uint8Array): string | null {
  if (out.length !== input.length) return `re-encoded ${out.length} bytes, input message has ${input.length}`;
  for (let i = 0; i < out.length; i++) if ((out[i] & input[i]) !== out[i]) return `re-encoding differs at byte ${i}`;
  return null;
}

type Reencode<T> = (v: T, b: Uint8Array) => string | null;

/** One input through a decoder (the shared check of test/helpers/fuzz.ts, with this run's seed). */
function check<T>(
  kind: string,
  i: number,
  input: Uint8Array,
  decode: (b: Uint8Array) => T,
  reencode: Reencode<T>,
  t: Tally,
): void {
  fuzzCheck(kind, SEED, i, input, decode, reencode, t);
}

/** Re-encoding check shared by both IKE versions: the bytes up to Length, and a fixpoint. */
function ikeReencode<M>(encode: (m: M) => Uint8Array, decode: (b: Uint8Array) => M) {
  return (m: M, b: Uint8Array): string | null => {
    const length = ((b[24] << 24) | (b[25] << 16) | (b[26] << 8) | b[27]) >>> 0;
    const out = encode(m);
    const diff = onlyClearedBits(out, b.subarray(0, length));
    if (diff) return diff;
    return Buffer.from(encode(decode(out))).equals(Buffer.from(out)) ? null : 'not a fixpoint';
  };
}

const TOTAL = Object.values(ROUNDS).reduce((a, b) => a + b);

test(`fuzz: ${TOTAL} inputs to the IKEv1, IKEv2, ESP and NAT-T decoders and ESP open`, { timeout: 120_000 }, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const refs = ciscoIpsecPackets();
  const v1 = refs.filter((p) => p.majorVersion === 1).map((p) => p.bytes);
  const v2 = refs.filter((p) => p.majorVersion === 2).map((p) => p.bytes);
  const esp = refs.filter((p) => p.kind === 'esp').map((p) => p.bytes);
  assert.ok(v1.length > 0 && v2.length > 0 && esp.length > 0);
  const randomHeader = (major: number): Uint8Array => {
    const b = rng.bytes(28 + rng.int(120));
    b[17] = major << 4;
    b[24] = b[25] = 0;
    b[26] = b.length >> 8;
    b[27] = b.length & 0xff;
    const v1Firsts = [1, 4, 5, 8, 10, 11, 12, 13, 20, 21, 99];
    const v2Firsts = [33, 34, 35, 39, 40, 41, 42, 43, 44, 46, 99];
    const firsts = major === 1 ? v1Firsts : v2Firsts;
    b[16] = rng.pick(firsts);
    return b;
  };
  const tallies = { isakmp: tally(), ikev2: tally(), esp: tally(), open: tally(), frame: tally() };

  for (let i = 0; i < ROUNDS.isakmp; i++) {
    const input = i % 4 === 0 ? randomHeader(1) : mutate(rng, rng.pick(v1));
    check('ISAKMP', i, input, decodeIsakmp, ikeReencode(encodeIsakmp, decodeIsakmp), tallies.isakmp);
  }
  for (let i = 0; i < ROUNDS.ikev2; i++) {
    const input = i % 4 === 0 ? randomHeader(2) : mutate(rng, rng.pick(v2));
    check('IKEv2', i, input, decodeIkev2, ikeReencode(encodeIkev2, decodeIkev2), tallies.ikev2);
  }
  const natT = [...esp, ...v1.map(encapsulateIke), Uint8Array.of(0xff)];
  for (let i = 0; i < ROUNDS.esp; i++) {
    const input = i % 4 === 0 ? rng.bytes(rng.int(24)) : mutate(rng, rng.pick(natT));
    const same: Reencode<EspPacket> = (p, b) => (toHex(encodeEsp(p)) === toHex(b) ? null : 're-encoding differs');
    if (i % 2) check('ESP', i, input, decodeEsp, same, tallies.esp);
    else check('NAT-T', i, input, decodeNatT, () => null, tallies.esp);
  }

  // ESP open: sealed packets with bytes flipped, cut, inserted: only EspError, and never a forged packet accepted
  const sas: EspSa[] = [
    { spi: 0x1001, suite: 'aes-gcm-16', encKey: rng.bytes(36) },
    { spi: 0x1002, suite: 'aes-cbc+hmac-sha1-96', encKey: rng.bytes(16), authKey: rng.bytes(20) },
    { spi: 0x1003, suite: 'aes-cbc+hmac-sha256-128', encKey: rng.bytes(32), authKey: rng.bytes(32) },
  ];
  const sealed = sas.map((sa) => {
    const out = new EspOutbound(sa);
    return Array.from({ length: 16 }, (_, k) => out.seal(rng.bytes(k * 9), 4));
  });
  const inbound = sas.map((sa) => new EspInbound(sa, 64));
  for (let i = 0; i < ROUNDS.open; i++) {
    const s = rng.int(sas.length);
    const original = rng.pick(sealed[s]);
    const input = mutate(rng, original);
    if (toHex(input) === toHex(original)) continue;
    try {
      if (i % 2) inbound[s].open(guarded(input));
      else openEsp(sas[s], guarded(input));
      assert.fail(`ESP open #${i} (seed ${SEED}): a modified packet was accepted: ${toHex(input)}`);
    } catch (e) {
      if (!(e instanceof EspError)) {
        assert.fail(`ESP open #${i} (seed ${SEED}): ${String(e)} escaped for input ${toHex(input)}`);
      }
      tallies.open.codes.add(e.code);
      tallies.open.ok++;
    }
  }

  const frames = [...esp.slice(0, 2), ...v1.slice(0, 2), ...v2.slice(0, 2)].map((p, k) => {
    const udp = k >= 2;
    const payload = udp ? encodeUdp({ srcPort: 500, dstPort: 500, payload: p }, '192.0.2.1', '192.0.2.2') : p;
    return encodeIpv4(makeIpv4({ src: '192.0.2.1', dst: '192.0.2.2', protocol: udp ? 17 : 50, payload }));
  });
  for (let i = 0; i < ROUNDS.frame; i++) {
    const input = mutate(rng, rng.pick(frames));
    try {
      tallies.frame.codes.add(decodeFrameIpsec(101, guarded(input)).kind);
      tallies.frame.ok++;
    } catch (e) {
      assert.fail(`frame #${i} (seed ${SEED}): ${String(e)} escaped for input ${toHex(input)}`);
    }
  }

  for (const [kind, x] of Object.entries(tallies)) {
    t.diagnostic(`${kind}: ${x.ok} decoded, errors/kinds seen: ${[...x.codes].sort().join(', ')}`);
    assert.ok(x.ok > 100, `${kind}: the fuzzer should reach valid inputs too (got ${x.ok})`);
  }
  for (const code of ['TRUNCATED', 'BAD_LENGTH', 'BAD_VALUE', 'BAD_VERSION']) {
    assert.ok(tallies.isakmp.codes.has(code), `ISAKMP fuzzing reached ${code}`);
    assert.ok(tallies.ikev2.codes.has(code), `IKEv2 fuzzing reached ${code}`);
  }
  for (const code of ['ICV_MISMATCH', 'TRUNCATED', 'SPI_MISMATCH', 'BAD_LENGTH']) {
    assert.ok(tallies.open.codes.has(code), `ESP open reached ${code}`);
  }
  for (const kind of ['ike', 'esp', 'other']) assert.ok(tallies.frame.codes.has(kind), `frames classified as ${kind}`);
});
