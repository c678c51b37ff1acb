/** Router-level knobs: redistribution, passive-interface, network wildcards, router-id, SIA, peer restart, CR. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpEngine } from '../../src/eigrp/engine.js';
import type { EigrpConfigInput } from '../../src/eigrp/config.js';
import {
  classicMetric,
  decodeEigrp,
  EigrpFlags,
  EigrpOpcode,
  encodeEigrp,
  makeEigrp,
  parametersTlv,
} from '../../src/wire/eigrp/index.js';
import { renderTopology } from '../../src/eigrp/show/index.js';
import { Lab } from '../helpers/eigrp-lab.js';

function two(a: Partial<EigrpConfigInput>, b: Partial<EigrpConfigInput> = {}, opts = {}): Lab {
  const lab = new Lab(opts);
  const cfg = (n: number, extra: Partial<EigrpConfigInput>): EigrpConfigInput => ({
    as: 1,
    networks: [{ address: '10.1.12.0', wildcard: '0.0.0.255' }],
    interfaces: [
      { name: 'GigabitEthernet0/0', address: `10.1.12.${n}`, prefixLength: 24 },
      { name: 'GigabitEthernet0/1', address: `172.16.${n}.1`, prefixLength: 24 },
    ],
    ...extra,
  });
  lab.add('r1', cfg(1, a), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.1', link: 'lan' }]);
  lab.add('r2', cfg(2, b), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.2', link: 'lan' }]);
  return lab;
}

test('network with a wildcard: an interface outside it neither speaks nor is advertised', () => {
  const lab = two({});
  lab.runTo(3);
  assert.equal(lab.routes('r1').has('172.16.2.0/24'), false);
  assert.deepEqual(
    lab.snapshot('r2').interfaces.map((i) => i.interface),
    ['GigabitEthernet0/0'],
  );
});

test('redistribute connected and static: external routes, D EX, distance 170', () => {
  const lab = two(
    {},
    {
      redistribute: { connected: {}, static: { metric: { bandwidth: 10000, delay: 100 } } },
      staticRoutes: [{ prefix: '192.0.2.0', prefixLength: 24, nextHop: '172.16.2.254' }],
    },
  );
  lab.runTo(3);
  const c = lab.routes('r1').get('172.16.2.0/24');
  assert.equal(c?.code, 'D EX');
  assert.equal(c?.distance, 170);
  const s = lab.routes('r1').get('192.0.2.0/24');
  assert.equal(s?.code, 'D EX');
  // 10000 kbit and 100 tens of µs from the metric, then r1's GigabitEthernet: 256 * (1000 + 100 + 1).
  assert.equal(s?.metric, 256 * (1000 + 101));
  const tlv = lab
    .packets(EigrpOpcode.Update, 'r2')
    .flatMap((w) => w.p.tlvs)
    .find((t) => t.type === 'ipv4External' && t.destinations[0].prefix === '192.0.2.0');
  assert.equal(tlv?.type === 'ipv4External' && tlv.external.protocol, 3, 'external protocol static');
  assert.equal(
    tlv?.type === 'ipv4External' && tlv.external.originatingRouter,
    '172.16.2.1',
    'router-id: highest address',
  );
});

test('passive-interface: no Hellos, no neighbor, the subnet still advertised', () => {
  const lab = two(
    {},
    { networks: [{ address: '0.0.0.0', wildcard: '255.255.255.255' }], passiveInterfaces: ['GigabitEthernet0/1'] },
  );
  lab.runTo(3);
  assert.ok(lab.routes('r1').has('172.16.2.0/24'));
  assert.ok(lab.packets(EigrpOpcode.Hello, 'r2').every((w) => w.iface === 'GigabitEthernet0/0'));
  const r2 = lab.snapshot('r2');
  assert.deepEqual(
    r2.interfaces.map((i) => i.interface),
    ['GigabitEthernet0/0'],
  );
});

test('stuck in active: a neighbor that never replies is reset when the active timer runs out', () => {
  let mute = false;
  // r1 loses its LAN; r2 acknowledges r1's Query but its Reply never arrives.
  const lab = two(
    { networks: [{ address: '0.0.0.0', wildcard: '255.255.255.255' }], activeTimeMinutes: 0.5 },
    {},
    { drop: (p: { from: string; bytes: Uint8Array }) => mute && p.from === 'r2' && p.bytes[1] === EigrpOpcode.Reply },
  );
  lab.runTo(3);
  mute = true;
  const r1 = lab.engine('r1');
  const cfg = r1.config;
  lab.net.input(lab.net.node('r1'), () =>
    r1.configure(lab.net.now, {
      ...cfg,
      interfaces: cfg.interfaces.map((i) => (i.name === 'GigabitEthernet0/1' ? { ...i, shutdown: true } : i)),
    }),
  );
  lab.runFor(1);
  const active = lab.snapshot('r1').topology.find((t) => t.prefix === '172.16.1.0');
  assert.equal(active?.state, 'A');
  assert.deepEqual(active?.replyStatus, ['10.1.12.2']);
  const text = renderTopology(lab.snapshot('r1'));
  assert.ok(text.includes('A 172.16.1.0/24, 0 successors, FD is Inaccessible, Q\n'), text);
  assert.ok(text.includes('    1 replies, active 00:00:01, query-origin: Local origin\n'), text);
  lab.runFor(31);
  assert.ok(
    lab.logs('r1').includes('%DUAL-3-SIA: Route 172.16.1.0/24 stuck-in-active state in IP-EIGRP(0) 1.  Cleaning up'),
  );
  assert.ok(
    lab
      .logs('r1')
      .includes('%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is down: stuck in active'),
  );
  assert.equal(
    lab.snapshot('r1').topology.some((t) => t.prefix === '172.16.1.0'),
    false,
  );
});

test('a neighbor that restarts (a new INIT) is reset and relearned: peer restarted', () => {
  const lab = two({});
  lab.runTo(3);
  const node = lab.net.node('r2');
  node.engine = new EigrpEngine(node.engine.config);
  lab.net.input(node, () => node.engine.tick(lab.net.now));
  lab.runFor(3);
  assert.ok(
    lab
      .logs('r1')
      .includes('%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is down: peer restarted'),
  );
  const s = lab.snapshot('r1').neighbors;
  assert.equal(s.length, 1);
  assert.equal(s[0].up, true);
});

test('conditional receive: a CR packet is ignored by a peer named in the Sequence TLV, taken by the others', () => {
  const mk = () =>
    new EigrpEngine({
      as: 1,
      networks: [{ address: '10.0.0.0' }],
      interfaces: [{ name: 'GigabitEthernet0/0', address: '10.1.12.1', prefixLength: 24 }],
    });
  const src = '10.1.12.9';
  const iface = 'GigabitEthernet0/0';
  const run = (listed: string[]) => {
    const e = mk();
    let t = 0;
    const feed = (p: ReturnType<typeof makeEigrp>) => {
      t += 10;
      return e.receive(t, { interface: iface, source: src, bytes: encodeEigrp(p) });
    };
    feed(makeEigrp({ tlvs: [parametersTlv()] }));
    const init = makeEigrp({ opcode: EigrpOpcode.Update, flags: EigrpFlags.Init, sequence: 1 });
    feed(init);
    // Ack our INIT (its sequence is the first we sent: 1).
    feed(makeEigrp({ ack: 1 }));
    feed(makeEigrp({ tlvs: [parametersTlv(), { type: 'sequence', addresses: listed }] }));
    const route = {
      type: 'ipv4Internal' as const,
      nextHop: '0.0.0.0',
      metric: classicMetric(),
      destinations: [{ prefixLength: 24, prefix: '192.168.50.0' }],
    };
    feed(makeEigrp({ opcode: EigrpOpcode.Update, flags: EigrpFlags.ConditionalReceive, sequence: 2, tlvs: [route] }));
    return e;
  };
  assert.equal(run(['10.1.12.1']).routes().length, 0, 'listed: ignore the CR packet');
  assert.equal(run(['10.1.12.7']).routes().length, 1, 'not listed: take it');
});

test('a Hello from outside the interface subnet is blocked: not on common subnet', () => {
  // r1 10.1.12.1/24 sees r2 in its subnet; r2 10.1.12.6/30 does not see r1 in its own.
  const lab = new Lab();
  const cfg = (address: string, prefixLength: number): EigrpConfigInput => ({
    as: 1,
    networks: [{ address: '10.0.0.0' }],
    interfaces: [{ name: 'GigabitEthernet0/0', address, prefixLength }],
  });
  lab.add('r1', cfg('10.1.12.1', 24), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.1', link: 'lan' }]);
  lab.add('r2', cfg('10.1.12.6', 30), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.6', link: 'lan' }]);
  lab.runTo(6);
  assert.equal(lab.snapshot('r2').neighbors.length, 0);
  assert.ok(
    lab
      .logs('r2')
      .includes(
        '%DUAL-6-NBRINFO: EIGRP-IPv4 1: Neighbor 10.1.12.1 (GigabitEthernet0/0) is blocked: ' +
          'not on common subnet (10.1.12.6/30)',
      ),
  );
  assert.ok(lab.snapshot('r2').traffic.drops.notOnSubnet >= 1);
});

test('an SIA-Query is answered at once with an SIA-Reply carrying our distance', () => {
  const lab = two({ networks: [{ address: '0.0.0.0', wildcard: '255.255.255.255' }] });
  lab.runTo(3);
  const r2 = lab.engine('r2');
  const query = makeEigrp({
    opcode: EigrpOpcode.SiaQuery,
    sequence: 777,
    tlvs: [
      {
        type: 'ipv4Internal',
        nextHop: '0.0.0.0',
        metric: { ...classicMetric(), delay: 0xffffffff },
        destinations: [{ prefixLength: 24, prefix: '172.16.1.0' }],
      },
    ],
  });
  const out = lab.net.input(lab.net.node('r2'), () =>
    r2.receive(lab.net.now, { interface: 'GigabitEthernet0/0', source: '10.1.12.1', bytes: encodeEigrp(query) }),
  );
  const replies = out
    .filter((a) => a.kind === 'send')
    .map((a) => decodeEigrp(a.bytes))
    .filter((p) => p.opcode === EigrpOpcode.SiaReply);
  assert.equal(replies.length, 1);
  const tlv = replies[0].tlvs[0];
  assert.equal(tlv.type === 'ipv4Internal' && tlv.destinations[0].prefix, '172.16.1.0');
  // r2 reaches r1's LAN over GigabitEthernet: 2560 + 2 * 256.
  assert.equal(tlv.type === 'ipv4Internal' && tlv.metric.delay, 512);
});
