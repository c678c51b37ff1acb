/**
 * IKEv1 codec: the Cisco main-mode capture decodes to its fields and re-encodes byte for byte; built payloads round-
 * trip; bad input is a DecodeError with its code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import {
  decodeIsakmp,
  encodeIsakmp,
  IkeAttribute,
  isakmpExchangeName,
  isakmpNotifyName,
  IsakmpExchange,
  IsakmpPayloadType,
  type IsakmpMessage,
} from '../../src/wire/isakmp/index.js';
import { ciscoIpsecPackets, hex, toHex } from '../helpers/wire.js';

/** Main mode message 1 from wireshark-capture-ipsec-ikev1-isakmp-main-mode.pcap (SA + 4 vendor IDs). */
const MM1 =
  'e47a591fd057587f00000000000000000110020000000000000000a80d00003c000000010000000100000030010100010000' +
  '00280101000080010007800e0080800200028004000280030001800b0001000c0004000151800d0000144a131c8107035845' +
  '5c5728f20e95452f0d000014439b59f8ba676c4c7737ae22eab8f5820d0000147d9419a65310ca6f2c179d9215529d560000' +
  '001490cb80913ebb696e086381b5ec427b1f';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    return e.code;
  }
};

test('main mode message 1: header, SA with one KEY_IKE transform and its TV/TLV attributes, vendor IDs', () => {
  const m = decodeIsakmp(hex(MM1));
  assert.equal(toHex(m.initiatorSpi), 'e47a591fd057587f');
  assert.equal(toHex(m.responderSpi), '0000000000000000');
  assert.equal(m.exchangeType, IsakmpExchange.IdentityProtection);
  assert.equal(isakmpExchangeName(m.exchangeType), 'Identity Protection (Main Mode)');
  assert.equal(m.flags, 0);
  assert.equal(m.messageId, 0);
  assert.deepEqual(
    m.payloads.map((p) => p.kind),
    ['sa', 'vendorId', 'vendorId', 'vendorId', 'vendorId'],
  );
  const sa = m.payloads[0];
  assert.ok(sa.kind === 'sa');
  assert.equal(sa.doi, 1);
  assert.equal(sa.situation, 1);
  assert.equal(sa.proposals.length, 1);
  const prop = sa.proposals[0];
  assert.deepEqual([prop.number, prop.protocolId, prop.spi.length, prop.transforms.length], [1, 1, 0, 1]);
  const t = prop.transforms[0];
  assert.deepEqual([t.number, t.transformId], [1, 1]);
  assert.deepEqual(
    t.attributes.map((a) => [a.type, typeof a.value === 'number' ? a.value : toHex(a.value)]),
    [
      [IkeAttribute.EncryptionAlgorithm, 7],
      [IkeAttribute.KeyLength, 128],
      [IkeAttribute.HashAlgorithm, 2],
      [IkeAttribute.GroupDescription, 2],
      [IkeAttribute.AuthenticationMethod, 1],
      [IkeAttribute.LifeType, 1],
      [IkeAttribute.LifeDuration, '00015180'],
    ],
  );
  const vid = m.payloads[1];
  assert.ok(vid.kind === 'vendorId');
  assert.equal(toHex(vid.data), '4a131c81070358455c5728f20e95452f', 'RFC 3947 vendor ID');
  assert.equal(toHex(encodeIsakmp(m)), MM1);
});

test('every IKEv1 message of the Cisco captures re-encodes to the same bytes; encrypted ones keep ciphertext', () => {
  const msgs = ciscoIpsecPackets().filter((p) => p.majorVersion === 1);
  assert.equal(msgs.length, 9);
  let plain = 0;
  for (const p of msgs) {
    const m = decodeIsakmp(p.bytes);
    assert.equal(toHex(encodeIsakmp(m)), toHex(p.bytes), `${p.file} frame ${p.frame}`);
    if (m.encrypted) {
      assert.equal(m.payloads.length, 0);
      assert.equal(m.encrypted.ciphertext.length, p.bytes.length - 28);
      assert.equal(m.encrypted.ciphertext.length % 16, 0, 'AES-CBC ciphertext is whole blocks');
    } else plain++;
  }
  assert.equal(plain, 4, 'main mode messages 1-4 are in the clear');
  const mm3 = decodeIsakmp(msgs[2].bytes);
  const kinds = mm3.payloads.map((x) => x.kind);
  assert.deepEqual(kinds, ['ke', 'nonce', 'vendorId', 'vendorId', 'vendorId', 'natD', 'natD']);
  const ke = mm3.payloads[0];
  assert.ok(ke.kind === 'ke' && ke.data.length === 128, 'MODP-1024 public value');
  const natd = mm3.payloads[5];
  assert.ok(natd.kind === 'natD' && natd.hash.length === 20, 'NAT-D is a SHA-1 hash');
  const mm5 = decodeIsakmp(msgs[4].bytes);
  assert.equal(mm5.encrypted?.firstPayload, IsakmpPayloadType.Identification);
  const qm = decodeIsakmp(msgs[6].bytes);
  assert.equal(qm.exchangeType, IsakmpExchange.QuickMode);
  assert.equal(qm.encrypted?.firstPayload, IsakmpPayloadType.Hash);
});

