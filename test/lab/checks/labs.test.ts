import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { parse, type TestSuites } from 'junit2json';
import type { CheckReport, CheckResult } from '../../../src/lab/checks/model.js';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import { findLab } from '../../../src/lab/state.js';
import { evidenceProblems, labFile, LABS } from '../../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

/** The checks each shipped lab must run (the others do not apply to it). */
const SHIPPED: Array<[string, string[]]> = [
  ['phase1', ['registration', 'phase', 'reachability', 'transition']],
  ['phase2', ['registration', 'phase', 'reachability']],
  ['eigrp-phase1', ['registration', 'routing', 'phase', 'reachability', 'transition']],
  ['eigrp-phase2', ['registration', 'routing', 'phase', 'reachability']],
  ['phase3', ['registration', 'phase', 'reachability']],
  ['eigrp-phase3', ['registration', 'routing', 'phase', 'reachability']],
  ['nat', ['registration', 'reachability', 'nat']],
  ['nat-ipsec', ['registration', 'reachability', 'nat', 'ipsec']],
];

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

/** Runs the checks of a shipped lab under a unique name and hands the report to `inspect` while the pcaps exist; then the lab directory is removed and nothing may be left. */
async function checkShipped(lab: string, inspect: (report: CheckReport) => void): Promise<void> {
  const name = uniqueName(lab.replace('-', '').slice(0, 5));
  try {
    inspect(await runChecks(labFile(lab), { name }));
  } finally {
    rmSync(join(LABS, lab, `clab-${name}`), { recursive: true, force: true });
    assert.deepEqual(await leftovers(name, join(LABS, lab, `clab-${name}`)), {
      namespaces: [],
      rules: [],
      processes: [],
    });
  }
}

