/**
 * Robustness: the NHRP, GRE and IPv4 decoders (and the capture readers) on random and mutated input.
 * Nothing but DecodeError may escape, decoded values must come only from the input's bytes, and whatever
 * decodes must re-encode to the same bytes (checksums aside). The seed is printed; FUZZ_SEED=n replays.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeGre, encodeGre } from '../../src/wire/gre.js';
import { decodeIpv4, encodeIpv4 } from '../../src/wire/ipv4.js';
import { decodeNhrp, encodeNhrp } from '../../src/wire/nhrp/index.js';
import { decodeFrameNhrp } from '../../src/wire/frame.js';
import { linkPayload, readCapture } from '../../src/wire/pcap/index.js';
import { fuzzCheck, guarded, mutate, Rng, sameExcept, type Tally } from '../helpers/fuzz.js';
import { CISCO_DIR, ciscoNhrpPackets, toHex } from '../helpers/wire.js';
import { ipv6NhrpSeeds } from '../helpers/nhrp6-lab.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x2332_2784;
const ROUNDS = { nhrp: 200_000, gre: 60_000, ipv4: 60_000, frame: 20_000, capture: 5_000 };

/** Runs one input through a decoder (see fuzzCheck), with this run's seed. */
function check<T>(
  kind: string,
  i: number,
  input: Uint8Array,
  decode: (b: Uint8Array) => T,
  reencode: (v: T, b: Uint8Array) => string | null,
  tally: Tally,
): void {
  fuzzCheck(kind, SEED, i, input, decode, reencode, tally);
}

function nhrpReencode(p: ReturnType<typeof decodeNhrp>, b: Uint8Array): string | null {
  const pktsz = (b[10] << 8) | b[11];
  const extoff = (b[14] << 8) | b[15];
  if (extoff === pktsz && p.extensions.length === 0) return null; // an empty extension area re-encodes as ar$extoff 0
  return sameExcept(encodeNhrp(p), b.subarray(0, pktsz), 12) ? null : 're-encoding differs';
}

test(`fuzz: ${Object.values(ROUNDS).reduce((a, b) => a + b)} inputs to the NHRP, GRE, IPv4 and capture decoders`, {
  timeout: 120_000,
}, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const nhrpSeeds = ciscoNhrpPackets().map((p) => p.bytes.slice(0, (p.bytes[10] << 8) | p.bytes[11]));
  // IPv6 NHRP (0x86dd, 16-byte protocol addresses) as our engine sends it: every type of a Phase 2/3 run
  nhrpSeeds.push(...ipv6NhrpSeeds());
  const ipSeeds: Uint8Array[] = [];
  const greSeeds: Uint8Array[] = [];
  const captures: Uint8Array[] = [];
  const frames: Uint8Array[] = [];
  for (const file of [
    'dmvpn-nhrp-registration.pcap',
    'dmvpn-phase-2-nhrp-spoke-to-spoke-resolution.pcap',
    'dmvpn-gre-encapsulated-icmp.pcap',
  ]) {
    const bytes = new Uint8Array(readFileSync(join(CISCO_DIR, file)));
    if (bytes.length < 4096) captures.push(bytes);
    for (const f of readCapture(bytes).frames) {
      frames.push(f.data);
      const ip = linkPayload(f.linkType, f.data).payload;
      ipSeeds.push(ip);
      greSeeds.push(decodeIpv4(ip).payload);
    }
  }
  assert.ok(nhrpSeeds.length > 0 && greSeeds.length > 0 && captures.length > 0);

  const randomInput = (maxLen: number): Uint8Array => rng.bytes(rng.int(maxLen + 1));
  const tallies = {
    nhrp: { ok: 0, codes: new Set<string>() },
    gre: { ok: 0, codes: new Set<string>() },
    ipv4: { ok: 0, codes: new Set<string>() },
    frame: { ok: 0, codes: new Set<string>() },
    capture: { ok: 0, codes: new Set<string>() },
  };

  for (let i = 0; i < ROUNDS.nhrp; i++) {
    let input: Uint8Array;
    if (i % 4 === 0) {
      input = randomInput(160);
      if (input.length >= 20 && rng.int(2)) {
        // random but plausible header: version 1, ar$pktsz = length, so the decoder gets past the first checks
        input[16] = 1;
        input[10] = input.length >> 8;
        input[11] = input.length & 0xff;
      }
    } else input = mutate(rng, rng.pick(nhrpSeeds));
    check('NHRP', i, input, (b) => decodeNhrp(b), nhrpReencode, tallies.nhrp);
  }
  for (let i = 0; i < ROUNDS.gre; i++) {
    const input = i % 4 === 0 ? randomInput(40) : mutate(rng, rng.pick(greSeeds));
    check(
      'GRE',
      i,
      input,
      decodeGre,
      (g, b) => (sameExcept(encodeGre(g), b, 4) ? null : 're-encoding differs'),
      tallies.gre,
    );
  }
  for (let i = 0; i < ROUNDS.ipv4; i++) {
    const input = i % 4 === 0 ? randomInput(80) : mutate(rng, rng.pick(ipSeeds));
    check(
      'IPv4',
      i,
      input,
      decodeIpv4,
      (p, b) => (sameExcept(encodeIpv4(p), b.subarray(0, p.totalLength), 10) ? null : 're-encoding differs'),
      tallies.ipv4,
    );
  }
  for (let i = 0; i < ROUNDS.frame; i++) {
    // the whole Ethernet -> IPv4 -> GRE -> NHRP path must never throw at all
    const input = mutate(rng, rng.pick(frames));
    try {
      const d = decodeFrameNhrp(1, guarded(input));
      if (d.kind === 'nhrp' && d.nhrp.ok) tallies.frame.ok++;
      else tallies.frame.codes.add(d.kind === 'nhrp' ? (d.nhrp.ok ? 'nhrp' : d.nhrp.error.code) : d.kind);
    } catch (e) {
      assert.fail(`frame #${i} (seed ${SEED}): ${String(e)} escaped for input ${toHex(input)}`);
    }
  }
  for (let i = 0; i < ROUNDS.capture; i++) {
    check('capture', i, mutate(rng, rng.pick(captures)), readCapture, () => null, tallies.capture);
  }

  for (const [kind, tally] of Object.entries(tallies)) {
    t.diagnostic(`${kind}: ${tally.ok} decoded, errors/kinds seen: ${[...tally.codes].sort().join(', ')}`);
    assert.ok(tally.ok > 100, `${kind}: the fuzzer should reach valid inputs too (got ${tally.ok})`);
  }
  for (const code of ['TRUNCATED', 'BAD_LENGTH', 'BAD_VALUE', 'BAD_VERSION'])
    assert.ok(tallies.nhrp.codes.has(code), `NHRP fuzzing reached ${code}`);
});
