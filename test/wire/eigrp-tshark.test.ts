/**
 * Independent check: EIGRP packets from our encoder, one of each kind (Hello with Parameters, Software
 * Version, TID list, Stub, Sequence and Next Multicast Sequence; Update with classic and wide, internal and
 * external routes; Query; Reply; Ack; goodbye Hello; Hello with Peer Termination; MD5 and HMAC-SHA-256
 * signed packets) in IPv4 to 224.0.0.10, read by Wireshark's dissector (tshark). No malformed or
 * expert items except the Peer Termination notes Wireshark attaches on purpose, and every field tshark
 * reads equals what we encoded. Route TLVs carry one destination each: tshark 4.0 misreads the second
 * destination of a TLV (it skips one byte too many), so several per TLV cannot be compared.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import {
  authTlv,
  classicMetric,
  EigrpOpcode,
  encodeEigrp,
  goodbyeTlv,
  makeEigrp,
  parametersTlv,
  signEigrp,
  softwareVersionTlv,
  wideMetric,
  type ClassicMetric,
  type Destination,
  type EigrpAuthKey,
  type EigrpPacket,
  type EigrpTlv,
  type ExternalData,
  type WideMetric,
} from '../../src/wire/eigrp/index.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

const ext: ExternalData = {
  originatingRouter: '198.51.100.1',
  originatingAs: 65000,
  adminTag: 7,
  externalMetric: 20,
  reserved: 0,
  protocol: 6,
  flags: 2,
};
const dest = (prefix: string, prefixLength: number): Destination[] => [{ prefix, prefixLength }];
const wide = (fields: Partial<WideMetric> = {}): WideMetric => wideMetric(fields);
const wideRoute = (prefix: string, len: number, metric = wide()): EigrpTlv => ({
  type: 'wideInternal',
  topology: 0,
  afi: 1,
  routerId: '10.0.0.1',
  nextHop: '0.0.0.0',
  metric,
  destinations: dest(prefix, len),
});

interface Case {
  packet: EigrpPacket;
  dst: string;
  key?: EigrpAuthKey;
  /** Expert items Wireshark adds by design for this packet (the field names). */
  expert?: string[];
}

function cases(): Case[] {
  const hello = (tlvs: EigrpTlv[], fields: Partial<EigrpPacket> = {}): EigrpPacket =>
    makeEigrp({ as: 100, tlvs, ...fields });
  return [
    {
      dst: '224.0.0.10',
      packet: hello([
        parametersTlv({ k2: 1, holdTime: 180 }),
        softwareVersionTlv(),
        { type: 'topologyIds', code: 0x00f5, flags: 0, tids: [0] },
        { type: 'stub', flags: 0x0009 },
        { type: 'sequence', addresses: ['192.0.2.3'] },
        { type: 'nextMulticastSequence', sequence: 41 },
      ]),
    },
    {
      dst: '192.0.2.1',
      packet: makeEigrp({
        opcode: EigrpOpcode.Update,
        flags: 0x0b,
        sequence: 42,
        ack: 17,
        as: 100,
        tlvs: [
          {
            type: 'ipv4Internal',
            nextHop: '0.0.0.0',
            metric: classicMetric({ routeTag: 3 }),
            destinations: dest('10.1.1.0', 24),
          },
          {
            type: 'ipv4External',
            nextHop: '192.0.2.9',
            external: ext,
            metric: classicMetric({ hopCount: 2, flags: 2 }),
            destinations: dest('10.2.0.0', 16),
          },
          {
            type: 'wideExternal',
            topology: 0,
            afi: 1,
            routerId: '10.0.0.1',
            nextHop: '192.0.2.9',
            external: ext,
            metric: wide({ hopCount: 1 }),
            destinations: dest('10.0.0.0', 8),
          },
          wideRoute('10.3.3.3', 32, wide({ attributes: Uint8Array.from([2, 2, 0, 0, 0, 9]) })),
        ],
      }),
    },
    {
      dst: '224.0.0.10',
      packet: makeEigrp({
        opcode: EigrpOpcode.Query,
        sequence: 43,
        as: 100,
        tlvs: [wideRoute('10.4.0.0', 20, wide({ delay: 0xffff_ffff_ffff, bandwidth: 0xffff_ffff }))],
      }),
    },
    {
      dst: '192.0.2.1',
      packet: makeEigrp({
        opcode: EigrpOpcode.Reply,
        sequence: 44,
        ack: 43,
        as: 100,
        tlvs: [wideRoute('10.4.0.0', 20, wide({ priority: 1, load: 3, mtu: 1400 }))],
      }),
    },
    { dst: '192.0.2.1', packet: makeEigrp({ ack: 44, as: 100 }) },
    { dst: '224.0.0.10', packet: hello([goodbyeTlv(), softwareVersionTlv()]), expert: ['eigrp.peer_termination'] },
    {
      dst: '224.0.0.10',
      packet: hello([parametersTlv(), { type: 'peerTermination', addresses: ['192.0.2.7'] }]),
      expert: ['eigrp.peer_termination_graceful'],
    },
    {
      dst: '224.0.0.10',
      packet: hello([authTlv('md5', 5, 77), parametersTlv(), softwareVersionTlv()]),
      key: { mode: 'md5', key: 'DMVPN' },
    },
    {
      dst: '192.0.2.1',
      packet: makeEigrp({
        opcode: EigrpOpcode.Update,
        sequence: 45,
        as: 100,
        tlvs: [authTlv('sha256'), wideRoute('10.5.5.0', 24)],
      }),
      key: { mode: 'sha256', password: 'SECRET_KEY', source: '192.0.2.2' },
    },
  ];
}

