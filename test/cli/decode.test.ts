import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeCaptureFile, formatSummary, type DecodeRecord } from '../../src/cli/decode-report.js';
import { formatRecord } from '../../src/cli/decode-text.js';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { ciscoExtensions, encodeNhrp, makeCie, makeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';
import { greOf } from '../helpers/wire.js';

const gre = (payload: Uint8Array, key?: number): Uint8Array => greOf(GreProto.Nhrp, payload, { key });
const ip = (payload: Uint8Array, protocol = 47): Uint8Array =>
  encodeIpv4(makeIpv4({ src: '192.0.2.2', dst: '192.0.2.1', protocol, payload }));

const good = encodeNhrp(
  makeNhrp({
    type: NhrpType.RegistrationRequest,
    flags: 0x8002,
    requestId: 9,
    srcNbma: '192.0.2.2',
    srcProto: '10.0.0.2',
    dstProto: '10.0.0.1',
    cies: [makeCie()],
    extensions: ciscoExtensions({
      password: 'DMVPN',
      nat: [makeCie({ nbmaAddress: '192.0.2.1', protocolAddress: '10.0.0.1' })],
    }),
  }),
);
const broken = good.slice(0, 30); // ar$pktsz says more than is there

const file = writePcap(
  [
    { data: ip(gre(good, 1000)) },
    { data: ip(new Uint8Array(8), 1) },
    { data: ip(gre(broken)) },
    { data: ip(gre(good)) },
  ],
  { linkType: LinkType.Raw },
);

test('decode reports NHRP packets with NBMA, key, checksum and re-encode verdicts; others only counted', () => {
  const { records, summary } = decodeCaptureFile(file);
  assert.deepEqual(summary, { frames: 4, nhrp: 2, malformed: 1, other: 1 });
  assert.deepEqual(
    records.map((r) => r.frame),
    [1, 3, 4],
  );
  const first = records[0];
  assert.ok(!('error' in first) && !('protocol' in first), 'an NHRP record');
  assert.equal(first.nbmaSrc, '192.0.2.2');
  assert.equal(first.nbmaDst, '192.0.2.1');
  assert.equal(first.greKey, 1000);
  assert.equal(first.typeName, 'Registration Request');
  assert.deepEqual(first.flagNames, ['U', 'NAT']);
  assert.equal(first.requestId, 9);
  assert.equal(first.checksumValid, true);
  assert.equal(first.reencodes, true);
  const auth = first.extensions.find((e) => e.type === 'authentication');
  assert.equal(auth?.password, 'DMVPN');
  const nat = first.extensions.find((e) => e.type === 'ciscoNat');
  assert.equal(nat?.cies?.[0].nbmaAddress, '192.0.2.1');
  const bad = records[1] as DecodeRecord;
  assert.ok('error' in bad);
  assert.deepEqual(
    { layer: bad.error.layer, code: bad.error.code, offset: bad.error.offset },
    { layer: 'nhrp', code: 'TRUNCATED', offset: 10 },
  );
  assert.equal(records[2].greKey, null);
  assert.equal(formatSummary(summary), '4 frames: 2 NHRP, 1 malformed, 1 other (not NHRP)');
});

test('text layout names the packet, its extensions and the error of a malformed one', () => {
  const { records } = decodeCaptureFile(file);
  const text = records.flatMap(formatRecord).join('\n');
  assert.match(
    text,
    /^Frame 1: 192\.0\.2\.2 -> 192\.0\.2\.1 key 1000 NHRP Registration Request, hop 255, flags 0x8002 \[U NAT\], id 9, checksum 0x[0-9a-f]{4} valid, re-encode identical$/m,
  );
  assert.match(text, /ext Authentication \(0x8007, compulsory\): SPI 1, password "DMVPN"/);
  assert.match(text, /^Frame 3: .* MALFORMED NHRP: TRUNCATED/m);
});

test('the CLI prints one JSON object per NHRP packet and the summary on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'decode-'));
  try {
    const path = join(dir, 'x.pcap');
    writeFileSync(path, file);
    const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
    const out = execFileSync(process.execPath, ['--import', 'tsx', main, 'decode', '--json', path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.frame),
      [1, 3, 4],
    );
    assert.equal(lines[0].type, 3);
    assert.equal((lines[1].error as { code: string }).code, 'TRUNCATED');
    const text = execFileSync(process.execPath, ['--import', 'tsx', main, 'decode', path], { encoding: 'utf8' });
    assert.match(text, /4 frames: 2 NHRP, 1 malformed, 1 other \(not NHRP\)\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Frames as a pcapng file: a section header, one raw-IP interface, an enhanced packet block per frame. */
function asPcapng(frames: Uint8Array[]): Uint8Array {
  const u32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
  const block = (type: number, body: number[]): number[] => {
    const len = u32(12 + body.length);
    return [...u32(type), ...len, ...body, ...len];
  };
  const pad = (d: Uint8Array): number[] => [...d, ...new Array((4 - (d.length % 4)) % 4).fill(0)];
  const shb = block(0x0a0d0d0a, [...u32(0x1a2b3c4d), 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const idb = block(1, [101, 0, 0, 0, ...u32(0)]);
  const epb = (d: Uint8Array): number[] =>
    block(6, [...u32(0), ...u32(0), ...u32(0), ...u32(d.length), ...u32(d.length), ...pad(d)]);
  const epbs = frames.flatMap(epb);
  return Uint8Array.from([...shb, ...idb, ...epbs]);
}

test('a pcap or pcapng file cut short in a packet: every complete frame printed, then the truncation, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'decode-'));
  try {
    const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
    const ng = asPcapng([ip(gre(good, 1000)), ip(new Uint8Array(8), 1), ip(gre(broken)), ip(gre(good))]);
    for (const [name, bytes] of [
      ['cut.pcap', file],
      ['cut.pcapng', ng],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes.subarray(0, bytes.length - 10)); // frame 4 loses its last bytes
      const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'decode', path], { encoding: 'utf8' });
      assert.equal(r.status, 2, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /^Frame 1: 192\.0\.2\.2 -> 192\.0\.2\.1 key 1000 NHRP Registration Request/m, name);
      assert.match(r.stdout, /^Frame 3: .* MALFORMED NHRP: TRUNCATED/m, name);
      assert.doesNotMatch(r.stdout, /^Frame 4/m, name);
      assert.match(r.stdout, /3 frames: 1 NHRP, 1 malformed, 1 other \(not NHRP\)\n$/, name);
      assert.match(r.stderr, new RegExp(`${name} appears to have been cut short in the middle of a packet`), name);
      // the whole file still decodes, and strict readers still refuse the cut one
      const whole = decodeCaptureFile(bytes);
      assert.equal(whole.summary.frames, 4, name);
      assert.equal(whole.cutShort, undefined, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
