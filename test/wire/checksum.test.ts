/** RFC 1071 sums: the word-wise path gives the byte-pair sum at every alignment, length and start value. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { internetChecksum, onesSum } from '../../src/wire/checksum.js';

/** The sum the RFC defines, one 16-bit big-endian word at a time. */
function reference(buf: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (buf[i] << 8) | (i + 1 < end ? buf[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

test('onesSum equals the byte-pair sum for every alignment, odd and even lengths, and carried-in sums', () => {
  const backing = new Uint8Array(70_000);
  for (let i = 0; i < backing.length; i++) backing[i] = (i * 7919 + (i >>> 8)) & 0xff;
  for (const view of [0, 1, 2, 3]) {
    const buf = backing.subarray(view);
    for (const start of [0, 1, 2, 3, 5, 34]) {
      for (const len of [0, 1, 63, 64, 65, 66, 67, 1400, 1401, 8191, 65_535]) {
        for (const initial of [0, 0xffff, 0x1_2345]) {
          const end = start + len;
          assert.equal(
            onesSum(buf, start, end, initial),
            reference(buf, start, end, initial),
            `${view}/${start}/${len}`,
          );
        }
      }
    }
  }
  const ff = new Uint8Array(65_536).fill(0xff);
  assert.equal(onesSum(ff), 0xffff, 'all ones: no overflow of the wide sum');
});

test('a buffer with its checksum stored verifies to 0, at any alignment of the buffer', () => {
  for (const at of [0, 1, 2, 3]) {
    const b = new Uint8Array(at + 1500).subarray(at);
    for (let i = 0; i < b.length; i++) b[i] = (i * 31) & 0xff;
    b[10] = 0;
    b[11] = 0;
    const c = internetChecksum(b);
    b[10] = c >> 8;
    b[11] = c & 0xff;
    assert.equal(internetChecksum(b), 0, `offset ${at}`);
  }
});
