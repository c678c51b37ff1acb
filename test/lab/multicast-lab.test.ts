/**
 * labs/multicast: PIM sparse mode over the tunnel (FRR's pimd), the hub the RP with `ip pim
 * nbma-mode`. A stream from host1 (behind spoke1) reaches host0 (hub LAN), host2 and host3 (other
 * spokes), and the hub's NBMA capture shows one GRE copy per spoke. Without nbma-mode the hub, whose
 * tunnel is the stream's incoming interface, does not send it back out to the spokes: only host0 gets it.
 */
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CheckResult } from '../../src/lab/checks/model.js';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { frrInstalled } from '../../src/node/frr/daemons.js';
import { copyLab, isRoot, leftovers, removeTemps, SHIPPED_LABS, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
// pimd runs as user frr in a folder under the run directory
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : !frrInstalled() && 'FRR is not installed (make apt installs it)';

const row = (r: CheckResult): string => `${r.status} ${r.nodes.join('→')}`;

async function check(file: string, prefix: string): Promise<CheckResult[]> {
  const name = uniqueName(prefix);
  const labDir = join(dirname(file), `clab-${name}`);
  try {
    const report = await runChecks(file, { name, only: ['registration', 'multicast'] });
    return report.results.filter((r) => r.name === 'multicast');
  } finally {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    rmSync(labDir, { recursive: true, force: true });
    assert.deepEqual(await leftovers(name, labDir), { namespaces: [], rules: [], processes: [] });
  }
}

describe('labs/multicast: PIM over the DMVPN, the hub replicating', { skip }, () => {
  it('every joined host receives the stream; the hub sends one GRE copy per spoke', async () => {
    const results = await check(join(SHIPPED_LABS, 'multicast', 'multicast.clab.yml'), 'mca');
    assert.deepEqual(results.map(row), ['pass host1→host0', 'pass host1→host2', 'pass host1→host3', 'pass hub']);
    const hub = results.find((r) => r.nodes[0] === 'hub')!;
    assert.ok(Number(hub.figures.spoke2) >= 40 && Number(hub.figures.spoke3) >= 40, JSON.stringify(hub.figures));
    assert.ok(hub.evidence.some((e) => e.pcap.endsWith('hub-eth1.pcap') && e.frames.length > 0));
  });

  it('without ip pim nbma-mode on the hub, spoke-to-spoke multicast stops at the hub', async () => {
    const file = copyLab('multicast', { 'hub.cfg': (t) => t.replace(' ip pim nbma-mode\n', '') });
    const results = await check(file, 'mcb');
    assert.deepEqual(results.map(row), ['pass host1→host0', 'fail host1→host2', 'fail host1→host3', 'fail hub']);
  });
});
