import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGre, type GrePacket } from '../../../src/wire/gre.js';
import { DataplaneError } from '../../../src/node/dataplane/errors.js';
import { TunnelDataplane } from '../../../src/node/dataplane/tunnel.js';
import { FakeNbmaNetwork, FakeTap } from '../../../src/node/dataplane/fakes.js';
import { ethernet, ipv4, rig, TAP_MAC } from '../../helpers/frames.js';

const gre = (fields: Partial<GrePacket>, payload: Uint8Array): Uint8Array =>
  encodeGre({
    protocolType: 0x0800,
    checksumPresent: false,
    checksum: 0,
    reserved1: 0,
    reserved0: 0,
    payload,
    ...fields,
  });

test('ingress drops: key missing, wrong, unexpected; bad checksum, version, protocol, truncation, inner packet', () => {
  const keyed = rig({ key: 100 });
  const ip = ipv4('10.0.0.2', '10.0.0.1');
  keyed.socket.receive('192.0.2.2', gre({}, ip));
  keyed.socket.receive('192.0.2.2', gre({ key: 101 }, ip));
  keyed.socket.receive('192.0.2.2', gre({ key: 100 }, ip));
  assert.equal(keyed.tap.written.length, 1);
  assert.deepEqual([keyed.dp.stats().drops.greKeyMissing, keyed.dp.stats().drops.greKeyMismatch], [1, 1]);

  const { socket, tap, dp } = rig();
  socket.receive('192.0.2.2', gre({ key: 5 }, ip));
  const badSum = gre({ checksumPresent: true }, ip);
  badSum[4] ^= 0xff;
  socket.receive('192.0.2.2', badSum);
  socket.receive('192.0.2.2', Uint8Array.of(0, 1, 8, 0, ...ip)); // version 1
  socket.receive('192.0.2.2', Uint8Array.of(0x40, 0, 8, 0, ...ip)); // RFC 1701 routing bit
  socket.receive('192.0.2.2', gre({ protocolType: 0x6558 }, ip)); // transparent Ethernet bridging
  socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8));
  socket.receive('192.0.2.2', Uint8Array.of(0x20, 0, 8, 0, 0, 0)); // key bit, key cut short
  socket.receive('192.0.2.2', gre({}, ip.subarray(0, 12))); // inner IPv4 shorter than a header
  socket.receive('192.0.2.2', gre({ protocolType: 0x86dd }, ip)); // says IPv6, is IPv4
  assert.equal(tap.written.length, 0);
  const d = dp.stats().drops;
  assert.deepEqual(
    [d.greKeyUnexpected, d.greBadChecksum, d.greUnsupported, d.greUnknownProtocol, d.greTruncated, d.innerMalformed],
    [1, 1, 2, 1, 2, 2],
  );
  assert.equal(dp.stats().greIn, 9);
  assert.equal(dp.stats().packetsIn, 0);
});

test('egress drops: runts, other EtherTypes, foreign MACs, failed sends and TAP writes are counted', () => {
  const { tap, socket, nhrp, dp } = rig();
  nhrp.map.set('10.0.0.2', '192.0.2.2');
  tap.inject(Uint8Array.of(1, 2, 3));
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, new Uint8Array(10)));
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x8100, ipv4('10.0.0.1', '10.0.0.2')));
  tap.inject(ethernet('aa:bb:cc:dd:ee:ff', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  assert.equal(socket.sent.length, 0);
  socket.send = () => -105; // -ENOBUFS
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  tap.failWith = -5;
  socket.receive('192.0.2.2', Uint8Array.of(0, 0, 8, 0, ...ipv4('10.0.0.2', '10.0.0.1')));
  const s = dp.stats();
  assert.deepEqual(
    [s.drops.runt, s.drops.unsupportedEthertype, s.drops.unknownMac, s.drops.sendError, s.drops.tapWriteError],
    [2, 1, 1, 1, 1],
  );
  assert.deepEqual([s.packetsOut, s.packetsIn], [0, 0]);
});

test('a bad multicast target or NBMA answer is counted, the other targets still get their copy', () => {
  const { tap, socket, nhrp, dp } = rig();
  nhrp.multicast = ['bogus', '192.0.2.2'];
  nhrp.map.set('10.0.0.2', 'also bogus');
  tap.inject(ethernet('01:00:5e:00:00:0a', TAP_MAC, 0x0800, ipv4('10.0.0.1', '224.0.0.10')));
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  assert.deepEqual(
    socket.sent.map((p) => p.dst),
    ['192.0.2.2'],
  );
  assert.equal(dp.stats().drops.badNbma, 2);
});

test('bad configuration is refused with BAD_CONFIG; start twice with ALREADY_STARTED', () => {
  const make = (config: Record<string, unknown>) =>
    new TunnelDataplane({
      config: { name: 'Tunnel0', address: '10.0.0.1', prefixLength: 24, ...config },
      tap: new FakeTap(),
      socket: new FakeNbmaNetwork().socket('192.0.2.1'),
      hooks: {
        nbmaFor: () => undefined,
        nhsNbma: () => undefined,
        multicastTargets: () => [],
        nhrpPacket: () => undefined,
      },
    });
  for (const bad of [
    { address: '10.0.0' },
    { prefixLength: 33 },
    { key: -1 },
    { key: 2 ** 32 },
    { destination: 'x' },
  ]) {
    assert.throws(
      () => make(bad),
      (e: unknown) => e instanceof DataplaneError && e.code === 'BAD_CONFIG',
      JSON.stringify(bad),
    );
  }
  const dp = make({});
  dp.start();
  assert.throws(
    () => dp.start(),
    (e: unknown) => e instanceof DataplaneError && e.code === 'ALREADY_STARTED',
  );
});

test('a hook that throws costs one packet (handlerError) and an onError call, never the data plane', () => {
  const errors: unknown[] = [];
  const { tap, socket, nhrp, dp } = rig({}, { onError: (e) => errors.push(e) });
  nhrp.map.set('10.0.0.2', '192.0.2.2');
  const broken = rig({}, { onError: (e) => errors.push(e) });
  broken.nhrp.multicast = null as unknown as string[]; // multicastTargets() now returns something unusable
  broken.tap.inject(ethernet('01:00:5e:00:00:0a', TAP_MAC, 0x0800, ipv4('10.0.0.1', '224.0.0.10')));
  assert.equal(broken.dp.stats().drops.handlerError, 1);
  assert.equal(errors.length, 1);
  // The healthy one still forwards; and so does the broken one for unicast.
  tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  assert.equal(socket.sent.length, 1);
  broken.nhrp.map.set('10.0.0.2', '192.0.2.2');
  broken.tap.inject(ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.0.0.1', '10.0.0.2')));
  assert.equal(broken.socket.sent.length, 1);
  assert.equal(dp.stats().drops.handlerError, 0);
});
