/**
 * DUAL on a square: r1 reaches r4's loopback through r2 (GigabitEthernet all the way) or through r3
 * (FastEthernet from r1). With r3-r4 on GigabitEthernet, r3 is a feasible successor; on a slow
 * Ethernet it is not, and losing r2 makes r1 go Active.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import type { EigrpNetOptions } from '../../src/eigrp/sim/network.js';
import { Lab } from '../helpers/eigrp-lab.js';

const LO4 = '10.255.0.4/32';

function square(slowR3R4: boolean, opts: EigrpNetOptions = {}): Lab {
  const lab = new Lab(opts);
  const r34 = slowR3R4 ? 'Ethernet0/1' : 'GigabitEthernet0/1';
  const cfg = (interfaces: Array<[string, string]>) => ({
    as: 1,
    networks: [{ address: '10.0.0.0' }],
    interfaces: interfaces.map(([name, address]) => ({ name, address, prefixLength: name.startsWith('Lo') ? 32 : 24 })),
  });
  const add = (name: string, links: Array<[string, string, string]>, extra: Array<[string, string]> = []) =>
    lab.add(
      name,
      cfg([...links.map(([i, a]): [string, string] => [i, a]), ...extra]),
      links.map(([iface, address, link]) => ({ iface, address, link })),
    );
  add('r1', [
    ['GigabitEthernet0/0', '10.1.12.1', 'l12'],
    ['FastEthernet0/1', '10.1.13.1', 'l13'],
  ]);
  add('r2', [
    ['GigabitEthernet0/0', '10.1.12.2', 'l12'],
    ['GigabitEthernet0/1', '10.1.24.2', 'l24'],
  ]);
  add('r3', [
    ['FastEthernet0/0', '10.1.13.3', 'l13'],
    [r34, '10.1.34.3', 'l34'],
  ]);
  add(
    'r4',
    [
      ['GigabitEthernet0/0', '10.1.24.4', 'l24'],
      [r34, '10.1.34.4', 'l34'],
    ],
    [['Loopback0', '10.255.0.4']],
  );
  return lab;
}

function shutR2(lab: Lab): void {
  const r2 = lab.engine('r2');
  lab.net.input(lab.net.node('r2'), () => r2.configure(lab.net.now, { ...r2.config, shutdown: true }));
}

test('a feasible successor takes over without going Active', () => {
  const lab = square(false);
  lab.runTo(3);
  const t = lab.snapshot('r1').topology.find((x) => `${x.prefix}/${x.prefixLength}` === LO4);
  assert.equal(t?.fd, 131_072);
  assert.deepEqual(
    t?.paths.map((p) => [p.via, p.distance, p.reported, p.successor, p.feasible]),
    [
      ['10.1.12.2', 131_072, 130_816, true, true],
      ['10.1.13.3', 156_416, 130_816, false, true],
    ],
  );
  const queries = lab.packets(EigrpOpcode.Query).length;
  shutR2(lab);
  lab.runFor(2);
  // Other prefixes may go Active (r4 has no feasible successor for r1-r2's subnet); this one must not.
  const forLo4 = lab
    .packets(EigrpOpcode.Query)
    .slice(queries)
    .filter((w) => w.p.tlvs.some((t) => 'destinations' in t && t.destinations[0].prefix === '10.255.0.4'));
  assert.deepEqual(forLo4, [], 'no Query for the loopback');
  assert.deepEqual(lab.routes('r1').get(LO4)?.nextHops, [{ address: '10.1.13.3', interface: 'FastEthernet0/1' }]);
  // FastEthernet bandwidth, delay 500 + 1 + 10 tens of µs: 25600 + 511 * 256.
  assert.equal(lab.routes('r1').get(LO4)?.metric, 156_416);
});

test('without a feasible successor the route goes Active, queries, gets replies and converges', () => {
  const lab = square(true);
  lab.runTo(3);
  const t = lab.snapshot('r1').topology.find((x) => `${x.prefix}/${x.prefixLength}` === LO4);
  // r3 itself routes through r1 (Fa + Gi + Gi beats its slow Ethernet), so split horizon hides it.
  assert.deepEqual(
    t?.paths.map((p) => p.via),
    ['10.1.12.2'],
  );
  shutR2(lab);
  lab.runFor(2);
  const q = lab.packets(EigrpOpcode.Query, 'r1');
  assert.ok(
    q.some((w) => w.to === 'r3'),
    'r1 queried r3',
  );
  // r3's own path through r4 (RD 128256 < its FD 156672) is feasible: it switches and replies at once.
  assert.ok(
    lab.packets(EigrpOpcode.Reply, 'r3').some((w) => w.to === 'r1'),
    'r3 replied to r1',
  );
  assert.deepEqual(lab.routes('r1').get(LO4)?.nextHops, [{ address: '10.1.13.3', interface: 'FastEthernet0/1' }]);
  const after = lab.snapshot('r1').topology.find((x) => `${x.prefix}/${x.prefixLength}` === LO4);
  assert.equal(after?.state, 'P');
  assert.equal(after?.fd, lab.routes('r1').get(LO4)?.metric);
});

test('variance 2 installs the slower feasible path too', () => {
  const l = square(false);
  const r1 = l.engine('r1');
  l.net.input(l.net.node('r1'), () => r1.configure(0, { ...r1.config, variance: 2 }));
  l.runTo(3);
  assert.deepEqual(
    l
      .routes('r1')
      .get(LO4)
      ?.nextHops.map((h) => h.address),
    ['10.1.12.2', '10.1.13.3'],
  );
});

test('lost packets are retransmitted and the routers still converge', () => {
  let updates = 0;
  const lab = square(false, {
    // Lose every other reliable packet for the first few seconds.
    drop: (p) => p.at < 4000 && p.bytes[1] !== EigrpOpcode.Hello && updates++ % 2 === 0,
  });
  lab.runTo(20);
  assert.ok(lab.net.lost > 3);
  assert.ok(lab.snapshot('r1').traffic.retransmissions + lab.snapshot('r2').traffic.retransmissions > 0);
  for (const r of ['r1', 'r2', 'r3']) assert.ok(lab.routes(r).has(LO4), `${r} has r4 loopback`);
  assert.deepEqual(lab.routes('r1').get(LO4)?.nextHops, [{ address: '10.1.12.2', interface: 'GigabitEthernet0/0' }]);
  for (const r of ['r1', 'r2', 'r3', 'r4']) {
    assert.ok(
      lab.snapshot(r).neighbors.every((n) => n.queueCount === 0),
      `${r} queues drained`,
    );
  }
});

test('a neighbor that never acknowledges is reset after 16 retries: retry limit exceeded', () => {
  let block = false;
  const lab = square(false, {
    drop: (p) => block && p.from === 'r2' && p.to === 'r1' && p.bytes[1] === EigrpOpcode.Hello && p.bytes[15] !== 0,
  });
  lab.runTo(3);
  block = true;
  const r1 = lab.engine('r1');
  lab.net.input(lab.net.node('r1'), () =>
    r1.configure(lab.net.now, {
      ...r1.config,
      interfaces: [
        ...r1.config.interfaces,
        { ...r1.config.interfaces[0], name: 'Loopback1', address: '10.255.0.1', prefixLength: 32, enabled: true },
      ],
    }),
  );
  lab.runFor(70);
  assert.ok(
    lab
      .logs('r1')
      .includes(
        '%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10.1.12.2 (GigabitEthernet0/0) is down: retry limit exceeded',
      ),
    lab.logs('r1').join('\n'),
  );
});
