/**
 * A new routing protocol is a new route source: a fake "test protocol" defined here, added to the
 * router's table with addSource() and nothing else, shows in `show ip route` (text, JSON, `show ip
 * route testproto`, `show ip route A.B.C.D`) with its code and [distance/metric], wins or loses
 * against static routes by distance, goes to the kernel, and answers the NHRP engines' lookups.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { wantedRoutes } from '../../../src/node/router/kernel-routes.js';
import { Rib, type TunnelInfo } from '../../../src/node/router/rib.js';
import type { RibChange, RibRoute, RouteKind, RouteSource } from '../../../src/node/router/rib.js';
import { buildShowState } from '../../../src/node/router/snapshot.js';
import { runShow, type RouteEntryJson, type RouteTableJson } from '../../../src/node/show/index.js';

/** The fake protocol: routes it learned from neighbours, added and withdrawn by prefix. */
class TestProtocol implements RouteSource {
  readonly kind: RouteKind = {
    name: 'testproto',
    code: 'T',
    keyword: 'testproto',
    distance: 95,
    metric: 0,
    legend: 'T - test protocol',
    kernel: { proto: '200' },
  };
  private readonly learned = new Map<string, RibRoute>();
  private changed = (): void => undefined;

  attach(changed: () => void): void {
    this.changed = changed;
  }

  learn(prefix: string, prefixLength: number, nextHop: string, metric: number, since: number): void {
    this.learned.set(`${prefix}/${prefixLength}`, {
      source: this.kind.name,
      prefix,
      prefixLength,
      nextHop,
      from: nextHop,
      interface: 'Tunnel0',
      device: 'tun0',
      distance: this.kind.distance,
      metric,
      active: true,
      since,
    });
    this.changed();
  }

  withdraw(prefix: string, prefixLength: number): void {
    this.learned.delete(`${prefix}/${prefixLength}`);
    this.changed();
  }

  routes(): RibRoute[] {
    return [...this.learned.values()];
  }
}

const SPOKE = `hostname spoke1
interface GigabitEthernet0/0
 ip address 192.0.2.2 255.255.255.0
interface Loopback0
 ip address 10.1.0.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.2 255.255.255.0
 ip nhrp network-id 1
 ip nhrp nhs 172.16.0.1 nbma 192.0.2.1
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
ip route 10.2.0.0 255.255.255.0 172.16.0.1
ip route 10.8.0.0 255.255.0.0 172.16.0.1 200
ip route 10.9.0.0 255.255.0.0 10.7.0.1
`;

function setup(): { rib: Rib; proto: TestProtocol; show: (line: string) => string; changes: RibChange[] } {
  const r = parseConfig(SPOKE, { file: 'spoke1.cfg' });
  assert.deepEqual(r.errors, []);
  const rib = new Rib();
  const tunnels = new Map<string, TunnelInfo>([['Tunnel0', { device: 'tun0', multipoint: true, nhs: '172.16.0.1' }]]);
  rib.setConfig(r.config, tunnels);
  const changes: RibChange[] = [];
  rib.onChange((c) => changes.push(...c));
  const proto = new TestProtocol();
  rib.addSource(proto);
  const router = { config: r.config, tunnels: new Map(), rib, clock: () => 65_000, startedAt: 0 };
  const show = (line: string) => runShow(line, buildShowState(router));
  return { rib, proto, show, changes };
}

test('test protocol: its routes show with their code and [distance/metric], in text and JSON', () => {
  const { proto, show } = setup();
  proto.learn('10.7.0.0', 16, '172.16.0.5', 20, 5_000);
  const text = show('show ip route');
  assert.ok(text.split('\n').includes('       T - test protocol'), 'its code in the legend');
  assert.ok(text.includes('\nT        10.7.0.0/16 [95/20] via 172.16.0.5, 00:01:00, Tunnel0\n'), text);
  const json = JSON.parse(show('show ip route json')) as RouteTableJson;
  const t = json.routes.find((x) => x.code === 'T');
  assert.deepEqual(t && [t.network, t.protocol, t.distance, t.metric, t.nextHop, t.interface, t.ageSec], [
    '10.7.0.0/16',
    'testproto',
    95,
    20,
    '172.16.0.5',
    'Tunnel0',
    60,
  ]);
  const only = JSON.parse(show('show ip route testproto json')) as RouteTableJson;
  assert.deepEqual(
    only.routes.map((x) => x.network),
    ['10.7.0.0/16'],
    'show ip route WORD from its keyword',
  );
  assert.match(show('sh ip ro testp'), /\nT +10\.7\.0\.0\/16 \[95\/20\]/);
  assert.doesNotMatch(show('sh ip ro testp'), /^S /m);
  const entry = JSON.parse(show('show ip route 10.7.3.3 json')) as RouteEntryJson;
  const e = entry.entry;
  assert.deepEqual([e?.knownVia, e?.distance, e?.metric, e?.paths[0].from], ['testproto', 95, 20, '172.16.0.5']);
  assert.ok(show('show ip route 10.7.3.3').includes('  Known via "testproto", distance 95, metric 20\n'));
});

