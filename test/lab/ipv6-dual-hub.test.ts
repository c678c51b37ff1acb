/**
 * The shipped lab ipv6-dual-hub (two hubs, dual-stack overlay): `dmvpn-lab check` passes registration,
 * reachability and failover, and failover measures IPv6 in the same hub failure as IPv4 (V6 figures:
 * the IPv6 outage and the time until every spoke's IPv6 NHS to the backup is up) and in the same return
 * of the primary (the time until every spoke's IPv6 NHS to it is up again, and until new IPv6 traffic
 * goes through it), printed as diagnostics.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, copyLab, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

describe('lab ipv6-dual-hub: failover for IPv4 and IPv6', { skip }, () => {
  it('dmvpn-lab check passes registration, reachability and failover with IPv6 figures', async (t) => {
    const name = uniqueName('v6dh');
    const file = copyLab('ipv6-dual-hub');
    try {
      const only = ['registration', 'reachability', 'failover'] as const;
      const report = await runChecks(file, { name, only: [...only] });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const passed = report.results.filter((r) => r.status === 'pass').map((r) => r.name);
      for (const c of only) assert.ok(passed.includes(c), `${c} passed`);
      const failures = report.results.filter((r) => r.name === 'failover' && r.figures && 'outageMs' in r.figures);
      assert.equal(failures.length, 2, 'stopped and silenced');
      for (const r of failures) {
        const f = r.figures!;
        t.diagnostic(
          `${r.step}: IPv4 outage ${f.outageMs} ms, backup ${f.backupRegisteredMs} ms; ` +
            `IPv6 outage ${f.outageMsV6} ms, IPv6 backup ${f.backupRegisteredMsV6} ms`,
        );
        for (const k of ['outageMs', 'backupRegisteredMs', 'outageMsV6', 'backupRegisteredMsV6'])
          assert.equal(typeof f[k], 'number', `${r.step}: ${k}`);
        assert.match(r.reason, /IPv6: traffic resumed after \d+ ms/);
      }
      const returns = report.results.filter(
        (r) => r.name === 'failover' && r.figures && 'registeredAgainMs' in r.figures,
      );
      assert.equal(returns.length, 2, 'returns after stop and after silence');
      for (const r of returns) {
        const f = r.figures!;
        t.diagnostic(
          `${r.step}: IPv4 registered again ${f.registeredAgainMs} ms, preferred ${f.preferredAgainMs} ms; ` +
            `IPv6 registered again ${f.registeredAgainMsV6} ms, preferred ${f.preferredAgainMsV6} ms`,
        );
        for (const k of ['registeredAgainMs', 'preferredAgainMs', 'registeredAgainMsV6', 'preferredAgainMsV6'])
          assert.equal(typeof f[k], 'number', `${r.step}: ${k}`);
        assert.match(
          r.reason,
          /IPv6: every spoke's IPv6 NHS to it up after \d+ ms, new traffic through it after \d+ ms/,
        );
        assert.ok(
          r.evidence?.some((e) => e.what.startsWith('new IPv6 traffic through')),
          `${r.step}: the first new IPv6 echo through the primary cited`,
        );
      }
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });
});
