import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGre, encodeGre } from '../../../src/wire/gre.js';
import { FakeTap } from '../../../src/node/dataplane/fakes.js';
import { TunnelDataplane } from '../../../src/node/dataplane/tunnel.js';
import { ethernet, ipv4, rig, TAP_MAC, toHex } from '../../helpers/frames.js';
import { greOf } from '../../helpers/wire.js';

const PEER_MAC = '02:dd:0a:00:00:02';

test('egress: a frame to 10.0.0.2 goes to its NBMA in GRE without a key', () => {
  const { tap, socket, nhrp, dp } = rig();
  nhrp.map.set('10.0.0.2', '192.0.2.2');
  const ip = ipv4('10.0.0.1', '10.0.0.2');
  tap.inject(ethernet(PEER_MAC, TAP_MAC, 0x0800, ip));
  assert.equal(socket.sent.length, 1);
  assert.equal(socket.sent[0].dst, '192.0.2.2');
  assert.equal(toHex(socket.sent[0].bytes), `00000800${toHex(ip)}`);
  const g = decodeGre(socket.sent[0].bytes);
  assert.equal(g.key, undefined);
  const s = dp.stats();
  assert.deepEqual([s.packetsOut, s.bytesOut, s.greOut], [1, ip.length, 1]);
  assert.equal(s.peers[0].nbma, '192.0.2.2');
  assert.equal(s.peers[0].tunnelAddr, '10.0.0.2');
  assert.equal(s.peers[0].packetsOut, 1);
});

test('egress: with `tunnel key 42` the K bit and key are set; IPv6 keeps its EtherType as protocol', () => {
  const { tap, socket, nhrp } = rig({ key: 42 });
  nhrp.map.set('10.0.0.2', '192.0.2.2');
  const ip = ipv4('10.0.0.1', '10.0.0.2');
  tap.inject(ethernet(PEER_MAC, TAP_MAC, 0x0800, ip));
  assert.equal(toHex(socket.sent[0].bytes), `200008000000002a${toHex(ip)}`);
  const v6 = new Uint8Array(48);
  v6[0] = 0x60;
  tap.inject(ethernet(PEER_MAC, TAP_MAC, 0x86dd, v6));
  const g = decodeGre(socket.sent[1].bytes);
  assert.deepEqual([g.protocolType, g.key, g.payload.length], [0x86dd, 42, 48]);
});

test('ingress: GRE from a known peer is written into the TAP with its synthetic MAC, with or without socket headroom', () => {
  for (const headroom of [20, 0]) {
    const { tap, socket, nhrp, dp } = rig({ key: 7 }, {}, headroom);
    nhrp.reverse.set('192.0.2.2', '10.0.0.2');
    const ip = ipv4('10.0.0.2', '10.0.0.1', 9);
    socket.receive('192.0.2.2', greOf(0x0800, ip, { key: 7 }));
    assert.equal(tap.written.length, 1, `headroom ${headroom}`);
    assert.equal(toHex(tap.written[0]), `52540012345602dd0a0000020800${toHex(ip)}`);
    const s = dp.stats();
    assert.deepEqual([s.packetsIn, s.bytesIn, s.greIn], [1, ip.length, 1]);
    assert.deepEqual([s.peers[0].tunnelAddr, s.peers[0].packetsIn], ['10.0.0.2', 1]);
  }
});

test('ingress: an unknown sender gets the MAC derived from its NBMA address, and replies to it reach that NBMA', () => {
  const { tap, socket } = rig();
  const ip = ipv4('10.0.0.5', '10.0.0.1');
  socket.receive('198.51.100.7', Uint8Array.of(0, 0, 8, 0, ...ip));
  assert.equal(toHex(tap.written[0].subarray(6, 12)), '02dec6336407');
  tap.inject(ethernet('02:de:c6:33:64:07', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.5')));
  assert.equal(socket.sent[0].dst, '198.51.100.7');
});

test('ingress: the sequence number and a correct checksum are accepted and stripped', () => {
  const { tap, socket } = rig();
  const ip = ipv4('10.0.0.2', '10.0.0.1');
  socket.receive(
    '192.0.2.2',
    encodeGre({
      protocolType: 0x0800,
      checksumPresent: true,
      checksum: 0,
      reserved1: 0,
      reserved0: 0,
      sequence: 5,
      payload: ip,
    }),
  );
  assert.equal(tap.written.length, 1);
  assert.equal(toHex(tap.written[0].subarray(14)), toHex(ip));
});

test('NHRP: GRE 0x2001 goes to the NHRP hook as a copy; sendNhrp encapsulates with the key', () => {
  const { socket, log, dp } = rig({ key: 1 });
  const nhrpBytes = Uint8Array.of(0, 1, 8, 0, 0, 0, 0, 0, 0, 0xff);
  socket.receive('192.0.2.3', Uint8Array.of(0x20, 0, 0x20, 0x01, 0, 0, 0, 1, ...nhrpBytes));
  assert.equal(log.nhrp.length, 1);
  assert.equal(log.nhrp[0].src, '192.0.2.3');
  assert.equal(toHex(log.nhrp[0].bytes), toHex(nhrpBytes));
  assert.equal(dp.sendNhrp('192.0.2.3', nhrpBytes), true);
  assert.equal(socket.sent[0].dst, '192.0.2.3');
  assert.equal(toHex(socket.sent[0].bytes), `2000200100000001${toHex(nhrpBytes)}`);
  assert.equal(dp.sendNhrp('not-an-address', nhrpBytes), false);
  const s = dp.stats();
  assert.deepEqual([s.nhrpIn, s.nhrpOut, s.drops.badNbma], [1, 1, 1]);
  assert.deepEqual([s.peers[0].nhrpIn, s.peers[0].nhrpOut], [1, 1]);
});

test('point-to-point: every frame, unicast or multicast, goes to the tunnel destination', () => {
  const { tap, socket } = rig({ destination: '203.0.113.5', prefixLength: 30 });
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  tap.inject(ethernet('01:00:5e:00:00:05', TAP_MAC, 0x0800, ipv4('10.0.0.1', '224.0.0.5')));
  tap.inject(ethernet('aa:bb:cc:dd:ee:ff', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  assert.deepEqual(
    socket.sent.map((p) => p.dst),
    ['203.0.113.5', '203.0.113.5', '203.0.113.5'],
  );
});

test('two data planes on one fake NBMA network carry a packet from one TAP to the other', () => {
  const a = rig();
  const bTap = new FakeTap(Uint8Array.of(2, 0, 0, 0, 0, 2));
  const b = new TunnelDataplane({
    config: { name: 'Tunnel0', address: '10.0.0.2', prefixLength: 24 },
    tap: bTap,
    socket: a.net.socket('192.0.2.2'),
    hooks: {
      nbmaFor: () => '192.0.2.1',
      nhsNbma: () => undefined,
      multicastTargets: () => [],
      nhrpPacket: () => undefined,
    },
  });
  b.start();
  a.nhrp.map.set('10.0.0.2', '192.0.2.2');
  const ip = ipv4('10.0.0.1', '10.0.0.2', 3, 100);
  a.tap.inject(ethernet(PEER_MAC, TAP_MAC, 0x0800, ip));
  assert.equal(bTap.written.length, 1);
  // b does not know 192.0.2.1's tunnel address yet: the source MAC is derived from the NBMA address.
  assert.equal(toHex(bTap.written[0]), `02000000000202dec00002010800${toHex(ip)}`);
  assert.equal(b.stats().peers[0].packetsIn, 1);
});
