import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeCaptureFile, formatSummary, type EigrpRecord } from '../../src/cli/decode-report.js';
import { formatRecord } from '../../src/cli/decode-text.js';
import { encodeEigrp, makeEigrp, parametersTlv } from '../../src/wire/eigrp/index.js';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { encodeNhrp, makeNhrp } from '../../src/wire/nhrp/index.js';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';
import { greOf } from '../helpers/wire.js';

const CISCO_DIR = new URL('../fixtures/reference/cisco/', import.meta.url).pathname;
const FILES = [
  'eigrp-graceful-shutdown-hello-packet.pcapng',
  'eigrp-neighbor-adjacency-ios15.pcapng',
  'eigrp-query-reply.pcapng',
  'eigrp-sha-authentication.pcapng',
  'eigrp-unicast-neighbor-adjacency.pcap',
];
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(CISCO_DIR, file)));
const isEigrp = (r: unknown): r is EigrpRecord =>
  typeof r === 'object' && r !== null && 'protocol' in r && !('error' in r);
/** Asserts that `text` has `line` as one of its lines. */
const hasLine = (text: string, line: string): void => {
  assert.ok(text.split('\n').includes(line), `missing line: ${line}`);
};

test('decode reports every EIGRP packet of the captures, valid and re-encoding identically', () => {
  for (const file of FILES) {
    const { records, summary } = decodeCaptureFile(read(file));
    assert.deepEqual(summary, { frames: summary.frames, nhrp: 0, eigrp: summary.frames, malformed: 0, other: 0 }, file);
    assert.equal(records.length, summary.frames, file);
    for (const r of records) {
      assert.ok(isEigrp(r), `${file} frame ${r.frame}: an EIGRP record`);
      assert.ok(r.checksumValid && r.reencodes, `${file} frame ${r.frame}: checksum and re-encoding`);
    }
  }
  const { records } = decodeCaptureFile(read('eigrp-query-reply.pcapng'));
  const query = records[2];
  assert.ok(isEigrp(query));
  assert.deepEqual(
    [query.opcodeName, query.sequence, query.as, query.nbmaSrc, query.nbmaDst],
    ['Query', 10, 1, '192.168.12.1', '224.0.0.10'],
  );
  assert.deepEqual(query.tlvs[0].prefixes, ['1.1.1.1/32']);
  assert.equal(query.tlvs[0].routerId, '11.11.11.11');
  assert.equal(query.tlvs[0].unreachable, true);
  assert.equal((records[3] as EigrpRecord).opcodeName, 'Hello (Ack)');
});

test('text layout: header line, K values, hold time, routes with prefix, next hop, delay and bandwidth', () => {
  const text = (file: string): string => decodeCaptureFile(read(file)).records.flatMap(formatRecord).join('\n');
  const qr = text('eigrp-query-reply.pcapng');
  hasLine(
    qr,
    'Frame 3: 192.168.12.1 -> 224.0.0.10 EIGRP Query, flags 0x00000000, seq 10, ack 0, AS 1, ' +
      'checksum 0xf2a5 valid, re-encode identical',
  );
  hasLine(
    qr,
    '  Internal Route 1.1.1.1/32 via 0.0.0.0, router ID 11.11.11.11: unreachable (delay infinity), ' +
      'bandwidth 4294967295, MTU 0, hops 255, reliability 204, load 0, [active]',
  );
  assert.match(qr, /^ {2}Parameters: K1 1, K2 0, K3 1, K4 0, K5 0, K6 0, hold time 15 s$/m);
  assert.match(qr, /^ {2}Software Version: EIGRP=20\.0, TLV=2\.0$/m);
  const adj = text('eigrp-neighbor-adjacency-ios15.pcapng');
  assert.match(adj, /EIGRP Update, flags 0x0000000a \[CR EOT\], seq 2, ack 0, AS 12/);
  hasLine(
    adj,
    '  Internal Route (IPv4) 1.1.1.0/24 via 0.0.0.0: delay 128000, bandwidth 256, MTU 1514, hops 0, ' +
      'reliability 255, load 1, tag 0',
  );
  assert.match(adj, /^ {2}Sequence: 192\.168\.12\.2$/m);
  assert.match(adj, /^ {2}Next Multicast Sequence: 2$/m);
  assert.match(
    text('eigrp-sha-authentication.pcapng'),
    /^ {2}Authentication SHA256: key ID 0, key sequence 0, digest 1720e6fc[0-9a-f]{56}$/m,
  );
  assert.match(text('eigrp-graceful-shutdown-hello-packet.pcapng'), /K6 255, hold time 15 s \(Peer Termination\)$/m);
});

test('NHRP, EIGRP, malformed EIGRP and other frames together: counts and summary line', () => {
  const ip = (payload: Uint8Array, protocol: number): Uint8Array =>
    encodeIpv4(makeIpv4({ src: '192.0.2.2', dst: '192.0.2.1', protocol, payload }));
  const nhrp = greOf(GreProto.Nhrp, encodeNhrp(makeNhrp()));
  const hello = encodeEigrp(makeEigrp({ tlvs: [parametersTlv()] }));
  const cutIp = ip(hello, 88).subarray(0, 30); // the IPv4 total length says more than the frame holds
  const frames = [ip(nhrp, 47), ip(hello, 88), ip(hello.subarray(0, 12), 88), ip(new Uint8Array(8), 1), cutIp];
  const file = writePcap(
    frames.map((data) => ({ data })),
    { linkType: LinkType.Raw },
  );
  const { records, summary } = decodeCaptureFile(file);
  assert.deepEqual(summary, { frames: 5, nhrp: 1, eigrp: 1, malformed: 2, other: 1 });
  assert.equal(formatSummary(summary), '5 frames: 1 NHRP, 1 EIGRP, 2 malformed, 1 other (not NHRP or EIGRP)');
  const bad = records[2];
  assert.ok('error' in bad);
  assert.deepEqual(
    [bad.protocol, bad.error.layer, bad.error.code, bad.error.offset],
    ['eigrp', 'eigrp', 'TRUNCATED', 0],
  );
  const cut = records[3];
  assert.ok('error' in cut);
  assert.deepEqual([cut.frame, cut.protocol, cut.error.layer, cut.error.code], [5, 'eigrp', 'ipv4', 'TRUNCATED']);
  assert.match(formatRecord(bad).join('\n'), /^Frame 3: 192\.0\.2\.2 -> 192\.0\.2\.1 MALFORMED EIGRP: TRUNCATED/);
});

test('the CLI prints EIGRP packets as JSON lines with --json', () => {
  const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
  const path = join(CISCO_DIR, 'eigrp-sha-authentication.pcapng');
  const out = execFileSync(process.execPath, ['--import', 'tsx', main, 'decode', '--json', path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 11);
  assert.ok(lines.every((l) => l.protocol === 'eigrp' && l.as === 12));
  const tlvs = lines[0].tlvs as Array<Record<string, unknown>>;
  assert.deepEqual(
    tlvs.map((t) => t.type),
    ['authentication', 'parameters', 'softwareVersion', 'topologyIds'],
  );
  assert.equal(tlvs[0].authTypeName, 'SHA256');
  assert.equal(tlvs[1].holdTime, 15);
});
