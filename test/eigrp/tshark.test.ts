/**
 * Packets the engine emits, as Wireshark reads them, for each address family. A hub and two spokes
 * form adjacencies and exchange routes, then spoke1 loses its LAN so that Queries and Replies cross
 * the tunnel too; every kind of packet they sent (Hello, INIT Update, Ack, Updates with routes, Query,
 * Reply) goes through tshark with no malformed item, the opcodes, the destination, and the route
 * destinations and next hops we meant.
 * - IPv4: bare IPv4 (protocol 88), with HMAC-SHA-256 and without.
 * - IPv6: inside GRE over the IPv4 NBMA as the data plane carries it (IPv4 proto 47, GRE key, IPv6
 *   next header 88 to FF02::A or a link-local neighbor), the hub redistributing a static route
 *   (IPv6 internal and external TLVs); the same in named mode, with wide-metric TLVs of family 2
 *   (0x0602/0x0603).
 */
import { encodeIpv6 } from '../../src/wire/ipv6.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EigrpConfigInput } from '../../src/eigrp/index.js';
import { encodeGre, GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { EigrpOpcode, type EigrpTlv } from '../../src/wire/eigrp/index.js';
import { dmvpnConfig, hubTunnel, Lab, spokeTunnel } from '../helpers/eigrp-lab.js';
import { config6, ll6 } from '../helpers/eigrp6-lab.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

type Wire = Lab['wire'][number];

/** One family: its labs' packets, the TLVs some packet must carry, how a packet goes on the wire. */
interface TsharkCase {
  name: string;
  wire(): Wire[];
  /** TLV types that must be among the packets chosen. */
  tlvs: EigrpTlv['type'][];
  /** The route TLVs whose destinations and next hops are checked. */
  routes: EigrpTlv['type'][];
  /** The Wireshark field of a route destination. */
  routeField: RegExp;
  frame(w: Wire): Uint8Array;
  /** The destination address tshark read for the EIGRP packet. */
  destination(layers: Json): unknown;
}

/** Hub and two spokes (from `addresses[k]`, k = 0 the hub); spoke1 then loses its LAN. */
function run(configs: EigrpConfigInput[], addresses: string[]): Lab {
  const lab = new Lab();
  lab.add('hub', configs[0], [{ iface: 'Tunnel0', address: addresses[0], link: 'tun' }]);
  for (const k of [1, 2]) {
    lab.add(`spoke${k}`, configs[k], [
      { iface: 'Tunnel0', address: addresses[k], link: 'tun', multicastTo: [addresses[0]] },
    ]);
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

/** A fixed IPv6 header (RFC 8200 3) in front of `payload`, hop limit 255 as for link-local routing packets. */
const ipv6 = (src: string, dst: string, nextHeader: number, payload: Uint8Array): Uint8Array =>
  encodeIpv6(src, dst, nextHeader, 255, payload);

const ipv4Lab = (auth: object) =>
  run(
    [0, 1, 2].map((k) => dmvpnConfig(k, auth)),
    [hubTunnel, spokeTunnel(1), spokeTunnel(2)],
  );

const ipv6Lab = (process: Partial<EigrpConfigInput> = {}) => {
  const hub = config6(0, { splitHorizon: false, nextHopSelf: false }, process);
  const redistributing = {
    ...hub,
    redistribute: { static: {} },
    staticRoutes: [{ prefix: '2001:db8:99::', prefixLength: 48 }],
  };
  return run([redistributing, config6(1, {}, process), config6(2, {}, process)], [ll6(0), ll6(1), ll6(2)]);
};

const ll6Of = new Map([
  ['hub', ll6(0)],
  ['spoke1', ll6(1)],
  ['spoke2', ll6(2)],
]);

const CASES: TsharkCase[] = [
  {
    name: 'IPv4',
    wire: () =>
      [ipv4Lab({ authentication: { mode: 'sha256', password: 'SECRET' } }), ipv4Lab({})].flatMap((l) => l.wire),
    tlvs: ['authentication', 'ipv4Internal'],
    routes: ['ipv4Internal', 'ipv4External'],
    routeField: /eigrp\.ipv4\.destination/,
    frame: (w) =>
      encodeIpv4(
        makeIpv4({
          src: '192.0.2.1',
          dst: w.destination,
          protocol: 88,
          ttl: w.destination === '224.0.0.10' ? 2 : 1,
          tos: 0xc0,
          payload: w.bytes,
        }),
      ),
    destination: (l) => (l.ip as Json)['ip.dst'],
  },
  {
    name: 'IPv6 in GRE',
    wire: () => ipv6Lab().wire,
    tlvs: ['ipv6Internal', 'ipv6External'],
    routes: ['ipv6Internal', 'ipv6External'],
    routeField: /eigrp\.ipv6\.destination/,
    frame: inGre,
    destination: (l) => (l.ipv6 as Json)['ipv6.dst'],
  },
  {
    name: 'IPv6 named mode (wide metrics) in GRE',
    wire: () => ipv6Lab({ wideMetrics: true }).wire,
    tlvs: ['wideInternal', 'wideExternal'],
    routes: ['wideInternal', 'wideExternal'],
    routeField: /eigrp\.ipv6\.destination/,
    frame: inGre,
    destination: (l) => (l.ipv6 as Json)['ipv6.dst'],
  },
];

/** An IPv6 EIGRP packet in GRE over the IPv4 NBMA, as the data plane carries it. */
function inGre(w: Wire): Uint8Array {
  return encodeIpv4(
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
        payload: ipv6(ll6Of.get(w.from)!, w.destination, 88, w.bytes),
      }),
    }),
  );
}

