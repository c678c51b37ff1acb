/**
 * Malformed EIGRP at the engine's edge: 200,000 mutated and random packets (half of the mutations with
 * their checksum made right again, so that they reach the decoder) go into a running engine's
 * receive(). Nothing escapes, and `show ip eigrp traffic` counts as "malformed or bad checksum" exactly
 * the inputs an independent check (checksum, then the codec) rejects. The seed is printed;
 * FUZZ_SEED=n replays a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpEngine } from '../../src/eigrp/engine.js';
import { renderTraffic } from '../../src/eigrp/show/traffic.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import { decodeEigrp, eigrpChecksumOk } from '../../src/wire/eigrp/index.js';
import { DecodeError } from '../../src/wire/errors.js';
import { mutate, Rng } from '../helpers/fuzz.js';
import { ciscoEigrpPackets, toHex } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x7868_0eed;
const ROUNDS = 200_000;

/** The oracle: what the engine must count as malformed. */
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

test(`fuzz: ${ROUNDS} malformed inputs into the engine, each counted in show ip eigrp traffic`, {
  timeout: 180_000,
}, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const seeds = ciscoEigrpPackets().map((p) => p.bytes);
  const as = (seeds[0][14] << 8) | seeds[0][15];
  const engine = new EigrpEngine(
    {
      as,
      networks: [{ address: '10.0.0.0', wildcard: '0.0.0.255' }],
      interfaces: [{ name: 'GigabitEthernet0/1', address: '10.0.0.1', prefixLength: 24 }],
    },
    { debug: false },
  );
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
      engine.receive(now, { interface: 'GigabitEthernet0/1', source: '10.0.0.2', bytes: input });
      if (i % 1000 === 0) engine.tick(now);
    } catch (e) {
      assert.fail(`input #${i} (seed ${SEED}): ${String(e)} escaped for ${toHex(input)}`);
    }
  }
  const traffic = engine.snapshot(now).traffic;
  t.diagnostic(`malformed ${traffic.drops.malformed} of ${ROUNDS}; drops ${JSON.stringify(traffic.drops)}`);
  assert.ok(expected >= ROUNDS / 2, `most inputs are malformed (${expected})`);
  assert.ok(expected < ROUNDS, 'some inputs are well formed');
  assert.equal(traffic.drops.malformed, expected);
  assert.match(renderTraffic(engine.snapshot(now)), new RegExp(`malformed or bad checksum: ${expected}\\b`));
});
