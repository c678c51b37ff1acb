/** `dmvpn-lab check` on the routing labs: the routing check on OSPF and BGP labs, and failover of the learned routes. */
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CheckReport, CheckResult } from '../../../src/lab/checks/model.js';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { frrInstalled } from '../../../src/node/frr/daemons.js';
import { evidenceProblems, labFile, LABS } from '../../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
// the FRR daemons run as user frr in the routers' state folders under the run folder
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : !frrInstalled() && 'FRR not installed';

/** Runs the checks of a shipped lab under a unique name; the lab is gone afterwards, with nothing left. */
async function checkLab(lab: string, only?: string[]): Promise<{ report: CheckReport; evidence: string[] }> {
  const name = uniqueName(lab.replace(/-/g, '').slice(0, 5));
  try {
    const report = await runChecks(labFile(lab), { name, ...(only ? { only } : {}) });
    return { report, evidence: evidenceProblems(report.results) };
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

describe('dmvpn-lab check --only routing on the routing labs', { skip }, () => {
  const cases: Array<[string, string, string]> = [
    ['ospf-phase3', 'OSPF FULL', '10.1.2.0/24 via 172.16.0.1'],
    ['bgp-phase2', 'BGP Established', '10.1.2.0/24 via 172.16.0.12'],
  ];
  for (const [lab, adjacency, spokeRoute] of cases) {
    it(`${lab}: every adjacency up and every LAN learned with the expected next hop, with show lines and frames`, async () => {
      const { report, evidence } = await checkLab(lab, ['routing']);
      const rs = report.results;
      assert.deepEqual(failures(rs), []);
      assert.deepEqual(evidence, []);
      const adj = rs.filter((r) => r.step === adjacency);
      assert.deepEqual(
        adj.map((r) => r.nodes.join('-')),
        ['spoke1-hub', 'spoke2-hub'],
      );
      for (const r of adj) {
        assert.equal(typeof r.figures.upAfterMs, 'number');
        assert.ok(r.evidence.length >= 2, `no frames cited: ${r.reason}`);
        assert.ok(
          r.shown?.every((s) => s.lines.length === 1),
          JSON.stringify(r.shown),
        );
      }
      const s1 = rs.find((r) => r.nodes.join('-') === 'spoke1-spoke2' && r.step?.endsWith('routes'))!;
      assert.equal(s1.status, 'pass');
      assert.ok(s1.reason.includes(spokeRoute), s1.reason);
      assert.ok(s1.evidence.length > 0, 'no update frame cited');
    });
  }
});

describe('dmvpn-lab check on the dual-hub-ospf lab', { skip }, () => {
  let report: CheckReport | undefined;
  let evidence: string[] = [];
  before(async () => void ({ report, evidence } = await checkLab('dual-hub-ospf')));

  it('every check passes; learned routes move to hub2 when hub1 fails and come back when it returns', () => {
    assert.deepEqual(
      report!.checks.filter((c) => !c.notApplicable).map((c) => c.name),
      ['registration', 'routing', 'phase', 'reachability', 'failover'],
    );
    assert.deepEqual(failures(report!.results), []);
    assert.deepEqual(evidence, []);
    // 3 spokes × 2 hubs adjacencies, 3 × 2 spoke pairs + 2 hubs × 3 spokes route sets
    assert.equal(report!.results.filter((r) => r.name === 'routing' && r.status === 'pass').length, 18);
    const steps = report!.results.filter((r) => r.name === 'failover');
    for (const down of [steps[0]!, steps[2]!]) {
      assert.equal(typeof down.figures.routesMovedMs, 'number', down.reason);
      assert.ok((down.figures.routesMovedMs as number) < 30_000);
      assert.match(down.reason, /learned routes moved to hub2 after \d+ ms/);
    }
    for (const back of [steps[1]!, steps[3]!]) assert.equal(typeof back.figures.routesBackMs, 'number', back.reason);
  });
});
