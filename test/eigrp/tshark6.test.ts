/**
 * EIGRP for IPv6 packets of the engine as Wireshark reads them, inside GRE over the IPv4 NBMA as the
 * data plane carries them (IPv4 proto 47, GRE key, IPv6 next header 88 to FF02::A or a link-local
 * neighbor): Hello, INIT Update, Ack, Updates with IPv6 internal and external routes, Query, Reply —
 * no malformed item, the opcodes, and the IPv6 destinations and next hops we sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipv6Bytes } from '../../src/wire/ipv6-addr.js';
import { encodeGre, GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import { Lab } from '../helpers/eigrp-lab.js';
import { config6, ll6 } from '../helpers/eigrp6-lab.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

/** A fixed IPv6 header (RFC 8200 3) in front of `payload`, hop limit 255 as for link-local routing packets. */
function ipv6(src: string, dst: string, nextHeader: number, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(40 + payload.length);
  b[0] = 0x60;
  b[4] = payload.length >> 8;
  b[5] = payload.length & 255;
  b[6] = nextHeader;
  b[7] = 255;
  b.set(ipv6Bytes(src)!, 8);
  b.set(ipv6Bytes(dst)!, 24);
  b.set(payload, 40);
  return b;
}

/** Hub (redistributing a static route) and two spokes; spoke1 then loses its LAN: Queries and Replies. */
function run(): Lab {
  const lab = new Lab();
  const hub = config6(0, { splitHorizon: false, nextHopSelf: false });
  lab.add(
    'hub',
    { ...hub, redistribute: { static: {} }, staticRoutes: [{ prefix: '2001:db8:99::', prefixLength: 48 }] },
    [{ iface: 'Tunnel0', address: ll6(0), link: 'tun' }],
  );
  for (const k of [1, 2]) {
    lab.add(`spoke${k}`, config6(k), [{ iface: 'Tunnel0', address: ll6(k), link: 'tun', multicastTo: [ll6(0)] }]);
  }
  lab.runTo(3);
  const spoke1 = lab.engine('spoke1');
  const sc = spoke1.config;
  lab.net.input(lab.net.node('spoke1'), () =>
    spoke1.configure(lab.net.now, {
      ...sc,
      interfaces: sc.interfaces.map((i) => (i.name === 'Tunnel0' ? i : { ...i, shutdown: true })),
    }),
  );
  lab.runTo(6);
  return lab;
}

test('tshark reads EIGRP for IPv6 in GRE without malformed items', { skip: tsharkMissing() }, () => {
  const lab = run();
  const src = new Map([
    ['hub', ll6(0)],
    ['spoke1', ll6(1)],
    ['spoke2', ll6(2)],
  ]);
  const pick = new Map<string, (typeof lab.wire)[number]>();
  for (const w of lab.wire) {
    const kind = `${w.p.opcode}/${w.p.ack !== 0}/${w.p.flags}/${w.p.tlvs.map((t) => t.type).join()}`;
    if (!pick.has(kind)) pick.set(kind, w);
  }
  const chosen = [...pick.values()];
  const opcodes = new Set(chosen.map((w) => w.p.opcode));
  for (const op of [EigrpOpcode.Hello, EigrpOpcode.Update, EigrpOpcode.Query, EigrpOpcode.Reply])
    assert.ok(opcodes.has(op), `a packet of opcode ${op} among ${[...opcodes]}`);
  const types = new Set(chosen.flatMap((w) => w.p.tlvs.map((t) => t.type)));
  for (const t of ['ipv6Internal', 'ipv6External']) assert.ok(types.has(t as never), `a ${t} TLV`);
  const frames = chosen.map((w) =>
    encodeIpv4(
      makeIpv4({
        src: '198.51.100.1',
        dst: '192.0.2.1',
        protocol: 47,
        payload: encodeGre({
          protocolType: GreProto.Ipv6,
          checksumPresent: false,
          checksum: 0,
          reserved1: 0,
          reserved0: 0,
          key: 100,
          payload: ipv6(src.get(w.from)!, w.destination, 88, w.bytes),
        }),
      }),
    ),
  );
  const layers = dissect(frames);
  assert.equal(layers.length, chosen.length);
  layers.forEach((l, i) => {
    const w = chosen[i];
    const where = `frame ${i + 1} (opcode ${w.p.opcode})`;
    const items = wsItems(l).filter((s) => !/\/_ws\.expert[:/]/.test(s) || /malformed|error/i.test(s));
    assert.deepEqual(items, [], `${where}: no malformed items`);
    assert.equal((l.ipv6 as Json)['ipv6.dst'], w.destination, where);
    const e = l.eigrp as Json;
    assert.equal(e['eigrp.opcode'], String(w.p.opcode), where);
    assert.equal(e['eigrp.checksum.status'], '1', `${where}: checksum good`);
    const text = JSON.stringify(list(e));
    for (const t of w.p.tlvs) {
      if (t.type !== 'ipv6Internal' && t.type !== 'ipv6External') continue;
      for (const d of t.destinations) assert.ok(text.includes(`"${d.prefix}"`), `${where}: ${d.prefix} dissected`);
      assert.ok(text.includes(`"${t.nextHop}"`), `${where}: next hop ${t.nextHop}`);
    }
  });
});
