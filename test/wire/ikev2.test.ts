/**
 * IKEv2 codec: the Cisco IKE_SA_INIT / IKE_AUTH capture decodes and re-encodes byte for byte; payloads round-trip;
 * critical bit; error codes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import {
  decodeIkev2,
  encodeIkev2,
  Ikev2Exchange,
  Ikev2Flags,
  Ikev2Notify,
  ikev2NotifyName,
  Ikev2PayloadType,
  transformIdName,
  TransformType,
  unsupportedCriticalPayload,
  type Ikev2Message,
} from '../../src/wire/ikev2/index.js';
import { ciscoIpsecPackets, hex, toHex } from '../helpers/wire.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    return e.code;
  }
};

const v2 = (): Uint8Array[] =>
  ciscoIpsecPackets()
    .filter((p) => p.majorVersion === 2)
    .map((p) => p.bytes);

test('IKE_SA_INIT request from the Cisco capture: SA, KE, Nonce, vendor IDs, NAT detection notifies', () => {
  const bytes = v2()[0];
  const m = decodeIkev2(bytes);
  assert.equal(toHex(m.initiatorSpi), '864330ac30e6564d');
  assert.equal(m.exchangeType, Ikev2Exchange.IkeSaInit);
  assert.equal(m.flags, Ikev2Flags.Initiator);
  assert.equal(m.messageId, 0);
  assert.deepEqual(
    m.payloads.map((p) => p.kind),
    ['sa', 'ke', 'nonce', 'vendorId', 'vendorId', 'vendorId', 'notify', 'notify', 'vendorId'],
  );
  const sa = m.payloads[0];
  assert.ok(sa.kind === 'sa');
  assert.equal(sa.proposals.length, 1);
  assert.deepEqual(
    sa.proposals[0].transforms.map((t) => [
      t.type,
      transformIdName(t.type, t.id),
      t.attributes.map((a) => [a.type, a.value]),
    ]),
    [
      [TransformType.Encryption, 'ENCR_AES_CBC', [[14, 128]]],
      [TransformType.Prf, 'PRF_HMAC_SHA1', []],
      [TransformType.Integrity, 'AUTH_HMAC_SHA1_96', []],
      [TransformType.DiffieHellman, 'MODP_1024', []],
    ],
  );
  const ke = m.payloads[1];
  assert.ok(ke.kind === 'ke' && ke.group === 2 && ke.data.length === 128);
  const nonce = m.payloads[2];
  assert.ok(nonce.kind === 'nonce' && nonce.data.length === 64);
  const notifies = m.payloads.filter((p) => p.kind === 'notify');
  assert.deepEqual(
    notifies.map((n) => {
      assert.ok(n.kind === 'notify');
      return [ikev2NotifyName(n.notifyType), n.protocolId, n.spi.length, toHex(n.data)];
    }),
    [
      ['NAT_DETECTION_SOURCE_IP', 1, 0, '7e576cc013d40543a2e8777d003468a5b1890c58'],
      ['NAT_DETECTION_DESTINATION_IP', 1, 0, '52644d87d47c2d4423bd37e448a9f5170181cb8a'],
    ],
  );
  assert.ok(m.payloads.every((p) => !p.critical));
  assert.equal(toHex(encodeIkev2(m)), toHex(bytes));
});

test('every IKEv2 message of the Cisco capture re-encodes byte for byte; IKE_AUTH is one SK payload kept raw', () => {
  const msgs = v2();
  assert.equal(msgs.length, 4);
  for (const bytes of msgs) assert.equal(toHex(encodeIkev2(decodeIkev2(bytes))), toHex(bytes));
  const auth = decodeIkev2(msgs[2]);
  assert.equal(auth.exchangeType, Ikev2Exchange.IkeAuth);
  assert.equal(auth.payloads.length, 1);
  const sk = auth.payloads[0];
  assert.ok(sk.kind === 'sk');
  assert.equal(sk.firstPayload, Ikev2PayloadType.VendorId, 'IOS puts a vendor ID first inside IKE_AUTH');
  assert.equal(sk.data.length, msgs[2].length - 28 - 4, 'IV + ciphertext + ICV');
});

function message(payloads: Ikev2Message['payloads']): Ikev2Message {
  return {
    initiatorSpi: hex('0102030405060708'),
    responderSpi: hex('1112131415161718'),
    minorVersion: 0,
    exchangeType: Ikev2Exchange.CreateChildSa,
    flags: Ikev2Flags.Initiator,
    messageId: 7,
    payloads,
  };
}

test('every payload kind round-trips, the critical bit included', () => {
  const m = message([
    {
      critical: false,
      kind: 'notify',
      protocolId: 3,
      spi: hex('c0ffee01'),
      notifyType: Ikev2Notify.REKEY_SA,
      data: new Uint8Array(0),
    },
    {
      critical: false,
      kind: 'sa',
      proposals: [
        {
          number: 1,
          protocolId: 3,
          spi: hex('c0ffee02'),
          transforms: [
            { type: 1, id: 20, attributes: [{ type: 14, value: 256 }] },
            { type: 5, id: 0, attributes: [] },
          ],
        },
        {
          number: 2,
          protocolId: 3,
          spi: hex('c0ffee02'),
          transforms: [{ type: 1, id: 12, attributes: [{ type: 14, value: 128 }] }],
        },
      ],
    },
    { critical: false, kind: 'nonce', data: hex('99'.repeat(32)) },
    { critical: false, kind: 'ke', group: 19, data: hex('44'.repeat(64)) },
    { critical: false, kind: 'idi', idType: 1, data: hex('c0000202') },
    { critical: false, kind: 'idr', idType: 2, data: new TextEncoder().encode('hub.example') },
    { critical: false, kind: 'cert', encoding: 4, data: hex('3082') },
    { critical: false, kind: 'certreq', encoding: 4, data: hex('ab'.repeat(20)) },
    { critical: false, kind: 'auth', method: 2, data: hex('cd'.repeat(20)) },
    { critical: false, kind: 'delete', protocolId: 3, spiSize: 4, spis: [hex('c0ffee01')] },
    { critical: false, kind: 'delete', protocolId: 1, spiSize: 0, spis: [] },
    { critical: false, kind: 'vendorId', data: hex('434953434f') },
    {
      critical: false,
      kind: 'tsi',
      selectors: [
        { tsType: 7, ipProtocol: 47, startPort: 0, endPort: 65535, startAddress: '192.0.2.2', endAddress: '192.0.2.2' },
        {
          tsType: 8,
          ipProtocol: 0,
          startPort: 0,
          endPort: 65535,
          startAddress: '2001:db8::',
          endAddress: '2001:db8::ffff',
        },
      ],
    },
    { critical: false, kind: 'tsr', selectors: [{ tsType: 9, ipProtocol: 0, data: hex('0102030405060708') }] },
    { critical: true, kind: 'unknown', type: 47, body: hex('01000000') },
    { critical: false, kind: 'sk', firstPayload: 41, data: hex('ee'.repeat(48)) },
  ]);
  const bytes = encodeIkev2(m);
  const back = decodeIkev2(bytes);
  assert.deepEqual(
    back.payloads.map((p) => [p.kind, p.critical]),
    m.payloads.map((p) => [p.kind, p.critical]),
  );
  assert.equal(toHex(encodeIkev2(back)), toHex(bytes));
  const ts = back.payloads[12];
  assert.ok(ts.kind === 'tsi');
  assert.deepEqual(ts.selectors, m.payloads[12].kind === 'tsi' ? m.payloads[12].selectors : null);
  assert.equal(unsupportedCriticalPayload(back.payloads), 47);
  assert.equal(unsupportedCriticalPayload(back.payloads.filter((p) => p.kind !== 'unknown')), undefined);
  assert.throws(() => encodeIkev2(message([m.payloads[15], m.payloads[2]])), RangeError, 'SK must be last');
});

test('notify names cover the errors and status types an IKE engine sends', () => {
  const names = [
    'INVALID_KE_PAYLOAD',
    'NO_PROPOSAL_CHOSEN',
    'AUTHENTICATION_FAILED',
    'COOKIE',
    'NAT_DETECTION_SOURCE_IP',
    'NAT_DETECTION_DESTINATION_IP',
    'UNSUPPORTED_CRITICAL_PAYLOAD',
    'TS_UNACCEPTABLE',
    'INITIAL_CONTACT',
  ] as const;
  for (const n of names) assert.equal(ikev2NotifyName(Ikev2Notify[n]), n);
  const numbers = [Ikev2Notify.INVALID_KE_PAYLOAD, Ikev2Notify.COOKIE, Ikev2Notify.NO_PROPOSAL_CHOSEN];
  assert.deepEqual(numbers, [17, 16390, 14]);
  assert.equal(ikev2NotifyName(60000), 'notify 60000');
});

test('malformed messages are DecodeErrors with codes', () => {
  const good = v2()[0];
  const tweak = (i: number, v: number): Uint8Array => {
    const b = good.slice();
    b[i] = v;
    return b;
  };
  assert.equal(
    codeOf(() => decodeIkev2(good.subarray(0, 20))),
    'TRUNCATED',
  );
  assert.equal(
    codeOf(() => decodeIkev2(tweak(17, 0x10))),
    'BAD_VERSION',
  );
  assert.equal(
    codeOf(() => decodeIkev2(tweak(31, 2))),
    'BAD_LENGTH',
    'SA payload length 2',
  );
  assert.equal(
    codeOf(() => decodeIkev2(tweak(32, 1))),
    'BAD_VALUE',
    'proposal Last Substruc 1',
  );
  assert.equal(
    codeOf(() => decodeIkev2(tweak(39, 5))),
    'BAD_VALUE',
    'five transforms announced, the fourth is last',
  );
  assert.equal(
    codeOf(() => decodeIkev2(tweak(28 + 48, 0))),
    'BAD_LENGTH',
    'chain ends after the SA payload',
  );
  const del = { critical: false, kind: 'delete', protocolId: 3, spiSize: 4, spis: [hex('c0ffee01')] } as const;
  const delBad = encodeIkev2(message([{ ...del, spis: [...del.spis] }]));
  delBad[28 + 7] = 2;
  assert.equal(
    codeOf(() => decodeIkev2(delBad)),
    'BAD_LENGTH',
    'two SPIs announced, one present',
  );
  const sel = {
    tsType: 7,
    ipProtocol: 0,
    startPort: 0,
    endPort: 1,
    startAddress: '192.0.2.1',
    endAddress: '192.0.2.2',
  } as const;
  const tsBad = encodeIkev2(message([{ critical: false, kind: 'tsi', selectors: [sel] }]));
  tsBad[28 + 4 + 4 + 3] = 40;
  assert.equal(
    codeOf(() => decodeIkev2(tsBad)),
    'TRUNCATED',
    'IPv4 selector with length 40',
  );
});
