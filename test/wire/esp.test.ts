/** ESP header, NAT-T UDP encapsulation, UDP and IPsec frame classification (IPv4 and IPv6), on the Cisco captures and built frames. */
import { encodeIpv6 } from '../../src/wire/ipv6.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DecodeError } from '../../src/wire/errors.js';
import { decodeEsp, decodeNatT, encapsulateIke, encodeEsp, NAT_KEEPALIVE } from '../../src/wire/esp/index.js';
import { decodeFrameIpsec } from '../../src/wire/frame.js';
import { decodeIpv4, encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { LinkType, linkPayload, readCapture } from '../../src/wire/pcap/index.js';
import { decodeUdp, encodeUdp, udpChecksumOk } from '../../src/wire/udp.js';
import { CISCO_DIR, ciscoIpsecPackets, hex, toHex } from '../helpers/wire.js';

const codeIs =
  (code: string) =>
  (e: unknown): boolean =>
    e instanceof DecodeError && e.code === code;

test('every ESP packet of the Cisco captures: SPI and sequence as Wireshark shows them, re-encoded exactly', () => {
  const esp = ciscoIpsecPackets().filter((p) => p.kind === 'esp');
  assert.equal(esp.length, 10);
  const seen = esp.map((p) => {
    const e = decodeEsp(p.bytes);
    assert.equal(toHex(encodeEsp(e)), toHex(p.bytes), `${p.file} frame ${p.frame}`);
    return `${e.spi.toString(16)}/${e.sequence}`;
  });
  assert.deepEqual(seen, [
    '1150fd74/6',
    '87c9b200/8',
    '36cb42df/1',
    '2bb3a0dd/1',
    '36cb42df/2',
    '2bb3a0dd/2',
    '36cb42df/3',
    '2bb3a0dd/3',
    '36cb42df/4',
    '2bb3a0dd/4',
  ]);
});

test('ESP header errors: short, and SPI 0', () => {
  assert.throws(() => decodeEsp(hex('00000001 000000')), codeIs('TRUNCATED'));
  assert.throws(() => decodeEsp(hex('00000000 00000001')), codeIs('BAD_VALUE'));
  assert.throws(() => encodeEsp({ spi: 0, sequence: 1, body: new Uint8Array(0) }), RangeError);
});

test('UDP 4500 payloads: keepalive, IKE after the non-ESP marker, ESP; anything else a DecodeError', () => {
  assert.deepEqual(decodeNatT(NAT_KEEPALIVE), { kind: 'keepalive' });
  const ike = ciscoIpsecPackets().find((p) => p.majorVersion === 2)!.bytes;
  const wrapped = encapsulateIke(ike);
  assert.equal(toHex(wrapped.subarray(0, 4)), '00000000');
  const d = decodeNatT(wrapped);
  assert.ok(d.kind === 'ike' && toHex(d.ike) === toHex(ike));
  const e = decodeNatT(hex('c0ffee01 00000009 aabb'));
  assert.ok(e.kind === 'esp' && e.esp.spi === 0xc0ffee01 && e.esp.sequence === 9);
  for (const bad of [hex('00'), hex('fe'), hex('000000'), hex('ffff')]) {
    assert.throws(() => decodeNatT(bad), codeIs('TRUNCATED'), toHex(bad));
  }
});

test('UDP: the checksums of the Cisco IKE datagrams verify, and ours are computed the same way', () => {
  let n = 0;
  for (const file of readdirSync(CISCO_DIR).filter((f) => /ipsec-ike/.test(f))) {
    for (const f of readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file)))).frames) {
      const ip = decodeIpv4(linkPayload(f.linkType, f.data).payload);
      const udp = decodeUdp(ip.payload);
      assert.ok(udpChecksumOk(ip.payload, ip.src, ip.dst), `${file} frame ${f.number}`);
      const again = encodeUdp(udp, ip.src, ip.dst);
      const original = ip.payload.subarray(0, udp.length);
      if (udp.checksum !== 0) assert.equal(toHex(again), toHex(original), `${file} frame ${f.number}`);
      n++;
    }
  }
  assert.equal(n, 13);
  const bad = encodeUdp({ srcPort: 500, dstPort: 500, payload: hex('01020304') }, '192.0.2.1', '192.0.2.2');
  bad[9] ^= 1;
  assert.equal(udpChecksumOk(bad, '192.0.2.1', '192.0.2.2'), false);
  assert.throws(() => decodeUdp(hex('01f401f4 0004 0000')), codeIs('BAD_LENGTH'));
});

