/**
 * Malformed EIGRP for IPv6 at the engine's edge: 30,000 mutated and random packets (half of the
 * mutations with their checksum made right again) built from what IPv6 engines send each other
 * (Hellos, Updates with IPv6 internal and external TLVs, Queries, Replies) go into a running IPv6
 * engine. Nothing escapes, and every input that fails the checksum or the codec is counted as
 * malformed. FUZZ_SEED=n replays a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpEngine } from '../../src/eigrp/engine.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import { decodeEigrp, eigrpChecksumOk } from '../../src/wire/eigrp/index.js';
import { DecodeError } from '../../src/wire/errors.js';
import { config6, dmvpn6, ll6 } from '../helpers/eigrp6-lab.js';
import { mutate, Rng } from '../helpers/fuzz.js';
import { toHex } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x0788_6006;
const ROUNDS = 30_000;

function rejected(b: Uint8Array): boolean {
  if (!eigrpChecksumOk(b)) return true;
  try {
    decodeEigrp(b);
    return false;
  } catch (e) {
    if (e instanceof DecodeError) return true;
    throw e;
  }
}

function fixChecksum(b: Uint8Array): void {
  if (b.length < 4) return;
  b[2] = 0;
  b[3] = 0;
  const c = internetChecksum(b);
  b[2] = c >> 8;
  b[3] = c & 0xff;
}

test(`fuzz: ${ROUNDS} malformed EIGRP for IPv6 inputs into an IPv6 engine`, { timeout: 120_000 }, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const lab = dmvpn6(2, { splitHorizon: false, nextHopSelf: false });
  lab.runTo(5);
  const seeds = lab.wire.map((w) => w.bytes);
  assert.ok(seeds.length > 10);
  const rng = new Rng(SEED);
  const engine = new EigrpEngine(config6(0), { debug: false });
  let expected = 0;
  let now = 0;
  engine.tick(now);
  for (let i = 0; i < ROUNDS; i++) {
    let input: Uint8Array;
    if (i % 4 === 0) input = rng.bytes(rng.int(121));
    else {
      input = mutate(rng, rng.pick(seeds));
      if (rng.int(2)) fixChecksum(input);
    }
    if (rejected(input)) expected++;
    now += 1;
    try {
      engine.receive(now, { interface: 'Tunnel0', source: ll6(1 + (i % 2)), bytes: input });
      if (i % 1000 === 0) engine.tick(now);
    } catch (e) {
      assert.fail(`input #${i} (seed ${SEED}): ${String(e)} escaped for ${toHex(input)}`);
    }
  }
  const traffic = engine.snapshot(now).traffic;
  t.diagnostic(`malformed ${traffic.drops.malformed} of ${ROUNDS}; drops ${JSON.stringify(traffic.drops)}`);
  assert.ok(expected < ROUNDS, 'some inputs are well formed');
  assert.equal(traffic.drops.malformed, expected);
});