const failures = (rs: CheckResult[]) =>
  rs.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes.join('→')} ${r.step ?? ''}: ${r.reason}`);

describe('dmvpn-lab check on the shipped labs', { skip }, () => {
  for (const [lab, applies] of SHIPPED) {
    it(`${lab}: every check that applies passes, with evidence in the pcaps`, async () => {
      await checkShipped(lab, (report) => {
        assert.deepEqual(failures(report.results), []);
        assert.deepEqual(
          report.checks.filter((c) => !c.notApplicable).map((c) => c.name),
          applies,
        );
        for (const name of applies)
          assert.ok(
            report.results.some((r) => r.name === name && r.status === 'pass'),
            `${name} has no passing result`,
          );
        assert.deepEqual(evidenceProblems(report.results), []);
        assert.equal(report.keptUp, false);
        if (lab === 'phase3') {
          const p3 = report.results.find((r) => r.name === 'phase' && r.step === 'Phase 3')!;
          assert.equal(typeof p3.figures.setupMs, 'number');
          assert.ok(p3.evidence.some((e) => e.what === 'Traffic Indication from the hub'));
          const expiry = report.results.find((r) => r.name === 'phase' && r.step === 'shortcut expiry')!;
          assert.equal(expiry.figures.holdingTimeSec, 10);
        }
      });
    });
  }
});

describe('dmvpn-lab check on the dual-hub lab', { skip }, () => {
  let report: CheckReport | undefined;
  let evidence: string[] = [];
  before(async () => {
    await checkShipped('dual-hub', (r) => {
      report = r;
      evidence = evidenceProblems(r.results);
    });
  });

  it('every check passes: the primary fails twice (stopped, silenced) and returns, with the figures measured', () => {
    assert.deepEqual(
      report!.checks.filter((c) => !c.notApplicable).map((c) => c.name),
      ['registration', 'phase', 'reachability', 'failover'],
    );
    assert.deepEqual(failures(report!.results), []);
    assert.deepEqual(evidence, []);
    const steps = report!.results.filter((r) => r.name === 'failover');
    assert.deepEqual(
      steps.map((r) => r.step),
      ['hub1 stopped', 'hub1 returns after stop', 'hub1 silent on its Internet link', 'hub1 returns after silence'],
    );
    for (const down of [steps[0]!, steps[2]!]) {
      for (const f of ['outageMs', 'backupRegisteredMs', 'primaryDownNoticedMs'])
        assert.equal(typeof down.figures[f], 'number', `${f}: ${down.reason}`);
      assert.equal(down.figures.shortcutLost, 0, down.reason);
      assert.ok(
        down.evidence.some((e) => e.what.startsWith('first echo from host3 through the backup hub')),
        down.reason,
      );
    }
    for (const back of [steps[1]!, steps[3]!])
      assert.equal(typeof back.figures.preferredAgainMs, 'number', back.reason);
  });
});

describe('dmvpn-lab check on a lab that is already up', { skip }, () => {
  it('leaves the lab up, captures only while it checks, and waits for registrations to show in the pcaps', async () => {
    const name = uniqueName('up');
    try {
      const state = await upLab(labFile('phase2'), { name });
      const report = await runChecks(name, { only: ['registration'] });
      assert.equal(report.broughtUp, false);
      assert.equal(report.keptUp, true);
      assert.deepEqual(
        report.pcaps.map((p) => p.split('/').pop()),
        ['hub-eth1.pcap', 'spoke1-eth1.pcap', 'spoke2-eth1.pcap'],
      );
      for (const r of report.results) {
        assert.equal(r.status, 'pass', r.reason);
        assert.deepEqual(
          r.evidence.map((e) => e.what),
          ['Registration Request', 'Registration Reply'],
        );
      }
      assert.deepEqual(evidenceProblems(report.results), []);
      assert.ok(state.namespaces.every((n) => getRuntime().exists(n)));
      assert.deepEqual(findLab(name).captures, []);
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    assert.deepEqual(await leftovers(name, join(LABS, 'phase2', `clab-${name}`)), {
      namespaces: [],
      rules: [],
      processes: [],
    });
  });
});

describe('dmvpn-lab check as a command', { skip }, () => {
  it('exits 0 on the phase2 lab and writes JSON and JUnit that agree with each other', async () => {
    const dir = tempDir('dmvpn-check-cli-');
    const name = uniqueName('cli');
    const [json, junit] = [join(dir, 'r.json'), join(dir, 'r.xml')];
    try {
      const r = await execa(
        process.execPath,
        [
          '--import',
          'tsx',
          CLI,
          'check',
          labFile('phase2'),
          '--name',
          name,
          '--only',
          'registration,phase',
          '--json',
          json,
          '--junit',
          junit,
        ],
        { reject: false },
      );
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^PASS\s+phase\s+spoke1 → spoke2 \[Phase 2\]\s+Phase 2: Resolution Request\/Reply/m);
      const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
      assert.deepEqual(
        report.checks.map((c) => c.name),
        ['registration', 'phase'],
      );
      const suites = (await parse(readFileSync(junit, 'utf8'))) as TestSuites;
      assert.equal(suites.tests, report.results.length);
      assert.deepEqual(
        suites.testsuite?.map((s) => s.name),
        ['registration', 'phase'],
      );
    } finally {
      rmSync(join(LABS, 'phase2', `clab-${name}`), { recursive: true, force: true });
    }
  });

  it('exits 2 when the lab cannot run', async () => {
    const r = await execa(process.execPath, ['--import', 'tsx', CLI, 'check', 'no-such-lab-here', '--quiet'], {
      reject: false,
    });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /"no-such-lab-here" is neither a topology file nor a lab that is up \[LAB_UNKNOWN\]/);
    const bad = await execa(
      process.execPath,
      ['--import', 'tsx', CLI, 'check', labFile('phase3'), '--only', 'phase,speed'],
      { reject: false },
    );
    assert.equal(bad.exitCode, 2);
    assert.match(
      bad.stderr,
      /unknown check speed \(known: registration, routing, phase, reachability, multicast, nat, ipsec, qos, transition, failover\) \[CHECK_UNKNOWN\]/,
    );
  });
});
