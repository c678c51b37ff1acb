import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../src/node/router/scheduler.js';

test('scheduler: one timer for the earliest deadline, re-armed when an input moves it earlier', () => {
  mock.timers.enable({ apis: ['setTimeout'], now: 0 });
  try {
    let now = 0;
    const deadlines: number[] = [];
    const fired: number[] = [];
    const s = new Scheduler(
      () => now,
      () => (deadlines.length === 0 ? undefined : Math.min(...deadlines)),
      (t) => {
        fired.push(t);
        for (let i = deadlines.length - 1; i >= 0; i--) if (deadlines[i] <= t) deadlines.splice(i, 1);
      },
    );
    const advance = (ms: number) => {
      now += ms;
      mock.timers.tick(ms);
    };
    s.kick();
    advance(10_000);
    assert.deepEqual(fired, [], 'nothing due, nothing armed');
    deadlines.push(15_000);
    s.kick();
    deadlines.push(11_000);
    s.kick();
    advance(1000);
    assert.deepEqual(fired, [11_000], 'the earlier deadline fired first');
    advance(3999);
    assert.deepEqual(fired, [11_000], 'not before its time');
    advance(1);
    assert.deepEqual(fired, [11_000, 15_000], 'then the next one, re-armed after firing');
    deadlines.push(0);
    s.kick();
    advance(0);
    assert.equal(fired.length, 3, 'a deadline in the past fires at once');
    deadlines.push(20_000);
    s.kick();
    s.stop();
    advance(10_000);
    assert.equal(fired.length, 3, 'stopped');
  } finally {
    mock.timers.reset();
  }
});
