/**
 * The data plane over an IPv6 NBMA: peers are the handles of an Ipv6NbmaBook, NHRP and show text see
 * the IPv6 addresses, a frame to a tunnel next hop goes to its IPv6 NBMA, replies to an unknown sender
 * reach it, a hairpin names its sender's IPv6 NBMA, and a point-to-point tunnel (`tunnel mode gre ipv6`)
 * sends every frame to its IPv6 destination (an IPv6 one longer than `ipv6 mtu` answered with Packet Too Big).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeTap } from '../../../src/node/dataplane/fakes.js';
import { Ipv6NbmaBook } from '../../../src/node/dataplane/nbma-book.js';
import type { HairpinEvent, NbmaSocket } from '../../../src/node/dataplane/ports.js';
import { TunnelDataplane } from '../../../src/node/dataplane/tunnel.js';
import { ipv6Bytes } from '../../../src/wire/ipv6-addr.js';
import { ethernet, ipv4, TAP_MAC } from '../../helpers/frames.js';
import { greOf } from '../../helpers/wire.js';

/** A socket that records sends by handle and lets the test deliver packets from a handle. */
class BookSocket implements NbmaSocket {
  readonly headroom = 20;
  readonly sent: Array<{ dst: number; bytes: Uint8Array }> = [];
  private handler: ((src: number, bytes: Uint8Array) => void) | undefined;
  send(dst: number, bytes: Uint8Array): number {
    this.sent.push({ dst, bytes: bytes.slice() });
    return bytes.length;
  }
  onPacket(h: (src: number, bytes: Uint8Array) => void): void {
    this.handler = h;
  }
  receive(src: number, bytes: Uint8Array): void {
    const buf = new Uint8Array(this.headroom + bytes.length);
    buf.set(bytes, this.headroom);
    this.handler!(src, buf.subarray(this.headroom));
  }
}

function rig6() {
  const book = new Ipv6NbmaBook();
  const socket = new BookSocket();
  const tap = new FakeTap();
  const map = new Map<string, string>();
  const got: Array<{ src: string; bytes: Uint8Array }> = [];
  const hairpins: HairpinEvent[] = [];
  const dp = new TunnelDataplane({
    config: { name: 'Tunnel0', address: '172.16.0.1', prefixLength: 24, nbmaFamily: 'ipv6', redirect: true },
    tap,
    socket,
    nbma: book,
    hooks: {
      nbmaFor: (a) => map.get(a),
      nhsNbma: () => undefined,
      multicastTargets: () => ['2001:DB8:0:2::1'],
      nhrpPacket: (src, bytes) => got.push({ src, bytes }),
      hairpin: (_now, e) => hairpins.push(e),
    },
    clock: () => 1000,
  });
  dp.start();
  return { book, socket, tap, map, got, hairpins, dp };
}

test('IPv6 NBMA: NHRP goes to and comes from IPv6 addresses; a next hop is sent to its IPv6 NBMA', () => {
  const { book, socket, tap, map, got, dp } = rig6();
  assert.ok(dp.sendNhrp('2001:db8:0:2::1', Uint8Array.of(0, 1, 2)));
  assert.equal(book.text(socket.sent[0]!.dst), '2001:db8:0:2::1');
  assert.equal(dp.sendNhrp('192.0.2.1', Uint8Array.of(0)), false, 'an IPv4 NBMA on an IPv6 tunnel is dropped');
  socket.receive(book.number('2001:db8:0:3::1')!, greOf(0x2001, Uint8Array.of(9, 9)));
  assert.deepEqual(
    got.map((g) => g.src),
    ['2001:db8:0:3::1'],
  );
  map.set('172.16.0.12', '2001:db8:0:3::1');
  tap.inject(ethernet('02:dd:ac:10:00:0c', TAP_MAC, 0x0800, ipv4('172.16.0.1', '172.16.0.12')));
  assert.equal(book.text(socket.sent.at(-1)!.dst), '2001:db8:0:3::1');
  const stats = dp.stats();
  assert.deepEqual(stats.peers.map((p) => p.nbma).sort(), ['2001:db8:0:2::1', '2001:db8:0:3::1']);
  assert.equal(stats.drops.badNbma, 1);
});

