/**
 * Independent check: packets from our encoder, one of each NHRP type with every extension, written to a
 * pcap and read by Wireshark's dissector (tshark). No malformed or expert items, and every field tshark
 * reads equals what we encoded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import {
  encodeNhrp,
  makeCie,
  makeNhrp,
  NhrpType,
  type Cie,
  type Extension,
  type NhrpPacket,
} from '../../src/wire/nhrp/index.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { greOf } from '../helpers/wire.js';

const cieA = makeCie({
  code: 0,
  prefixLength: 32,
  mtu: 1514,
  holdingTime: 7200,
  nbmaAddress: '192.0.2.3',
  protocolAddress: '10.0.0.3',
  preference: 0,
});
const cieB = makeCie({
  code: 14,
  prefixLength: 24,
  mtu: 17916,
  holdingTime: 600,
  nbmaAddress: '198.51.100.9',
  protocolAddress: '10.0.0.9',
  preference: 7,
});

const everyExtension = (): Extension[] => [
  { type: 'responder', compulsory: true, cies: [cieB] },
  { type: 'forwardTransit', compulsory: true, cies: [cieA, cieB] },
  { type: 'reverseTransit', compulsory: true, cies: [cieA] },
  { type: 'authentication', compulsory: true, spi: 1, data: new TextEncoder().encode('DMVPN') },
  { type: 'vendorPrivate', compulsory: false, oui: 0x00000c, data: Uint8Array.from([0x01, 0x02, 0x03]) },
  { type: 'ciscoNat', compulsory: false, cies: [cieB] },
  { type: 'unknown', compulsory: false, code: 0x20, data: Uint8Array.from([0x09, 0x08]) },
  { type: 'end', compulsory: true },
];

const FLAGS: Record<number, number> = { 1: 0xc802, 2: 0xf802, 3: 0x8002, 4: 0x8002, 5: 0x8000, 6: 0x0000 };

/** One packet per type; Error Indication carries the Resolution Request in error and (RFC 2332 5.2.7) no extensions. */
function packets(): NhrpPacket[] {
  const icmpEcho = Uint8Array.from([8, 0, 0xf7, 0xfd, 0, 1, 0, 1]);
  const trigger = encodeIpv4(makeIpv4({ src: '10.1.1.1', dst: '10.2.2.2', protocol: 1, ttl: 63, payload: icmpEcho }));
  const out: NhrpPacket[] = [];
  for (let type = 1; type <= 6; type++) {
    out.push(
      makeNhrp({
        type,
        hopCount: 248 + type,
        flags: FLAGS[type],
        requestId: 1000 + type,
        srcNbma: '192.0.2.2',
        srcProto: '10.0.0.2',
        dstProto: '10.0.0.3',
        cies: type === 2 ? [cieA, cieB] : [cieA],
        extensions: everyExtension(),
      }),
    );
  }
  out.push(
    makeNhrp({
      type: NhrpType.ErrorIndication,
      requestId: (11 << 16) | 4,
      srcNbma: '192.0.2.1',
      srcProto: '10.0.0.1',
      dstProto: '10.0.0.2',
      payload: encodeNhrp(out[0]),
    }),
  );
  out.push(
    makeNhrp({
      type: NhrpType.TrafficIndication,
      srcNbma: '192.0.2.1',
      srcProto: '10.0.0.1',
      dstProto: '10.1.1.1',
      payload: trigger,
      extensions: everyExtension(),
    }),
  );
  return out;
}

function checkCie(t: Json, c: Cie, where: string): void {
  assert.deepEqual(
    [
      t['nhrp.code'],
      t['nhrp.prefix'],
      t['nhrp.mtu'],
      t['nhrp.htime'],
      t['nhrp.pref'],
      t['nhrp.client.nbma.addr'],
      t['nhrp.client.prot.addr'],
    ],
    [
      `${c.code}`,
      `${c.prefixLength}`,
      `${c.mtu}`,
      `${c.holdingTime}`,
      `${c.preference}`,
      c.nbmaAddress,
      c.protocolAddress,
    ],
    where,
  );
}

const EXT_KEYS: Record<string, string> = {
  responder: 'Responder Address Extension',
  forwardTransit: 'Forward Transit NHS Record Extension',
  reverseTransit: 'Reverse Transit NHS Record Extension',
  authentication: 'NHRP Authentication Extension',
  vendorPrivate: 'NHRP Vendor Private Extension',
  ciscoNat: 'Cisco NAT Address Extension',
  unknown: 'Unknown (32)',
  end: 'End of Extension',
};

