/**
 * Independent check of IPv6 NHRP: every packet type the IPv6 engine sends (registration and its
 * reply, resolution request, forwarded request and reply, Traffic Indication, purge) wrapped in GRE
 * over IPv4 as on the wire, written to a pcap and dissected by tshark: no malformed or expert
 * items, protocol type 0x86dd, and the 16-byte protocol addresses read back as we sent them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { canonicalIpv6 } from '../../src/wire/ipv6-addr.js';
import { addrFromBytes, NhrpType } from '../../src/wire/nhrp/index.js';
import { groups6, head6, lab6, SPOKE6_1, SPOKE6_2 } from '../helpers/nhrp6-lab.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { greOf } from '../helpers/wire.js';

/**
 * An IPv6 protocol address as tshark shows it: Wireshark 4.0 gives NHRP's 16-byte protocol addresses
 * as bytes (`nhrp.src.prot.addr_bytes`, and `…addr_byets` for the destination), later versions as
 * IPv6 text; either way, canonical text.
 */
function v6(o: Json, key: string): string | undefined {
  const k = Object.keys(o).find((x) => x === key || x.startsWith(`${key}_`));
  const x = k === undefined ? undefined : o[k];
  if (typeof x !== 'string') return undefined;
  if (/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/.test(x))
    return addrFromBytes(Uint8Array.from(Buffer.from(x.replace(/:/g, ''), 'hex')));
  return canonicalIpv6(x);
}

test('tshark dissects the IPv6 NHRP our engine sends (0x86dd, 16-byte addresses) without warnings', {
  skip: tsharkMissing(),
}, () => {
  const lab = lab6({ redirect: true, shortcut: true });
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE6_2.protocol));
  const src = groups6([0x2001, 0xdb8, 2, 0, 0, 0, 0, 10]);
  const dst = groups6([0x2001, 0xdb8, 3, 0, 0, 0, 0, 10]);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE6_1.nbma, ipPacketHead: head6(src, dst) }));
  lab.runTo(3);
  lab.input('spoke2', (e, now) => e.purge(now, '2001:db8:3::', 64));
  lab.runTo(4);
  const sent = lab.sent;
  const types = new Set(sent.map((s) => s.p.type));
  for (const t of [1, 2, 3, 4, 5, 8]) assert.ok(types.has(t), `the engine sent a packet of type ${t}`);

  const frames = sent.map((s) => {
    const gre = greOf(GreProto.Nhrp, s.bytes);
    return encodeIpv4(makeIpv4({ src: s.p.srcNbma || '192.0.2.9', dst: s.to, protocol: 47, payload: gre }));
  });
  const dissected = dissect(frames, ['-o', 'nhrp.auth_ext_has_addr:FALSE']);
  assert.equal(dissected.length, sent.length);
  sent.forEach((s, i) => {
    const where = `frame ${i + 1} (${s.from} type ${s.p.type})`;
    const layers = dissected[i];
    assert.deepEqual(wsItems(layers), [], `${where}: no malformed or expert items`);
    const n = layers.nhrp as Json;
    const h = n['NHRP Fixed Header'] as Json;
    assert.deepEqual(
      [h['nhrp.hdr.op.type'], h['nhrp.hdr.afn'], h['nhrp.hdr.pro.type'], h['nhrp.hdr.chksum.status']],
      [`${s.p.type}`, '0x0001', '0x86dd', '1'],
      `${where}: fixed header`,
    );
    const m = n['NHRP Mandatory Part'] as Json;
    assert.deepEqual(
      [m['nhrp.src.prot.len'], m['nhrp.dst.prot.len']],
      ['16', '16'],
      `${where}: protocol address lengths`,
    );
    assert.equal(m['nhrp.src.nbma.addr'], s.p.srcNbma, `${where}: source NBMA`);
    assert.equal(v6(m, 'nhrp.src.prot.addr'), s.p.srcProto, `${where}: source protocol address`);
    assert.equal(v6(m, 'nhrp.dst.prot.addr'), s.p.dstProto, `${where}: destination protocol address`);
    if (s.p.type <= 6) {
      const cies = list(m['Client Information Entry']) as Json[];
      assert.equal(cies.length, s.p.cies.length, `${where}: CIE count`);
      s.p.cies.forEach((c, k) => {
        assert.equal(cies[k]['nhrp.prefix'], `${c.prefixLength}`, `${where} CIE ${k + 1} prefix`);
        if (c.protocolAddress !== '')
          assert.equal(v6(cies[k], 'nhrp.client.prot.addr'), c.protocolAddress, `${where} CIE ${k + 1} address`);
      });
    }
    if (s.p.type === NhrpType.TrafficIndication) {
      const ip = (n['Packet Causing Indication'] as Json).ipv6 as Json;
      assert.deepEqual([v6(ip, 'ipv6.src'), v6(ip, 'ipv6.dst')], ['2001:db8:2::a', '2001:db8:3::a'], where);
    }
  });
});
