/** The DMVPN scenario of the bench on a small scale: every router ends with the routes it should. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulateDmvpn } from '../../src/eigrp/sim/dmvpn.js';

test('hub and 20 spokes converge: split horizon on, off, and with a summary', () => {
  const on = simulateDmvpn({ spokes: 20 });
  assert.deepEqual([on.hubRoutes, on.spokeRoutes], [20, 1]);
  const off = simulateDmvpn({ spokes: 20, hubTunnel: { splitHorizon: false } });
  assert.deepEqual([off.hubRoutes, off.spokeRoutes], [20, 20]);
  assert.ok(off.convergedSec !== undefined && off.convergedSec < 2, `converged in ${off.convergedSec} s`);
  const sum = simulateDmvpn({ spokes: 20, hubTunnel: { summaries: [{ prefix: '10.0.0.0', prefixLength: 8 }] } });
  assert.deepEqual([sum.hubRoutes, sum.spokeRoutes], [21, 1]);
});
