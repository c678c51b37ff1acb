/**
 * The anti-replay window against a plain reference model (a set of seen numbers and the highest), on random traffic.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayWindow, type ReplayVerdict } from '../../src/ipsec/replay-window.js';
import { Rng } from '../helpers/fuzz.js';

function model(size: number): { check: (s: number) => ReplayVerdict; update: (s: number) => void } {
  const seen = new Set<number>();
  let top = 0;
  return {
    check: (s) => {
      if (s === 0) return 'zero';
      if (s > top) return 'fresh';
      if (top - s >= size) return 'too-old';
      return seen.has(s) ? 'duplicate' : 'fresh';
    },
    update: (s) => {
      seen.add(s);
      top = Math.max(top, s);
    },
  };
}

test('sizes 64, 96, 128, 1024 agree with the reference model on 20,000 reordered, repeated, jumping numbers', () => {
  const rng = new Rng(4303);
  for (const size of [64, 96, 128, 1024]) {
    const w = new ReplayWindow(size);
    const m = model(size);
    let next = 1;
    for (let i = 0; i < 20_000; i++) {
      const r = rng.int(100);
      // mostly in order, some reordered by up to 1.5 windows, some repeats, a few jumps ahead
      let seq: number;
      if (r < 60) seq = next++;
      else if (r < 85) seq = Math.max(0, next - rng.int(size + size / 2));
      else if (r < 97) seq = Math.max(0, next - 1);
      else seq = next += rng.int(3 * size);
      const got = w.check(seq);
      assert.equal(got, m.check(seq), `size ${size}, step ${i}, seq ${seq}`);
      if (got === 'fresh' && rng.int(10) > 0) {
        w.update(seq);
        m.update(seq);
      }
    }
    assert.ok(w.top > 10_000);
  }
});

test('window size must be a multiple of 32 and at least 64 bits (RFC 4303 3.4.3)', () => {
  assert.throws(() => new ReplayWindow(32), RangeError);
  assert.throws(() => new ReplayWindow(100), RangeError);
  assert.equal(new ReplayWindow().size, 128);
});
