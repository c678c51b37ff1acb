/**
 * A course lab runs as published: the CML Phase 2 reference lab is checked straight from its file
 * (imported into its lab folder, brought up, checked, brought down); registration and reachability
 * between the routers pass, with evidence in the captures of the switch underlay; nothing is left.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { evidenceProblems } from '../../helpers/check-fixtures.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

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
