/** Fuzzing helpers: a seeded PRNG, random inputs, mutations of real packets, and the per-input check. */
import assert from 'node:assert/strict';
import { DecodeError } from '../../src/wire/errors.js';

/** mulberry32: a small, fast, seeded PRNG so every run can be replayed from its seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() & 0xff;
    return b;
  }
}

const INTERESTING8 = [0x00, 0x01, 0x04, 0x10, 0x3f, 0x40, 0x7f, 0x80, 0xc4, 0xfe, 0xff];

/** One to four random mutations: bit flips, interesting bytes, 16-bit length fields, truncation, insertion, deletion. */
export function mutate(rng: Rng, input: Uint8Array): Uint8Array {
  let b = input.slice();
  const rounds = 1 + rng.int(4);
  for (let r = 0; r < rounds; r++) {
    const at = rng.int(Math.max(b.length, 1));
    switch (rng.int(7)) {
      case 0:
        if (b.length) b[at] ^= 1 << rng.int(8);
        break;
      case 1:
        if (b.length) b[at] = rng.pick(INTERESTING8);
        break;
      case 2:
        if (b.length) b[at] = rng.u32() & 0xff;
        break;
      case 3: {
        // a 16-bit field set to a value near a length that matters
        if (b.length < 2) break;
        const p = at & ~1;
        const v = rng.pick([0, 1, 4, 19, 20, 28, b.length - 1, b.length, b.length + 1, b.length - p, 0x7fff, 0xffff]);
        b[p] = (v >> 8) & 0xff;
        if (p + 1 < b.length) b[p + 1] = v & 0xff;
        break;
      }
      case 4:
        b = b.subarray(0, rng.int(b.length + 1)).slice();
        break;
      case 5: {
        const ins = rng.bytes(1 + rng.int(8));
        const out = new Uint8Array(b.length + ins.length);
        out.set(b.subarray(0, at));
        out.set(ins, at);
        out.set(b.subarray(at), at + ins.length);
        b = out;
        break;
      }
      case 6: {
        const n = 1 + rng.int(8);
        const out = new Uint8Array(Math.max(0, b.length - n));
        out.set(b.subarray(0, at).subarray(0, out.length));
        if (at + n < b.length) out.set(b.subarray(at + n), at);
        b = out;
        break;
      }
    }
  }
  return b;
}

/**
 * Places `data` inside a larger buffer between guard bytes, so a decoder that returns a view reaching past
 * the input shows up as a view outside [data.byteOffset, data.byteOffset + data.length).
 */
export function guarded(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(data.length + 64).fill(0xa5);
  buf.set(data, 32);
  return buf.subarray(32, 32 + data.length);
}

/**
 * Walks a decoded value and returns a problem description, or null when every number is a finite
 * integer, no string holds "undefined"/"NaN", and every byte view lies inside the input.
 */
export function inspectDecoded(v: unknown, input: Uint8Array, path = '$'): string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? null : `${path} = ${v}`;
  if (typeof v === 'bigint') return null;
  if (typeof v === 'string') return /undefined|NaN/.test(v) ? `${path} = ${v}` : null;
  if (typeof v === 'boolean' || v === undefined) return null;
  if (v instanceof Uint8Array) {
    if (v.length === 0) return null;
    const lo = input.byteOffset;
    const hi = lo + input.length;
    if (v.buffer !== input.buffer) return `${path} is not a view of the input`;
    return v.byteOffset >= lo && v.byteOffset + v.length <= hi ? null : `${path} reaches outside the input`;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = inspectDecoded(v[i], input, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = inspectDecoded(x, input, `${path}.${k}`);
      if (p) return p;
    }
    return null;
  }
  return `${path} has unexpected type ${typeof v}`;
}

/** Equality of two byte strings, ignoring the 16-bit field at `skip` (a checksum the encoder recomputes). */
export function sameExcept(a: Uint8Array, b: Uint8Array, skip: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (i !== skip && i !== skip + 1 && a[i] !== b[i]) return false;
  return true;
}

/** What a fuzz run saw for one decoder: inputs that decoded, and the DecodeError codes of the others. */
export interface Tally {
  ok: number;
  codes: Set<string>;
}

export const newTally = (): Tally => ({ ok: 0, codes: new Set<string>() });

const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * Runs one input through a decoder; fails the test with a replayable description when anything but
 * DecodeError escapes, a decoded value does not come from the input, or `reencode` reports a problem.
 */
export function fuzzCheck<T>(
  kind: string,
  seed: number,
  i: number,
  input: Uint8Array,
  decode: (b: Uint8Array) => T,
  reencode: (v: T, b: Uint8Array) => string | null,
  tally: Tally,
): void {
  const b = guarded(input);
  let value: T;
  try {
    value = decode(b);
  } catch (e) {
    if (!(e instanceof DecodeError)) {
      assert.fail(`${kind} #${i} (seed ${seed}): ${String(e)} escaped for input ${hexOf(input)}`);
    }
    tally.codes.add(e.code);
    return;
  }
  tally.ok++;
  const bad = inspectDecoded(value, b) ?? reencode(value, b);
  if (bad) assert.fail(`${kind} #${i} (seed ${seed}): ${bad} for input ${hexOf(input)}`);
}
