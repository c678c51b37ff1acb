/**
 * Independent check of NHRP over an IPv6 NBMA: every packet type the engine sends (registration and
 * its reply, resolution request, forwarded request and reply, Traffic Indication, purge) in GRE in
 * IPv6 as on the wire, dissected by tshark: no malformed or expert items, ar$afn 2, 16-byte NBMA
 * lengths, and the NBMA addresses of the header and the CIEs read back as we sent them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GreProto } from '../../src/wire/gre.js';
import { canonicalIpv6 } from '../../src/wire/ipv6-addr.js';
import { addrFromBytes, addrToBytes, NhrpType } from '../../src/wire/nhrp/index.js';
import { HUB, hubConfig, Lab, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { greOf } from '../helpers/wire.js';

const NBMA = { hub: '2001:db8:0:1::1', s1: '2001:db8:0:2::1', s2: '2001:db8:0:3::1' };

/** An IPv6 address as tshark shows it (Wireshark 4.0: `…addr_bytes` for a 16-byte NBMA), as canonical text. */
function v6(o: Json, key: string): string | undefined {
  const k = Object.keys(o).find((x) => x === key || x.startsWith(`${key}_`));
  const x = k === undefined ? undefined : o[k];
  if (typeof x !== 'string') return undefined;
  if (/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/.test(x))
    return addrFromBytes(Uint8Array.from(Buffer.from(x.replace(/:/g, ''), 'hex')));
  return canonicalIpv6(x);
}

/** GRE in an IPv6 header (next header 47) from `src` to `dst`. */
function ipv6Gre(src: string, dst: string, gre: Uint8Array): Uint8Array {
  const p = new Uint8Array(40 + gre.length);
  p.set([0x60, 0, 0, 0, gre.length >> 8, gre.length & 0xff, 47, 64]);
  p.set(addrToBytes(src), 8);
  p.set(addrToBytes(dst), 24);
  p.set(gre, 40);
  return p;
}

test('tshark dissects NHRP over an IPv6 NBMA (ar$afn 2, 16-byte NBMA addresses) without warnings', {
  skip: tsharkMissing(),
}, () => {
  const lab = new Lab({ latencyMs: 0 });
  const toHub = { staticMaps: [{ protocol: HUB.protocol, nbma: NBMA.hub }], multicast: { static: [NBMA.hub] } };
  const hubRoutes = (dst: string) =>
    dst.startsWith('10.1.1.')
      ? { kind: 'tunnel' as const, nextHop: SPOKE1.protocol }
      : dst.startsWith('10.1.2.')
        ? { kind: 'tunnel' as const, nextHop: SPOKE2.protocol }
        : undefined;
  const own = (net: string) => (dst: string) =>
    dst.startsWith(net)
      ? { kind: 'local' as const, prefix: `${net}0`, prefixLength: 24 }
      : { kind: 'tunnel' as const, nextHop: HUB.protocol };
  lab.add('hub', hubConfig({ nbmaAddress: NBMA.hub, redirect: true }), hubRoutes);
  lab.add('spoke1', spokeConfig({ ...SPOKE1, nbma: NBMA.s1 }, { ...toHub, shortcut: true }), own('10.1.1.'));
  lab.add('spoke2', spokeConfig({ ...SPOKE2, nbma: NBMA.s2 }, { ...toHub, shortcut: true }), own('10.1.2.'));
  lab.runTo(1);
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  const ip = new Uint8Array(28);
  ip.set([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0, 10, 1, 1, 10, 10, 1, 2, 10]);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: NBMA.s1, ipPacketHead: ip }));
  lab.runTo(3);
  lab.input('spoke2', (e, now) => e.purge(now, '10.1.2.0', 24));
  lab.runTo(4);
  const sent = lab.sent;
  const types = new Set(sent.map((s) => s.p.type));
  for (const t of [1, 2, 3, 4, 5, 8]) assert.ok(types.has(t), `the engine sent a packet of type ${t}`);

  const frames = sent.map((s) => ipv6Gre(s.p.srcNbma, s.to, greOf(GreProto.Nhrp, s.bytes)));
  const dissected = dissect(frames, ['-o', 'nhrp.auth_ext_has_addr:FALSE']);
  assert.equal(dissected.length, sent.length);
  sent.forEach((s, i) => {
    const where = `frame ${i + 1} (${s.from} type ${s.p.type})`;
    const layers = dissected[i];
    assert.deepEqual(wsItems(layers), [], `${where}: no malformed or expert items`);
    assert.equal(v6(layers.ipv6 as Json, 'ipv6.dst'), s.to, `${where}: outer IPv6 destination`);
    const n = layers.nhrp as Json;
    const h = n['NHRP Fixed Header'] as Json;
    assert.deepEqual(
      [
        h['nhrp.hdr.op.type'],
        h['nhrp.hdr.afn'],
        h['nhrp.hdr.pro.type'],
        h['nhrp.hdr.shtl'],
        h['nhrp.hdr.chksum.status'],
      ],
      [`${s.p.type}`, '0x0002', '0x0800', '16', '1'],
      `${where}: fixed header`,
    );
    const m = n['NHRP Mandatory Part'] as Json;
    assert.equal(v6(m, 'nhrp.src.nbma.addr'), s.p.srcNbma, `${where}: source NBMA`);
    assert.equal(m['nhrp.src.prot.addr'], s.p.srcProto, `${where}: source protocol address`);
    if (s.p.type <= 6) {
      const cies = list(m['Client Information Entry']) as Json[];
      assert.equal(cies.length, s.p.cies.length, `${where}: CIE count`);
      s.p.cies.forEach((c, k) => {
        if (c.nbmaAddress !== '')
          assert.equal(v6(cies[k], 'nhrp.client.nbma.addr'), c.nbmaAddress, `${where} CIE ${k + 1} NBMA`);
      });
    }
  });
  // the remote spoke's IPv6 NBMA reached the requester in a Resolution Reply CIE
  const reply = sent.find((s) => s.p.type === NhrpType.ResolutionReply && s.from === 'spoke2');
  assert.equal(reply?.p.cies[0].nbmaAddress, NBMA.s2);
});
