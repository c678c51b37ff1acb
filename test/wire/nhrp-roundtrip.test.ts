import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeNhrp, encodeNhrp, nhrpChecksumOk, NhrpType } from '../../src/wire/nhrp/index.js';
import { ciscoNhrpPackets, hex, toHex } from '../helpers/wire.js';

const REG_REQ =
  '000108000000000000ff0069a25d0034010304000404800200000001c0a87b02ac107b02ac107b010020000045fc1c20000000ff8003000080040000800500008007000900000001444d56504e000900140020000045fc0000040004ffc0a87b01ac107b0180000000';
const TRAFFIC_IND =
  '000108000000000000ff00611e780044010804000404000000000000c0a87b01ac107b01020202024500001c036400000111ac640202020203030303c011829d0008b32580040000800500008007000900000001444d56504e0009000080000000';

test('Registration Request vector decodes to the reference fields', () => {
  const p = decodeNhrp(hex(REG_REQ));
  assert.equal(p.type, NhrpType.RegistrationRequest);
  assert.equal(p.hopCount, 255);
  assert.equal(p.flags, 0x8002);
  assert.equal(p.requestId, 1);
  assert.equal(p.srcNbma, '192.168.123.2');
  assert.equal(p.srcProto, '172.16.123.2');
  assert.equal(p.dstProto, '172.16.123.1');
  assert.equal(p.cies.length, 1);
  assert.deepEqual(
    { ...p.cies[0] },
    {
      code: 0,
      prefixLength: 32,
      unused: 0,
      mtu: 17916,
      holdingTime: 7200,
      nbmaTypeBits: 0,
      nbmaAddress: '',
      nbmaSubaddress: '',
      protocolAddress: '',
      preference: 255,
    },
  );
  assert.deepEqual(
    p.extensions.map((e) => [e.type, e.compulsory]),
    [
      ['responder', true],
      ['forwardTransit', true],
      ['reverseTransit', true],
      ['authentication', true],
      ['ciscoNat', false],
      ['end', true],
    ],
  );
  const auth = p.extensions[3];
  assert.ok(auth.type === 'authentication');
  assert.equal(auth.spi, 1);
  assert.equal(Buffer.from(auth.data).toString(), 'DMVPN');
  const nat = p.extensions[4];
  assert.ok(nat.type === 'ciscoNat');
  assert.equal(nat.cies.length, 1);
  assert.equal(nat.cies[0].nbmaAddress, '192.168.123.1');
  assert.equal(nat.cies[0].protocolAddress, '172.16.123.1');
  assert.equal(nat.cies[0].prefixLength, 32);
  assert.equal(nat.cies[0].holdingTime, 0);
  assert.ok(nhrpChecksumOk(hex(REG_REQ)));
  assert.equal(toHex(encodeNhrp(p)), REG_REQ);
});

test('Traffic Indication vector keeps its payload (the triggering IP header + 8 bytes)', () => {
  const p = decodeNhrp(hex(TRAFFIC_IND));
  assert.equal(p.type, NhrpType.TrafficIndication);
  assert.equal(p.srcNbma, '192.168.123.1');
  assert.equal(p.srcProto, '172.16.123.1');
  assert.equal(p.dstProto, '2.2.2.2');
  assert.equal(p.cies.length, 0);
  assert.equal(p.payload.length, 28);
  assert.equal(toHex(p.payload.subarray(0, 4)), '4500001c');
  assert.deepEqual(
    p.extensions.map((e) => e.type),
    ['forwardTransit', 'reverseTransit', 'authentication', 'ciscoNat', 'end'],
  );
  assert.ok(nhrpChecksumOk(hex(TRAFFIC_IND)));
  assert.equal(toHex(encodeNhrp(p)), TRAFFIC_IND);
});

test('every NHRP packet in the Cisco captures decodes, has a valid checksum and re-encodes to the same bytes', () => {
  const packets = ciscoNhrpPackets();
  assert.ok(packets.length >= 20, `expected the captures to hold at least 20 NHRP packets, found ${packets.length}`);
  assert.ok(
    packets.some((p) => p.format === 'pcapng'),
    'NHRP from a pcapng capture was read',
  );
  assert.ok(
    packets.some((p) => p.format === 'pcap'),
    'NHRP from a libpcap capture was read',
  );
  const types = new Set<number>();
  for (const { file, frame, bytes } of packets) {
    const where = `${file} frame ${frame}`;
    const p = decodeNhrp(bytes);
    types.add(p.type);
    assert.ok(nhrpChecksumOk(bytes), `${where}: checksum`);
    const pktsz = (bytes[10] << 8) | bytes[11];
    assert.equal(toHex(encodeNhrp(p)), toHex(bytes.subarray(0, pktsz)), `${where}: re-encoding`);
  }
  for (const t of [1, 2, 3, 4, 8]) assert.ok(types.has(t), `captures contain type ${t}`);
});

test('a flipped byte makes the checksum fail, and the encoder repairs it', () => {
  const b = hex(REG_REQ);
  b[30] ^= 0x01;
  assert.equal(nhrpChecksumOk(b), false);
  assert.ok(nhrpChecksumOk(encodeNhrp(decodeNhrp(b))));
});
