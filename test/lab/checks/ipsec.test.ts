/**
 * The ipsec check on the protected labs: phase3-ipsec passes every check that applies (the NHRP evidence of the
 * other checks is cited inside ESP), and the decrypted copies show NHRP to tshark; a spoke with the wrong
 * pre-shared key, or with no IKE proposal in common, fails with the cause named. Also loggedCause on its own.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decryptCapture } from '../../../src/lab/capture-decrypt.js';
import { loggedCause } from '../../../src/lab/checks/ipsec.js';
import type { CheckReport } from '../../../src/lab/checks/model.js';
import { runChecks } from '../../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { brokenLab, evidenceProblems, LABS, labFile } from '../../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';
import { tsharkMissing } from '../../helpers/tshark.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

it('loggedCause reads the last IKEv2 failure with a peer from a router log', () => {
  const log = [
    '%IKEV2-5-NEG_FAILED: IKE_SA_INIT with peer 192.0.2.1 refused: NO_PROPOSAL_CHOSEN',
    '%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer 192.0.2.9: AUTH payload does not verify',
  ].join('\n');
  assert.equal(loggedCause(log, '192.0.2.1'), 'no proposal chosen');
  assert.equal(loggedCause(log, '192.0.2.9'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '192.0.2.7'), undefined);
});

it('loggedCause reads IKEv1 failures too, and does not take 192.0.2.1 for 192.0.2.10', () => {
  const log = [
    '*Dec  2 02:34:49.551: %CRYPTO-4-IKMP_NO_PRESHARED_KEY: No pre-shared key with 192.0.2.10',
    '*Dec  2 02:34:50.551: %CRYPTO-6-IKMP_AUTH_FAIL: Authentication method 1 failed with host 192.0.2.1',
  ].join('\n');
  assert.equal(loggedCause(log, '192.0.2.1'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '192.0.2.10'), 'no pre-shared key for the peer (crypto isakmp key)');
});

async function check(file: string, only?: string[]): Promise<CheckReport> {
  const name = uniqueName('ips');
  const report = await runChecks(file, { name, ...(only ? { only } : {}), registrationTimeoutMs: 5000 });
  assert.deepEqual(evidenceProblems(report.results), []);
  assert.deepEqual(await leftovers(name, report.labDir), { namespaces: [], rules: [], processes: [] });
  return report;
}

describe('dmvpn-lab check on protected labs', { skip }, () => {
  it('phase3-ipsec: registration, phase, reachability and ipsec pass; NHRP cited inside ESP; tshark reads it', async () => {
    const report = await check(labFile('phase3-ipsec'));
    try {
      assert.deepEqual(
        report.checks.filter((c) => !c.notApplicable).map((c) => c.name),
        ['registration', 'phase', 'reachability', 'ipsec'],
      );
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const ipsec = report.results.filter((r) => r.name === 'ipsec');
      assert.deepEqual(
        ipsec.map((r) => r.nodes.join('-')),
        ['spoke1-hub', 'spoke2-hub', 'spoke1-spoke2'],
      );
      for (const r of ipsec) {
        assert.equal(r.figures.plainGre, 0);
        assert.ok((r.figures.espFrames as number) > 0);
        assert.ok((r.figures.encapsA as number) > 0 && (r.figures.decapsB as number) > 0, r.reason);
      }
      const reg = report.results.find((r) => r.name === 'registration')!;
      assert.ok(
        reg.evidence.some((e) => e.what === 'Registration Request'),
        JSON.stringify(reg.evidence),
      );
      if (!tsharkMissing()) {
        const hub = report.pcaps.find((p) => p.endsWith('hub-eth1.pcap'))!;
        const out = execFileSync('tshark', ['-r', decryptCapture(hub).out, '-Y', 'nhrp'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        assert.match(out, /NHRP Registration Request/);
      }
    } finally {
      rmSync(join(LABS, 'phase3-ipsec', `clab-${report.lab}`), { recursive: true, force: true });
    }
  });

  for (const [what, from, to, cause] of [
    [
      'a wrong pre-shared key',
      '  pre-shared-key DmvpnLab-ipsec',
      '  pre-shared-key WRONG',
      'IKE authentication failed between spoke1 and hub: pre-shared key mismatch',
    ],
    [
      'no IKE proposal in common',
      ' group 19',
      ' group 14',
      'IKE negotiation failed between spoke1 and hub: no proposal chosen',
    ],
  ] as const) {
    it(`spoke1 with ${what}: ipsec fails and names the cause, spoke2 passes`, async () => {
      const report = await check(brokenLab('phase3-ipsec', tempDir('dmvpn-ipsec-broken-'), 'spoke1', from, to), [
        'ipsec',
      ]);
      const r = report.results.find((x) => x.nodes.join() === 'spoke1,hub')!;
      assert.equal(r.status, 'fail');
      assert.equal(r.reason, cause);
      assert.equal(report.results.find((x) => x.nodes.join() === 'spoke2,hub')?.status, 'pass');
    });
  }
});