test('test protocol: loses to a static route by distance, beats a floating one, which takes over on withdrawal', () => {
  const { rib, proto, show, changes } = setup();
  const look = rib.lookupFor('tun0');
  proto.learn('10.2.0.0', 24, '172.16.0.7', 0, 0);
  proto.learn('10.8.0.0', 16, '172.16.0.7', 0, 0);
  assert.deepEqual(look('10.2.0.9'), { kind: 'tunnel', nextHop: '172.16.0.1' }, 'static (1) beats the protocol (95)');
  assert.deepEqual(look('10.8.0.9'), { kind: 'tunnel', nextHop: '172.16.0.7' }, 'the protocol (95) beats static 200');
  const codes = (p: string) => {
    const routes = (JSON.parse(show('show ip route json')) as RouteTableJson).routes;
    return routes.filter((r) => r.network === p).map((r) => `${r.code} ${r.distance}`);
  };
  assert.deepEqual([codes('10.2.0.0/24'), codes('10.8.0.0/16')], [['S 1'], ['T 95']]);
  const row = (c: RibChange) => [c.type, `${c.prefix}/${c.prefixLength}`, c.selected.map((r) => r.source)];
  const of8 = changes.filter((c) => c.prefix === '10.8.0.0');
  assert.deepEqual(of8.map(row), [['changed', '10.8.0.0/16', ['testproto']]]);
  changes.length = 0;
  proto.withdraw('10.8.0.0', 16);
  assert.deepEqual(look('10.8.0.9'), { kind: 'tunnel', nextHop: '172.16.0.1' });
  assert.deepEqual(codes('10.8.0.0/16'), ['S 200']);
  assert.deepEqual(changes.map(row), [['changed', '10.8.0.0/16', ['static']]]);
});

test('test protocol: its routes go to the kernel with its proto, and static routes resolve through them', () => {
  const { rib, proto } = setup();
  assert.equal(rib.list().find((r) => r.prefix === '10.9.0.0')?.active, false, 'next hop 10.7.0.1 unknown yet');
  proto.learn('10.7.0.0', 16, '172.16.0.5', 20, 0);
  proto.learn('10.8.0.0', 16, '172.16.0.7', 0, 0);
  const kernel = [...wantedRoutes(rib).values()]
    .flat()
    .map((a) => a.join(' '))
    .filter((a) => /^10\.[789]\./.test(a));
  assert.deepEqual(kernel, [
    '10.7.0.0/16 via 172.16.0.5 dev tun0 proto 200 metric 95',
    '10.8.0.0/16 via 172.16.0.7 dev tun0 proto 200 metric 95',
    '10.8.0.0/16 via 172.16.0.1 dev tun0 proto static metric 200',
    '10.9.0.0/16 via 172.16.0.5 dev tun0 proto static metric 1',
  ]);
});

test('test protocol: the NHRP engine lookup reads it, and an NHRP shortcut overrides it', () => {
  const { rib, proto, show } = setup();
  const look = rib.lookupFor('tun0');
  assert.equal(look('10.7.3.3'), undefined);
  proto.learn('10.7.0.0', 16, '172.16.0.5', 20, 0);
  assert.deepEqual(look('10.7.3.3'), { kind: 'tunnel', nextHop: '172.16.0.5' });
  assert.deepEqual(rib.lookupFor('eth0')('10.7.3.3'), { kind: 'other' }, 'another tunnel sees a route elsewhere');
  rib.addShortcut('10.7.0.0', 16, '172.16.0.3', '192.0.2.3', 'Tunnel0', 'tun0', 0);
  assert.deepEqual(look('10.7.3.3'), { kind: 'tunnel', nextHop: '172.16.0.3' }, 'next-hop override');
  const json = JSON.parse(show('show ip route json')) as RouteTableJson;
  const codes = json.routes.filter((r) => r.network === '10.7.0.0/16').map((r) => r.code);
  assert.deepEqual(codes, ['H', 'T'], 'both listed');
  const entry = JSON.parse(show('show ip route 10.7.3.3 json')) as RouteEntryJson;
  assert.deepEqual(entry.entry?.code, 'T', 'the entry is the route, not its override');
});
