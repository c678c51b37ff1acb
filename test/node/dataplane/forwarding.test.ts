import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernet, ipv4, rig, TAP_MAC, toHex } from '../../helpers/frames.js';

test('multicast and broadcast frames are replicated to every multicast target, identical bytes', () => {
  const { tap, socket, nhrp, dp } = rig({ key: 9 });
  nhrp.multicast = ['192.0.2.2', '192.0.2.3', '198.51.100.4'];
  const hello = ipv4('10.0.0.1', '224.0.0.10', 4, 40);
  tap.inject(ethernet('01:00:5e:00:00:0a', TAP_MAC, 0x0800, hello));
  tap.inject(ethernet('ff:ff:ff:ff:ff:ff', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.255')));
  assert.deepEqual(
    socket.sent.map((p) => p.dst),
    ['192.0.2.2', '192.0.2.3', '198.51.100.4', '192.0.2.2', '192.0.2.3', '198.51.100.4'],
  );
  for (const p of socket.sent.slice(0, 3)) assert.equal(toHex(p.bytes), `2000080000000009${toHex(hello)}`);
  assert.equal(dp.stats().multicastOut, 6);
  nhrp.multicast = [];
  tap.inject(ethernet('01:00:5e:00:00:0a', TAP_MAC, 0x0800, hello));
  assert.equal(socket.sent.length, 6);
  assert.equal(dp.stats().drops.noMulticastTargets, 1);
});

test('unknown next hop: sent via the NHS, nextHopUnknown raised once per address per interval', () => {
  const { tap, socket, nhrp, log, clock, dp } = rig();
  nhrp.nhs = '192.0.2.254';
  const frame = ethernet('02:dd:0a:00:00:07', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.7'));
  tap.inject(frame);
  tap.inject(frame);
  clock.now += 500;
  tap.inject(frame);
  assert.deepEqual(log.unknown, ['10.0.0.7']);
  assert.deepEqual(
    socket.sent.map((p) => p.dst),
    ['192.0.2.254', '192.0.2.254', '192.0.2.254'],
  );
  clock.now += 600;
  tap.inject(frame);
  assert.deepEqual(log.unknown, ['10.0.0.7', '10.0.0.7']);
  assert.equal(dp.stats().viaNhs, 4);
  // Resolved: now straight to the peer, and `used` is raised (rate-limited too).
  nhrp.map.set('10.0.0.7', '203.0.113.7');
  tap.inject(frame);
  tap.inject(frame);
  assert.equal(socket.sent[4].dst, '203.0.113.7');
  assert.deepEqual(log.used, ['10.0.0.7']);
  // The NHS peer never learned 10.0.0.7 as its tunnel address.
  const nhsPeer = dp.stats().peers.find((p) => p.nbma === '192.0.2.254');
  assert.equal(nhsPeer?.tunnelAddr, undefined);
});

test('unknown next hop without an NHS is dropped and counted (and still raises nextHopUnknown)', () => {
  const { tap, socket, log, dp } = rig();
  tap.inject(ethernet('02:dd:0a:00:00:07', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.7')));
  assert.equal(socket.sent.length, 0);
  assert.deepEqual(log.unknown, ['10.0.0.7']);
  assert.equal(dp.stats().drops.noNextHop, 1);
});

test('hairpin: a packet from the tunnel that leaves through it again raises hairpin with its IPv4 head', () => {
  const { tap, socket, nhrp, log, dp } = rig({ redirect: true });
  nhrp.map.set('10.0.0.3', '192.0.2.3');
  const ip = ipv4('10.2.2.2', '10.3.3.3', 77, 30);
  socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8, 0, ...ip));
  // The kernel routes it back out to 10.0.0.3 (same packet, TTL decremented, checksum changed).
  const forwarded = ip.slice();
  forwarded[8] -= 1;
  forwarded[10] ^= 1;
  tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, forwarded));
  assert.equal(socket.sent[0].dst, '192.0.2.3');
  assert.equal(log.hairpins.length, 1);
  assert.equal(log.hairpins[0].fromNbma, '192.0.2.2');
  assert.equal(toHex(log.hairpins[0].ipPacketHead), toHex(forwarded.subarray(0, 28)));
  // A different packet (other IP id) of the same flow that did not come from the tunnel does not match.
  tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, ipv4('10.2.2.2', '10.3.3.3', 78, 30)));
  assert.equal(log.hairpins.length, 1);
  assert.equal(dp.stats().hairpins, 1);
});

test('hairpin: not watched without `ip nhrp redirect`; events rate-limited per sender and destination', () => {
  const off = rig();
  off.nhrp.map.set('10.0.0.3', '192.0.2.3');
  const ip = ipv4('10.2.2.2', '10.3.3.3', 5);
  off.socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8, 0, ...ip));
  off.tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, ip));
  assert.equal(off.log.hairpins.length, 0);

  const on = rig({ redirect: true });
  on.nhrp.map.set('10.0.0.3', '192.0.2.3');
  for (let id = 1; id <= 3; id++) {
    const p = ipv4('10.2.2.2', '10.3.3.3', id);
    on.socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8, 0, ...p));
    on.tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, p));
  }
  assert.equal(on.dp.stats().hairpins, 3);
  assert.equal(on.log.hairpins.length, 1);
  on.clock.now += 1000;
  const p = ipv4('10.2.2.2', '10.3.3.3', 4);
  on.socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8, 0, ...p));
  on.tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, p));
  assert.equal(on.log.hairpins.length, 2);
});