for (const c of CASES) {
  test(`tshark reads the engine's ${c.name} packets without malformed items`, { skip: tsharkMissing() }, () => {
    const pick = new Map<string, Wire>();
    for (const w of c.wire()) {
      const kind = `${w.p.opcode}/${w.p.ack !== 0}/${w.p.flags}/${w.p.tlvs.map((t) => t.type).join()}`;
      if (!pick.has(kind)) pick.set(kind, w);
    }
    const chosen = [...pick.values()];
    const opcodes = new Set(chosen.map((w) => w.p.opcode));
    for (const op of [EigrpOpcode.Hello, EigrpOpcode.Update, EigrpOpcode.Query, EigrpOpcode.Reply])
      assert.ok(opcodes.has(op), `a packet of opcode ${op} among ${[...opcodes]}`);
    const types = new Set(chosen.flatMap((w) => w.p.tlvs.map((t) => t.type)));
    for (const t of c.tlvs) assert.ok(types.has(t), `a ${t} TLV`);
    const layers = dissect(chosen.map((w) => c.frame(w)));
    assert.equal(layers.length, chosen.length);
    layers.forEach((l, i) => {
      const w = chosen[i];
      const where = `frame ${i + 1} (opcode ${w.p.opcode})`;
      const items = wsItems(l).filter((s) => !/\/_ws\.expert[:/]/.test(s) || /malformed|error/i.test(s));
      assert.deepEqual(items, [], `${where}: no malformed items`);
      assert.equal(c.destination(l), w.destination, where);
      const e = l.eigrp as Json;
      assert.equal(e['eigrp.opcode'], String(w.p.opcode), where);
      assert.equal(e['eigrp.checksum.status'], '1', `${where}: checksum good`);
      const text = JSON.stringify(list(e));
      for (const t of w.p.tlvs) {
        if (!c.routes.includes(t.type) || !('destinations' in t)) continue;
        assert.match(text, c.routeField, `${where}: routes dissected`);
        for (const d of t.destinations) assert.ok(text.includes(`"${d.prefix}"`), `${where}: ${d.prefix} dissected`);
        assert.ok(text.includes(`"${t.nextHop}"`), `${where}: next hop ${t.nextHop}`);
      }
    });
  });
}
