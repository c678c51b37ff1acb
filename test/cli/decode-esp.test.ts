/**
 * `dmvpn-lab decode` on a capture of a protected lab (phase3-ipsec): with the lab's `esp_sa` keys (beside the
 * capture, or `--keys`) it opens the ESP and prints the NHRP inside; tshark, given the same keys as its esp_sa
 * table, finds the same NHRP packets in the same frames with the same SPIs. Without keys neither sees NHRP. The
 * encrypted IKEv2 messages (IKE_AUTH) open with the `ikev2_decryption_table` beside the capture, with the same inner
 * payloads and notify types as tshark's IKEv2 decryption table gives.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** NHRP packets as "frame type src-proto>dst-proto spi". */
type Row = string;

function tsharkRows(pcap: string, keys: string[]): Row[] {
  const opts = ['-o', 'esp.enable_encryption_decode:TRUE', ...keys.flatMap((k) => ['-o', `uat:esp_sa:${k}`])];
  const out = execFileSync(
    'tshark',
    [
      '-r',
      pcap,
      ...opts,
      '-Y',
      'nhrp',
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'frame.number',
      '-e',
      'nhrp.hdr.op.type',
      '-e',
      'nhrp.src.prot.addr',
      '-e',
      'nhrp.dst.prot.addr',
      '-e',
      'esp.spi',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 },
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [frame, type, src, dst, spi] = l.split('|');
      return `${frame} ${type} ${src}>${dst} ${spi ? `0x${Number(spi).toString(16).padStart(8, '0')}` : '-'}`;
    });
}

/** Encrypted IKEv2 messages tshark opens: "frame exchange payload-types notify-types" (inside SK only). */
function tsharkIke(pcap: string, table: string[]): Row[] {
  const opts = table.flatMap((k) => ['-o', `uat:ikev2_decryption_table:${k}`]);
  const out = execFileSync(
    'tshark',
    [
      '-r',
      pcap,
      ...opts,
      '-Y',
      'isakmp.typepayload == 46',
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'frame.number',
      '-e',
      'isakmp.exchangetype',
      '-e',
      'isakmp.typepayload',
      '-e',
      'isakmp.notify.msgtype',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 },
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [frame, exchange, types, notifies] = l.split('|');
      // typepayload lists every payload and the SA's proposals (2) and transforms (3); those inside SK follow 46
      const all = types!.split(',').map(Number);
      const inner = all.slice(all.indexOf(46) + 1).filter((t) => t !== 2 && t !== 3);
      return `${frame} ${exchange} ${inner.join(',')} ${notifies || '-'}`;
    });
}

interface JsonRecord {
  frame: number;
  type?: number;
  srcProto?: string;
  dstProto?: string;
  esp?: { spi: string };
  error?: unknown;
  protocol?: string;
  exchange?: number;
  payloadTypes?: number[];
  notifyTypes?: number[];
}

async function ourRows(
  args: string[],
): Promise<{ rows: Row[]; ike: Row[]; stderr: string; exitCode: number | undefined }> {
  const r = await dmvpnLab(['decode', ...args, '--json']);
  const recs = String(r.stdout)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonRecord);
  const rows = recs
    .filter((x) => x.type !== undefined && !x.error)
    .map((x) => `${x.frame} ${x.type} ${x.srcProto}>${x.dstProto} ${x.esp?.spi ?? '-'}`);
  const ike = recs
    .filter((x) => x.protocol === 'ikev2')
    .map(
      (x) =>
        `${x.frame} ${x.exchange} ${x.payloadTypes!.join(',')} ${x.notifyTypes!.length ? x.notifyTypes!.join(',') : '-'}`,
    );
  return { rows, ike, stderr: String(r.stderr), exitCode: r.exitCode };
}

test('decode opens ESP with the lab keys and agrees with tshark’s esp_sa decryption', {
  skip,
  timeout: 180_000,
}, async () => {
  const name = uniqueName('dce');
  const report = await runChecks(labFile('phase3-ipsec'), {
    name,
    only: ['registration'],
    registrationTimeoutMs: 5000,
  });
  const labDir = join(LABS, 'phase3-ipsec', `clab-${report.lab}`);
  const copy = mkdtempSync(join(tmpdir(), 'decode-esp-'));
  try {
    assert.deepEqual(await leftovers(name, report.labDir), { namespaces: [], rules: [], processes: [] });
    const hub = report.pcaps.find((p) => p.endsWith('hub-eth1.pcap'))!;
    const espSa = join(dirname(hub), 'esp_sa');
    const keys = readFileSync(espSa, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    assert.ok(keys.length >= 4, 'two child SAs (both directions) with the hub');

    // The lab's keys beside the capture are used without being named.
    const auto = await ourRows([hub]);
    assert.equal(auto.exitCode, 0, auto.stderr);
    assert.match(auto.stderr, /opening ESP and IKEv2 with .*esp_sa, .*ikev2_decryption_table/);
    assert.match(auto.stderr, /ESP: \d+ opened, 0 sealed/);
    const theirs = tsharkRows(hub, keys);
    assert.ok(theirs.length >= 4, `tshark sees NHRP inside ESP: ${theirs.join(', ')}`);
    assert.ok(
      auto.rows.every((r) => !r.endsWith(' -')),
      'every NHRP packet of a protected lab came in ESP',
    );
    assert.deepEqual(auto.rows, theirs);
    assert.ok(
      auto.rows.some((r) => / 3 /.test(r)) && auto.rows.some((r) => / 4 /.test(r)),
      'Registration Request and Reply',
    );

    // IKEv2: IKE_AUTH (exchange 35) of both spokes opened, as tshark opens it with the same table.
    const table = readFileSync(join(dirname(hub), 'ikev2_decryption_table'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const theirIke = tsharkIke(hub, table);
    assert.ok(theirIke.filter((r) => / 35 /.test(r)).length >= 4, `tshark opens IKE_AUTH: ${theirIke.join(', ')}`);
    assert.deepEqual(auto.ike, theirIke);
    assert.match(auto.stderr, /IKEv2: \d+ opened/);

    // A copy elsewhere: nothing beside it, so nothing opens — as tshark without keys — until --keys names them.
    const moved = join(copy, 'hub-eth1.pcap');
    copyFileSync(hub, moved);
    const none = await ourRows([moved]);
    assert.deepEqual(none.rows, []);
    assert.deepEqual(none.ike, []);
    assert.deepEqual(tsharkRows(moved, []), []);
    const named = await ourRows([moved, '--keys', espSa]);
    assert.deepEqual(named.rows, theirs);
    const folder = await ourRows([moved, '--keys', dirname(hub)]);
    assert.deepEqual(folder.rows, theirs);
    assert.deepEqual(folder.ike, theirIke);
    assert.deepEqual((await ourRows([hub, '--no-keys'])).rows, []);

    const missing = await dmvpnLab(['decode', moved, '--keys', join(copy, 'nope')]);
    assert.equal(missing.exitCode, 2);
    assert.match(String(missing.stderr), /no esp_sa or ikev2_decryption_table file there/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(labDir, { recursive: true, force: true });
  }
});