const colonHex = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1:');
const bits = (flags: number): string[] => [1, 2, 4, 8].map((b) => (flags & b ? '1' : '0'));

/** The field each expert item (`_ws.expert` object) anywhere in a dissection names. */
function expertFields(o: unknown): string[] {
  if (Array.isArray(o)) return o.flatMap(expertFields);
  if (o === null || typeof o !== 'object') return [];
  return Object.entries(o as Json).flatMap(([k, v]) =>
    k === '_ws.expert'
      ? list(v).flatMap((x) => Object.keys(x as Json).filter((f) => !f.startsWith('_ws.')))
      : expertFields(v),
  );
}

/** The TLV subtrees of a dissected EIGRP layer, in order. */
function tlvTrees(layer: Json): Json[] {
  return Object.values(layer)
    .flatMap((v) => list(v))
    .filter((v): v is Json => typeof v === 'object' && v !== null && 'eigrp.tlv_type' in v);
}

function checkRouteFlags(tree: Json, flags: number, where: string): void {
  const f = tree.Flags as Json;
  assert.deepEqual(
    [
      f['eigrp.metric.flags.srcwd'],
      f['eigrp.metric.flags.cd'],
      f['eigrp.metric.flags.active'],
      f['eigrp.metric.flags.repl'],
    ],
    bits(flags),
    `${where}: route flags`,
  );
}

function checkExternal(tree: Json, e: ExternalData, where: string): void {
  const x = tree['External Data'] as Json;
  assert.deepEqual(
    [
      x['eigrp.extdata.origrid'],
      x['eigrp.extdata.as'],
      x['eigrp.extdata.tag'],
      x['eigrp.extdata.metric'],
      x['eigrp.extdata.reserved'],
      x['eigrp.extdata.proto'],
    ],
    [
      e.originatingRouter,
      `${e.originatingAs}`,
      `${e.adminTag}`,
      `${e.externalMetric}`,
      `${e.reserved}`,
      `${e.protocol}`,
    ],
    `${where}: external data`,
  );
  const f = x['External Flags'] as Json;
  assert.deepEqual(
    [f['eigrp.opaque.flag.ext'], f['eigrp.opaque.flag.cd']],
    bits(e.flags).slice(0, 2),
    `${where}: external flags`,
  );
}

function checkClassicMetric(tree: Json, m: ClassicMetric, where: string): void {
  const x = tree['Legacy Metric'] as Json;
  assert.deepEqual(
    [
      x['eigrp.old_metric.delay'],
      x['eigrp.old_metric.bw'],
      x['eigrp.old_metric.mtu'],
      x['eigrp.old_metric.hopcount'],
      x['eigrp.old_metric.rel'],
      x['eigrp.old_metric.load'],
      x['eigrp.old_metric.intag'],
    ],
    [m.delay, m.bandwidth, m.mtu, m.hopCount, m.reliability, m.load, m.routeTag].map(String),
    `${where}: classic metric`,
  );
  checkRouteFlags(x, m.flags, where);
}

