import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitEnd } from '../../../src/lab/checks/context.js';
import type { LabView } from '../../../src/lab/checks/view.js';

const T = 1_000_000;
const ctx = (changedAgoMs: number | undefined, waitsFromChanges = true) => ({
  view: (changedAgoMs === undefined ? {} : { configChangedAt: T - changedAgoMs }) as LabView,
  waitsFromChanges,
});

describe('waitEnd: a check’s wait counts from the last configuration change', () => {
  it('a lab changed long ago gets one look, one changed just now what is left of the budget', () => {
    assert.equal(waitEnd(ctx(300_000), 60_000, T), T);
    assert.equal(waitEnd(ctx(20_000), 60_000, T), T + 40_000);
  });
  it('never past the budget from the start, and the whole budget when the change is unknown or not counted', () => {
    assert.equal(waitEnd(ctx(-5000), 60_000, T), T + 60_000);
    assert.equal(waitEnd(ctx(undefined), 60_000, T), T + 60_000);
    assert.equal(waitEnd(ctx(300_000, false), 60_000, T), T + 60_000);
  });
});
