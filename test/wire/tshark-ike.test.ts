/**
 * Independent check of the IKE encoders: an IKEv1 main-mode message 1 (SA with a transform and its attributes)
 * and an IKEv2 IKE_SA_INIT request (SA, KE, Nonce, NAT detection notifies), sent over IPv4/UDP 500 in a
 * pcap, are read by Wireshark's dissector: no malformed or expert items, and its fields equal ours.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  encodeIkev2,
  Ikev2Exchange,
  Ikev2Flags,
  Ikev2Notify,
  ikev2PayloadType,
  type Ikev2Message,
} from '../../src/wire/ikev2/index.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import {
  encodeIsakmp,
  IkeAttribute,
  IsakmpExchange,
  isakmpPayloadType,
  type Attribute,
  type IsakmpMessage,
} from '../../src/wire/isakmp/index.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { hex } from '../helpers/wire.js';
import { list, dissect, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

const A = '192.0.2.2';
const B = '192.0.2.1';
const colons = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1:');
const fill = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);
const natHash = (spis: string, ip: string, port: number): Uint8Array =>
  createHash('sha1')
    .update(hex(spis))
    .update(Uint8Array.from([...ip.split('.').map(Number), port >> 8, port & 0xff]))
    .digest();

/** The values of `keys` in a dissection object. */
const pick = (o: Json, ...keys: string[]): unknown[] => keys.map((k) => o[`isakmp.${k}`]);

const ATTRS: Attribute[] = [
  { type: IkeAttribute.EncryptionAlgorithm, value: 7 },
  { type: IkeAttribute.KeyLength, value: 256 },
  { type: IkeAttribute.HashAlgorithm, value: 4 },
  { type: IkeAttribute.GroupDescription, value: 14 },
  { type: IkeAttribute.AuthenticationMethod, value: 1 },
  { type: IkeAttribute.LifeType, value: 1 },
  { type: IkeAttribute.LifeDuration, value: hex('00015180') },
];

const MM1: IsakmpMessage = {
  initiatorSpi: hex('e47a591fd057587f'),
  responderSpi: fill(8, 0),
  minorVersion: 0,
  exchangeType: IsakmpExchange.IdentityProtection,
  flags: 0,
  messageId: 0,
  payloads: [
    {
      kind: 'sa',
      doi: 1,
      situation: 1,
      proposals: [
        {
          number: 1,
          protocolId: 1,
          spi: new Uint8Array(0),
          transforms: [{ number: 1, transformId: 1, attributes: ATTRS }],
        },
      ],
    },
    { kind: 'vendorId', data: hex('4a131c81070358455c5728f20e95452f') },
  ],
};

const natDetection = (notifyType: number, data: Uint8Array): Ikev2Message['payloads'][number] => ({
  critical: false,
  kind: 'notify',
  protocolId: 0,
  spi: new Uint8Array(0),
  notifyType,
  data,
});

const SPIS = '864330ac30e6564d0000000000000000';
const SA_INIT: Ikev2Message = {
  initiatorSpi: hex(SPIS.slice(0, 16)),
  responderSpi: fill(8, 0),
  minorVersion: 0,
  exchangeType: Ikev2Exchange.IkeSaInit,
  flags: Ikev2Flags.Initiator,
  messageId: 0,
  payloads: [
    {
      critical: false,
      kind: 'sa',
      proposals: [
        {
          number: 1,
          protocolId: 1,
          spi: new Uint8Array(0),
          transforms: [
            { type: 1, id: 20, attributes: [{ type: 14, value: 256 }] },
            { type: 2, id: 5, attributes: [] },
            { type: 4, id: 19, attributes: [] },
          ],
        },
      ],
    },
    { critical: false, kind: 'ke', group: 19, data: fill(64, 0x42) },
    { critical: false, kind: 'nonce', data: fill(32, 0x17) },
    natDetection(Ikev2Notify.NAT_DETECTION_SOURCE_IP, natHash(SPIS, A, 500)),
    natDetection(Ikev2Notify.NAT_DETECTION_DESTINATION_IP, natHash(SPIS, B, 500)),
  ],
};

const udp500 = (ike: Uint8Array): Uint8Array => {
  const payload = encodeUdp({ srcPort: 500, dstPort: 500, payload: ike }, A, B);
  return encodeIpv4(makeIpv4({ src: A, dst: B, protocol: 17, payload }));
};

/** Payload lengths and next-payload fields as our encoder wrote them, walked from the bytes. */
function chain(bytes: Uint8Array): { next: number; length: number }[] {
  const out: { next: number; length: number }[] = [];
  let at = 28;
  let type = bytes[16];
  while (type !== 0) {
    out.push({ next: bytes[at], length: (bytes[at + 2] << 8) | bytes[at + 3] });
    type = bytes[at];
    at += (bytes[at + 2] << 8) | bytes[at + 3];
  }
  return out;
}

