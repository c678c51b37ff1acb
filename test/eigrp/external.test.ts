/**
 * External routes end to end without a kernel: r2 redistributes a static route and its connected LAN;
 * r1's engine installs them as D EX, distance 170; through the routing table's EIGRP source they show
 * in `show ip route` (text and JSON, and under `show ip route eigrp`) as `D EX … [170/…]`. The Update
 * that carried them goes through tshark, which reads the External TLVs as we meant them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EigrpConfigInput, EigrpRoute } from '../../src/eigrp/index.js';
import { EigrpSource } from '../../src/node/rib/eigrp.js';
import { routeView } from '../../src/node/router/snapshot.js';
import { routesOfCodes, routeTableJson, routeText } from '../../src/node/show/route.js';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { Lab } from '../helpers/eigrp-lab.js';
import { dissect, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';

/** Every value under `key` anywhere in a dissection tree. */
function allOf(o: unknown, key: string): string[] {
  if (o === null || typeof o !== 'object') return [];
  return Object.entries(o as Json).flatMap(([k, v]) => (k === key ? [String(v)] : allOf(v, key)));
}

function pair(): Lab {
  const lab = new Lab();
  const cfg = (n: number, extra: Partial<EigrpConfigInput> = {}): EigrpConfigInput => ({
    as: 1,
    networks: [{ address: '10.1.12.0', wildcard: '0.0.0.255' }],
    interfaces: [
      { name: 'GigabitEthernet0/0', address: `10.1.12.${n}`, prefixLength: 24 },
      { name: 'GigabitEthernet0/1', address: `172.16.${n}.1`, prefixLength: 24 },
    ],
    ...extra,
  });
  lab.add('r1', cfg(1), [{ iface: 'GigabitEthernet0/0', address: '10.1.12.1', link: 'lan' }]);
  lab.add(
    'r2',
    cfg(2, {
      redistribute: { connected: {}, static: { metric: { bandwidth: 10000, delay: 100 } } },
      staticRoutes: [{ prefix: '192.0.2.0', prefixLength: 24, nextHop: '172.16.2.254' }],
    }),
    [{ iface: 'GigabitEthernet0/0', address: '10.1.12.2', link: 'lan' }],
  );
  lab.runTo(3);
  return lab;
}

test('redistributed routes are D EX at distance 170 in show ip route, text and JSON', () => {
  const lab = pair();
  const source = new EigrpSource(
    () => 'eth0',
    () => 0,
  );
  for (const r of lab.routes('r1').values()) source.add(r as EigrpRoute);
  const json = routeTableJson(source.routes().map((r) => routeView(r, 5000)));
  const ext = json.routes.find((r) => r.network === '192.0.2.0/24');
  assert.deepEqual(
    [ext?.code, ext?.protocol, ext?.distance, ext?.nextHop, ext?.interface],
    ['D EX', 'eigrp', 170, '10.1.12.2', 'GigabitEthernet0/0'],
  );
  assert.equal(ext?.metric, 256 * (1000 + 101));
  assert.equal(json.routes.find((r) => r.network === '172.16.2.0/24')?.code, 'D EX');
  const text = routeText(json).join('\n');
  assert.match(text, /^D EX +192\.0\.2\.0\/24 \[170\/281856\] via 10\.1\.12\.2, 00:00:05, GigabitEthernet0\/0$/m);
  assert.deepEqual(
    routesOfCodes(json, ['D']).routes.map((r) => r.network),
    ['172.16.2.0/24', '192.0.2.0/24'],
    'show ip route eigrp lists the externals',
  );
});

test('tshark reads the External TLVs of the engine’s Update', { skip: tsharkMissing() }, () => {
  const lab = pair();
  const update = lab
    .packets(EigrpOpcode.Update, 'r2')
    .find((w) => w.p.tlvs.some((t) => t.type === 'ipv4External' && t.destinations[0].prefix === '192.0.2.0'));
  assert.ok(update, 'r2 sent the redistributed static route');
  const frame = encodeIpv4(
    makeIpv4({ src: '10.1.12.2', dst: update.destination, protocol: 88, ttl: 2, tos: 0xc0, payload: update.bytes }),
  );
  const [layers] = dissect([frame]);
  const items = wsItems(layers).filter((s) => !/\/_ws\.expert[:/]/.test(s) || /malformed|error/i.test(s));
  assert.deepEqual(items, [], 'no malformed items');
  const e = layers.eigrp as Json;
  assert.equal(e['eigrp.checksum.status'], '1');
  const text = JSON.stringify(e);
  const ours = update.p.tlvs.filter((t) => t.type === 'ipv4External');
  for (const t of ours) {
    if (t.type !== 'ipv4External') continue;
    assert.match(text, new RegExp(`"eigrp\\.ipv4\\.destination":"${t.destinations[0].prefix}"`));
  }
  const protos = allOf(e, 'eigrp.extdata.proto').sort();
  assert.deepEqual(protos, ours.map((t) => (t.type === 'ipv4External' ? String(t.external.protocol) : '')).sort());
  assert.ok(protos.includes('3') && protos.includes('11'), `static (3) and connected (11): ${protos}`);
  assert.deepEqual([...new Set(allOf(e, 'eigrp.extdata.origrid'))], ['172.16.2.1'], 'originating router: r2');
});
