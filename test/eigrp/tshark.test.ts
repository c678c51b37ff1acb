/**
 * Packets the engine emits, as Wireshark reads them: a hub and a spoke with HMAC-SHA-256 form an
 * adjacency and exchange routes; every kind of packet they sent (Hello, INIT Update, Ack, EOT Update
 * with routes, Query, Reply) goes through tshark in IPv4, with no malformed item and the opcodes
 * and routes we meant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import { dissect, list, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { dmvpnConfig, hubTunnel, Lab, spokeTunnel } from '../helpers/eigrp-lab.js';

/** Hub and two spokes; spoke1 then loses its LAN, so Queries and Replies cross the tunnel too. */
function run(auth: object): Lab {
  const lab = new Lab();
  lab.add('hub', dmvpnConfig(0, auth), [{ iface: 'Tunnel0', address: hubTunnel, link: 'tun' }]);
  for (const k of [1, 2]) {
    lab.add(`spoke${k}`, dmvpnConfig(k, auth), [
      { iface: 'Tunnel0', address: spokeTunnel(k), link: 'tun', multicastTo: [hubTunnel] },
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

const signed = () => run({ authentication: { mode: 'sha256', password: 'SECRET' } });
const unsigned = () => run({});

test('tshark reads the engine packets without malformed items', { skip: tsharkMissing() }, () => {
  const wire = [signed(), unsigned()].flatMap((lab) => lab.wire);
  const pick = new Map<string, (typeof wire)[number]>();
  for (const w of wire) {
    const kind = `${w.p.opcode}/${w.p.ack !== 0}/${w.p.flags}/${w.p.tlvs[0]?.type === 'authentication'}`;
    if (!pick.has(kind)) pick.set(kind, w);
  }
  const chosen = [...pick.values()];
  const opcodes = new Set(chosen.map((w) => w.p.opcode));
  for (const op of [EigrpOpcode.Hello, EigrpOpcode.Update, EigrpOpcode.Query, EigrpOpcode.Reply]) {
    assert.ok(opcodes.has(op), `a packet of opcode ${op} among ${[...opcodes]}`);
  }
  assert.ok(
    chosen.some((w) => w.p.tlvs[0]?.type === 'authentication'),
    'a signed packet',
  );
  const frames = chosen.map((w) =>
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
  );
  const layers = dissect(frames);
  assert.equal(layers.length, chosen.length);
  layers.forEach((l, i) => {
    const where = `frame ${i + 1} (opcode ${chosen[i].p.opcode})`;
    const items = wsItems(l).filter((s) => !/\/_ws\.expert[:/]/.test(s) || /malformed|error/i.test(s));
    assert.deepEqual(items, [], `${where}: no malformed items`);
    const e = l.eigrp as Json;
    assert.equal(e['eigrp.opcode'], String(chosen[i].p.opcode), where);
    assert.equal(e['eigrp.checksum.status'], '1', `${where}: checksum good`);
    const routes = chosen[i].p.tlvs.filter((t) => 'destinations' in t).length;
    const text = JSON.stringify(list(e));
    if (routes > 0) assert.match(text, /eigrp\.ipv4\.destination/, `${where}: routes dissected`);
  });
});
