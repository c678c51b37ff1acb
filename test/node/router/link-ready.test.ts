/** waitLinksUp: NHRP waits for the links the router just brought up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitLinksUp } from '../../../src/node/router/link-ready.js';

test('waits until every link is up; links gone or without an operstate do not hold it', async () => {
  const states = new Map<string, string | undefined>([
    ['eth1', 'down'],
    ['eth2', 'unknown'],
    ['gone', undefined],
  ]);
  const t0 = Date.now();
  setTimeout(() => states.set('eth1', 'up'), 60);
  const left = await waitLinksUp(['eth1', 'eth2', 'gone'], 2000, (d) => states.get(d));
  assert.deepEqual(left, []);
  assert.ok(Date.now() - t0 >= 50, 'it waited for eth1');
});

test('gives up after the timeout and says which links are not up', async () => {
  const t0 = Date.now();
  const left = await waitLinksUp(['eth1', 'eth2'], 80, (d) => (d === 'eth1' ? 'lowerlayerdown' : 'up'));
  assert.deepEqual(left, ['eth1']);
  assert.ok(Date.now() - t0 < 1000);
});
