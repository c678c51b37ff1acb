import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fireTimer, Timers, type TimerHandlers, type TimerKey } from '../../src/nhrp/timers.js';

const nhs = (a: string): TimerKey => ({ kind: 'nhs-register', nhs: a });
const exp = (e: string): TimerKey => ({ kind: 'cache-expire', entry: e });

test('timers fire earliest first; re-arming moves one, clearing disarms it', () => {
  const t = new Timers();
  t.set(nhs('172.16.0.1'), 3000);
  t.set(exp('10.0.0.0/24'), 1000);
  t.set({ kind: 'purge-retry', requestId: 7 }, 2000);
  t.set(nhs('172.16.0.1'), 500);
  assert.equal(t.when(nhs('172.16.0.1')), 500);
  assert.equal(t.next(), 500);
  t.clear({ kind: 'purge-retry', requestId: 7 });
  assert.equal(t.when({ kind: 'purge-retry', requestId: 7 }), undefined);
  assert.equal(t.pop(400), undefined);
  assert.deepEqual(t.pop(5000), nhs('172.16.0.1'));
  assert.deepEqual(t.pop(5000), exp('10.0.0.0/24'));
  assert.equal(t.pop(5000), undefined);
  assert.equal(t.next(), undefined);
});

test('the same id under two kinds is two timers', () => {
  const t = new Timers();
  t.set(exp('10.0.0.0/24'), 100);
  t.set({ kind: 'resolve-refresh', entry: '10.0.0.0/24' }, 50);
  t.clear(exp('10.0.0.0/24'));
  assert.deepEqual(t.pop(1000), { kind: 'resolve-refresh', entry: '10.0.0.0/24' });
  assert.equal(t.pop(1000), undefined);
});

test('many re-armed timers keep one live deadline each', () => {
  const t = new Timers();
  for (let round = 0; round < 50; round++) for (let i = 0; i < 20; i++) t.set(exp(`e${i}`), 1000 + round * 10 + i);
  const fired: TimerKey[] = [];
  for (let k = t.pop(1e9); k !== undefined; k = t.pop(1e9)) fired.push(k);
  assert.deepEqual(
    fired,
    Array.from({ length: 20 }, (_, i) => exp(`e${i}`)),
  );
});

test('fireTimer hands each timer to the handler of its kind, with its typed fields', () => {
  const seen: string[] = [];
  const handlers: TimerHandlers = {
    'nhs-register': (k) => seen.push(`nhs ${k.nhs}`),
    'cache-expire': (k) => seen.push(`expire ${k.entry}`),
    'resolve-refresh': (k) => seen.push(`refresh ${k.entry}`),
    'resolve-retry': (k) => seen.push(`retry ${k.dst}`),
    'purge-retry': (k) => seen.push(`purge ${k.requestId + 1}`),
  };
  const keys: TimerKey[] = [
    nhs('172.16.0.1'),
    { kind: 'purge-retry', requestId: 41 },
    { kind: 'resolve-retry', dst: '10.0.2.5' },
  ];
  for (const k of keys) fireTimer(handlers, k);
  assert.deepEqual(seen, ['nhs 172.16.0.1', 'purge 42', 'retry 10.0.2.5']);
});
