/**
 * EIGRP for IPv6 in the engine: a DMVPN hub and spokes on one multipoint Tunnel0 whose neighbors are
 * the link-local sources of Hellos to FF02::A; IPv6 route TLVs (0x0402); DUAL basics; split horizon and
 * next-hop-self on the tunnel, as IOS `ipv6 router eigrp` behaves. Named mode (`wideMetrics`) sends
 * wide-metric TLVs of family 2 and reaches the same routes and distances, alone or beside classic mode.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpOpcode, type EigrpTlv } from '../../src/wire/eigrp/index.js';
import { Lab } from '../helpers/eigrp-lab.js';
import { config6, dmvpn6, lan6, ll6 } from '../helpers/eigrp6-lab.js';

const ll = ll6;
const lan = lan6;

test('IPv6: Hellos go to FF02::A, neighbors are link-local, routes are IPv6 TLVs', () => {
  const lab = dmvpn6(2);
  lab.runTo(5);
  const hellos = lab.packets(EigrpOpcode.Hello, 'spoke1').filter((w) => w.p.ack === 0);
  assert.ok(hellos.some((w) => w.destination === 'ff02::a'));
  assert.deepEqual(
    lab
      .snapshot('hub')
      .neighbors.map((n) => n.address)
      .sort(),
    [ll(1), ll(2)],
  );
  const update = lab.packets(EigrpOpcode.Update, 'spoke1').find((w) => w.p.tlvs.length > 0);
  assert.equal(update?.p.tlvs[0].type, 'ipv6Internal');
  const r = lab.routes('hub').get(lan(1));
  assert.deepEqual(r?.nextHops, [{ address: ll(1), interface: 'Tunnel0' }]);
  assert.equal(r?.distance, 90);
  assert.ok(lab.logs('hub').some((l) => l.includes('EIGRP-IPv6 10: Neighbor fe80::2 (Tunnel0) is up')));
});

test('IPv6 split horizon on: spokes learn the hub LAN only', () => {
  const lab = dmvpn6(3);
  lab.runTo(5);
  for (let k = 1; k <= 3; k++) {
    const r = lab.routes(`spoke${k}`);
    assert.ok(r.has(lan(0)), `spoke${k} has the hub LAN`);
    for (let j = 1; j <= 3; j++) if (j !== k) assert.equal(r.has(lan(j)), false);
  }
});

test('IPv6 no split-horizon: spokes learn each other via the hub link-local', () => {
  const lab = dmvpn6(2, { splitHorizon: false });
  lab.runTo(5);
  assert.deepEqual(lab.routes('spoke1').get(lan(2))?.nextHops, [{ address: ll(0), interface: 'Tunnel0' }]);
});

test('IPv6 no next-hop-self: the next hop is the originating spoke', () => {
  const lab = dmvpn6(2, { splitHorizon: false, nextHopSelf: false });
  lab.runTo(5);
  assert.deepEqual(lab.routes('spoke1').get(lan(2))?.nextHops, [{ address: ll(2), interface: 'Tunnel0' }]);
  const carried = lab
    .packets(EigrpOpcode.Update, 'hub')
    .flatMap((w) => w.p.tlvs)
    .find((t) => t.type === 'ipv6Internal' && t.destinations[0].prefix === '2001:db8:3::');
  assert.equal(carried?.type === 'ipv6Internal' && carried.nextHop, ll(2));
});

test('IPv6 DUAL: a spoke that goes away is withdrawn; a summary replaces the spokes on the tunnel', () => {
  const lab = dmvpn6(2, { splitHorizon: false, summaries: [{ prefix: '2001:db8::', prefixLength: 32 }] });
  lab.runTo(5);
  assert.equal(lab.routes('spoke1').has(lan(2)), false);
  assert.deepEqual(lab.routes('spoke1').get('2001:db8::/32')?.nextHops, [{ address: ll(0), interface: 'Tunnel0' }]);
  assert.deepEqual(lab.routes('hub').get('2001:db8::/32')?.nextHops, [{ interface: 'Null0' }]);
  assert.ok(lab.routes('hub').has(lan(2)));
  lab.net.node('spoke2').alive = false;
  lab.runTo(200);
  assert.equal(lab.routes('hub').has(lan(2)), false);
  assert.ok(lab.routes('hub').has(lan(1)));
});

test('IPv6 redistribute static: an external route (AD 170, D EX)', () => {
  const lab = new Lab();
  const hub = config6(0);
  lab.add(
    'hub',
    { ...hub, redistribute: { static: {} }, staticRoutes: [{ prefix: '2001:db8:99::', prefixLength: 48 }] },
    [{ iface: 'Tunnel0', address: ll(0), link: 'tun' }],
  );
  lab.add('spoke1', config6(1), [{ iface: 'Tunnel0', address: ll(1), link: 'tun', multicastTo: [ll(0)] }]);
  lab.runTo(5);
  const r = lab.routes('spoke1').get('2001:db8:99::/48');
  assert.equal(r?.code, 'D EX');
  assert.equal(r?.distance, 170);
});

test('IPv6 with MD5 authentication: a wrong key keeps the neighbor out', () => {
  const run = (spokeKey: string) => {
    const lab = new Lab();
    const auth = (key: string) => ({ authentication: { mode: 'md5' as const, key } });
    lab.add('hub', config6(0, auth('K')), [{ iface: 'Tunnel0', address: ll(0), link: 'tun' }]);
    lab.add('spoke1', config6(1, auth(spokeKey)), [
      { iface: 'Tunnel0', address: ll(1), link: 'tun', multicastTo: [ll(0)] },
    ]);
    lab.runTo(5);
    return lab;
  };
  assert.ok(run('K').routes('spoke1').has(lan(0)));
  const bad = run('WRONG');
  assert.equal(bad.snapshot('hub').neighbors.length, 0);
  assert.ok(bad.snapshot('hub').traffic.drops.badAuth > 0);
});

/** Every node's routes and the hub's topology table, to compare two runs. */
function outcome(lab: Lab, nodes: string[]): unknown {
  return {
    routes: nodes.map((n) => [n, [...lab.routes(n).entries()].sort()]),
    topology: lab.snapshot('hub').topology,
  };
}

