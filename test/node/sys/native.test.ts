import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeFd, errnoName, nativeAvailable, openRaw, openTap, sendTo } from '../../../src/node/sys/native.js';
import { isNativeError } from '../../../src/node/sys/errors.js';
import { parseIpv4 } from '../../../src/wire/ipv4-addr.js';
import { RawSocket } from '../../../src/node/sys/raw-socket.js';

const built = nativeAvailable();
const isRoot = process.getuid?.() === 0;
const noAddon = built ? false : 'native addon not built (npm install builds it)';
const noRaw = noAddon || (isRoot ? false : 'raw sockets need root (CAP_NET_RAW)');
const LOOPBACK = parseIpv4('127.0.0.1')!;
// RFC 3692 protocol number for experimentation: nothing else on the machine listens to it.
const EXPERIMENTAL = 253;

test('addon errors are Errors with the errno name as code, a negative errno and the syscall', { skip: noAddon }, () => {
  assert.equal(errnoName(1), 'EPERM');
  assert.equal(errnoName(-11), 'EAGAIN');
  assert.throws(
    () => closeFd(-1),
    (e: unknown) => isNativeError(e) && e.code === 'EBADF' && e.errno === -9 && e.syscall === 'close',
  );
  assert.throws(
    () => openTap('x'.repeat(20)),
    (e: unknown) => isNativeError(e) && e.code === 'ENAMETOOLONG',
  );
  assert.throws(
    () => openRaw(0),
    (e: unknown) => isNativeError(e) && e.code === 'EINVAL',
  );
  assert.throws(() => sendTo(-1, LOOPBACK, new Uint8Array(4), 2, 8), RangeError);
  assert.equal(sendTo(-1, LOOPBACK, new Uint8Array(4)), -9); // per-packet calls return -errno
});

test('raw socket: a burst over loopback arrives whole, in order, with the IPv4 header stripped', {
  skip: noRaw,
}, async () => {
  const rx = RawSocket.open({ protocol: EXPERIMENTAL, bind: '127.0.0.1' });
  const tx = RawSocket.open({ protocol: EXPERIMENTAL });
  const got: { src: number; bytes: Buffer }[] = [];
  const count = 200;
  try {
    const done = new Promise<void>((resolve) => {
      rx.onPacket((src, bytes) => {
        got.push({ src, bytes: Buffer.from(bytes) });
        if (got.length === count) resolve();
      });
    });
    for (let i = 0; i < count; i++) {
      const payload = Buffer.alloc(100 + i, i & 0xff);
      payload.writeUInt16BE(i, 0);
      assert.equal(tx.send(LOOPBACK, payload.subarray(0)), payload.length);
    }
    await done;
    assert.equal(got.length, count);
    for (let i = 0; i < count; i++) {
      assert.equal(got[i].src, LOOPBACK);
      assert.equal(got[i].bytes.length, 100 + i);
      assert.equal(got[i].bytes.readUInt16BE(0), i);
      assert.equal(got[i].bytes[got[i].bytes.length - 1], i & 0xff);
    }
    assert.deepEqual(rx.stats, { sendErrors: 0, readErrors: 0, malformed: 0, lastErrno: 0 });
  } finally {
    rx.close();
    tx.close();
  }
});

test('raw socket: a view with an offset sends only the viewed bytes; send errors are counted, batched or not', {
  skip: noRaw,
}, async () => {
  for (const batchSends of [true, false]) {
    const rx = RawSocket.open({ protocol: EXPERIMENTAL, bind: '127.0.0.1' });
    const tx = RawSocket.open({ protocol: EXPERIMENTAL, batchSends });
    try {
      const got = new Promise<Buffer>((resolve) => rx.onPacket((_src, b) => resolve(Buffer.from(b))));
      const big = Buffer.from('xxxxhello-viewyyyy');
      tx.send(LOOPBACK, big.subarray(4, 14));
      assert.equal((await got).toString(), 'hello-view');
      const r = tx.send(LOOPBACK, new Uint8Array(70_000)); // over 65535 bytes: cannot be sent
      if (batchSends) {
        assert.equal(r, 70_000, 'queued');
        await Promise.resolve(); // the queued batch is flushed in a microtask
      } else {
        assert.equal(errnoName(r), 'EMSGSIZE');
      }
      assert.equal(tx.stats.sendErrors, 1);
      assert.equal(errnoName(tx.stats.lastErrno), 'EMSGSIZE');
    } finally {
      rx.close();
      tx.close();
    }
  }
});
