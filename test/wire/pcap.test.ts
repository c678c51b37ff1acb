import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import { LinkType, linkPayload, readCapture, readPcap, readPcapng, writePcap } from '../../src/wire/pcap/index.js';
import { CISCO_DIR, hex, toHex } from '../helpers/wire.js';

const frames = [
  { data: hex('450000140000000040ff0000c0000201c0000202'), timestampNs: 1_700_000_000_123_456_789n },
  { data: hex('4500'), timestampNs: 1_700_000_001_000_001_000n, originalLength: 64 },
];

test('libpcap microsecond: write then read keeps data, lengths and µs timestamps', () => {
  const file = writePcap(frames, { linkType: LinkType.Raw });
  assert.equal(toHex(file.subarray(0, 4)), 'd4c3b2a1');
  const cap = readCapture(file);
  assert.equal(cap.format, 'pcap');
  assert.equal(cap.linkType, LinkType.Raw);
  assert.equal(cap.frames.length, 2);
  assert.equal(toHex(cap.frames[0].data), toHex(frames[0].data));
  assert.equal(cap.frames[0].timestampNs, 1_700_000_000_123_456_000n);
  assert.equal(cap.frames[1].originalLength, 64);
  assert.equal(cap.frames[1].number, 2);
});

test('libpcap nanosecond: magic a1b23c4d and exact timestamps', () => {
  const file = writePcap(frames, { linkType: LinkType.Ethernet, nanosecond: true });
  assert.equal(toHex(file.subarray(0, 4)), '4d3cb2a1');
  const cap = readPcap(file);
  assert.equal(cap.frames[0].timestampNs, frames[0].timestampNs);
});

test('big-endian libpcap files read the same', () => {
  const le = writePcap(frames, { linkType: LinkType.Raw });
  const be = le.slice();
  const swap = (at: number, n: number): void => {
    be.set(
      le
        .subarray(at, at + n)
        .slice()
        .reverse(),
      at,
    );
  };
  swap(0, 4);
  swap(4, 2);
  swap(6, 2);
  swap(16, 4);
  swap(20, 4);
  let pos = 24;
  for (const f of frames) {
    for (let i = 0; i < 4; i++) swap(pos + 4 * i, 4);
    pos += 16 + f.data.length;
  }
  const cap = readPcap(be);
  assert.equal(cap.linkType, LinkType.Raw);
  assert.equal(toHex(cap.frames[1].data), '4500');
  assert.equal(cap.frames[0].timestampNs, 1_700_000_000_123_456_000n);
});

test('the Cisco pcapng capture reads with its interface link type and timestamps', () => {
  const cap = readCapture(
    new Uint8Array(readFileSync(join(CISCO_DIR, 'dmvpn-phase-2-nhrp-spoke-to-spoke-resolution.pcap'))),
  );
  assert.equal(cap.format, 'pcapng');
  assert.equal(cap.linkType, LinkType.Ethernet);
  assert.ok(cap.frames.length > 0);
  assert.ok(cap.frames[0].timestampNs > 1_000_000_000n * 1_000_000_000n, 'timestamp after 2001');
  assert.equal(linkPayload(cap.frames[0].linkType, cap.frames[0].data).etherType, 0x0800);
});

/** A minimal little-endian pcapng: SHB, IDB (link 101, tsresol 10^-9), one EPB. */
function tinyPcapng(tsresol: number): Uint8Array {
  const block = (type: number, body: number[]): number[] => {
    const len = 12 + body.length;
    const u32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
    return [...u32(type), ...u32(len), ...body, ...u32(len)];
  };
  const shb = block(0x0a0d0d0a, [0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const idb = block(1, [101, 0, 0, 0, 0, 0, 4, 0, 9, 0, 1, 0, tsresol, 0, 0, 0, 0, 0, 0, 0]);
  const epb = block(6, [0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0x45, 0x00, 0, 0]);
  return Uint8Array.from([...shb, ...idb, ...epb]);
}

test('pcapng if_tsresol scales timestamps (10^-9 and 2^-10)', () => {
  const ns = readPcapng(tinyPcapng(9));
  assert.equal(ns.linkType, LinkType.Raw);
  assert.equal(ns.frames[0].timestampNs, 5n);
  assert.equal(toHex(ns.frames[0].data), '4500');
  const pow2 = readPcapng(tinyPcapng(0x80 | 10));
  assert.equal(pow2.frames[0].timestampNs, (5n * 1_000_000_000n) / 1024n);
});

test('truncated and foreign files are DecodeErrors', () => {
  const file = writePcap(frames, { linkType: LinkType.Raw });
  for (const bad of [
    file.subarray(0, 30),
    file.subarray(0, file.length - 1),
    hex('00112233445566778899'),
    tinyPcapng(9).subarray(0, 40),
  ]) {
    assert.throws(() => readCapture(bad), DecodeError);
  }
});

test('link layers: Ethernet with VLAN tag, Linux cooked v1 and v2, raw, null', () => {
  const ip = hex('4500');
  const eth = Uint8Array.from([...new Uint8Array(12), 0x81, 0x00, 0x00, 0x0a, 0x08, 0x00, ...ip]);
  assert.deepEqual(linkPayload(LinkType.Ethernet, eth), { etherType: 0x0800, payload: ip });
  const sll = Uint8Array.from([...new Uint8Array(14), 0x08, 0x00, ...ip]);
  assert.equal(toHex(linkPayload(LinkType.LinuxSll, sll).payload), '4500');
  const sll2 = Uint8Array.from([0x08, 0x00, ...new Uint8Array(18), ...ip]);
  assert.equal(linkPayload(LinkType.LinuxSll2, sll2).etherType, 0x0800);
  assert.equal(linkPayload(LinkType.Raw, hex('6000')).etherType, 0x86dd);
  assert.equal(linkPayload(LinkType.Null, hex('02000000 4500')).etherType, 0x0800);
  assert.throws(() => linkPayload(LinkType.Ethernet, new Uint8Array(13)), DecodeError);
  assert.throws(
    () => linkPayload(9999, ip),
    (e: unknown) => e instanceof DecodeError && e.code === 'UNSUPPORTED',
  );
});
