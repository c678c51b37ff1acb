/**
 * `show ipv6 eigrp neighbors|topology|interfaces`, `show ipv6 protocols` and `show ipv6 route eigrp`
 * of a hub running EIGRP for IPv6: IOS text tagged EIGRP-IPv6 and JSON that validates; in named mode
 * (routes learned from wide-metric TLVs) the same text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderShow, type ShowState } from '../../../src/node/show/index.js';
import { dmvpn6, ll6 } from '../../helpers/eigrp6-lab.js';

/** The hub of a hub and two spokes; `wideMetrics`: all three in named mode (wide-metric TLVs). */
function hubState(wideMetrics = false): ShowState {
  const lab = dmvpn6(2, { splitHorizon: false }, { wideMetrics });
  lab.runTo(5);
  const engine = lab.engine('hub');
  const config = parseConfig('hostname HUB\ninterface Tunnel0\n ipv6 address 2001:DB8::1/64\n').config;
  const routes6 = [...lab.routes('hub').values()].map((r) => ({
    code: 'D',
    protocol: 'eigrp' as const,
    prefix: r.prefix,
    prefixLength: r.prefixLength,
    nextHop: r.nextHops[0].address,
    interface: r.nextHops[0].interface,
    distance: r.distance,
    metric: r.metric,
  }));
  return {
    config,
    interfaces: [],
    routes: [],
    routes6,
    now: lab.net.now,
    uptimeSec: 5,
    eigrp6: { snapshot: engine.snapshot(lab.net.now), config: engine.config },
  };
}

const text = (line: string, st: ShowState): string => {
  const r = renderShow(line, st);
  assert.ok('text' in r, line);
  return Array.isArray(r.text) ? r.text.join('\n') : String(r.text);
};

test('show ipv6 eigrp neighbors lists the spokes by link-local address', () => {
  const st = hubState();
  const t = text('show ipv6 eigrp neighbors', st);
  assert.match(t, /^EIGRP-IPv6 Neighbors for AS\(10\)/);
  assert.match(t, new RegExp(`${ll6(1)}\\s+Tu0`));
  const j = renderShow('show ipv6 eigrp neighbors json', st);
  assert.ok('json' in j);
  assert.ok(schemaFor('show ipv6 eigrp neighbors')!.safeParse(j.json).success);
  assert.equal((j.json as { neighbors: unknown[] }).neighbors.length, 2);
});

test('show ipv6 eigrp topology and interfaces carry the IPv6 tag', () => {
  const st = hubState();
  const topo = text('show ipv6 eigrp topology', st);
  assert.match(topo, /^EIGRP-IPv6 Topology Table for AS\(10\)\/ID\(10\.255\.0\.1\)/);
  assert.match(topo, /P 2001:db8:2::\/64, 1 successors/);
  assert.match(text('show ipv6 eigrp interfaces', st), /^EIGRP-IPv6 Interfaces for AS\(10\)\n[\s\S]*Tu0\s+2/);
  for (const c of ['show ipv6 eigrp topology', 'show ipv6 eigrp interfaces', 'show ipv6 eigrp traffic']) {
    const j = renderShow(`${c} json`, st);
    assert.ok('json' in j && schemaFor(c)!.safeParse(j.json).success, c);
  }
});

test('show ipv6 protocols has the EIGRP process; show ipv6 route eigrp its D routes', () => {
  const st = hubState();
  const p = text('show ipv6 protocols', st);
  assert.match(p, /IPv6 Routing Protocol is "eigrp 10"\n {2}Router ID 10\.255\.0\.1/);
  assert.match(p, /Neighbor\(s\):\n {4}FE80::2/);
  const r = text('show ipv6 route eigrp', st);
  assert.match(r, /D {3}2001:DB8:2::\/64 \[90\/\d+\]\n {5}via FE80::2, Tunnel0/);
  const j = renderShow('show ipv6 protocols json', st);
  assert.ok('json' in j && schemaFor('show ipv6 protocols')!.safeParse(j.json).success);
});

test('named mode (wide-metric TLVs): the same topology, routes and JSON as classic mode', () => {
  const classic = hubState();
  const named = hubState(true);
  for (const c of ['show ipv6 eigrp topology', 'show ipv6 eigrp topology all-links', 'show ipv6 route eigrp']) {
    assert.equal(text(c, named), text(c, classic), c);
  }
  const j = renderShow('show ipv6 eigrp topology json', named);
  assert.ok('json' in j && schemaFor('show ipv6 eigrp topology')!.safeParse(j.json).success);
  assert.deepEqual(j.json, (renderShow('show ipv6 eigrp topology json', classic) as { json: unknown }).json);
});
