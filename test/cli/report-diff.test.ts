import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { result, summarize, type CheckReport, type CheckResult } from '../../src/lab/checks/model.js';
import { dmvpnLab } from '../helpers/cli.js';
import { removeTemps, tempDir } from '../helpers/lab.js';

after(removeTemps);

function reportFile(dir: string, file: string, lab: string, results: CheckResult[]): string {
  const r: CheckReport = {
    lab,
    topologyFile: '/l/x.clab.yml',
    labDir: '/l/clab-x',
    startedAt: '2026-12-01T10:00:00.000Z',
    durationMs: 1,
    broughtUp: true,
    keptUp: false,
    pcaps: [],
    checks: [],
    results,
    summary: summarize(results),
  };
  writeFileSync(join(dir, file), JSON.stringify(r));
  return join(dir, file);
}

describe('dmvpn-lab report diff', () => {
  const dir = tempDir('dmvpn-lab-diff-');
  const pair = ['spoke2', 'spoke3'];
  const old = reportFile(dir, 'old.json', 'p3', [
    result('phase', pair, 'pass', 'ok', { step: 'Phase 3', figures: { setupMs: 40 } }),
  ]);
  const same = reportFile(dir, 'same.json', 'p3', [
    result('phase', pair, 'pass', 'ok', { step: 'Phase 3', figures: { setupMs: 45 } }),
  ]);
  const broke = reportFile(dir, 'broke.json', 'p3', [
    result('phase', pair, 'fail', 'echoes kept going via the hub', { step: 'Phase 3', figures: { setupMs: 45 } }),
  ]);
  const other = reportFile(dir, 'other.json', 'p2', []);

  it('exit 0 without a regression, 1 with one, 2 for reports of different labs', async () => {
    const ok = await dmvpnLab(['report', 'diff', old, same]);
    assert.equal(ok.exitCode, 0, String(ok.stderr));
    assert.match(String(ok.stdout), /^0 regressions/m);

    const bad = await dmvpnLab(['report', 'diff', old, broke, '--json']);
    assert.equal(bad.exitCode, 1);
    const d = JSON.parse(String(bad.stdout));
    assert.equal(d.regressions, 1);
    assert.equal(d.statusChanges[0].key, 'phase spoke2 → spoke3 [Phase 3]');

    const slower = await dmvpnLab(['report', 'diff', old, same, '--threshold', 'setupMs=10%']);
    assert.equal(slower.exitCode, 1, 'a named threshold makes +5 ms of 40 a regression');

    const labs = await dmvpnLab(['report', 'diff', old, other]);
    assert.equal(labs.exitCode, 2);
    assert.match(String(labs.stderr), /different labs \(p3 and p2\).*\[REPORTS_DIFFER\]/);
  });
});