function checkWideMetric(tree: Json, m: WideMetric, where: string): void {
  const x = tree['Wide Metric'] as Json;
  assert.deepEqual(
    [
      x['eigrp.metric.offset'],
      x['eigrp.metric.priority'],
      x['eigrp.metric.reliability'],
      x['eigrp.metric.load'],
      x['eigrp.metric.mtu'],
      x['eigrp.metric.hopcount'],
      x['eigrp.metric.delay'],
      x['eigrp.metric.bandwidth'],
      x['eigrp.metric.reserved'],
    ],
    [m.attributes.length / 2, m.priority, m.reliability, m.load, m.mtu, m.hopCount, m.delay, m.bandwidth]
      .map(String)
      .concat(`0x${m.reserved.toString(16).padStart(4, '0')}`),
    `${where}: wide metric`,
  );
  // Wireshark reads the route flags from the first byte of the 16-bit Flags field
  checkRouteFlags(x, m.flags >> 8, where);
  if (m.attributes.length) assert.ok(tree.Attributes, `${where}: metric attributes dissected`);
}

function checkTlv(tree: Json, t: EigrpTlv, where: string): void {
  const w = `${where} ${t.type}`;
  switch (t.type) {
    case 'parameters':
      assert.deepEqual(
        ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'holdtime'].map((k) => tree[`eigrp.par.${k}`]),
        [t.k1, t.k2, t.k3, t.k4, t.k5, t.k6, t.holdTime].map(String),
        w,
      );
      return;
    case 'softwareVersion':
      assert.deepEqual(
        [tree['eigrp.release_version'], tree['eigrp.tlv_version']],
        [`${(t.releaseMajor << 8) | t.releaseMinor}`, `${(t.tlvMajor << 8) | t.tlvMinor}`],
        w,
      );
      return;
    case 'topologyIds':
      assert.deepEqual(
        [tree['eigrp.tidlist.flags'], tree['eigrp.tidlist.len']],
        [`0x${t.flags.toString(16).padStart(4, '0')}`, `${t.tids.length * 2}`],
        w,
      );
      assert.deepEqual(list((tree[`${t.tids.length} TIDs`] as Json)['eigrp.tidlist']), t.tids.map(String), w);
      return;
    case 'stub':
      assert.equal(tree['eigrp.stub_options'], `0x${t.flags.toString(16).padStart(4, '0')}`, w);
      return;
    case 'sequence':
      assert.deepEqual([tree['eigrp.seq.addrlen'], tree['eigrp.seq.ipv4addr']], ['4', t.addresses[0]], w);
      return;
    case 'nextMulticastSequence':
      assert.equal(tree['eigrp.next_mcast_seq'], `${t.sequence}`, w);
      return;
    case 'peerTermination':
      return; // Wireshark shows the TLV and its expert note, no fields
    case 'authentication':
      assert.deepEqual(
        [
          tree['eigrp.auth.type'],
          tree['eigrp.auth.length'],
          tree['eigrp.auth.keyid'],
          tree['eigrp.auth.keyseq'],
          tree['eigrp.nullpad'],
          tree['eigrp.auth.digest'],
        ],
        [
          `${t.authType}`,
          `${t.digest.length}`,
          `${t.keyId}`,
          `${t.keySequence}`,
          colonHex(t.nullPad),
          colonHex(t.digest),
        ],
        w,
      );
      return;
    case 'ipv4Internal':
    case 'ipv4External':
    case 'wideInternal':
    case 'wideExternal': {
      assert.deepEqual(
        [tree['eigrp.ipv4.prefixlen'], tree['eigrp.ipv4.destination']],
        [`${t.destinations[0].prefixLength}`, t.destinations[0].prefix],
        `${w}: destination`,
      );
      assert.equal(tree['eigrp.ipv4.nexthop'], t.nextHop, `${w}: next hop`);
      if (t.type === 'ipv4Internal' || t.type === 'ipv4External') checkClassicMetric(tree, t.metric, w);
      else {
        assert.deepEqual(
          [tree['eigrp.tid'], tree['eigrp.afi'], tree['eigrp.routerid']],
          [`${t.topology}`, `${t.afi}`, t.routerId],
          `${w}: TID, AFI, router ID`,
        );
        checkWideMetric(tree, t.metric, w);
      }
      if (t.type === 'ipv4External' || t.type === 'wideExternal') checkExternal(tree, t.external, w);
      return;
    }
    default:
      assert.fail(`${w}: no check for this TLV kind`);
  }
}