test('IPv6 NBMA: an unknown sender gets a MAC for its handle, replies and multicast reach its IPv6 address', () => {
  const { book, socket, tap } = rig6();
  const from = book.number('2001:db8:0:9::1')!;
  socket.receive(from, greOf(0x0800, ipv4('172.16.0.99', '172.16.0.1')));
  const mac = tap.written[0]!.subarray(6, 12);
  assert.deepEqual([...mac], [0x02, 0xde, 0, 0, 0, from]);
  const macText = [...mac].map((x) => x.toString(16).padStart(2, '0')).join(':');
  tap.inject(ethernet(macText, TAP_MAC, 0x0800, ipv4('172.16.0.1', '172.16.0.99')));
  assert.equal(book.text(socket.sent.at(-1)!.dst), '2001:db8:0:9::1');
  tap.inject(ethernet('ff:ff:ff:ff:ff:ff', TAP_MAC, 0x0800, ipv4('172.16.0.1', '224.0.0.10')));
  assert.equal(book.text(socket.sent.at(-1)!.dst), '2001:db8:0:2::1', 'multicast to the map (any spelling)');
});

test('IPv6 NBMA: a hairpinned packet names its sender by IPv6 NBMA', () => {
  const { book, socket, tap, map, hairpins } = rig6();
  map.set('172.16.0.12', '2001:db8:0:3::1');
  const ip = ipv4('10.1.1.10', '10.1.2.10');
  socket.receive(book.number('2001:db8:0:2::1')!, greOf(0x0800, ip));
  // the kernel routes it back out of the tunnel, to spoke2
  tap.inject(ethernet('02:dd:ac:10:00:0c', TAP_MAC, 0x0800, ip));
  assert.deepEqual(
    hairpins.map((h) => h.fromNbma),
    ['2001:db8:0:2::1'],
  );
});

test('IPv6 NBMA point-to-point (tunnel mode gre ipv6): IPv4 and IPv6 frames go to the destination; its GRE comes in', () => {
  const book = new Ipv6NbmaBook();
  const socket = new BookSocket();
  const tap = new FakeTap();
  const dp = new TunnelDataplane({
    config: {
      name: 'Tunnel0',
      address: '172.16.0.1',
      prefixLength: 30,
      nbmaFamily: 'ipv6',
      destination: '2001:DB8:0:3::1',
      key: 5,
      ipv6: { addresses: [{ address: '2001:db8:0:100::1', prefixLength: 64 }], linkLocal: 'fe80::1', mtu: 1280 },
    },
    tap,
    socket,
    nbma: book,
    hooks: { nbmaFor: () => undefined, nhsNbma: () => undefined, multicastTargets: () => [], nhrpPacket: () => {} },
    clock: () => 1000,
  });
  dp.start();
  tap.inject(ethernet('aa:bb:cc:dd:ee:ff', TAP_MAC, 0x0800, ipv4('172.16.0.1', '10.0.2.1')));
  const v6 = new Uint8Array(48);
  v6[0] = 0x60;
  tap.inject(ethernet('33:33:00:00:00:01', TAP_MAC, 0x86dd, v6));
  assert.deepEqual(
    socket.sent.map((s) => [book.text(s.dst), (s.bytes[2] << 8) | s.bytes[3]]),
    [
      ['2001:db8:0:3::1', 0x0800],
      ['2001:db8:0:3::1', 0x86dd],
    ],
  );
  // longer than `ipv6 mtu 1280`: not sent, its sender told (ICMPv6 Packet Too Big, type 2)
  const big = new Uint8Array(1300);
  big.set([0x60, 0, 0, 0, (1300 - 40) >> 8, (1300 - 40) & 255, 17, 64]);
  big.set(ipv6Bytes('2001:db8:1:1::10')!, 8);
  big.set(ipv6Bytes('2001:db8:1:2::10')!, 24);
  tap.inject(ethernet('aa:bb:cc:dd:ee:ff', TAP_MAC, 0x86dd, big));
  assert.equal(socket.sent.length, 2);
  assert.equal(dp.stats().drops.ipv6TooBig, 1);
  assert.equal(tap.written.pop()![14 + 40], 2, 'a Packet Too Big written back into the TAP');
  socket.receive(book.number('2001:db8:0:3::1')!, greOf(0x0800, ipv4('10.0.2.1', '172.16.0.1'), { key: 5 }));
  assert.equal(tap.written.length, 1);
  assert.deepEqual(
    dp.stats().peers.map((p) => [p.nbma, p.packetsOut, p.packetsIn]),
    [['2001:db8:0:3::1', 2, 1]],
  );
  assert.throws(
    () =>
      new TunnelDataplane({
        config: {
          name: 'Tunnel0',
          address: '172.16.0.1',
          prefixLength: 30,
          nbmaFamily: 'ipv6',
          destination: '192.0.2.1',
        },
        tap,
        socket,
        nbma: book,
        hooks: { nbmaFor: () => undefined, nhsNbma: () => undefined, multicastTargets: () => [], nhrpPacket: () => {} },
      }),
    /tunnel destination: expected an ipv6 address, found '192\.0\.2\.1'/,
  );
});
