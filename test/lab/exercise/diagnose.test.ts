/**
 * Diagnosis by layer on lab views built from startup-configs (no lab runs; the routers' control
 * sockets do not exist, so nothing is registered): a pre-shared key typed wrong is an ipsec fault,
 * and an item that names a hub is diagnosed against that hub, not the spoke's first NHS.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnoseNodes } from '../../../src/lab/exercise/diagnose.js';
import type { Runtime } from '../../../src/lab/runtime/types.js';
import { offlineView, offlineViewOf } from '../../helpers/check-fixtures.js';

/** A runtime whose pings (the underlay layer) all get their answer. */
const pinging = {
  exec: async () => ({ exitCode: 0, stdout: '1 packets transmitted, 1 received, 0% packet loss', stderr: '' }),
} as unknown as Runtime;

test('a spoke whose IKEv2 pre-shared key differs from the hub: ipsec is the first broken layer', async () => {
  const view = offlineView('phase3-ipsec', (r, t) =>
    r === 'spoke2' ? t.replace('pre-shared-key DmvpnLab-ipsec', 'pre-shared-key DmvpnLab-IPsec') : t,
  );
  const d = await diagnoseNodes(view, pinging, ['spoke2'], false);
  assert.equal(d?.broken, 'ipsec', JSON.stringify(d));
  const f = d!.findings.find((x) => x.layer === 'ipsec')!;
  assert.match(f.evidence, /pre-shared keys differ: spoke2 has "DmvpnLab-IPsec", hub has "DmvpnLab-ipsec"/);

  const same = await diagnoseNodes(offlineView('phase3-ipsec'), pinging, ['spoke2'], false);
  assert.equal(same?.findings.find((x) => x.layer === 'ipsec')?.ok, true);
});

test('an IKEv1 key that differs is found too', async () => {
  const view = offlineView('phase3-ipsec-ikev1', (r, t) =>
    r === 'spoke1' ? t.replace('crypto isakmp key DMVPN_KEY', 'crypto isakmp key DMVPN_KEX') : t,
  );
  const d = await diagnoseNodes(view, pinging, ['spoke1'], false);
  assert.equal(d?.broken, 'ipsec', JSON.stringify(d));
});

test('an item naming the backup hub is diagnosed against it: a wrong NBMA for its NHS is an nhrp fault', async () => {
  const view = offlineView('dual-hub', (r, t) =>
    r === 'spoke2' ? t.replace('nhs 172.16.0.2 nbma 192.0.2.129', 'nhs 172.16.0.2 nbma 192.0.2.130') : t,
  );
  const d = await diagnoseNodes(view, pinging, ['spoke2', 'hub2'], false);
  assert.deepEqual(d?.pair, ['spoke2', 'hub2']);
  assert.equal(d?.broken, 'nhrp');
  assert.match(d!.findings.find((x) => x.layer === 'nhrp')!.evidence, /NBMA 192\.0\.2\.130.*192\.0\.2\.129/);
  // Without a hub in the item, the spoke's first NHS (hub1, configured right) is the one looked at.
  const first = await diagnoseNodes(view, pinging, ['spoke2'], false);
  assert.deepEqual(first?.pair, ['spoke2', 'hub1']);
});

test('the routing finding names the configuration mistake that keeps the routes away, and none when fixed', async () => {
  const lab = join(import.meta.dirname, '..', '..', '..', 'exercises', 'ts-split-horizon', 'lab.clab.yml');
  const routing = async (edit?: (r: string, t: string) => string) =>
    (await diagnoseNodes(offlineViewOf(lab, edit), pinging, ['host1', 'host2'], false))!.findings.find(
      (x) => x.layer === 'routing',
    )!;
  const start = await routing();
  assert.equal(start.ok, false);
  assert.match(start.evidence, /spoke1 has no route through Tunnel0 to spoke2's LAN 10\.1\.2\.0\/24 \(.*passive/);
  const fixed = await routing((r, t) =>
    r === 'hub'
      ? t.replace(' tunnel key 100', ' tunnel key 100\n no ip split-horizon')
      : t.replace(' passive-interface Tunnel0\n', ''),
  );
  // no control socket here, so no route is read: the routes are missing, but no mistake explains it
  assert.doesNotMatch(fixed.evidence, /\(/);
});
