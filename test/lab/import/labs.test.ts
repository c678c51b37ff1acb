/**
 * A course lab runs as published: the CML Phase 2 reference lab is checked straight from its file
 * (imported into its lab folder, brought up, checked, brought down); registration, the phase (Phase 2
 * between the spokes' tunnel addresses, pinged from the routers themselves) and reachability between
 * the routers pass, with evidence in the captures of the switch underlay; nothing is left.
 * The other four reference labs (Phase 1, Phase 3, IPsec with IKEv1 and RIP, dual hub with OSPF) run
 * one after the other the same way: no check fails, and each check the configs imply passes for
 * every pair it applies to; each gets a phase result at the phase its configs say. Figures (import,
 * up, each check) go to the test's diagnostics.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importCourseLab } from '../../../src/lab/import/index.js';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { evidenceProblems } from '../../helpers/check-fixtures.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
// the FRR daemons (RIP, OSPF) run as user frr in the routers' state folders under the run folder
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : CML_SKIP || (!dmvpndAvailable() && 'dmvpnd not available yet');

describe('dmvpn-lab check on a CML course lab', { skip }, () => {
  it('dmvpn-phase-2-final.yaml: registration and router reachability pass, underlay captured', async () => {
    const dir = tempDir('dmvpn-cml-lab-');
    const file = join(dir, 'dmvpn-phase-2-final.yaml');
    copyFileSync(join(CML_DIR, 'dmvpn-phase-2-final.yaml'), file);
    const name = uniqueName('cml');
    const t0 = Date.now();
    const report = await runChecks(file, { name });
    const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes}: ${r.reason}`);
    assert.deepEqual(failed, []);
    const passed = (check: string) =>
      report.results.filter((r) => r.name === check && r.status === 'pass').map((r) => r.nodes.join('>'));
    assert.deepEqual(passed('registration'), ['Spoke1>Hub', 'Spoke2>Hub']);
    assert.deepEqual(passed('phase'), ['Spoke1>Spoke2']);
    const phase = report.results.find((r) => r.name === 'phase')!;
    assert.equal(phase.step, 'Phase 2');
    assert.match(phase.reason, /Resolution Request\/Reply .* then data directly Spoke1→Spoke2/);
    assert.ok(phase.evidence.length >= 3, 'request, reply and the first direct echo cited');
    assert.equal(passed('reachability').length, 6, 'every ordered pair of the three tunnel addresses');
    assert.ok(passed('reachability').includes('Spoke1>Spoke2'), 'spoke to spoke');
    assert.deepEqual(
      report.pcaps.map((p) => p.split('/').pop()),
      ['Hub-eth1.pcap', 'Spoke1-eth1.pcap', 'Spoke2-eth1.pcap'],
    );
    const cited = report.results.filter((r) => r.status === 'pass');
    assert.deepEqual(
      cited.filter((r) => r.evidence.length < 2).map((r) => `${r.name} ${r.nodes}`),
      [],
      'request and reply cited from the underlay captures',
    );
    assert.deepEqual(evidenceProblems(cited), []);
    assert.ok(existsSync(join(dir, `clab-${name}`, 'import', `${name}.clab.yml`)), 'imported into the lab folder');
    assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(await leftovers(name, join(dir, `clab-${name}`)), { namespaces: [], rules: [], processes: [] });
  });
});

/**
 * What each reference lab's configs imply: the passes per check (every applicable pair), and the phase
 * its spoke pairs are judged at (every phase result has that step).
 */
const LABS: Array<{
  file: string;
  phase: 1 | 2 | 3;
  pass: Record<string, string[] | number>;
  skipped?: Record<string, string[]>;
}> = [
  {
    // Spoke2's Tunnel0 is shut down as published: its registration and the one spoke pair are skipped,
    // not failed. Spoke1's tunnel is point-to-point: Phase 1.
    file: 'dmvpn-phase-1-final.yaml',
    phase: 1,
    pass: { registration: ['Spoke1>Hub'], reachability: 2 },
    skipped: { registration: ['Spoke2'], phase: ['Spoke1>Spoke2'] },
  },
  // Published without `ip nhrp redirect` or `ip nhrp shortcut`: its configs say Phase 2.
  { file: 'dmvpn-phase-3-final.yaml', phase: 2, pass: { registration: 4, phase: 6, reachability: 20 } },
  {
    phase: 2,
    file: 'dmvpn-ipsec-final.yaml',
    pass: {
      registration: ['Spoke1>Hub', 'Spoke2>Hub'],
      routing: 8,
      phase: ['Spoke1>Spoke2'],
      reachability: 6,
      ipsec: ['Spoke1>Hub', 'Spoke2>Hub', 'Spoke1>Spoke2'],
    },
  },
  {
    // Hub2 registers with Hub1 (it is both a spoke and a hub); each spoke with both hubs.
    file: 'dmvpn-dual-hub-single-cloud-final.yaml',
    phase: 2,
    pass: {
      registration: ['Hub2>Hub1', 'Spoke1>Hub1', 'Spoke1>Hub2', 'Spoke2>Hub1', 'Spoke2>Hub2'],
      phase: ['Spoke1>Spoke2'],
      reachability: 6,
    },
  },
];

describe('dmvpn-lab check on the other CML reference labs', { skip }, () => {
  for (const lab of LABS) {
    it(`${lab.file}: every implied check passes`, async (t) => {
      const dir = tempDir('dmvpn-cml-lab-');
      const file = join(dir, lab.file);
      copyFileSync(join(CML_DIR, lab.file), file);
      const imported = importCourseLab(file, { out: join(dir, 'imported') });
      const name = uniqueName('cml');
      const report = await runChecks(file, { name });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes}: ${r.reason}`);
      assert.deepEqual(failed, []);
      for (const [check, want] of Object.entries(lab.pass)) {
        const passed = report.results
          .filter((r) => r.name === check && r.status === 'pass')
          .map((r) => r.nodes.join('>'));
        if (typeof want === 'number') assert.equal(passed.length, want, `${check}: ${passed.join(', ')}`);
        else assert.deepEqual(passed, want, check);
      }
      for (const [check, nodes] of Object.entries(lab.skipped ?? {})) {
        const skipped = report.results.filter((r) => r.name === check && r.status === 'skip');
        assert.deepEqual(
          skipped.map((r) => r.nodes.join('>')),
          nodes,
          check,
        );
      }
      const phases = report.results.filter((r) => r.name === 'phase');
      assert.ok(phases.length > 0, 'a phase result');
      assert.deepEqual([...new Set(phases.map((r) => r.step))], [`Phase ${lab.phase}`]);
      assert.deepEqual(evidenceProblems(report.results.filter((r) => r.status === 'pass')), []);
      const checks = report.checks.filter((c) => !c.notApplicable).map((c) => `${c.name} ${c.durationMs} ms`);
      t.diagnostic(
        `${lab.file}: import ${imported.durationMs} ms, ${imported.significant} lines beyond cosmetics; ` +
          `check ${report.durationMs} ms (${checks.join(', ')}); ` +
          `${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.skip} skip`,
      );
      assert.deepEqual(await leftovers(name, join(dir, `clab-${name}`)), { namespaces: [], rules: [], processes: [] });
    });
  }
});
