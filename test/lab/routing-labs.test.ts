/**
 * The shipped routing labs (OSPF, BGP and RIP over the tunnel, run by FRR): each comes up, learns
 * every remote LAN by its protocol (no static LAN route in any config), and then passes every
 * `dmvpn-lab check` that applies to it. By default one lab per protocol runs (the quickest to
 * converge); DMVPN_ROUTING_LABS=all runs all nine, or a comma-separated list names some.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CheckResult } from '../../src/lab/checks/model.js';
import { runChecks } from '../../src/lab/checks/runner.js';
import { convergence, waitRouted } from '../../src/lab/converged.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { frrInstalled } from '../../src/node/frr/daemons.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
// the FRR daemons run as user frr in a folder under the run directory (ctl/<lab>/<node>.frr)
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);
const LABS = join(import.meta.dirname, '..', '..', 'labs');

/** Every routing lab, the checks that apply, and whether it runs by default. */
const ROUTING_LABS: Array<{ lab: string; checks: string[]; ci?: true }> = [
  { lab: 'ospf-phase1', checks: ['registration', 'routing', 'phase', 'reachability', 'transition'], ci: true },
  { lab: 'ospf-phase2', checks: ['registration', 'routing', 'phase', 'reachability'] },
  { lab: 'ospf-phase3', checks: ['registration', 'routing', 'phase', 'reachability'] },
  { lab: 'bgp-phase1', checks: ['registration', 'routing', 'phase', 'reachability', 'transition'] },
  { lab: 'bgp-phase2', checks: ['registration', 'routing', 'phase', 'reachability'] },
  { lab: 'bgp-phase3', checks: ['registration', 'routing', 'phase', 'reachability'], ci: true },
  { lab: 'rip-phase1', checks: ['registration', 'routing', 'phase', 'reachability', 'transition'] },
  { lab: 'rip-phase2', checks: ['registration', 'routing', 'phase', 'reachability'] },
  { lab: 'rip-phase3', checks: ['registration', 'routing', 'phase', 'reachability'], ci: true },
];

const wanted = process.env.DMVPN_ROUTING_LABS;
const selected = ROUTING_LABS.filter((l) =>
  wanted === 'all' ? true : wanted ? wanted.split(',').includes(l.lab) : l.ci,
);

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : !frrInstalled() && 'FRR is not installed (make apt installs it)';

const failures = (rs: CheckResult[]) =>
  rs.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes.join('→')} ${r.step ?? ''}: ${r.reason}`);

describe('routing labs: LANs learned over the tunnel, then dmvpn-lab check', { skip }, () => {
  it('no routing lab has a static route to a LAN (every LAN route is learned)', () => {
    for (const { lab } of ROUTING_LABS) {
      for (const node of ['hub', 'spoke1', 'spoke2']) {
        const text = readFileSync(join(LABS, lab, `${node}.cfg`), 'utf8');
        assert.doesNotMatch(text, /^ip route 10\./m, `${lab}/${node}.cfg`);
        assert.match(text, /^router (ospf|bgp|rip)/m, `${lab}/${node}.cfg`);
      }
    }
  });

  for (const { lab, checks } of selected) {
    it(`${lab}: every LAN learned, every adjacency up, every check that applies passes`, async () => {
      const name = uniqueName(lab.replace('-phase', '').slice(0, 5));
      const labDir = join(LABS, lab, `clab-${name}`);
      try {
        const state = await upLab(join(LABS, lab, `${lab}.clab.yml`), { name });
        const before = await convergence(state);
        assert.ok(before.lans.length > 0 || before.adjacencies.length > 0, 'nothing to learn right after up');
        await waitRouted(state, 120_000);
        const report = await runChecks(name, {});
        assert.deepEqual(failures(report.results), []);
        assert.deepEqual(
          report.checks.filter((c) => !c.notApplicable).map((c) => c.name),
          checks,
        );
      } finally {
        await downLab(name, { cleanup: true }).catch(() => undefined);
        rmSync(labDir, { recursive: true, force: true });
      }
      assert.deepEqual(await leftovers(name, labDir), { namespaces: [], rules: [], processes: [] });
    });
  }
});