test('tshark dissects every EIGRP packet kind and TLV we encode, without warnings, to the values we encoded', {
  skip: tsharkMissing(),
}, () => {
  const all = cases();
  const encoded = all.map((c) => {
    const bytes = encodeEigrp(c.packet);
    return c.key ? signEigrp(bytes, c.key) : bytes;
  });
  const frames = encoded.map((payload, i) =>
    encodeIpv4(
      makeIpv4({
        src: '192.0.2.2',
        dst: all[i].dst,
        protocol: 88,
        ttl: all[i].dst === '224.0.0.10' ? 1 : 255,
        tos: 0xc0,
        payload,
      }),
    ),
  );
  const dissected = dissect(frames);
  assert.equal(dissected.length, all.length);
  all.forEach(({ packet: p, key, expert = [] }, i) => {
    const where = `frame ${i + 1} (opcode ${p.opcode})`;
    const layers = dissected[i];
    const items = wsItems(layers);
    assert.deepEqual(
      items.filter((s) => !/\/_ws\.expert[:/]/.test(s)),
      [],
      `${where}: no malformed items`,
    );
    assert.deepEqual(expertFields(layers), expert, `${where}: only the expert items Wireshark adds by design`);
    const e = layers.eigrp as Json;
    const chk = (encoded[i][2] << 8) | encoded[i][3];
    assert.deepEqual(
      [
        e['eigrp.version'],
        e['eigrp.opcode'],
        e['eigrp.checksum'],
        e['eigrp.checksum.status'],
        e['eigrp.flags'],
        e['eigrp.seq'],
        e['eigrp.ack'],
        e['eigrp.vrid'],
        e['eigrp.as'],
      ],
      [
        '2',
        `${p.opcode}`,
        `0x${chk.toString(16).padStart(4, '0')}`,
        '1',
        `0x${p.flags.toString(16).padStart(8, '0')}`,
        `${p.sequence}`,
        `${p.ack}`,
        `${p.vrid}`,
        `${p.as}`,
      ],
      `${where}: header`,
    );
    const f = e['eigrp.flags_tree'] as Json;
    assert.deepEqual(
      [f['eigrp.flags.init'], f['eigrp.flags.condrecv'], f['eigrp.flags.restart'], f['eigrp.flags.eot']],
      bits(p.flags),
      `${where}: flag bits`,
    );
    const trees = tlvTrees(e);
    assert.deepEqual(
      trees.map((t) => t['eigrp.tlv_type']),
      p.tlvs.map((t) => `0x${(t.type === 'topologyIds' ? t.code : codeOf(t)).toString(16).padStart(4, '0')}`),
      `${where}: TLVs in order`,
    );
    p.tlvs.forEach((t, k) => {
      const tlv =
        key && t.type === 'authentication' ? { ...t, digest: encoded[i].subarray(44, 44 + t.digest.length) } : t;
      checkTlv(trees[k], tlv, `${where} TLV ${k + 1}`);
    });
  });
});

const CODES: Partial<Record<EigrpTlv['type'], number>> = {
  parameters: 1,
  authentication: 2,
  sequence: 3,
  softwareVersion: 4,
  nextMulticastSequence: 5,
  stub: 6,
  peerTermination: 7,
  ipv4Internal: 0x0102,
  ipv4External: 0x0103,
  wideInternal: 0x0602,
  wideExternal: 0x0603,
};
const codeOf = (t: EigrpTlv): number => CODES[t.type] ?? -1;
