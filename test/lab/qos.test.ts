/**
 * labs/qos: the hub shapes spoke1 (group GROUP-1M) to 1 Mbit/s and spoke2 (GROUP-5M) to 5 Mbit/s; the qos
 * check's iperf3 from host0 (behind the hub) measures each within the tolerance, cites each spoke's
 * Registration Request with its group, and the hub's show commands name the groups.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { QOS_ACCURACY } from '../../src/lab/checks/qos.js';
import { runChecks } from '../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { labFile, LABS } from '../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

describe('labs/qos: per-spoke shaping by NHRP group', { skip }, () => {
  it('iperf3 from the hub side measures each spoke at its group rate, with evidence', async () => {
    const name = uniqueName('qos');
    const dir = join(LABS, 'qos', `clab-${name}`);
    try {
      const report = await runChecks(labFile('qos'), { name, only: ['qos'] });
      const rs = report.results.filter((r) => r.name === 'qos');
      assert.deepEqual(
        rs.map((r) => [r.step, r.status]),
        [
          ['spoke1 group GROUP-1M', 'pass'],
          ['spoke2 group GROUP-5M', 'pass'],
        ],
        rs.map((r) => r.reason).join('\n'),
      );
      const want: Record<string, number> = { 'GROUP-1M': 1_000_000, 'GROUP-5M': 5_000_000 };
      for (const r of rs) {
        const f = r.figures;
        assert.equal(f.configuredBps, want[f.group as string]);
        assert.equal(f.hubShaperBps, f.configuredBps, 'the hub shapes by the group policy');
        assert.equal(f.hubShaperGroup, f.group);
        const acc = f.accuracy as number;
        assert.ok(acc >= QOS_ACCURACY.min && acc <= QOS_ACCURACY.max, `${f.group}: accuracy ${acc}`);
        assert.ok((f.hubDelayedPackets as number) > 0, 'the shaper queued (delayed) packets');
        assert.ok(
          r.evidence.some((e) => e.what.includes(`NHRP group ${f.group}`) && e.frames.length > 0),
          'the Registration Request with the group is cited',
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(await leftovers(name, dir), { namespaces: [], rules: [], processes: [] });
    }
  });
});
