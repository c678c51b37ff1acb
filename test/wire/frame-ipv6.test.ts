/** Captured frames of an IPv6 NBMA: GRE in IPv6 classified as NHRP (outer addresses from the IPv6 header). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrameNhrp } from '../../src/wire/frame.js';
import { decodeIpv6 } from '../../src/wire/ipv6.js';
import { GreProto } from '../../src/wire/gre.js';
import { addrToBytes, encodeNhrp, makeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { LinkType } from '../../src/wire/pcap/index.js';
import { greOf } from '../helpers/wire.js';

function ipv6(src: string, dst: string, next: number, payload: Uint8Array): Uint8Array {
  const p = new Uint8Array(40 + payload.length);
  p.set([0x60, 0, 0, 0, payload.length >> 8, payload.length & 0xff, next, 64]);
  p.set(addrToBytes(src), 8);
  p.set(addrToBytes(dst), 24);
  p.set(payload, 40);
  return p;
}

const nhrp = encodeNhrp(
  makeNhrp({
    afn: 2,
    type: NhrpType.RegistrationRequest,
    srcNbma: '2001:db8:0:2::1',
    srcProto: '172.16.0.11',
    dstProto: '172.16.0.1',
  }),
);

test('GRE in IPv6 carrying NHRP is an NHRP frame, with the IPv6 source and destination', () => {
  const frame = ipv6('2001:db8:0:2::1', '2001:db8:0:1::1', 47, greOf(GreProto.Nhrp, nhrp));
  const d = decodeFrameNhrp(LinkType.Raw, frame);
  assert.equal(d.kind, 'nhrp');
  if (d.kind !== 'nhrp') return;
  assert.deepEqual([d.ip.src, d.ip.dst], ['2001:db8:0:2::1', '2001:db8:0:1::1']);
  assert.ok(d.nhrp.ok);
  assert.equal(d.nhrp.ok && d.nhrp.value.srcNbma, '2001:db8:0:2::1');
});

test('IPv6 frames that are not GRE are other traffic; a truncated IPv6 header naming GRE is malformed', () => {
  const udp = ipv6('2001:db8::1', '2001:db8::2', 17, new Uint8Array(8));
  assert.equal(decodeFrameNhrp(LinkType.Raw, udp).kind, 'other');
  const gre = ipv6('2001:db8::1', '2001:db8::2', 47, greOf(GreProto.Nhrp, nhrp));
  const cut = gre.slice(0, 60); // payload length says more than is there
  const d = decodeFrameNhrp(LinkType.Raw, cut);
  assert.deepEqual(d.kind === 'malformed' ? [d.kind, d.layer, d.error.code] : d, ['malformed', 'ipv6', 'TRUNCATED']);
  assert.throws(() => decodeIpv6(new Uint8Array(39)), { name: 'DecodeError' });
  assert.equal(decodeIpv6(gre).nextHeader, 47);
});
