import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HairpinTable } from '../../../src/node/dataplane/hairpin.js';
import { RateLimiter } from '../../../src/node/dataplane/rate-limit.js';
import { ipv4 } from '../../helpers/frames.js';

test('hairpin table: a match names the ingress NBMA once; old entries age out', () => {
  const t = new HairpinTable(16, 2000);
  const p = ipv4('10.1.1.1', '10.2.2.2', 10);
  t.record(p, 0, 0xc0000202, 0);
  assert.equal(t.match(p, 0, 100), 0xc0000202);
  assert.equal(t.match(p, 0, 100), -1);
  t.record(p, 0, 0xc0000202, 0);
  assert.equal(t.match(p, 0, 2001), -1);
});

test('hairpin table: bounded; newer packets replace older ones, never more than its slots', () => {
  const t = new HairpinTable(8, 10_000);
  const packets = Array.from({ length: 100 }, (_, i) => ipv4('10.1.1.1', '10.2.2.2', i + 1));
  packets.forEach((p, i) => t.record(p, 0, i + 1, 0));
  const remembered = packets.filter((p) => t.match(p, 0, 1) !== -1).length;
  assert.ok(remembered >= 1 && remembered <= 8, `remembered ${remembered}`);
  assert.equal(t.match(packets[99], 0, 1), -1); // matched above, so forgotten
});

test('rate limiter: one event per key per interval; bounded key memory', () => {
  const r = new RateLimiter<number>(1000, 2);
  assert.deepEqual([r.allow(1, 0), r.allow(1, 999), r.allow(1, 1000)], [true, false, true]);
  assert.equal(r.allow(2, 0), true);
  assert.equal(r.allow(3, 0), true); // full: forgets everything
  assert.equal(r.allow(1, 1001), true);
});
