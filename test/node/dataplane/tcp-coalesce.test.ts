import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onesSum } from '../../../src/wire/checksum.js';
import { encodeIpv4, makeIpv4 } from '../../../src/wire/ipv4.js';
import { PLAIN_VNET_HDR, TcpCoalescer } from '../../../src/node/dataplane/tcp-coalesce.js';

interface Seg {
  seq: number;
  size: number;
  flags?: number;
  src?: string;
  sport?: number;
  fill?: number;
}

/** Ethernet + IPv4 + TCP (with a timestamp option) with correct checksums. */
function segment({ seq, size, flags = 0x10, src = '10.0.0.2', sport = 5001, fill = seq & 0xff }: Seg): Uint8Array {
  const tcp = new Uint8Array(32 + size);
  const dv = new DataView(tcp.buffer);
  dv.setUint16(0, sport);
  dv.setUint16(2, 40000);
  dv.setUint32(4, seq);
  dv.setUint32(8, 777);
  tcp[12] = 8 << 4; // 32-byte header
  tcp[13] = flags;
  dv.setUint16(14, 502);
  tcp.set([1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 7], 20); // NOP NOP timestamps
  tcp.fill(fill, 32);
  const ip = encodeIpv4(
    makeIpv4({ src, dst: '10.0.0.1', protocol: 6, id: seq & 0xffff, ttl: 63, flags: 2, payload: tcp }),
  );
  const sum = ~onesSum(ip, 20, ip.length, onesSum(ip, 12, 20, 6 + tcp.length)) & 0xffff;
  ip[20 + 16] = sum >> 8;
  ip[20 + 17] = sum & 0xff;
  const f = new Uint8Array(14 + ip.length);
  f.set([2, 0, 0, 0, 0, 1, 2, 0xdd, 10, 0, 0, 2, 8, 0]);
  f.set(ip, 14);
  return f;
}

function rig() {
  const out: { hdr: Uint8Array; frame: Uint8Array }[] = [];
  const c = new TcpCoalescer((hdr, frame) => (out.push({ hdr: hdr.slice(), frame: frame.slice() }), frame.length));
  return { c, out };
}

const le16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);

test('in-order full-size segments and a short last one become one GSO frame the kernel can take', () => {
  const { c, out } = rig();
  const segs = [
    segment({ seq: 1000, size: 1000 }),
    segment({ seq: 2000, size: 1000 }),
    segment({ seq: 3000, size: 1000, flags: 0x18 }),
  ];
  for (const s of segs) assert.equal(c.write(s), s.length);
  assert.equal(out.length, 0, 'held until flush');
  c.flush();
  assert.equal(out.length, 1);
  const { hdr, frame } = out[0];
  assert.deepEqual(
    [hdr[0], hdr[1], le16(hdr, 2), le16(hdr, 4), le16(hdr, 6), le16(hdr, 8)],
    [1, 1, 14 + 20 + 32, 1000, 34, 16],
  );
  assert.equal(frame.length, 14 + 20 + 32 + 3000);
  assert.equal((frame[16] << 8) | frame[17], 20 + 32 + 3000, 'IP total length');
  assert.equal(onesSum(frame, 14, 34), 0xffff, 'IP header checksum');
  assert.equal(frame[14 + 20 + 13], 0x18, 'PSH carried over');
  for (let i = 0; i < 3; i++)
    assert.deepEqual(frame.subarray(66 + i * 1000, 66 + (i + 1) * 1000), segs[i].subarray(66));
  // The field holds the pseudo-header sum: completing it as the kernel does gives a valid TCP checksum.
  const full = frame.slice();
  const sum = ~onesSum(full, 34, full.length) & 0xffff;
  full[34 + 16] = sum >> 8;
  full[34 + 17] = sum & 0xff;
  assert.equal(onesSum(full, 34, full.length, onesSum(full, 26, 34, 6 + full.length - 34)), 0xffff);
  assert.deepEqual(c.stats, { merged: 2, frames: 1, writeErrors: 0, badChecksum: 0, lastErrno: 0 });
});

test('a lone segment, a gap in sequence, another flow or a non-TCP frame are written as they are, in order', () => {
  const { c, out } = rig();
  const a = segment({ seq: 1, size: 500 });
  const gap = segment({ seq: 1001, size: 500 });
  const other = segment({ seq: 1501, size: 500, sport: 5002 });
  const arp = new Uint8Array(42).fill(6);
  for (const f of [a, gap, other, arp]) c.write(f);
  c.flush();
  assert.deepEqual(
    out.map((o) => o.frame),
    [a, gap, other, arp],
  );
  for (const o of out) assert.deepEqual(o.hdr, PLAIN_VNET_HDR);
  assert.equal(c.stats.merged, 0);
});

test('merging stops after a short segment and after PSH; SYN/FIN segments are never merged', () => {
  const { c, out } = rig();
  c.write(segment({ seq: 0, size: 1000 }));
  c.write(segment({ seq: 1000, size: 400 }));
  c.write(segment({ seq: 1400, size: 400 })); // follows a short one: new frame
  c.write(segment({ seq: 1800, size: 400, flags: 0x18 }));
  c.write(segment({ seq: 2200, size: 400 })); // follows PSH: new frame
  c.write(segment({ seq: 2600, size: 400, flags: 0x11 })); // FIN
  c.flush();
  assert.deepEqual(
    out.map((o) => o.frame.length - 66),
    [1400, 800, 400, 400],
  );
  assert.deepEqual(
    out.map((o) => o.hdr[1]),
    [1, 1, 0, 0],
  );
});

test('a segment with a bad TCP checksum is not merged: counted, and handed on plain for the kernel to drop', () => {
  const { c, out } = rig();
  const bad = segment({ seq: 1000, size: 1000 });
  bad[bad.length - 1] ^= 0xff;
  c.write(segment({ seq: 0, size: 1000 }));
  c.write(bad);
  c.flush();
  assert.equal(out.length, 2);
  assert.deepEqual(out[1].frame, bad);
  assert.deepEqual(out[1].hdr, PLAIN_VNET_HDR);
  assert.equal(c.stats.badChecksum, 1);
});

test('failed writes are counted with their errno', () => {
  const c = new TcpCoalescer(() => -105);
  assert.equal(c.write(new Uint8Array(42)), -105);
  c.write(segment({ seq: 0, size: 10 }));
  c.flush();
  assert.deepEqual([c.stats.writeErrors, c.stats.frames, c.stats.lastErrno], [2, 0, -105]);
});
