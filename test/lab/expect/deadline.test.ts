import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunningConfigJson } from '../../../src/node/api/index.js';
import { lastChangeOf } from '../../../src/lab/checks/routers.js';
import { waitDeadline } from '../../../src/lab/expect/deadline.js';

const T = 1_000_000;
const route = { kind: 'route' as const, waitMs: 30_000, everyMs: 1000 };
const ping = { kind: 'ping' as const, waitMs: 10_000, everyMs: 1000 };

describe('waitDeadline', () => {
  it('waits the whole budget from the first try when the last change is not known', () => {
    assert.equal(waitDeadline(route, T, undefined), T + 30_000);
    assert.equal(waitDeadline(ping, T, undefined), T + 10_000);
  });
  it('tries once when the last change is older than the budget', () => {
    assert.equal(waitDeadline(route, T, T - 30_000), T);
    assert.equal(waitDeadline(route, T, T - 3_600_000), T);
  });
  it('waits the rest of the budget after a recent change', () => {
    assert.equal(waitDeadline(route, T, T - 12_000), T + 18_000);
    assert.equal(waitDeadline(route, T, T), T + 30_000);
  });
  it('never waits longer than the budget from the first try', () => {
    // a change reported in the future (clock skew) changes nothing
    assert.equal(waitDeadline(route, T, T + 5000), T + 30_000);
  });
  it('gives traffic one retry even in a settled lab, within the budget', () => {
    assert.equal(waitDeadline(ping, T, T - 60_000), T + 1000);
    assert.equal(waitDeadline({ kind: 'shortcut', waitMs: 500, everyMs: 1000 }, T, T - 60_000), T + 500);
    assert.equal(waitDeadline(ping, T, T - 4000), T + 6000);
    assert.equal(waitDeadline({ kind: 'ping', waitMs: 0, everyMs: 1000 }, T, T - 60_000), T);
  });
});

describe('lastChangeOf', () => {
  const config = (agoMs?: number) =>
    ({
      hostname: 'r',
      interfaces: {},
      routes: [],
      crypto: {},
      ...(agoMs === undefined ? {} : { lastChange: { at: new Date(T - agoMs).toISOString(), agoMs } }),
    }) as unknown as RunningConfigJson;
  it('is the most recent change of any router, counted back from the read', () => {
    assert.equal(lastChangeOf([config(50_000), config(2000), config(9000)], T), T - 2000);
  });
  it('is unknown when a router does not say, or there is none', () => {
    assert.equal(lastChangeOf([config(50_000), config()], T), undefined);
    assert.equal(lastChangeOf([], T), undefined);
  });
});
