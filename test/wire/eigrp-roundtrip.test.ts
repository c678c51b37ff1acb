import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEigrp, eigrpChecksumOk, encodeEigrp, EigrpOpcode, isGoodbye } from '../../src/wire/eigrp/index.js';
import { ciscoEigrpPackets, hex, toHex } from '../helpers/wire.js';

/** Query from eigrp-query-reply.pcapng frame 3: one wide-metric internal route, 1.1.1.1/32, active and unreachable. */
const QUERY =
  '0203f2a5000000000000000a00000000000000010602002d000000010b0b0b0b0000cc00000000ff' +
  'ffffffffffff0000ffffffff00000004000000002001010101';

test('every EIGRP packet in the Cisco captures decodes, has a valid checksum and re-encodes to the same bytes', () => {
  const packets = ciscoEigrpPackets();
  assert.ok(packets.length >= 60, `expected at least 60 EIGRP packets in the captures, found ${packets.length}`);
  assert.deepEqual(
    [...new Set(packets.map((p) => p.file))],
    [
      'eigrp-graceful-shutdown-hello-packet.pcapng',
      'eigrp-neighbor-adjacency-ios15.pcapng',
      'eigrp-query-reply.pcapng',
      'eigrp-sha-authentication.pcapng',
      'eigrp-unicast-neighbor-adjacency.pcap',
    ],
  );
  const kinds = new Set<string>();
  const opcodes = new Set<number>();
  for (const { file, frame, bytes } of packets) {
    const where = `${file} frame ${frame}`;
    const p = decodeEigrp(bytes, { verifyChecksum: true });
    opcodes.add(p.opcode);
    for (const t of p.tlvs) kinds.add(t.type);
    assert.ok(eigrpChecksumOk(bytes), `${where}: checksum`);
    assert.equal(toHex(encodeEigrp(p)), toHex(bytes), `${where}: re-encoding`);
  }
  for (const k of [
    'parameters',
    'softwareVersion',
    'authentication',
    'sequence',
    'nextMulticastSequence',
    'topologyIds',
    'ipv4Internal',
    'wideInternal',
  ]) {
    assert.ok(kinds.has(k), `captures contain a ${k} TLV`);
  }
  assert.ok(!kinds.has('unknown'), 'every TLV in the captures has a typed form');
  for (const op of [EigrpOpcode.Update, EigrpOpcode.Query, EigrpOpcode.Reply, EigrpOpcode.Hello])
    assert.ok(opcodes.has(op), `opcode ${op} seen`);
});

test('the Query vector decodes to the fields Wireshark shows', () => {
  const b = hex(QUERY);
  const p = decodeEigrp(b);
  assert.deepEqual(
    { op: p.opcode, seq: p.sequence, ack: p.ack, as: p.as, vrid: p.vrid, flags: p.flags },
    { op: 3, seq: 10, ack: 0, as: 1, vrid: 0, flags: 0 },
  );
  assert.equal(p.tlvs.length, 1);
  const r = p.tlvs[0];
  assert.ok(r.type === 'wideInternal');
  assert.equal(r.routerId, '11.11.11.11');
  assert.equal(r.nextHop, '0.0.0.0');
  assert.deepEqual(r.destinations, [{ prefixLength: 32, prefix: '1.1.1.1' }]);
  assert.equal(r.metric.delay, 0xffff_ffff_ffff);
  assert.equal(r.metric.bandwidth, 0xffff_ffff);
  assert.deepEqual([r.metric.reliability, r.metric.load, r.metric.mtu, r.metric.hopCount], [204, 0, 0, 255]);
  assert.equal(r.metric.flags, 0x0004, 'the route is active (it is being queried)');
  assert.equal(toHex(encodeEigrp(p)), QUERY);
});

test('classic IPv4 routes, Sequence, Next Multicast Sequence and the goodbye Hello read as Wireshark reads them', () => {
  const packets = ciscoEigrpPackets().map((c) => ({ ...c, p: decodeEigrp(c.bytes) }));
  const update = packets.find((x) => x.file.includes('ios15') && x.p.tlvs.some((t) => t.type === 'ipv4Internal'));
  assert.ok(update);
  const r = update.p.tlvs.find((t) => t.type === 'ipv4Internal');
  assert.ok(r && r.type === 'ipv4Internal');
  assert.deepEqual(r.metric, {
    delay: 128000,
    bandwidth: 256,
    mtu: 1514,
    hopCount: 0,
    reliability: 255,
    load: 1,
    routeTag: 0,
    flags: 0,
  });
  assert.equal(r.destinations[0].prefixLength, 24);
  assert.match(r.destinations[0].prefix, /^[12]\.[12]\.[12]\.0$/);
  const seqHello = packets.find((x) => x.p.tlvs.some((t) => t.type === 'sequence'));
  assert.ok(seqHello);
  const seq = seqHello.p.tlvs.find((t) => t.type === 'sequence');
  assert.ok(seq?.type === 'sequence' && /^192\.168\.12\.[12]$/.test(seq.addresses[0]));
  const next = seqHello.p.tlvs.find((t) => t.type === 'nextMulticastSequence');
  assert.ok(next?.type === 'nextMulticastSequence' && next.sequence === 2);
  const bye = packets.find((x) => x.file.includes('graceful'));
  assert.ok(bye && isGoodbye(bye.p.tlvs[0]));
  assert.equal(bye.p.tlvs.filter(isGoodbye).length, 1);
});

test('a flipped byte makes the checksum fail; verifyChecksum rejects it and the encoder repairs it', () => {
  const b = hex(QUERY);
  b[30] ^= 0x01;
  assert.equal(eigrpChecksumOk(b), false);
  assert.throws(
    () => decodeEigrp(b, { verifyChecksum: true }),
    (e: unknown) => (e as { code?: string }).code === 'BAD_CHECKSUM',
  );
  assert.ok(eigrpChecksumOk(encodeEigrp(decodeEigrp(b))));
});

/**
 * A wide-metric IPv6 internal route (RFC 7868 multiprotocol TLV, family 2), laid out by hand: TID 0,
 * AFI 2, router ID 10.255.0.1, offset 0, priority 0, reliability 255, load 1, MTU 1500, hop count 0,
 * delay 5*10^10 ps, bandwidth 100 kbit/s, reserved 0, flags 0, next hop :: (16 bytes), 2001:db8:1::/64
 * (prefix length and 8 bytes).
 */
const WIDE6 =
  '0602003d' +
  '00000002' +
  '0aff0001' +
  '0000ff01' +
  '0005dc00' +
  '000ba43b7400' +
  '000000000064' +
  '00000000' +
  '00000000000000000000000000000000' +
  '4020010db800010000';

test('a wide-metric IPv6 route (family 2) decodes and re-encodes byte for byte', () => {
  // header: version 2, Update, checksum (not checked), flags 0, sequence 1, ack 0, VRID 0, AS 10
  const p = decodeEigrp(hex(`020100000000000000000001000000000000000a${WIDE6}`));
  assert.equal(p.tlvs.length, 1);
  const r = p.tlvs[0];
  assert.ok(r.type === 'wideInternal');
  assert.deepEqual(
    { afi: r.afi, routerId: r.routerId, nextHop: r.nextHop, destinations: r.destinations },
    { afi: 2, routerId: '10.255.0.1', nextHop: '::', destinations: [{ prefix: '2001:db8:1::', prefixLength: 64 }] },
  );
  assert.deepEqual([r.metric.delay, r.metric.bandwidth, r.metric.mtu], [50_000_000_000, 100, 1500]);
  assert.ok(toHex(encodeEigrp(p)).endsWith(WIDE6));
});
