/**
 * The shipped lab ipv6-nbma (DMVPN Phase 3 over an IPv6 NBMA, IPv4 and IPv6 overlays): the spokes
 * register with their IPv6 NBMA addresses (`show dmvpn` on the hub lists them, text and JSON), host1
 * reaches host2 across a spoke-to-spoke shortcut whose NBMA is spoke2's IPv6 address (IPv4 and IPv6
 * overlay), and `dmvpn-lab check` passes registration, phase and reachability for both overlays. The
 * shortcut set-up time is printed as a diagnostic.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { controlJson, sendControl } from '../../src/node/api/client.js';
import type { DmvpnJson } from '../../src/node/show/dmvpn.js';
import type { NhrpJson } from '../../src/node/show/index.js';
import {
  assertNothingLeft,
  controlOf,
  copyLab,
  isRoot,
  removeTemps,
  tempDir,
  uniqueName,
  until,
} from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
const NBMA = { hub: '2001:db8:0:1::1', spoke1: '2001:db8:0:2::1', spoke2: '2001:db8:0:3::1' };

const peers = (j: DmvpnJson) => j.interfaces.flatMap((i) => i.peers).map((p) => `${p.nbma} ${p.tunnel} ${p.state}`);

describe('lab ipv6-nbma: DMVPN over an IPv6 NBMA', { skip }, () => {
  it('registrations with IPv6 NBMA addresses, a Phase 3 shortcut to an IPv6 NBMA, host to host', async (t) => {
    const name = uniqueName('vnb');
    const file = copyLab('ipv6-nbma');
    try {
      const state = await upLab(file, { name });
      const hub = await until('both spokes registered', 20_000, async () => {
        const j = (await controlJson(controlOf(state, 'hub'), 'show dmvpn')) as DmvpnJson;
        return peers(j).length === 2 ? j : undefined;
      });
      assert.deepEqual(peers(hub).sort(), [`${NBMA.spoke1} 172.16.0.11 UP`, `${NBMA.spoke2} 172.16.0.12 UP`]);
      const text = await sendControl(controlOf(state, 'hub'), 'show dmvpn');
      assert.match(text, /^ {5}1 2001:DB8:0:2::1 +172\.16\.0\.11 +UP /m, 'IOS: the IPv6 NBMA in the NBMA column');
      const reg = (await controlJson(controlOf(state, 'hub'), 'show ip nhrp')) as NhrpJson;
      const entries = reg.interfaces.flatMap((i) => i.entries).filter((e) => e.flags.includes('registered'));
      assert.deepEqual(entries.map((e) => e.nbma).sort(), [NBMA.spoke1, NBMA.spoke2]);

      const start = Date.now();
      const ns = state.nodes.find((n) => n.name === 'host1')!.namespace;
      const args = ['netns', 'exec', ns, 'ping', '-n', '-c', '5', '-i', '0.2', '-W', '2', '10.1.2.10'];
      const pinged = execa('ip', args, { reject: false });
      const shortcut = await until('the shortcut on spoke1', 10_000, async () => {
        const j = (await controlJson(controlOf(state, 'spoke1'), 'show ip nhrp')) as NhrpJson;
        return j.interfaces[0]!.entries.find((e) => e.network === '10.1.2.0/24' && e.nbma === NBMA.spoke2);
      });
      t.diagnostic(`Phase 3 shortcut set-up time over an IPv6 NBMA: ${Date.now() - start} ms`);
      assert.equal(shortcut.type, 'dynamic');
      const p = await pinged;
      assert.equal(p.exitCode, 0, `host1 -> host2: ${p.stdout}${p.stderr}`);
      const s1 = (await controlJson(controlOf(state, 'spoke1'), 'show dmvpn')) as DmvpnJson;
      assert.ok(peers(s1).includes(`${NBMA.spoke2} 172.16.0.12 UP`), 'spoke1 has a direct tunnel to spoke2');
      // the IPv6 overlay over the same IPv6 NBMA: ping6 host to host, an IPv6 shortcut to spoke2's NBMA
      const args6 = ['netns', 'exec', ns, 'ping', '-6', '-n', '-c', '5', '-i', '0.2', '-W', '2', '2001:db8:1:2::10'];
      const pinged6 = execa('ip', args6, { reject: false });
      const shortcut6 = await until('the IPv6 shortcut on spoke1', 10_000, async () => {
        const j = (await controlJson(controlOf(state, 'spoke1'), 'show ipv6 nhrp')) as NhrpJson;
        return j.interfaces[0]!.entries.find((e) => e.network === '2001:db8:1:2::/64' && e.nbma === NBMA.spoke2);
      });
      assert.equal(shortcut6.type, 'dynamic');
      const p6 = await pinged6;
      assert.equal(p6.exitCode, 0, `host1 -> host2 over IPv6: ${p6.stdout}${p6.stderr}`);
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });

  it('dmvpn-lab check passes registration, phase and reachability over the IPv6 NBMA', async () => {
    const name = uniqueName('vnc');
    const file = copyLab('ipv6-nbma');
    try {
      const report = await runChecks(file, { name, only: ['registration', 'phase', 'reachability'] });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const passed = report.results.filter((r) => r.status === 'pass').map((r) => r.name);
      for (const c of ['registration', 'phase', 'reachability'] as const) assert.ok(passed.includes(c), `${c} passed`);
      const reg = report.results.filter((r) => r.name === 'registration').map((r) => r.reason);
      assert.ok(
        reg.every((r) => /at NBMA 2001:db8:0:[23]::1/.test(r)),
        reg.join('; '),
      );
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });
});