function header(isakmp: Json, bytes: Uint8Array, where: string): void {
  assert.deepEqual(
    pick(isakmp, 'ispi', 'rspi', 'nextpayload', 'version', 'exchangetype'),
    [
      colons(bytes.subarray(0, 8)),
      colons(bytes.subarray(8, 16)),
      `${bytes[16]}`,
      `0x${bytes[17].toString(16)}`,
      `${bytes[18]}`,
    ],
    `${where}: header`,
  );
  assert.deepEqual(
    pick(isakmp, 'flags', 'messageid', 'length'),
    [`0x${bytes[19].toString(16).padStart(2, '0')}`, '0x00000000', `${bytes.length}`],
    `${where}: flags, message ID, length`,
  );
}

const skip = tsharkMissing();

test('tshark reads our IKEv1 main mode message 1 and IKEv2 IKE_SA_INIT to the values we encoded', { skip }, () => {
  const v1 = encodeIsakmp(MM1);
  const v2 = encodeIkev2(SA_INIT);
  const [f1, f2] = dissect([udp500(v1), udp500(v2)]);
  assert.deepEqual(wsItems(f1), [], 'IKEv1: no malformed or expert items');
  assert.deepEqual(wsItems(f2), [], 'IKEv2: no malformed or expert items');

  const i1 = f1.isakmp as Json;
  header(i1, v1, 'IKEv1');
  const types1 = MM1.payloads.map((p) => `${isakmpPayloadType(p)}`);
  assert.deepEqual(list(i1['isakmp.typepayload']), types1, 'IKEv1 payload types');
  const t1 = list(i1['isakmp.typepayload_tree']) as Json[];
  chain(v1).forEach((c, i) => {
    const got = pick(t1[i], 'nextpayload', 'payloadlength');
    assert.deepEqual(got, [`${c.next}`, `${c.length}`], `IKEv1 payload ${i + 1}`);
  });
  const sa = t1[0];
  assert.deepEqual([sa['isakmp.sa.doi'], sa['isakmp.sa.situation']], ['1', '00:00:00:01']);
  const prop = sa['isakmp.typepayload_tree'] as Json;
  assert.deepEqual(pick(prop, 'prop.number', 'prop.protoid', 'spisize', 'prop.transforms'), ['1', '1', '0', '1']);
  const tr = prop['isakmp.typepayload_tree'] as Json;
  assert.deepEqual([tr['isakmp.trans.number'], tr['isakmp.trans.id']], ['1', '1']);
  const mmSa = MM1.payloads[0];
  assert.ok(mmSa.kind === 'sa');
  assert.deepEqual(
    (list(tr['isakmp.ike.attr']) as Json[]).map((a) => pick(a, 'ike.attr.format', 'ike.attr.type', 'ike.attr.value')),
    mmSa.proposals[0].transforms[0].attributes.map((a) =>
      typeof a.value === 'number'
        ? ['1', `${a.type}`, colons(Uint8Array.of(a.value >> 8, a.value & 0xff))]
        : ['0', `${a.type}`, colons(a.value)],
    ),
    'IKEv1 attributes, TV and TLV',
  );
  assert.equal((list(tr['isakmp.ike.attr']) as Json[])[6]['isakmp.ike.attr.life_duration'], '86400');
  assert.equal(t1[1]['isakmp.vid_bytes'], '4a:13:1c:81:07:03:58:45:5c:57:28:f2:0e:95:45:2f');

  const i2 = f2.isakmp as Json;
  header(i2, v2, 'IKEv2');
  const types2 = SA_INIT.payloads.map((p) => `${ikev2PayloadType(p)}`);
  assert.deepEqual(list(i2['isakmp.typepayload']), types2, 'IKEv2 payload types');
  const t2 = list(i2['isakmp.typepayload_tree']) as Json[];
  chain(v2).forEach((c, i) => {
    const got = pick(t2[i], 'nextpayload', 'payloadlength', 'criticalpayload');
    assert.deepEqual(got, [`${c.next}`, `${c.length}`, '0'], `IKEv2 payload ${i + 1}`);
  });
  const p2 = t2[0]['isakmp.typepayload_tree'] as Json;
  assert.deepEqual(pick(p2, 'prop.number', 'prop.protoid', 'prop.transforms'), ['1', '1', '3']);
  const trs = list(p2['isakmp.typepayload_tree']) as Json[];
  assert.deepEqual(
    trs.map((t) => [t['isakmp.tf.type'], t['isakmp.tf.id.encr'] ?? t['isakmp.tf.id.prf'] ?? t['isakmp.tf.id.dh']]),
    [
      ['1', '20'],
      ['2', '5'],
      ['4', '19'],
    ],
  );
  assert.equal((trs[0]['isakmp.ike2.attr'] as Json)['isakmp.ike2.attr.key_length'], '256');
  assert.deepEqual(pick(t2[1], 'key_exchange.dh_group', 'key_exchange.data'), ['19', colons(fill(64, 0x42))]);
  assert.equal(t2[2]['isakmp.nonce'], colons(fill(32, 0x17)));
  for (const i of [3, 4]) {
    const n = SA_INIT.payloads[i];
    assert.ok(n.kind === 'notify');
    const got = pick(t2[i], 'notify.msgtype', 'notify.data');
    assert.deepEqual(got, [`${n.notifyType}`, colons(n.data)], `notify ${i}`);
  }
});