function message(payloads: IsakmpMessage['payloads']): IsakmpMessage {
  return {
    initiatorSpi: hex('0102030405060708'),
    responderSpi: hex('1112131415161718'),
    minorVersion: 0,
    exchangeType: IsakmpExchange.QuickMode,
    flags: 0,
    messageId: 0xdeadbeef,
    payloads,
  };
}

test('every payload kind round-trips through encode and decode', () => {
  const m = message([
    { kind: 'hash', data: hex('aabbccdd') },
    {
      kind: 'sa',
      doi: 1,
      situation: 1,
      proposals: [
        {
          number: 1,
          protocolId: 3,
          spi: hex('c0ffee01'),
          transforms: [
            {
              number: 1,
              transformId: 12,
              attributes: [
                { type: 4, value: 1 },
                { type: 2, value: hex('00000e10') },
              ],
            },
            { number: 2, transformId: 3, attributes: [] },
          ],
        },
        {
          number: 2,
          protocolId: 3,
          spi: hex('c0ffee02'),
          transforms: [{ number: 1, transformId: 12, attributes: [] }],
        },
      ],
    },
    { kind: 'nonce', data: hex('00112233445566778899') },
    { kind: 'ke', data: hex('77'.repeat(32)) },
    { kind: 'id', idType: 1, protocolId: 17, port: 500, data: hex('c0000201') },
    { kind: 'cert', encoding: 4, data: hex('3082') },
    { kind: 'certreq', encoding: 4, data: new Uint8Array(0) },
    { kind: 'sig', data: hex('5151') },
    {
      kind: 'notify',
      doi: 1,
      protocolId: 1,
      notifyType: 36136,
      spi: hex('0102030405060708' + '1112131415161718'),
      data: hex('00000001'),
    },
    { kind: 'delete', doi: 1, protocolId: 3, spiSize: 4, spis: [hex('c0ffee01'), hex('c0ffee02')] },
    { kind: 'vendorId', data: hex('afcad71368a1f1c96b8696fc77570100') },
    { kind: 'natD', hash: hex('ab'.repeat(20)) },
    { kind: 'natOa', idType: 1, address: '198.51.100.7' },
    { kind: 'natOa', idType: 5, address: '2001:db8::7' },
    { kind: 'unknown', type: 130, body: hex('0102') },
    { kind: 'unknown', type: IsakmpPayloadType.SecurityAssociation, body: hex('00000002' + '00000001') },
  ]);
  const bytes = encodeIsakmp(m);
  const back = decodeIsakmp(bytes);
  assert.deepEqual(back, { ...m, payloads: back.payloads }, 'header fields');
  assert.equal(back.payloads.length, m.payloads.length);
  assert.equal(toHex(encodeIsakmp(back)), toHex(bytes));
  assert.equal(JSON.stringify(back.payloads.map((p) => p.kind)), JSON.stringify(m.payloads.map((p) => p.kind)));
  const oa = back.payloads[13];
  assert.ok(oa.kind === 'natOa' && oa.address === '2001:db8::7');
  assert.equal(isakmpNotifyName(36136), 'R-U-THERE');
  assert.equal(isakmpNotifyName(14), 'NO-PROPOSAL-CHOSEN');
});

test('the E flag keeps the body as ciphertext and re-encodes it', () => {
  const encrypted = { firstPayload: 8, ciphertext: hex('00'.repeat(32)) };
  const m: IsakmpMessage = { ...message([]), flags: 1, encrypted };
  const bytes = encodeIsakmp(m);
  assert.equal(bytes[16], 8);
  assert.equal(bytes[19], 1);
  assert.deepEqual(decodeIsakmp(bytes).encrypted?.ciphertext, m.encrypted?.ciphertext);
});

test('malformed messages are DecodeErrors with codes', () => {
  const good = hex(MM1);
  const tweak = (i: number, v: number): Uint8Array => {
    const b = good.slice();
    b[i] = v;
    return b;
  };
  assert.equal(
    codeOf(() => decodeIsakmp(good.subarray(0, 27))),
    'TRUNCATED',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(17, 0x20))),
    'BAD_VERSION',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(27, 0x10))),
    'BAD_LENGTH',
    'header length under 28',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(27, 0xb0))),
    'TRUNCATED',
    'header length past the bytes',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(31, 0xff))),
    'TRUNCATED',
    'SA payload length past the message',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(16, 2))),
    'BAD_VALUE',
    'a proposal outside an SA',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(47, 5))),
    'BAD_VALUE',
    'transform count 5, one transform',
  );
  assert.equal(
    codeOf(() => decodeIsakmp(tweak(40, 5))),
    'BAD_VALUE',
    'proposal next payload 5',
  );
  const early = tweak(28 + 60 + 20 * 2, 0); // the third vendor ID says nothing follows
  assert.equal(
    codeOf(() => decodeIsakmp(early)),
    'BAD_LENGTH',
    'chain ends before Length',
  );
  const trailing = new Uint8Array([...good, 0, 0, 0]);
  assert.equal(toHex(encodeIsakmp(decodeIsakmp(trailing))), MM1, 'bytes after Length are ignored');
});
