/** EIGRP adjacency and route exchange between two engines on an Ethernet segment. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpOpcode, EigrpFlags } from '../../src/wire/eigrp/index.js';
import { Lab } from '../helpers/eigrp-lab.js';

const NBR = '%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0)';

function pair(extraA = {}, extraB = {}): Lab {
  const lab = new Lab();
  const cfg = (n: number, extra: object) => ({
    as: 1,
    networks: [{ address: '10.0.0.0' }],
    interfaces: [
      { name: 'GigabitEthernet0/0', address: `10.1.12.${n}`, prefixLength: 24 },
      { name: 'Loopback0', address: `10.255.0.${n}`, prefixLength: 32 },
    ],
    ...extra,
  });
  lab.add('r1', cfg(1, extraA), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.1', link: 'lan' }]);
  lab.add('r2', cfg(2, extraB), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.2', link: 'lan' }]);
  return lab;
}

test('two routers form an adjacency: Hellos, INIT Updates both ways, EOT, and the IOS up message', () => {
  const lab = pair();
  lab.runTo(2);
  assert.deepEqual(lab.logs('r1'), [
    '%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is up: new adjacency',
  ]);
  const inits = lab.packets(EigrpOpcode.Update).filter((w) => w.p.flags & EigrpFlags.Init);
  assert.deepEqual(inits.map((w) => w.from).sort(), ['r1', 'r2']);
  assert.ok(lab.packets(EigrpOpcode.Update).some((w) => w.p.flags & EigrpFlags.EndOfTable));
  const s = lab.snapshot('r1');
  assert.equal(s.neighbors.length, 1);
  assert.equal(s.neighbors[0].address, '10.1.12.2');
  assert.equal(s.neighbors[0].up, true);
  assert.equal(s.neighbors[0].queueCount, 0);
  assert.ok(s.neighbors[0].srtt > 0);
  for (const r of ['r1', 'r2']) assert.equal(lab.snapshot(r).traffic.drops.duplicate, 0, `${r}: no packet sent twice`);
});

test('routes are exchanged with the classic metric: a loopback over GigabitEthernet', () => {
  const lab = pair();
  lab.runTo(3);
  const r = lab.routes('r1').get('10.255.0.2/32');
  assert.ok(r, 'r1 learned r2 loopback');
  // Loopback 8000000 kbit / 5000 µs, then GigabitEthernet 1000000 kbit / 10 µs:
  // 256 * (10^7 / 1000000 + 500 + 1) = 130816.
  assert.equal(r.metric, 256 * (10 + 501));
  assert.equal(r.distance, 90);
  assert.equal(r.code, 'D');
  assert.deepEqual(r.nextHops, [{ address: '10.1.12.2', interface: 'GigabitEthernet0/0' }]);
  assert.equal(lab.routes('r1').has('10.1.12.0/24'), false, 'connected subnet not installed as EIGRP');
});

test('a withdrawn prefix goes: the loopback leaves r2 config and r1 drops the route', () => {
  const lab = pair();
  lab.runTo(3);
  assert.ok(lab.routes('r1').has('10.255.0.2/32'));
  const r2 = lab.engine('r2');
  lab.net.input(lab.net.node('r2'), () =>
    r2.configure(lab.net.now, {
      as: 1,
      networks: [{ address: '10.0.0.0' }],
      interfaces: [{ name: 'GigabitEthernet0/0', address: '10.1.12.2', prefixLength: 24 }],
    }),
  );
  lab.runFor(2);
  assert.equal(lab.routes('r1').has('10.255.0.2/32'), false);
  assert.equal(
    lab.snapshot('r1').topology.some((t) => t.prefix === '10.255.0.2'),
    false,
  );
});

test('hold time expiry takes the neighbor down and removes its routes', () => {
  const lab = pair();
  lab.runTo(5.5); // r2's Hello of t = 5 s is in
  lab.net.kill('r2');
  lab.runTo(19.9);
  assert.ok(lab.routes('r1').has('10.255.0.2/32'), 'still within 15 s hold');
  lab.runTo(20.1);
  assert.equal(lab.routes('r1').has('10.255.0.2/32'), false);
  assert.ok(
    lab
      .logs('r1')
      .includes(
        '%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is down: holding time expired',
      ),
  );
  assert.equal(lab.snapshot('r1').neighbors.length, 0);
});

test('K-value mismatch: no adjacency, the IOS message, counted', () => {
  const lab = pair({}, { kValues: [1, 0, 1, 0, 1] });
  lab.runTo(12);
  assert.equal(lab.snapshot('r1').neighbors.length, 0);
  assert.equal(lab.routes('r1').size, 0);
  assert.ok(
    lab
      .logs('r1')
      .includes('%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is down: K-value mismatch'),
  );
  assert.ok(lab.snapshot('r1').traffic.drops.kMismatch >= 2);
});

test('AS mismatch: dropped and counted, no adjacency', () => {
  const lab = pair({}, { as: 2 });
  lab.runTo(6);
  assert.equal(lab.snapshot('r1').neighbors.length, 0);
  assert.ok(lab.snapshot('r1').traffic.drops.badAs >= 1);
});

test('goodbye on shutdown: the peer drops us at once with the IOS reason', () => {
  const lab = pair();
  lab.runTo(3);
  const r2 = lab.engine('r2');
  lab.net.input(lab.net.node('r2'), () => r2.configure(lab.net.now, { ...r2.config, shutdown: true }));
  lab.runFor(1);
  assert.ok(lab.logs('r1').includes(`${NBR} is down: Interface PEER-TERMINATION received`));
  assert.equal(lab.routes('r1').size, 0);
});
