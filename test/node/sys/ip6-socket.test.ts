/**
 * The IPv6 routing-protocol sockets (native ip6.c through src/node/sys/ip6-socket.ts): a packet sent
 * to ::1 on the loopback device with next header 253 comes back through the packet socket whole,
 * with its source and destination, once (our own outgoing copy is not read); other next headers are
 * filtered out in the kernel.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ip6ProtocolLink, Ip6SendSocket, type Ip6Packet } from '../../../src/node/sys/ip6-socket.js';
import { kernelLinkLocal } from '../../../src/node/sys/link-local.js';
import { nativeAvailable } from '../../../src/node/sys/native.js';

const loHasIpv6 = (): boolean => {
  try {
    return / lo$/m.test(readFileSync('/proc/net/if_inet6', 'utf8'));
  } catch {
    return false;
  }
};
const skip = !nativeAvailable()
  ? 'native addon not built'
  : process.getuid?.() !== 0
    ? 'packet sockets need root'
    : !loHasIpv6() && 'no IPv6 on lo';

// RFC 3692 protocol numbers for experimentation: nothing else on the machine uses them.
const EXPERIMENTAL = 253;
const OTHER = 254;

test('packet socket reads one protocol over IPv6, with the header fields', { skip }, async () => {
  const tx = new Ip6SendSocket(EXPERIMENTAL);
  const other = new Ip6SendSocket(OTHER);
  const link = new Ip6ProtocolLink(tx, 'lo', EXPERIMENTAL, []);
  const got: Ip6Packet[] = [];
  link.onPacket((p) => got.push(p));
  try {
    assert.equal(other.send('::1', 1, Uint8Array.of(9, 9)), 2);
    assert.equal(link.send('::1', Uint8Array.of(1, 2, 3, 4)), 4);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      got.map((p) => [p.source, p.destination, [...p.payload]]),
      [['::1', '::1', [1, 2, 3, 4]]],
    );
  } finally {
    link.close();
    tx.close();
    other.close();
  }
});

test('kernelLinkLocal reads no link-local for lo and undefined for a missing device', () => {
  assert.equal(kernelLinkLocal('lo'), undefined);
  assert.equal(kernelLinkLocal('no-such-device0'), undefined);
});