test('IPsec frames: ESP (raw and in UDP 4500), IKE on 500 and on 4500, keepalive, and other traffic', () => {
  const A = '198.51.100.2';
  const B = '203.0.113.1';
  const udpFrame = (srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array => {
    const udp = encodeUdp({ srcPort, dstPort, payload }, A, B);
    return encodeIpv4(makeIpv4({ src: A, dst: B, protocol: 17, payload: udp }));
  };
  const ike = ciscoIpsecPackets().find((p) => p.majorVersion === 1)!.bytes;
  const espPkt = hex('00001234 00000001 00112233445566778899aabbccddeeff');
  const kinds = [
    encodeIpv4(makeIpv4({ src: A, dst: B, protocol: 50, payload: espPkt })),
    udpFrame(4500, 4500, espPkt),
    udpFrame(500, 500, ike),
    udpFrame(4500, 4500, encapsulateIke(ike)),
    udpFrame(4500, 4500, NAT_KEEPALIVE),
    udpFrame(53, 53, ike),
    encodeIpv4(makeIpv4({ src: A, dst: B, protocol: 50, payload: hex('00000000 00000001') })),
  ].map((f) => decodeFrameIpsec(LinkType.Raw, f));
  assert.deepEqual(
    kinds.map((k) => k.kind),
    ['esp', 'esp', 'ike', 'ike', 'keepalive', 'other', 'malformed'],
  );
  assert.ok(kinds[1].kind === 'esp' && kinds[1].udp?.dstPort === 4500 && kinds[1].esp.spi === 0x1234);
  assert.ok(kinds[3].kind === 'ike' && kinds[3].majorVersion === 1 && toHex(kinds[3].ikeBytes) === toHex(ike));
});

test('IPsec frames over IPv6 (an IPv6 NBMA): ESP on next header 50 and IKE on UDP 500 classified, other traffic not', () => {
  const A6 = '2001:db8:0:2::1';
  const B6 = '2001:db8:0:1::1';
  const ipv6 = (nextHeader: number, payload: Uint8Array): Uint8Array => encodeIpv6(A6, B6, nextHeader, 64, payload);
  const ike = ciscoIpsecPackets().find((p) => p.majorVersion === 2)?.bytes ?? new Uint8Array(28).fill(0x20);
  const espPkt = hex('00001234 00000001 00112233445566778899aabbccddeeff');
  const kinds = [
    ipv6(50, espPkt),
    ipv6(17, encodeUdp({ srcPort: 500, dstPort: 500, payload: ike }, '0.0.0.0', '0.0.0.0')),
    ipv6(47, espPkt),
    ipv6(50, espPkt).subarray(0, 30),
  ].map((f) => decodeFrameIpsec(LinkType.Raw, f));
  assert.deepEqual(
    kinds.map((k) => k.kind),
    ['esp', 'ike', 'other', 'malformed'],
  );
  assert.ok(kinds[3].kind === 'malformed' && kinds[3].layer === 'ipv6', 'a cut IPv6 header naming ESP');
  assert.ok(kinds[0].kind === 'esp' && kinds[0].ip.src === A6 && kinds[0].ip.dst === B6 && kinds[0].esp.spi === 0x1234);
  assert.ok(kinds[1].kind === 'ike' && kinds[1].udp.dstPort === 500);
});
