import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { result, summarize, type CheckReport, type CheckResult } from '../../../src/lab/checks/model.js';
import { beyond, diffReports, diffText, parseThreshold, ReportDiffError } from '../../../src/lab/report/diff.js';

function report(results: CheckResult[], lab = 'phase3', startedAt = '2026-12-01T10:00:00.000Z'): CheckReport {
  return {
    lab,
    topologyFile: '/l/phase3.clab.yml',
    labDir: '/l/clab-phase3',
    startedAt,
    durationMs: 1000,
    broughtUp: true,
    keptUp: false,
    pcaps: [],
    checks: [],
    results,
    summary: summarize(results),
  };
}

const OLD = report([
  result('registration', ['spoke1', 'hub'], 'pass', 'registered', { figures: { registrationRttMs: 2 } }),
  result('phase', ['spoke2', 'spoke3'], 'pass', 'Phase 3 ok', { step: 'Phase 3', figures: { setupMs: 40, sent: 30 } }),
  result('failover', ['hub1 stopped'], 'pass', 'ok', { figures: { outageMs: 3000 } }),
  result('nat', ['spoke4'], 'fail', 'behind NAT, unreachable'),
]);

describe('report diff', () => {
  it('finds the result that broke, the durations that grew beyond a threshold, and what got better', () => {
    const NEW = report(
      [
        result('registration', ['spoke1', 'hub'], 'pass', 'registered', { figures: { registrationRttMs: 2.5 } }),
        result('phase', ['spoke2', 'spoke3'], 'fail', 'no shortcut: echoes kept going via the hub', {
          step: 'Phase 3',
          figures: { setupMs: 400, sent: 300 },
        }),
        result('failover', ['hub1 stopped'], 'pass', 'ok', { figures: { outageMs: 1000 } }),
        result('nat', ['spoke4'], 'pass', 'reachable'),
        result('expect', ['spoke1'], 'fail', 'e.yml:3:5: not registered', { step: 'registered' }),
      ],
      'phase3',
      '2026-12-01T11:00:00.000Z',
    );
    const d = diffReports(OLD, NEW);
    assert.deepEqual(
      d.statusChanges.map((c) => [c.key, c.from, c.to, c.regression]),
      [
        ['phase spoke2 → spoke3 [Phase 3]', 'pass', 'fail', true],
        ['nat spoke4', 'fail', 'pass', false],
      ],
    );
    // sent is no duration: not compared; registrationRttMs moved 0.5 ms (under 100 ms).
    assert.deepEqual(
      d.figureChanges.map((c) => [c.key, c.figure, c.from, c.to, c.regression]),
      [
        ['phase spoke2 → spoke3 [Phase 3]', 'setupMs', 40, 400, true],
        ['failover hub1 stopped', 'outageMs', 3000, 1000, false],
      ],
    );
    assert.deepEqual(d.added, [{ key: 'expect spoke1 [registered]', status: 'fail' }]);
    assert.equal(d.regressions, 3);
    const text = diffText(d);
    assert.match(text, /REGRESSION {2}phase spoke2 → spoke3 \[Phase 3\]: pass → fail: no shortcut/);
    assert.match(
      text,
      /REGRESSION {2}phase spoke2 → spoke3 \[Phase 3\]: setupMs 40 → 400 \(\+900%, threshold 50%\+100\)/,
    );
    assert.match(text, /improved {4}failover hub1 stopped: outageMs 3000 → 1000/);
    assert.match(text, /fixed {7}nat spoke4: fail → pass/);
    assert.match(text, /^3 regressions; old: 3 passed, 1 failed, 0 skipped; new: 3 passed, 2 failed, 0 skipped$/m);
  });

  it('no change, no regression; a named threshold replaces the default', () => {
    assert.equal(diffReports(OLD, OLD).regressions, 0);
    const slower = report([
      result('phase', ['spoke2', 'spoke3'], 'pass', 'Phase 3 ok', { step: 'Phase 3', figures: { setupMs: 70 } }),
    ]);
    assert.equal(diffReports(OLD, slower).regressions, 0);
    assert.equal(diffReports(OLD, slower, { setupMs: { relative: 0.2 } }).regressions, 1);
    assert.equal(diffReports(OLD, slower, { '*': { absolute: 10 } }).regressions, 1);
    assert.deepEqual(
      diffReports(OLD, slower).removed.map((r) => r.key),
      ['registration spoke1 → hub', 'failover hub1 stopped', 'nat spoke4'],
    );
  });

  it('refuses reports of different labs', () => {
    assert.throws(
      () => diffReports(OLD, report([], 'phase2')),
      (e: unknown) => {
        assert.ok(e instanceof ReportDiffError);
        assert.match(e.message, /different labs \(phase3 and phase2\)/);
        return true;
      },
    );
  });

  it('parses thresholds: N%, N, N%+N', () => {
    assert.deepEqual(parseThreshold('setupMs=20%'), ['setupMs', { relative: 0.2 }]);
    assert.deepEqual(parseThreshold('outageMs=500'), ['outageMs', { absolute: 500 }]);
    assert.deepEqual(parseThreshold('*=10%+50'), ['*', { relative: 0.1, absolute: 50 }]);
    assert.throws(() => parseThreshold('setupMs'), /bad threshold/);
    assert.throws(() => parseThreshold('setupMs=fast'), /bad threshold/);
    assert.equal(beyond(100, 151, { relative: 0.5 }), true);
    assert.equal(beyond(100, 150, { relative: 0.5 }), false);
    assert.equal(beyond(0, 1, { relative: 0.5 }), true);
  });
});
