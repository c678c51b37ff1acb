/**
 * `ipv6 mtu N` in the tunnel's data plane: an IPv6 packet longer than N from the kernel is not sent; its sender gets
 * an ICMPv6 Packet Too Big from our tunnel address carrying N and the start of the packet (RFC 4443 3.2), at most
 * one every 100 ms; packets of N bytes go out; with no `ipv6 mtu` nothing is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeNbmaNetwork, FakeTap } from '../../../src/node/dataplane/fakes.js';
import { icmp6Checksum } from '../../../src/node/dataplane/ipv6-link.js';
import { TunnelDataplane } from '../../../src/node/dataplane/tunnel.js';
import { addrFromBytes } from '../../../src/wire/nhrp/addr.js';
import { ipv6Bytes } from '../../../src/wire/ipv6-addr.js';

const SELF = '2001:db8:0:100::11';
const HUB = '2001:db8:0:100::1';
const SENDER = '2001:db8:1:11::5';

function rig(mtu?: number) {
  let now = 1000;
  const tap = new FakeTap();
  const socket = new FakeNbmaNetwork().socket('192.0.2.11');
  const dp = new TunnelDataplane({
    config: {
      name: 'Tunnel0',
      address: '10.0.0.11',
      prefixLength: 24,
      ipv6: { addresses: [{ address: SELF, prefixLength: 64 }], linkLocal: 'fe80::11', ...(mtu ? { mtu } : {}) },
    },
    tap,
    socket,
    hooks: { nbmaFor: () => undefined, nhsNbma: () => undefined, multicastTargets: () => [], nhrpPacket: () => {} },
    hooks6: {
      nbmaFor: (a) => (a === HUB ? '192.0.2.1' : undefined),
      nhsNbma: () => '192.0.2.1',
      multicastTargets: () => [],
    },
    clock: () => now,
  });
  dp.start();
  return { tap, socket, dp, at: (t: number) => (now = t) };
}

/** An IPv6 UDP packet of `length` bytes from SENDER to the hub, in a frame to the hub's synthetic MAC. */
function packet(tap: FakeTap, length: number, src = SENDER): Uint8Array {
  // learn the hub's MAC the way the kernel does: a Neighbor Solicitation answered by the data plane
  const ns = new Uint8Array(14 + 40 + 24);
  ns.set([0x33, 0x33, 0xff, 0, 0, 1, ...tap.mac, 0x86, 0xdd]);
  ns.set([0x60, 0, 0, 0, 0, 24, 58, 255], 14);
  ns.set(ipv6Bytes(SELF)!, 22);
  ns.set(ipv6Bytes('ff02::1:ff00:1')!, 38);
  ns[54] = 135;
  ns.set(ipv6Bytes(HUB)!, 62);
  icmp6Checksum(ns, 14);
  tap.inject(ns);
  const na = tap.written.pop()!;
  const f = new Uint8Array(14 + length);
  f.set(na.subarray(6, 12), 0);
  f.set(tap.mac, 6);
  f.set([0x86, 0xdd], 12);
  f.set([0x60, 0, 0, 0, (length - 40) >> 8, (length - 40) & 255, 17, 63], 14);
  f.set(ipv6Bytes(src)!, 22);
  f.set(ipv6Bytes(HUB)!, 38);
  for (let i = 54; i < f.length; i++) f[i] = i & 255;
  return f;
}

test('ipv6 mtu 1400: a 1401-byte IPv6 packet gets Packet Too Big (MTU 1400) from the tunnel address', () => {
  const { tap, socket, dp, at } = rig(1400);
  tap.inject(packet(tap, 1400));
  assert.equal(socket.sent.length, 1, 'a packet of the MTU goes out');
  const big = packet(tap, 1401);
  tap.inject(big);
  assert.equal(socket.sent.length, 1, 'a longer one does not');
  assert.equal(dp.stats().drops.ipv6TooBig, 1);
  const ptb = tap.written.at(-1)!;
  assert.deepEqual([...ptb.subarray(0, 6)], [...tap.mac], 'back into the kernel');
  assert.equal(ptb[20], 58, 'ICMPv6');
  assert.equal(addrFromBytes(ptb, 22, 16), SELF);
  assert.equal(addrFromBytes(ptb, 38, 16), SENDER);
  assert.equal(ptb[54], 2, 'Packet Too Big');
  assert.equal(ptb[55], 0);
  assert.equal(new DataView(ptb.buffer).getUint32(58), 1400);
  assert.equal(ptb.length, 14 + 1280, 'as much of the packet as fits in the minimum MTU');
  assert.deepEqual([...ptb.subarray(62, 62 + 40)], [...big.subarray(14, 54)], 'the invoking header');
  const check = ptb.slice();
  icmp6Checksum(check, 14);
  assert.deepEqual([...check.subarray(56, 58)], [...ptb.subarray(56, 58)], 'checksum valid');
  // rate limit: a second one within 100 ms is dropped silently, after that answered again
  const n = tap.written.length;
  tap.inject(packet(tap, 1500));
  assert.equal(tap.written.length, n);
  at(1200);
  tap.inject(packet(tap, 1500));
  assert.equal(tap.written.length, n + 1);
  assert.equal(dp.stats().drops.ipv6TooBig, 3);
});

test('no Packet Too Big about a packet from a multicast source; no ipv6 mtu, no refusal', () => {
  const a = rig(1300);
  a.tap.inject(packet(a.tap, 1400, 'ff02::5'));
  assert.equal(a.dp.stats().drops.ipv6TooBig, 1);
  assert.equal(a.tap.written.length, 0);
  const b = rig();
  b.tap.inject(packet(b.tap, 1450));
  assert.equal(b.socket.sent.length, 1);
  assert.equal(b.dp.stats().drops.ipv6TooBig, 0);
});
