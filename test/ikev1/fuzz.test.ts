/**
 * Robustness of the IKEv1 engine: 200k truncated, mutated and random ISAKMP inputs (on UDP 500 and 4500) reach
 * engines in every state of a main mode + quick mode exchange (replayed from a recorded transcript with a seeded
 * random source), and the Cisco captures' IKEv1 messages mutated. receive() and tick() never throw, every action
 * is well formed, refusals are counted, and the engines still complete a clean exchange afterwards.
 * The seed is printed; FUZZ_SEED=n replays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IkeAction } from '../../src/ike/actions.js';
import { Ikev1Engine, type Ikev1ConfigInput } from '../../src/ikev1/index.js';
import { mutate, Rng } from '../helpers/fuzz.js';
import { ciscoIpsecPackets } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x2409_3947;
const INPUTS = 200_000;
const A = '192.0.2.1';
const B = '192.0.2.2';

const cfg = (local: string): Ikev1ConfigInput => ({
  localAddress: local,
  keys: [{ address: '0.0.0.0', mask: '0.0.0.0', psk: 'fuzz-key' }],
  policies: [{ priority: 1, encr: 'aes-256', hash: 'sha256', group: 19, lifetime: 86400 }],
  esp: [{ encr: 'aes-gcm-16-256' }, { encr: 'aes-cbc-256', integ: 'sha256-128' }],
  pfs: 19,
  dpd: { interval: 10, retry: 2 },
  natKeepalive: 20,
});

interface Msg {
  to: 'a' | 'b';
  port: number;
  bytes: Uint8Array;
}

/** Two engines drawing random bytes from one seeded source (the same seed gives the same exchange). */
function engines(seed: number) {
  const rng = new Rng(seed);
  const random = (n: number) => rng.bytes(n);
  return { a: new Ikev1Engine(cfg(A), { random }), b: new Ikev1Engine(cfg(B), { random }) };
}

function wellFormed(actions: IkeAction[]): void {
  for (const x of actions) {
    if (x.kind === 'send') {
      assert.ok(x.bytes instanceof Uint8Array && x.bytes.length > 0);
      assert.ok(x.localPort === 500 || x.localPort === 4500);
    }
  }
}

/** Runs the exchange, recording every message; `upTo` stops after that many deliveries. */
function run(seed: number, upTo = Number.POSITIVE_INFINITY) {
  const e = engines(seed);
  const log: Msg[] = [];
  const queue: Msg[] = [];
  const push = (from: 'a' | 'b', actions: IkeAction[]) => {
    for (const x of actions) {
      if (x.kind === 'send') queue.push({ to: from === 'a' ? 'b' : 'a', port: x.to.port, bytes: x.bytes });
    }
  };
  push('a', e.a.initiate(1000, B));
  while (queue.length > 0 && log.length < upTo) {
    const m = queue.shift()!;
    log.push(m);
    const dst = m.to === 'a' ? e.a : e.b;
    const from = { address: m.to === 'a' ? B : A, port: m.port };
    push(m.to, dst.receive(1000, m.bytes, from, m.port));
  }
  return { ...e, log };
}

test(`fuzz: ${INPUTS} ISAKMP inputs to IKEv1 engines in every exchange state`, { timeout: 300_000 }, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const full = run(7);
  assert.ok(full.log.length >= 9, `a complete exchange has at least 9 messages, found ${full.log.length}`);
  const cisco = ciscoIpsecPackets()
    .filter((p) => p.majorVersion === 1)
    .map((p) => p.bytes);
  assert.ok(cisco.length > 0);
  const states = full.log.length + 1;
  const per = Math.ceil(INPUTS / states);
  let fed = 0;
  let now = 1000;
  const refused = { a: 0, b: 0 };
  for (let k = 0; k < states; k++) {
    const st = run(7, k);
    for (let i = 0; i < per && fed < INPUTS; i++, fed++) {
      const r = rng.int(20);
      let input: Uint8Array;
      let to: 'a' | 'b';
      if (r < 14) {
        // a message of the exchange, mutated (the next expected one most often)
        const m = r < 8 && k < full.log.length ? full.log[k] : rng.pick(full.log);
        input = mutate(rng, m.bytes);
        to = m.to;
      } else if (r < 17) {
        input = mutate(rng, rng.pick(cisco));
        to = rng.int(2) ? 'a' : 'b';
      } else {
        input = rng.bytes(rng.int(200));
        if (input.length > 17 && rng.int(2)) input[17] = 0x10;
        to = rng.int(2) ? 'a' : 'b';
      }
      const port = rng.int(4) === 0 ? 4500 : 500;
      if (port === 4500 && rng.int(4)) input = Uint8Array.from([0, 0, 0, 0, ...input]);
      const dst = to === 'a' ? st.a : st.b;
      const from = { address: to === 'a' ? B : A, port: rng.pick([500, 4500, 1024]) };
      try {
        wellFormed(dst.receive(now, input, from, port));
        if (rng.int(500) === 0) {
          now += rng.int(120_000);
          wellFormed(st.a.tick(now));
          wellFormed(st.b.tick(now));
        }
      } catch (e) {
        assert.fail(
          `seed ${SEED} input ${fed} (state ${k}, to ${to}, port ${port}) threw: ${(e as Error).stack}\n` +
            Buffer.from(input).toString('hex'),
        );
      }
    }
    refused.a += Object.values(st.a.counters).reduce((x, y) => x + y, 0);
    refused.b += Object.values(st.b.counters).reduce((x, y) => x + y, 0);
  }
  assert.equal(fed, INPUTS);
  assert.ok(refused.a + refused.b > INPUTS / 4, `refusals are counted (${refused.a + refused.b})`);
  t.diagnostic(`refusals counted: initiator ${refused.a}, responder ${refused.b}`);
  // the same seeds still give a clean exchange: nothing in the engine depends on what the fuzzing did
  const clean = run(7);
  const ups = (e: Ikev1Engine) => e.snapshot(1000).sas.filter((s) => s.state === 'QM_IDLE').length;
  assert.deepEqual([ups(clean.a), ups(clean.b)], [1, 1]);
});
