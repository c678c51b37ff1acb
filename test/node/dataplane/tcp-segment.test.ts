import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onesSum } from '../../../src/wire/checksum.js';
import { TcpCoalescer } from '../../../src/node/dataplane/tcp-coalesce.js';
import {
  TcpSegmenter,
  VNET_F_NEEDS_CSUM,
  VNET_GSO_NONE,
  VNET_GSO_TCPV4,
  VNET_GSO_TCPV6,
  type VnetHeader,
} from '../../../src/node/dataplane/tcp-segment.js';
import { dissect, tsharkMissing, wsItems, type Json } from '../../helpers/tshark.js';

const ETH = 14;
const put16 = (b: Uint8Array, at: number, v: number) => ((b[at] = v >> 8), (b[at + 1] = v & 0xff));
const put32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(at, v);
const get32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at);

/** A TCP header (32 bytes with timestamps) and `size` payload bytes (a counting pattern), checksum field 0. */
function tcp(seq: number, flags: number, size: number): Uint8Array {
  const t = new Uint8Array(32 + size);
  put16(t, 0, 5001);
  put16(t, 2, 40000);
  put32(t, 4, seq);
  put32(t, 8, 777);
  t[12] = 8 << 4;
  t[13] = flags;
  put16(t, 14, 502);
  t.set([1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 7], 20);
  for (let i = 0; i < size; i++) t[32 + i] = (i * 7 + 3) & 0xff;
  return t;
}

/**
 * A GSO frame as the kernel hands it to a TAP with TSO: Ethernet, IP header, TCP header whose checksum field
 * holds the pseudo-header sum over the whole frame's TCP length, and all the payload.
 */
function gsoFrame(v4: boolean, seq: number, flags: number, size: number): Uint8Array {
  const l4 = tcp(seq, flags, size);
  const ipLen = v4 ? 20 : 40;
  const f = new Uint8Array(ETH + ipLen + l4.length);
  f.set([2, 0, 0, 0, 0, 1, 2, 0xdd, 10, 0, 0, 2, v4 ? 0x08 : 0x86, v4 ? 0x00 : 0xdd]);
  const ip = f.subarray(ETH);
  if (v4) {
    ip.set([0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
    put16(ip, 2, 20 + l4.length);
  } else {
    ip.set([0x60, 0, 0, 0, 0, 0, 6, 64]);
    put16(ip, 4, l4.length);
    ip.set([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1], 8);
    ip.set([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 2], 24);
  }
  f.set(l4, ETH + ipLen);
  const pseudo = v4 ? onesSum(f, ETH + 12, ETH + 20, 6 + l4.length) : onesSum(f, ETH + 8, ETH + 40, 6 + l4.length);
  put16(f, ETH + ipLen + 16, pseudo);
  return f;
}

function header(v4: boolean, gsoSize: number): VnetHeader {
  return {
    flags: VNET_F_NEEDS_CSUM,
    gsoType: v4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6,
    gsoSize,
    csumStart: ETH + (v4 ? 20 : 40),
    csumOffset: 16,
  };
}

function cut(v4: boolean, flags: number, size: number, mss: number) {
  const s = new TcpSegmenter();
  const out: Uint8Array[] = [];
  const frame = gsoFrame(v4, 0xfffff000, flags, size);
  assert.equal(
    s.handle(header(v4, mss), frame, (f) => out.push(f.slice())),
    true,
  );
  return { s, out, frame };
}

const tcpOk = (f: Uint8Array, t: number, v4: boolean) =>
  onesSum(f, t, f.length, v4 ? onesSum(f, 26, 34, 6 + f.length - t) : onesSum(f, 22, 54, 6 + f.length - t)) === 0xffff;

test('a GSO TCP/IPv4 frame is cut into gso_size segments with their own lengths, IDs, sequence numbers, flags and checksums', () => {
  const { s, out, frame } = cut(true, 0x80 | 0x18 | 0x01, 3500, 1000); // CWR, PSH, ACK, FIN
  assert.equal(out.length, 4);
  out.forEach((f, i) => {
    const size = i < 3 ? 1000 : 500;
    assert.equal(f.length, ETH + 20 + 32 + size);
    assert.equal((f[16] << 8) | f[17], 20 + 32 + size, 'IP total length');
    assert.equal((f[18] << 8) | f[19], 0x1234 + i, 'IPv4 ID counts up per segment');
    assert.equal(onesSum(f, ETH, ETH + 20), 0xffff, 'IP header checksum');
    assert.equal(get32(f, 34 + 4), (0xfffff000 + i * 1000) >>> 0, 'sequence number (wraps)');
    const want = (i === 0 ? 0x80 : 0) | 0x10 | (i === 3 ? 0x09 : 0);
    assert.equal(f[34 + 13], want, `flags of segment ${i}`);
    assert.ok(tcpOk(f, 34, true), `TCP checksum of segment ${i}`);
    assert.deepEqual(f.subarray(66), frame.subarray(66 + i * 1000, 66 + i * 1000 + size));
  });
  assert.deepEqual(s.stats, { gsoFrames: 1, segments: 4, checksums: 0, malformed: 0 });
});

test('the receive side merges the segments back into the frame that was cut', () => {
  const { out, frame } = cut(true, 0x10, 4000, 1000);
  const merged: Uint8Array[] = [];
  const c = new TcpCoalescer((_h, f) => (merged.push(f.slice()), f.length));
  for (const f of out) c.write(f);
  c.flush();
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].subarray(66), frame.subarray(66), 'same payload');
  assert.equal(c.stats.badChecksum, 0);
});

