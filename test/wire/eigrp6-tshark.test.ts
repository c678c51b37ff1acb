/**
 * Independent check of EIGRP for IPv6: Hello and Update packets with the IPv6 route TLVs (0x0402
 * internal, 0x0403 external) from our encoder, in IPv6 from a link-local address to FF02::A (and
 * unicast to a neighbor's link-local), read by Wireshark's dissector (tshark). No malformed or
 * expert items, and every route field tshark reads equals what we encoded; they also round-trip
 * through our own decoder. The same for the wide-metric TLVs of family 2 (0x0602/0x0603).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addrToBytes } from '../../src/wire/nhrp/addr.js';
import {
  classicMetric,
  wideMetric,
  decodeEigrp,
  EigrpOpcode,
  encodeEigrp,
  makeEigrp,
  parametersTlv,
  softwareVersionTlv,
  type EigrpPacket,
  type EigrpTlv,
} from '../../src/wire/eigrp/index.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

/** An IPv6 header (next header 88, EIGRP) in front of `payload`. */
function ipv6Packet(src: string, dst: string, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(40 + payload.length);
  b[0] = 0x6c; // version 6, traffic class 0xc0 (IOS sends EIGRP as CS6)
  b[4] = payload.length >> 8;
  b[5] = payload.length & 0xff;
  b[6] = 88;
  b[7] = 255;
  b.set(addrToBytes(src), 8);
  b.set(addrToBytes(dst), 24);
  b.set(payload, 40);
  return b;
}

const metric = classicMetric({ delay: 0x0001_2800, bandwidth: 0x0001_0000, mtu: 1400, hopCount: 1 });
const routes: EigrpTlv[] = [
  { type: 'ipv6Internal', nextHop: '::', metric, destinations: [{ prefix: '2001:db8:0:1::', prefixLength: 64 }] },
  {
    type: 'ipv6External',
    nextHop: 'fe80::2',
    external: {
      originatingRouter: '198.51.100.1',
      originatingAs: 100,
      adminTag: 7,
      externalMetric: 0,
      reserved: 0,
      protocol: 3,
      flags: 0,
    },
    metric: { ...metric, hopCount: 2 },
    destinations: [{ prefix: '2001:db8:2::', prefixLength: 48 }],
  },
  { type: 'ipv6Internal', nextHop: '::', metric, destinations: [{ prefix: '2001:db8::1', prefixLength: 128 }] },
];

const packets: Array<{ dst: string; packet: EigrpPacket }> = [
  { dst: 'ff02::a', packet: makeEigrp({ as: 100, tlvs: [parametersTlv({ holdTime: 15 }), softwareVersionTlv()] }) },
  {
    dst: 'fe80::2',
    packet: makeEigrp({ as: 100, opcode: EigrpOpcode.Update, sequence: 7, ack: 3, tlvs: routes }),
  },
];

test('tshark reads our EIGRP for IPv6 packets and IPv6 route TLVs as we encoded them', {
  skip: tsharkMissing(),
}, () => {
  const encoded = packets.map((p) => encodeEigrp(p.packet));
  for (const [i, bytes] of encoded.entries()) assert.deepEqual(decodeEigrp(bytes).tlvs, packets[i].packet.tlvs);
  const layers = dissect(encoded.map((e, i) => ipv6Packet('fe80::1', packets[i].dst, e)));
  assert.equal(layers.length, 2);
  for (const l of layers) assert.deepEqual(wsItems(l), [], 'no malformed or expert items');
  assert.equal((layers[0].ipv6 as Json)['ipv6.dst'], 'ff02::a');
  const update = layers[1].eigrp as Json;
  assert.equal(update['eigrp.opcode'], '1');
  const trees = Object.values(update)
    .flatMap((v) => list(v))
    .filter((v): v is Json => typeof v === 'object' && v !== null && 'eigrp.tlv_type' in v);
  assert.deepEqual(
    trees.map((t) => t['eigrp.tlv_type']),
    ['0x0402', '0x0403', '0x0402'],
  );
  routes.forEach((r, i) => {
    const t = trees[i];
    if (r.type !== 'ipv6Internal' && r.type !== 'ipv6External') return;
    assert.equal(t['eigrp.ipv6.nexthop'], r.nextHop, `TLV ${i + 1}: next hop`);
    assert.deepEqual(
      [t['eigrp.ipv6.prefixlen'], t['eigrp.ipv6.destination']],
      [String(r.destinations[0].prefixLength), r.destinations[0].prefix],
      `TLV ${i + 1}: destination`,
    );
    const m = t['Legacy Metric'] as Json;
    assert.deepEqual(
      ['delay', 'bw', 'mtu', 'hopcount', 'rel', 'load', 'intag'].map((f) => m[`eigrp.old_metric.${f}`]),
      [r.metric.delay, r.metric.bandwidth, r.metric.mtu, r.metric.hopCount, r.metric.reliability, r.metric.load, 0].map(
        String,
      ),
      `TLV ${i + 1}: classic metric`,
    );
    if (r.type === 'ipv6External') {
      const x = t['External Data'] as Json;
      assert.equal(x['eigrp.extdata.origrid'], r.external.originatingRouter);
      assert.equal(x['eigrp.extdata.as'], String(r.external.originatingAs));
    }
  });
});

