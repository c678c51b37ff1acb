import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { netnsList } from '../../../src/node/sys/kernel.js';
import { TunnelPair } from '../../helpers/tunnel-pair.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : false;

test('two namespaces ping each other across the user-space GRE tunnel (tunnel key 42)', { skip }, async () => {
  const pair = await TunnelPair.create({ key: 42 });
  try {
    const ping = await pair.exec(0, ['ping', '-c', '3', '-i', '0.2', '-W', '2', pair.tunnel[1]]);
    assert.equal(ping.exitCode, 0, `ping failed:\n${ping.stdout}\n${ping.stderr}`);
    assert.match(ping.stdout, /3 received/);
    const [a, b] = [await pair.stats(0), await pair.stats(1)];
    assert.ok(a.stats.greOut >= 3 && a.stats.greIn >= 3, `A GRE out/in ${a.stats.greOut}/${a.stats.greIn}`);
    assert.ok(b.stats.greOut >= 3 && b.stats.greIn >= 3, `B GRE out/in ${b.stats.greOut}/${b.stats.greIn}`);
    assert.ok(a.stats.arpReplies >= 1, 'the kernel in A asked ARP for 10.0.0.2 and got an answer');
    const peer = a.stats.peers.find((p) => p.nbma === pair.nbma[1]);
    assert.equal(peer?.tunnelAddr, pair.tunnel[1]);
    assert.ok((peer?.packetsIn ?? 0) >= 3);
    for (const s of [a, b]) {
      const dropped = Object.entries(s.stats.drops).filter(([, n]) => n > 0);
      assert.deepEqual(dropped, [], 'nothing dropped');
      assert.deepEqual([s.socket.malformed, s.socket.sendErrors, s.tap.writeErrors], [0, 0, 0]);
    }
  } finally {
    await pair.close();
  }
  const left = (await netnsList()).filter((n) => pair.ns.includes(n));
  assert.deepEqual(left, [], 'namespaces removed');
});

// Receiver: prints the SHA-256 of everything one connection sends. Sender: 8 MiB of seeded bytes,
// retrying the connection until the receiver listens, then prints the SHA-256 of what it sent.
const RECEIVER = `const h=require('crypto').createHash('sha256');require('net').createServer(s=>{s.on('data',d=>h.update(d));s.on('end',()=>{console.log(h.digest('hex'));process.exit(0)})}).listen(5201,'10.0.0.2')`;
const SENDER = `const b=Buffer.alloc(8<<20);let x=7;for(let i=0;i<b.length;i++){x=(x*1103515245+12345)>>>0;b[i]=x>>>24}
const h=require('crypto').createHash('sha256').update(b).digest('hex');let n=0;
const go=()=>{const c=require('net').connect(5201,'10.0.0.2',()=>c.end(b,()=>console.log(h)));c.on('error',()=>{if(++n<100)setTimeout(go,100);else process.exit(1)})};go()`;

async function sendThrough(pair: TunnelPair): Promise<void> {
  const rx = pair.exec(1, [process.execPath, '-e', RECEIVER]);
  const tx = await pair.exec(0, [process.execPath, '-e', SENDER]);
  const got = await rx;
  assert.equal(tx.exitCode, 0, tx.stderr);
  assert.match(tx.stdout.trim(), /^[0-9a-f]{64}$/);
  assert.equal(got.stdout.trim(), tx.stdout.trim(), 'receiver saw the same bytes');
}

test("TCP through the tunnel arrives intact, cut from the kernel's GSO frames and merged again for the receiver", {
  skip,
}, async () => {
  const pair = await TunnelPair.create({ offload: true });
  try {
    await sendThrough(pair);
    const [a, b] = [await pair.stats(0), await pair.stats(1)];
    const seg = a.tap.segment;
    assert.ok(seg && seg.gsoFrames > 0 && seg.segments > seg.gsoFrames, `GSO frames were cut: ${JSON.stringify(seg)}`);
    assert.equal(seg.malformed, 0);
    assert.equal(a.stats.drops.sendError, 0);
    assert.ok((b.tap.coalesce?.merged ?? 0) > 0, `segments were merged: ${JSON.stringify(b.tap.coalesce)}`);
    assert.equal(b.tap.coalesce?.writeErrors, 0);
    assert.equal(b.tap.coalesce?.badChecksum, 0, 'every segment cut at the sender had a good TCP checksum');
  } finally {
    await pair.close();
  }
});

test('TCP through the tunnel arrives intact with transmit offload off (the kernel segments)', { skip }, async () => {
  const pair = await TunnelPair.create({ offload: true, tso: false });
  try {
    await sendThrough(pair);
    const a = await pair.stats(0);
    assert.equal(a.tap.segment, undefined, 'no GSO frames reach the data plane');
  } finally {
    await pair.close();
  }
});