test('a GSO TCP/IPv6 frame is cut with payload lengths and TCP checksums over the IPv6 pseudo header', () => {
  const { out } = cut(false, 0x18, 2100, 1000);
  assert.equal(out.length, 3);
  out.forEach((f, i) => {
    const size = i < 2 ? 1000 : 100;
    assert.equal((f[18] << 8) | f[19], 32 + size, 'IPv6 payload length');
    assert.ok(tcpOk(f, 54, false), `TCP checksum of segment ${i}`);
    assert.equal(f[54 + 13], i === 2 ? 0x18 : 0x10);
  });
});

test('a partial checksum on a frame without GSO is completed in place (UDP)', () => {
  const s = new TcpSegmenter();
  const f = new Uint8Array(ETH + 20 + 8 + 33);
  f.set([0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], ETH);
  put16(f, ETH + 2, 20 + 8 + 33);
  put16(f, ETH + 10, ~onesSum(f, ETH, ETH + 20) & 0xffff);
  put16(f, 34, 5353);
  put16(f, 36, 53);
  put16(f, 38, 8 + 33);
  f.fill(0xab, 42);
  put16(f, 40, onesSum(f, 26, 34, 17 + 41));
  const out: Uint8Array[] = [];
  s.handle({ flags: VNET_F_NEEDS_CSUM, gsoType: VNET_GSO_NONE, gsoSize: 0, csumStart: 34, csumOffset: 6 }, f, (x) =>
    out.push(x),
  );
  assert.equal(out.length, 1);
  assert.equal(out[0], f, 'completed in place, not copied');
  assert.equal(onesSum(f, 34, f.length, onesSum(f, 26, 34, 17 + 41)), 0xffff);
  assert.equal(s.stats.checksums, 1);
});

test('frames that cannot be cut are refused and counted, never emitted', () => {
  const s = new TcpSegmenter();
  const f = gsoFrame(true, 1, 0x10, 3000);
  const emitted: Uint8Array[] = [];
  const emit = (x: Uint8Array) => emitted.push(x);
  assert.equal(s.handle({ ...header(true, 1000), gsoSize: 0 }, f, emit), false, 'gso_size 0');
  assert.equal(s.handle({ ...header(true, 1000), gsoType: 3 }, f, emit), false, 'UDP fragmentation offload');
  assert.equal(s.handle({ ...header(true, 1000), csumStart: f.length }, f, emit), false, 'csum_start past the end');
  assert.equal(s.handle({ ...header(true, 1000), csumStart: 20 }, f, emit), false, 'IP header shorter than 20');
  const short = f.slice(0, 34 + 10);
  assert.equal(s.handle(header(true, 1000), short, emit), false, 'truncated TCP header');
  assert.equal(emitted.length, 0);
  assert.equal(s.stats.malformed, 5);
});

test('segments stay valid past a full arena: a new one is taken and older segments keep their bytes', () => {
  const s = new TcpSegmenter();
  const kept: Uint8Array[] = [];
  for (let n = 0; n < 80; n++) s.handle(header(true, 1400), gsoFrame(true, n << 16, 0x10, 65_000), (f) => kept.push(f));
  assert.equal(kept.length, 80 * 47);
  for (const [i, f] of kept.entries()) assert.ok(tcpOk(f, 34, true), `segment ${i} still intact`);
});

test('tshark reads every segment with good IP and TCP checksums and the expected sequence numbers', {
  skip: tsharkMissing(),
}, () => {
  const { out } = cut(true, 0x18, 3500, 1000);
  const v6 = cut(false, 0x10, 2500, 1200).out;
  const frames = dissect(
    [...out, ...v6].map((f) => f.subarray(ETH)),
    ['-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.relative_sequence_numbers:FALSE'],
  );
  assert.equal(frames.length, 7);
  frames.forEach((layers: Json, i) => {
    const t = layers.tcp as Json;
    assert.equal(t['tcp.checksum.status'], '1', `frame ${i}: TCP checksum good`);
    if (i < 4) assert.equal((layers.ip as Json)['ip.checksum.status'], '1', `frame ${i}: IP checksum good`);
    const seq = i < 4 ? 0xfffff000 + i * 1000 : 0xfffff000 + (i - 4) * 1200;
    assert.equal(Number(t['tcp.seq_raw']), seq >>> 0);
    assert.deepEqual(
      wsItems(layers).filter((w) => /malformed|bad|checksum/i.test(w)),
      [],
    );
  });
});
