import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { blockingProblems } from '../../../src/lab/checks/diagnose.js';
import { offlineViewOf } from '../../helpers/check-fixtures.js';

const EXERCISES = join(import.meta.dirname, '..', '..', '..', 'exercises');
const lab = (id: string) => join(EXERCISES, id, 'lab.clab.yml');

describe('blockingProblems: configuration mistakes that waiting cannot fix', () => {
  it('names a tunnel key other than the hub’s, for the spoke and the host behind it only', () => {
    const view = offlineViewOf(lab('ts-tunnel-key'));
    assert.match(blockingProblems(view, ['spoke2']).join('\n'), /tunnel key differs: spoke2 110, hub 100/);
    assert.match(blockingProblems(view, ['host1', 'host2']).join('\n'), /tunnel key differs/);
    assert.deepEqual(blockingProblems(view, ['spoke1']), []);
    assert.deepEqual(blockingProblems(view, ['hub']), []);
  });
  it('finds nothing once the key is fixed', () => {
    const view = offlineViewOf(lab('ts-tunnel-key'), (r, t) => (r === 'spoke2' ? t.replace('key 110', 'key 100') : t));
    assert.deepEqual(blockingProblems(view, ['spoke2', 'host2']), []);
  });
  it('names NHRP off, a password or pre-shared key that differs', () => {
    assert.match(blockingProblems(offlineViewOf(lab('ts-network-id')), ['spoke2']).join(), /no "ip nhrp network-id"/);
    assert.match(blockingProblems(offlineViewOf(lab('ts-nhrp-auth')), ['spoke2']).join(), /authentication differs/);
    assert.match(blockingProblems(offlineViewOf(lab('ts-psk-mismatch')), ['spoke2']).join(), /no pre-shared key/);
  });
  it('stays silent with two hubs (a spoke may still work through the other)', () => {
    const view = offlineViewOf(lab('dual-hub-failover'), (r, t) =>
      r === 'spoke2' ? t.replace(/tunnel key \d+/, 'tunnel key 999') : t,
    );
    assert.deepEqual(blockingProblems(view, ['spoke2']), []);
  });
});
