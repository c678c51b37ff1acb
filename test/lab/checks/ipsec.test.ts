/**
 * The ipsec check on the protected labs: phase3-ipsec (IKEv2) and phase3-ipsec-ikev1 pass every check that applies
 * (the NHRP evidence of the other checks is cited inside ESP), and the decrypted copies show NHRP to tshark; a spoke
 * with the wrong pre-shared key (IKEv2 and IKEv1), or with no IKE proposal in common, fails with the cause named.
 * Also loggedCause on its own.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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

it('loggedCause reads IKEv1 failures (%CRYPTO-n-IKMP_…) too', () => {
  const log = [
    '%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 192.0.2.1',
    '%CRYPTO-6-IKMP_AUTH_FAIL: Authentication method 1 failed with host 192.0.2.9',
    '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed',
    '%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer 203.0.113.1:500       Id: 203.0.113.1',
  ].join('\n');
  assert.equal(loggedCause(log, '192.0.2.1'), 'no proposal chosen');
  assert.equal(loggedCause(log, '192.0.2.9'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '198.51.100.1'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '203.0.113.1'), undefined);
});

it('loggedCause reads IKEv1 failures too, and does not take 192.0.2.1 for 192.0.2.10', () => {
  const log = [
    '*Dec  2 02:34:49.551: %CRYPTO-4-IKMP_NO_PRESHARED_KEY: No pre-shared key with 192.0.2.10',
    '*Dec  2 02:34:50.551: %CRYPTO-6-IKMP_AUTH_FAIL: Authentication method 1 failed with host 192.0.2.1',
  ].join('\n');
  assert.equal(loggedCause(log, '192.0.2.1'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '192.0.2.10'), 'no pre-shared key for the peer');
});

it('loggedCause with IPv6 peers: any case, and not 2001:db8::1 for 2001:db8::1a', () => {
  const log = [
    '%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer 2001:DB8::1A: AUTH payload does not verify',
    '%IKEV2-5-NEG_FAILED: IKE_SA_INIT with peer 2001:db8::1 refused: NO_PROPOSAL_CHOSEN',
  ].join('\n');
  assert.equal(loggedCause(log, '2001:db8::1a'), 'pre-shared key mismatch');
  assert.equal(loggedCause(log, '2001:db8::1'), 'no proposal chosen');
  assert.equal(loggedCause(log, '2001:db8::2'), undefined);
});

async function check(file: string, only?: string[]): Promise<CheckReport> {
  const name = uniqueName('ips');
  const report = await runChecks(file, { name, ...(only ? { only } : {}), registrationTimeoutMs: 5000 });
  assert.deepEqual(evidenceProblems(report.results), []);
  assert.deepEqual(await leftovers(name, report.labDir), { namespaces: [], rules: [], processes: [] });
  return report;
}

describe('dmvpn-lab check on protected labs', { skip }, () => {
  for (const [lab, ike] of [
    ['phase3-ipsec', 'IKEv2'],
    ['phase3-ipsec-ikev1', 'IKEv1'],
  ] as const)
    it(`${lab}: registration, phase, reachability and ipsec pass; NHRP cited inside ESP; tshark reads it`, async () => {
      const report = await check(labFile(lab));
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
          assert.match(r.reason, new RegExp(`protected: ${ike}`));
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
          if (ike === 'IKEv1') {
            // The key file beside the pcaps opens ISAKMP's encrypted main mode (MM5/MM6 carry the identities).
            const keys = readFileSync(join(hub, '..', 'ikev1_decryption_table'), 'utf8')
              .trim()
              .split('\n');
            const opts = keys.flatMap((k) => ['-o', `uat:ikev1_decryption_table:${k}`]);
            const v = execFileSync('tshark', ['-r', hub, ...opts.slice(0, 2), '-Y', 'isakmp', '-V'], {
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            assert.match(v, /Payload: Identification \(5\)/);
          }
        }
      } finally {
        rmSync(join(LABS, lab, `clab-${report.lab}`), { recursive: true, force: true });
      }
    });

  for (const [lab, what, from, to, cause] of [
    [
      'phase3-ipsec',
      'a wrong pre-shared key',
      '  pre-shared-key DmvpnLab-ipsec',
      '  pre-shared-key WRONG',
      'IKE authentication failed between spoke1 and hub: pre-shared key mismatch',
    ],
    [
      'phase3-ipsec',
      'no IKE proposal in common',
      ' group 19',
      ' group 14',
      'IKE negotiation failed between spoke1 and hub: no proposal chosen',
    ],
    [
      'phase3-ipsec-ikev1',
      'a wrong ISAKMP key',
      'crypto isakmp key DMVPN_KEY',
      'crypto isakmp key WRONG',
      'IKE authentication failed between spoke1 and hub: pre-shared key mismatch',
    ],
  ] as const) {
    it(`${lab}: spoke1 with ${what}: ipsec fails and names the cause, spoke2 passes`, async () => {
      const report = await check(brokenLab(lab, tempDir('dmvpn-ipsec-broken-'), 'spoke1', from, to), ['ipsec']);
      const r = report.results.find((x) => x.nodes.join() === 'spoke1,hub')!;
      assert.equal(r.status, 'fail');
      assert.equal(r.reason, cause);
      assert.equal(report.results.find((x) => x.nodes.join() === 'spoke2,hub')?.status, 'pass');
    });
  }
});
