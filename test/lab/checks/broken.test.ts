import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CheckReport, CheckResult } from '../../../src/lab/checks/model.js';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { brokenLab, evidenceProblems } from '../../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

/** Checks a copy of shipped lab `lab` with one config line changed; the lab (and its temp folder) are gone afterwards. */
async function checkBroken(
  lab: string,
  router: string,
  from: string | RegExp,
  to: string,
  only: string[],
): Promise<CheckReport> {
  const dir = tempDir('dmvpn-check-broken-');
  const name = uniqueName('brk');
  const report = await runChecks(brokenLab(lab, dir, router, from, to), { name, only, registrationTimeoutMs: 5000 });
  assert.deepEqual(evidenceProblems(report.results), []);
  assert.deepEqual(await leftovers(name, report.labDir), { namespaces: [], rules: [], processes: [] });
  return report;
}

/** The one result of `check` for `nodes` (and `step`). */
function find(report: CheckReport, check: string, nodes: string[], step?: string): CheckResult {
  const r = report.results.find(
    (x) => x.name === check && x.nodes.join() === nodes.join() && (step === undefined || x.step === step),
  );
  assert.ok(
    r,
    `no ${check} result for ${nodes.join('→')} ${step ?? ''}: ${JSON.stringify(report.results.map((x) => [x.name, x.nodes, x.step]))}`,
  );
  return r;
}

describe('dmvpn-lab check on deliberately broken labs', { skip }, () => {
  it('wrong NHRP password on one spoke: registration and reachability fail and say so', async () => {
    const report = await checkBroken(
      'phase3',
      'spoke1',
      ' ip nhrp authentication DMVPN',
      ' ip nhrp authentication WRONG',
      ['registration', 'reachability'],
    );
    const reg = find(report, 'registration', ['spoke1', 'hub']);
    assert.equal(reg.status, 'fail');
    assert.match(
      reg.reason,
      /^spoke1 is not registered with hub .*NHRP authentication differs: spoke1 has "WRONG", hub expects "DMVPN"/,
    );
    assert.equal(find(report, 'registration', ['spoke2', 'hub']).status, 'pass');
    for (const pair of [
      ['host1', 'host2'],
      ['host2', 'host1'],
    ]) {
      const r = find(report, 'reachability', pair);
      assert.equal(r.status, 'fail');
      assert.match(r.reason, /cannot reach .*NHRP authentication differs/);
    }
  });

  it('hub without ip nhrp redirect: the phase check fails for want of a Traffic Indication', async () => {
    const report = await checkBroken('phase3', 'hub', ' ip nhrp redirect\n', '', ['phase']);
    const r = find(report, 'phase', ['spoke1', 'spoke2'], 'Phase 3');
    assert.equal(r.status, 'fail');
    assert.match(r.reason, /sent no Traffic Indication to spoke1: hub has no "ip nhrp redirect" on Tunnel0/);
    assert.ok((r.figures.viaHubPackets as number) > 0);
  });

  it('a spoke whose NHS is wrong: registration fails naming the address', async () => {
    const report = await checkBroken(
      'phase2',
      'spoke2',
      'nhs 172.16.0.1 nbma 192.0.2.1',
      'nhs 172.16.0.1 nbma 192.0.2.99',
      ['registration'],
    );
    const r = find(report, 'registration', ['spoke2', 'hub']);
    assert.equal(r.status, 'fail');
    assert.match(r.reason, /no Registration Request reached the Internet|no Reply/);
    assert.match(
      r.reason,
      /spoke2 sends to NHS 172\.16\.0\.1 at NBMA 192\.0\.2\.99, but hub's NBMA address is 192\.0\.2\.1/,
    );
    assert.equal(find(report, 'registration', ['spoke1', 'hub']).status, 'pass');
  });

  it('a spoke behind NAT with the wrong password: the nat check fails for it', async () => {
    const report = await checkBroken(
      'nat',
      'spoke2',
      ' ip nhrp authentication DMVPN',
      ' ip nhrp authentication WRONG',
      ['nat'],
    );
    const r = find(report, 'nat', ['spoke2', 'nat2'], 'outside address');
    assert.equal(r.status, 'fail');
    assert.match(
      r.reason,
      /spoke2 \(inside 192\.168\.2\.2\) is registered with no NHS through nat2: NHRP authentication differs/,
    );
    assert.equal(find(report, 'nat', ['spoke1', 'nat1'], 'outside address').status, 'pass');
    assert.equal(find(report, 'nat', ['spoke1', 'spoke2'], 'spoke to spoke').status, 'fail');
  });

  it('Phase 1 lab with an unregistered spoke: the transition fails at its first step', async () => {
    const report = await checkBroken(
      'phase1',
      'spoke2',
      ' ip nhrp authentication DMVPN',
      ' ip nhrp authentication WRONG',
      ['transition'],
    );
    const r = find(report, 'transition', ['spoke1', 'spoke2'], 'Phase 1 before');
    assert.equal(r.status, 'fail');
    assert.match(r.reason, /forwarded none to spoke2.*NHRP authentication differs: spoke2 has "WRONG"/);
    assert.equal(find(report, 'transition', ['spoke1', 'spoke2'], 'Phase 1→2').status, 'fail');
  });

  it('dual hub with one spoke pointing at a wrong backup: failover refuses to fail the primary', async () => {
    const report = await checkBroken(
      'dual-hub',
      'spoke3',
      'nhs 172.16.0.2 nbma 192.0.2.129',
      'nhs 172.16.0.2 nbma 192.0.2.200',
      ['failover'],
    );
    const r = find(report, 'failover', ['hub1', 'hub2'], 'hub1 stopped');
    assert.equal(r.status, 'fail');
    assert.match(
      r.reason,
      /no working backup before the failure: spoke3 is not registered with hub2: .*spoke3 sends to NHS 172\.16\.0\.2 at NBMA 192\.0\.2\.200/,
    );
  });
});