const routeTypes = (lab: Lab): Set<EigrpTlv['type']> =>
  new Set(
    lab.wire
      .flatMap((w) => w.p.tlvs)
      .filter((t) => 'destinations' in t)
      .map((t) => t.type),
  );

test('IPv6 named mode: wide-metric TLVs of family 2, the same routes and distances as classic mode', () => {
  const nodes = ['hub', 'spoke1', 'spoke2'];
  const run = (process: { wideMetrics?: boolean }, gone = false) => {
    const lab = dmvpn6(2, { splitHorizon: false, nextHopSelf: false }, process);
    lab.runTo(5);
    if (gone) {
      lab.net.node('spoke2').alive = false;
      lab.runTo(200);
    }
    return lab;
  };
  const classic = run({});
  const named = run({ wideMetrics: true });
  assert.deepEqual([...routeTypes(classic)], ['ipv6Internal']);
  assert.deepEqual([...routeTypes(named)], ['wideInternal']);
  const wide = named.wire.flatMap((w) => w.p.tlvs).filter((t) => t.type === 'wideInternal');
  assert.ok(wide.every((t) => t.afi === 2 && t.topology === 0));
  const fromSpoke1 = named
    .packets(EigrpOpcode.Update, 'spoke1')
    .flatMap((w) => w.p.tlvs)
    .find((t) => t.type === 'wideInternal' && t.destinations[0].prefix === '2001:db8:2::');
  assert.ok(fromSpoke1?.type === 'wideInternal');
  assert.equal(fromSpoke1.routerId, '10.255.0.2');
  // the hub passes spoke2's LAN on naming spoke2 (the originator), as IOS does; its own LAN names itself
  const byHub = (prefix: string) =>
    named
      .packets(EigrpOpcode.Update, 'hub')
      .flatMap((w) => w.p.tlvs)
      .filter((t) => t.type === 'wideInternal' && t.destinations[0].prefix === prefix)
      .map((t) => t.type === 'wideInternal' && t.routerId);
  assert.deepEqual([...new Set(byHub('2001:db8:3::'))], ['10.255.0.3']);
  assert.deepEqual([...new Set(byHub('2001:db8:1::'))], ['10.255.0.1']);
  // GigabitEthernet: 10 µs (10^7 ps), 1 Gbit/s
  assert.deepEqual([fromSpoke1.metric.delay, fromSpoke1.metric.bandwidth], [10_000_000, 1_000_000]);
  assert.deepEqual(outcome(named, nodes), outcome(classic, nodes));
  assert.deepEqual(named.routes('spoke1').get(lan(2))?.nextHops, [{ address: ll(2), interface: 'Tunnel0' }]);
  // spoke2 goes away: Queries and Replies carry the wide unreachable delay; the routes match again
  const classicGone = run({}, true);
  const namedGone = run({ wideMetrics: true }, true);
  assert.equal(namedGone.routes('hub').has(lan(2)), false);
  assert.deepEqual(outcome(namedGone, nodes.slice(0, 2)), outcome(classicGone, nodes.slice(0, 2)));
  const queried = namedGone
    .packets(EigrpOpcode.Query)
    .flatMap((w) => w.p.tlvs)
    .filter((t) => t.type === 'wideInternal');
  assert.ok(queried.length > 0 && queried.every((t) => t.metric.delay === 0xffff_ffff_ffff));
});

test('IPv6 named and classic mode side by side: each reads the other, the routes are those of classic mode', () => {
  const lab = new Lab();
  const classic = dmvpn6(2);
  lab.add('hub', config6(0), [{ iface: 'Tunnel0', address: ll(0), link: 'tun' }]);
  lab.add('spoke1', config6(1), [{ iface: 'Tunnel0', address: ll(1), link: 'tun', multicastTo: [ll(0)] }]);
  lab.add('spoke2', config6(2, {}, { wideMetrics: true }), [
    { iface: 'Tunnel0', address: ll(2), link: 'tun', multicastTo: [ll(0)] },
  ]);
  lab.runTo(5);
  classic.runTo(5);
  const from = (n: string) => new Set(lab.wire.filter((w) => w.from === n).flatMap((w) => w.p.tlvs.map((t) => t.type)));
  assert.ok(from('spoke2').has('wideInternal') && !from('spoke2').has('ipv6Internal'));
  assert.ok(from('hub').has('ipv6Internal') && !from('hub').has('wideInternal'));
  assert.deepEqual(lab.routes('hub').get(lan(2))?.nextHops, [{ address: ll(2), interface: 'Tunnel0' }]);
  const nodes = ['hub', 'spoke1', 'spoke2'];
  assert.deepEqual(outcome(lab, nodes), outcome(classic, nodes));
});