function checkExtensions(n: Json, exts: Extension[], where: string): void {
  const keys = Object.keys(n).filter((k) => k.endsWith('Extension') || k.startsWith('Unknown ('));
  assert.deepEqual(
    keys,
    exts.map((e) => EXT_KEYS[e.type]),
    `${where}: extensions in order`,
  );
  for (const e of exts) {
    const t = n[EXT_KEYS[e.type]] as Json;
    const w = `${where} ${e.type}`;
    assert.equal(t['nhrp.ext.c'], e.compulsory ? '1' : '0', w);
    if (e.type === 'authentication') {
      const data = Object.entries(t).find(([k]) => k.startsWith('Extension Data'))?.[1] as Json;
      assert.equal(data['nhrp.auth_ext.spi'], `${e.spi}`, w);
      assert.equal(
        data['nhrp.auth_ext.data'],
        Buffer.from(e.data)
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1:'),
        w,
      );
    } else if (e.type === 'vendorPrivate') {
      const data = Object.entries(t).find(([k]) => k.startsWith('Extension Data'))?.[1] as Json;
      assert.equal(data['nhrp.vendor_ext.id'], `${e.oui}`, w);
      assert.equal(data['nhrp.vendor_ext.data'], '01:02:03', w);
    } else if (e.type === 'unknown') {
      assert.equal(t['nhrp.ext.type'], '0x0020', w);
      assert.equal(t['nhrp.unknown_ext.value'], '09:08', w);
    } else if (e.type !== 'end') {
      const cies = list(t['Client Information Entry']) as Json[];
      assert.equal(cies.length, e.cies.length, `${w}: CIE count`);
      e.cies.forEach((c, i) => checkCie(cies[i], c, `${w} CIE ${i + 1}`));
    }
  }
}

test('tshark dissects every packet type and extension we encode, without warnings, to the values we encoded', {
  skip: tsharkMissing(),
}, () => {
  const pkts = packets();
  const encoded = pkts.map(encodeNhrp);
  const frames = encoded.map((nhrp, i) => {
    const gre = greOf(GreProto.Nhrp, nhrp, { key: i === 0 ? 77 : undefined });
    return encodeIpv4(makeIpv4({ src: '192.0.2.2', dst: '192.0.2.1', protocol: 47, payload: gre }));
  });
  const dissected = dissect(frames, ['-o', 'nhrp.auth_ext_has_addr:FALSE']);
  assert.equal(dissected.length, pkts.length);

  pkts.forEach((p, i) => {
    const where = `frame ${i + 1} (type ${p.type})`;
    const layers = dissected[i];
    assert.deepEqual(wsItems(layers), [], `${where}: no malformed or expert items`);
    if (i === 0) assert.equal((layers.gre as Json)['gre.key'], '0x0000004d', `${where}: GRE key`);
    const n = layers.nhrp as Json;
    const h = n['NHRP Fixed Header'] as Json;
    const chk = (encoded[i][12] << 8) | encoded[i][13];
    assert.deepEqual(
      [
        h['nhrp.hdr.op.type'],
        h['nhrp.hdr.hopcnt'],
        h['nhrp.hdr.pktsz'],
        h['nhrp.hdr.chksum'],
        h['nhrp.hdr.chksum.status'],
        h['nhrp.hdr.version'],
        h['nhrp.hdr.afn'],
        h['nhrp.hdr.pro.type'],
      ],
      [
        `${p.type}`,
        `${p.hopCount}`,
        `${encoded[i].length}`,
        `0x${chk.toString(16).padStart(4, '0')}`,
        '1',
        '1',
        '0x0001',
        '0x0800',
      ],
      `${where}: fixed header`,
    );
    assert.equal(h['nhrp.hdr.extoff'], `${(encoded[i][14] << 8) | encoded[i][15]}`, `${where}: extoff`);
    const m = n['NHRP Mandatory Part'] as Json;
    assert.deepEqual(
      [m['nhrp.src.nbma.addr'], m['nhrp.src.prot.addr'], m['nhrp.dst.prot.addr']],
      [p.srcNbma, p.srcProto, p.dstProto],
      `${where}: addresses`,
    );
    if (p.type <= 6) {
      assert.equal(m['nhrp.flags'], `0x${p.flags.toString(16).padStart(4, '0')}`, `${where}: flags`);
      assert.equal(m['nhrp.reqid'], `0x${p.requestId.toString(16).padStart(8, '0')}`, `${where}: request ID`);
      const cies = list(m['Client Information Entry']) as Json[];
      assert.equal(cies.length, p.cies.length, `${where}: CIE count`);
      p.cies.forEach((c, k) => checkCie(cies[k], c, `${where} CIE ${k + 1}`));
    }
    if (p.type === NhrpType.ErrorIndication) {
      assert.deepEqual([m['nhrp.err.code'], m['nhrp.err.offset']], ['11', '4'], `${where}: error code and offset`);
      const inner = ((n['Packet Causing Indication'] as Json).nhrp as Json)['NHRP Mandatory Part'] as Json;
      assert.equal(inner['nhrp.reqid'], '0x000003e9', `${where}: the packet in error`);
    }
    if (p.type === NhrpType.TrafficIndication) {
      const ip = (n['Packet Causing Indication'] as Json).ip as Json;
      assert.deepEqual(
        [ip['ip.src'], ip['ip.dst'], ip['ip.proto']],
        ['10.1.1.1', '10.2.2.2', '1'],
        `${where}: triggering packet`,
      );
    }
    checkExtensions(n, p.extensions, where);
  });
});
