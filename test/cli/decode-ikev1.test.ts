/**
 * `dmvpn-lab decode` opens IKEv1 as tshark does with the same `ikev1_decryption_table`: two IKEv1 engines run main
 * (or aggressive) mode, quick mode, DPD, a quick mode rekey and the Deletes that follow; the messages go into a pcap,
 * and the encrypted ones (main mode 5–6, aggressive mode 3, quick mode, informational) list the same payloads and
 * notify types in both.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeCaptureFile, type DecodeRecord } from '../../src/cli/decode-report.js';
import { formatRecord } from '../../src/cli/decode-text.js';
import type { Ikev1ConfigInput } from '../../src/ikev1/index.js';
import { Ikev1Keyring } from '../../src/ikev1/capture.js';
import { EspKeyring } from '../../src/ipsec/capture.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { base, Pair } from '../ikev1/harness.js';
import { tsharkMissing } from '../helpers/tshark.js';

const A = '192.0.2.1';
const B = '198.51.100.2';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Runs the exchanges; returns the UDP payloads in the order delivered and the key table lines. */
function run(extra: Partial<Ikev1ConfigInput>): { frames: Uint8Array[]; table: string[] } {
  const cfg = { dpd: { interval: 10, retry: 2 }, childLifetime: 100, ...extra };
  const p = new Pair({ ...base(A), ...cfg }, { ...base(B), ...cfg });
  const frames: Uint8Array[] = [];
  const table = new Set<string>();
  for (const side of [p.a, p.b]) {
    const e = side.engine;
    const receive = e.receive.bind(e);
    e.receive = (now, bytes, from, localPort) => {
      const payload = localPort === 4500 ? Buffer.concat([new Uint8Array(4), bytes]) : bytes;
      const udp = encodeUdp({ srcPort: from.port, dstPort: localPort, payload }, from.address, side.address);
      frames.push(encodeIpv4(makeIpv4({ src: from.address, dst: side.address, protocol: 17, ttl: 64, payload: udp })));
      return receive(now, bytes, from, localPort);
    };
    e.onKeys = (k) => table.add(`${hex(k.initiatorCookie)},${hex(k.encryptionKey)}`);
  }
  p.deliver(p.a, p.a.engine.initiate(p.now, B));
  p.advance(97_000);
  p.deliver(p.a, p.a.engine.clear(p.now));
  return { frames, table: [...table] };
}

function pcap(dir: string, frames: Uint8Array[]): string {
  const file = join(dir, 'ikev1.pcap');
  writeFileSync(
    file,
    writePcap(
      frames.map((data) => ({ data })),
      { linkType: LinkType.Raw },
    ),
  );
  return file;
}

/** tshark's encrypted IKEv1 messages: "frame exchange payload-types notify-types" (inside only). */
function tsharkRows(file: string, table: string[]): string[] {
  const opts = table.flatMap((k) => ['-o', `uat:ikev1_decryption_table:${k}`]);
  const fields = ['frame.number', 'isakmp.exchangetype', 'isakmp.typepayload', 'isakmp.notify.msgtype'];
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      ...opts,
      '-Y',
      'isakmp.flag_e == 1 && isakmp.version == 0x10',
      '-T',
      'fields',
      '-E',
      'separator=|',
    ].concat(fields.flatMap((f) => ['-e', f])),
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
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

function ourRows(records: DecodeRecord[]): string[] {
  return records.flatMap((r) =>
    'protocol' in r && r.protocol === 'ikev1'
      ? [`${r.frame} ${r.exchange} ${r.payloadTypes.join(',')} ${r.notifyTypes.join(',') || '-'}`]
      : [],
  );
}

for (const [encr, hash, group] of [
  ['aes-256', 'sha256', 14],
  ['3des', 'md5', 2],
  ['aes-128', 'sha', 19],
] as const) {
  test(`decode opens IKEv1 (${encr}/${hash}/group ${group}) as tshark does with ikev1_decryption_table`, {
    skip: tsharkMissing(),
  }, () => {
    const { frames, table } = run({ policies: [{ priority: 10, encr, hash, group, lifetime: 86400 }] });
    assert.equal(table.length, 1, 'one ISAKMP SA');
    const dir = mkdtempSync(join(tmpdir(), 'decode-ikev1-'));
    try {
      const file = pcap(dir, frames);
      const theirs = tsharkRows(file, table);
      const { records, summary } = decodeCaptureFile(new Uint8Array(readFileSync(file)), {
        keyring: new EspKeyring(),
        ikev1Keyring: new Ikev1Keyring(table.join('\n')),
      });
      const ours = ourRows(records);
      // main mode 5-6 (ID, HASH), quick mode 1-3 twice, DPD and its ack, Deletes
      assert.ok(
        ours.some((r) => / 2 5,8 /.test(r)),
        `MM5/MM6: ${ours.join(' / ')}`,
      );
      assert.ok(ours.filter((r) => / 32 8,1,10/.test(r)).length >= 4, 'quick mode 1 and 2 of two quick modes');
      assert.ok(
        ours.some((r) => / 5 8,11 36136$/.test(r)),
        'R-U-THERE',
      );
      assert.ok(
        ours.some((r) => / 5 8,12 /.test(r)),
        'Delete',
      );
      assert.deepEqual(ours, theirs);
      assert.equal(summary.ikev1, ours.length);
      const text = records.flatMap(formatRecord).join('\n');
      assert.match(text, /IKEv1 Identity Protection \(Main Mode\), message ID 0, UDP 500\n {2}opened: ID, HASH/);
      assert.match(text, /opened: HASH, N\(R-U-THERE\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('aggressive mode: message 3 (HASH) opens with the IV of the KE payloads of messages 1 and 2, as in tshark', {
  skip: tsharkMissing(),
}, () => {
  const { frames, table } = run({ initiateAggressive: true });
  const dir = mkdtempSync(join(tmpdir(), 'decode-ikev1-'));
  try {
    const file = pcap(dir, frames);
    const { records } = decodeCaptureFile(new Uint8Array(readFileSync(file)), {
      ikev1Keyring: new Ikev1Keyring(table.join('\n')),
    });
    const ours = ourRows(records);
    assert.ok(
      ours.some((r) => / 4 8/.test(r)),
      `AM3: ${ours.join(' / ')}`,
    );
    assert.ok(
      ours.some((r) => / 32 8,1,10/.test(r)),
      'quick mode after aggressive mode',
    );
    assert.deepEqual(ours, tsharkRows(file, table));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without the key nothing of IKEv1 is listed; a wrong key is reported per message', () => {
  const { frames, table } = run({});
  const bytes = writePcap(
    frames.map((data) => ({ data })),
    { linkType: LinkType.Raw },
  );
  assert.deepEqual(ourRows(decodeCaptureFile(bytes, { ikev1Keyring: new Ikev1Keyring('') }).records), []);
  const wrong = table[0]!.replace(/,(..)/, (_, b: string) => `,${b === 'ff' ? '00' : 'ff'}`);
  const { records } = decodeCaptureFile(bytes, { ikev1Keyring: new Ikev1Keyring(wrong) });
  const v1 = records.filter((r) => 'protocol' in r && r.protocol === 'ikev1');
  assert.ok(v1.length > 0 && v1.every((r) => 'opened' in r && !r.opened && /does not decode/.test(r.openError ?? '')));
});