/** Wide-metric routes of family 2 (IPv6), as named mode sends them: one destination per TLV, as IOS. */
const external = {
  originatingRouter: '10.255.0.1',
  originatingAs: 10,
  adminTag: 0,
  externalMetric: 0,
  reserved: 0,
  protocol: 3,
  flags: 0,
};
const wideRoutes: EigrpTlv[] = [
  {
    type: 'wideInternal',
    topology: 0,
    afi: 2,
    routerId: '10.255.0.1',
    nextHop: '::',
    metric: wideMetric({ delay: 50_000_000_000, bandwidth: 100 }),
    destinations: [{ prefix: '2001:db8:1::', prefixLength: 64 }],
  },
  {
    type: 'wideExternal',
    topology: 0,
    afi: 2,
    routerId: '10.255.0.1',
    nextHop: 'fe80::2',
    metric: wideMetric({ hopCount: 1, flags: 2 }),
    external,
    destinations: [{ prefix: '2001:db8:99::', prefixLength: 48 }],
  },
  {
    type: 'wideInternal',
    topology: 0,
    afi: 2,
    routerId: '10.255.0.1',
    nextHop: '::',
    metric: wideMetric({ delay: 0xffff_ffff_ffff, flags: 4 }),
    destinations: [{ prefix: '2001:db8::1', prefixLength: 128 }],
  },
];

test('tshark reads our wide-metric IPv6 route TLVs (0x0602/0x0603, family 2) as we encoded them', {
  skip: tsharkMissing(),
}, () => {
  const packet = makeEigrp({ as: 10, opcode: EigrpOpcode.Update, sequence: 2, tlvs: wideRoutes });
  const bytes = encodeEigrp(packet);
  assert.deepEqual(decodeEigrp(bytes).tlvs, wideRoutes);
  const [layer] = dissect([ipv6Packet('fe80::1', 'ff02::a', bytes)]);
  assert.deepEqual(wsItems(layer), [], 'no malformed or expert items');
  const trees = Object.values(layer.eigrp as Json)
    .flatMap((v) => list(v))
    .filter((v): v is Json => typeof v === 'object' && v !== null && 'eigrp.tlv_type' in v);
  assert.deepEqual(
    trees.map((t) => [t['eigrp.tlv_type'], t['eigrp.afi'], t['eigrp.routerid']]),
    [
      ['0x0602', '2', '10.255.0.1'],
      ['0x0603', '2', '10.255.0.1'],
      ['0x0602', '2', '10.255.0.1'],
    ],
  );
  wideRoutes.forEach((r, i) => {
    const t = trees[i];
    if (r.type !== 'wideInternal' && r.type !== 'wideExternal') return;
    assert.equal(t['eigrp.ipv6.nexthop'], r.nextHop, `TLV ${i + 1}: next hop`);
    assert.deepEqual(
      [t['eigrp.ipv6.prefixlen'], t['eigrp.ipv6.destination']],
      [String(r.destinations[0].prefixLength), r.destinations[0].prefix],
      `TLV ${i + 1}: destination`,
    );
    const m = t['Wide Metric'] as Json;
    assert.deepEqual(
      ['delay', 'bandwidth', 'mtu', 'hopcount', 'reliability', 'load'].map((f) => m[`eigrp.metric.${f}`]),
      [r.metric.delay, r.metric.bandwidth, r.metric.mtu, r.metric.hopCount, r.metric.reliability, r.metric.load].map(
        String,
      ),
      `TLV ${i + 1}: wide metric`,
    );
    if (r.type === 'wideExternal') {
      const x = t['External Data'] as Json;
      assert.equal(x['eigrp.extdata.origrid'], r.external.originatingRouter);
      assert.equal(x['eigrp.extdata.proto'], String(r.external.protocol));
    }
  });
});
