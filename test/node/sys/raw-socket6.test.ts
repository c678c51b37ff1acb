import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { RawSocket6 } from '../../../src/node/sys/raw-socket6.js';
import { Ipv6NbmaBook } from '../../../src/node/dataplane/nbma-book.js';

const built = nativeAvailable();
const isRoot = process.getuid?.() === 0;
const noRaw = !built ? 'native addon not built' : isRoot ? false : 'raw sockets need root (CAP_NET_RAW)';
// RFC 3692 protocol number for experimentation: nothing else on the machine listens to it.
const EXPERIMENTAL = 253;

test('raw IPv6 socket: a burst over ::1 arrives whole, in order, from ::1, batched or not', {
  skip: noRaw,
}, async () => {
  for (const batchSends of [true, false]) {
    const book = new Ipv6NbmaBook();
    const rx = RawSocket6.open({ protocol: EXPERIMENTAL, bind: '::1', book });
    const tx = RawSocket6.open({ protocol: EXPERIMENTAL, book, batchSends });
    const got: { src: number; bytes: Buffer }[] = [];
    const count = 100;
    try {
      const done = new Promise<void>((resolve) => {
        rx.onPacket((src, bytes) => {
          got.push({ src, bytes: Buffer.from(bytes) });
          if (got.length === count) resolve();
        });
      });
      const lo = book.number('0:0::1')!;
      for (let i = 0; i < count; i++) {
        const payload = Buffer.alloc(60 + i, i & 0xff);
        payload.writeUInt16BE(i, 0);
        assert.equal(tx.send(lo, payload), payload.length);
      }
      await done;
      for (let i = 0; i < count; i++) {
        assert.equal(book.text(got[i].src), '::1');
        assert.equal(got[i].bytes.length, 60 + i);
        assert.equal(got[i].bytes.readUInt16BE(0), i);
      }
      assert.equal(tx.send(999, Buffer.alloc(8)), -22); // a handle the book never gave
      assert.equal(tx.stats.sendErrors, 1);
      assert.equal(rx.headroom >= 20, true);
    } finally {
      rx.close();
      tx.close();
    }
  }
});

test('IPv6 NBMA book: one handle per address whatever the spelling, bounded', () => {
  const book = new Ipv6NbmaBook(2);
  const a = book.number('2001:DB8:0:1::1');
  assert.equal(a, 1);
  assert.equal(book.number('2001:db8:0:1:0:0:0:1'), a);
  assert.equal(book.text(a!), '2001:db8:0:1::1');
  const bytes = book.bytesOf(a!)!;
  assert.equal(book.handleOf(bytes, 0), a);
  assert.equal(book.number('192.0.2.1'), undefined);
  assert.equal(book.number('2001:db8::2'), 2);
  assert.equal(book.number('2001:db8::3'), undefined); // full
  assert.equal(book.handleOf(new Uint8Array(16).fill(1), 0), undefined);
});
