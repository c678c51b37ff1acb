/**
 * `dmvpn-lab decode` on a capture of the IKEv1-protected lab (phase3-ipsec-ikev1): with the `ikev1_decryption_table`
 * the routers write beside the capture, the encrypted IKEv1 messages (main mode 5–6, quick mode, informational)
 * open, and list the same payloads and notify types in the same frames as tshark given the same table.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { runChecks } from '../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { dmvpnLab } from '../helpers/cli.js';
import { LABS, labFile } from '../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { tsharkMissing } from '../helpers/tshark.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : tsharkMissing();

/** tshark's encrypted IKEv1 messages: "frame exchange payload-types notify-types" (inside only). */
function tsharkRows(pcap: string, table: string[]): string[] {
  const opts = table.flatMap((k) => ['-o', `uat:ikev1_decryption_table:${k}`]);
  const fields = ['frame.number', 'isakmp.exchangetype', 'isakmp.typepayload', 'isakmp.notify.msgtype'];
  const filter = 'isakmp.flag_e == 1 && isakmp.version == 0x10';
  const out = execFileSync(
    'tshark',
    ['-r', pcap, ...opts, '-Y', filter, '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 },
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [frame, exchange, types, notifies] = l.split('|');
      // typepayload also lists an SA's proposals (2) and transforms (3)
      const inner = (types ?? '').split(',').filter((t) => t !== '' && t !== '2' && t !== '3');
      return `${frame} ${exchange} ${inner.join(',')} ${notifies || '-'}`;
    });
}

interface JsonRecord {
  frame: number;
  protocol?: string;
  exchange?: number;
  payloadTypes?: number[];
  notifyTypes?: number[];
  opened?: boolean;
}

test('decode opens IKEv1 with the lab’s ikev1_decryption_table and agrees with tshark', {
  skip,
  timeout: 180_000,
}, async () => {
  const name = uniqueName('dc1');
  const report = await runChecks(labFile('phase3-ipsec-ikev1'), {
    name,
    only: ['registration'],
    registrationTimeoutMs: 5000,
  });
  const labDir = join(LABS, 'phase3-ipsec-ikev1', `clab-${report.lab}`);
  try {
    assert.deepEqual(await leftovers(name, report.labDir), { namespaces: [], rules: [], processes: [] });
    const hub = report.pcaps.find((p) => p.endsWith('hub-eth1.pcap'))!;
    const table = readFileSync(join(dirname(hub), 'ikev1_decryption_table'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    assert.ok(table.length >= 2, 'an ISAKMP SA per spoke with the hub');

    const r = await dmvpnLab(['decode', hub, '--json']);
    assert.equal(r.exitCode, 0, String(r.stderr));
    assert.match(String(r.stderr), /ikev1_decryption_table/);
    const recs = String(r.stdout)
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JsonRecord)
      .filter((x) => x.protocol === 'ikev1');
    assert.ok(recs.length > 0 && recs.every((x) => x.opened), 'every encrypted IKEv1 message opens');
    const ours = recs.map(
      (x) => `${x.frame} ${x.exchange} ${x.payloadTypes!.join(',')} ${x.notifyTypes!.join(',') || '-'}`,
    );
    // main mode 5 and 6 (ID and HASH inside) and quick mode (HASH, SA, NONCE) of both spokes
    assert.ok(ours.filter((x) => / 2 5,8/.test(x)).length >= 4, ours.join(' / '));
    assert.ok(ours.filter((x) => / 32 8,1,10/.test(x)).length >= 4, ours.join(' / '));
    assert.deepEqual(ours, tsharkRows(hub, table));
    assert.match(String(r.stderr), /IKEv1: \d+ opened/);

    const text = await dmvpnLab(['decode', hub]);
    assert.match(String(text.stdout), /IKEv1 Quick Mode, message ID \d+, UDP (500|4500)\n {2}opened: HASH, SA, NONCE/);
  } finally {
    rmSync(labDir, { recursive: true, force: true });
  }
});
