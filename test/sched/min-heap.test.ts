import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinHeap } from '../../src/sched/min-heap.js';

test('MinHeap returns items in order, ties in the order its comparator says', () => {
  let x = 12345;
  const rand = (): number => (x = (x * 1103515245 + 12345) % 2147483648) % 1000;
  const h = new MinHeap<{ at: number; seq: number }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  const items = Array.from({ length: 500 }, (_, seq) => ({ at: rand() % 50, seq }));
  for (const it of items) h.push(it);
  assert.equal(h.size, 500);
  const out: Array<{ at: number; seq: number }> = [];
  for (let it = h.pop(); it !== undefined; it = h.pop()) out.push(it);
  const sorted = [...items].sort((a, b) => a.at - b.at || a.seq - b.seq);
  assert.deepEqual(out, sorted);
  assert.equal(h.pop(), undefined);
  assert.equal(h.peek(), undefined);
});
