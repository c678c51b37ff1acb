/**
 * EIGRP over a DMVPN: a hub and three spokes on one multipoint Tunnel0 (spokes' multicast reaches
 * only the hub), with the knobs DMVPN designs turn: split horizon, next-hop-self, summary, stub.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import { dmvpnConfig, hubTunnel, Lab, spokeTunnel } from '../helpers/eigrp-lab.js';

const HUB_LAN = '192.168.1.0/24';
const lan = (k: number) => `192.168.${k + 1}.0/24`;

test('Tunnel interfaces take IOS defaults: 100 kbit, 50000 µs, Hello 60 s, hold 180 s', () => {
  const lab = Lab.dmvpn(1);
  lab.runTo(125);
  const t = lab.snapshot('hub').interfaces.find((i) => i.interface === 'Tunnel0');
  assert.deepEqual([t?.bandwidth, t?.delayUs, t?.helloInterval, t?.holdTime], [100, 50000, 60, 180]);
  const hellos = lab.packets(EigrpOpcode.Hello, 'hub').filter((w) => w.destination === '224.0.0.10' && w.p.ack === 0);
  assert.deepEqual(
    hellos.map((w) => w.at),
    [60_000, 120_000],
  );
  const params = hellos[0].p.tlvs.find((x) => x.type === 'parameters');
  assert.equal(params?.type === 'parameters' && params.holdTime, 180);
});

test('split horizon on: spokes learn the hub LAN, not each other', () => {
  const lab = Lab.dmvpn(3);
  lab.runTo(5);
  assert.equal(lab.snapshot('hub').neighbors.length, 3);
  for (let k = 1; k <= 3; k++) {
    const r = lab.routes(`spoke${k}`);
    // Hub GigabitEthernet (2560 + 256) then Tunnel0 (25600000, 1280000).
    assert.equal(r.get(HUB_LAN)?.metric, 25_600_000 + 256 + 1_280_000, `spoke${k} hub LAN metric`);
    for (let j = 1; j <= 3; j++) if (j !== k) assert.equal(r.has(lan(j)), false, `spoke${k} must not learn ${lan(j)}`);
  }
  assert.deepEqual([...lab.routes('hub').keys()].sort(), [lan(1), lan(2), lan(3)]);
});

test('no ip split-horizon eigrp: spokes learn each other, next hop the hub', () => {
  const lab = Lab.dmvpn(3, { splitHorizon: false });
  lab.runTo(5);
  const r = lab.routes('spoke1').get(lan(2));
  assert.ok(r);
  assert.deepEqual(r.nextHops, [{ address: hubTunnel, interface: 'Tunnel0' }]);
  // Spoke2's LAN crossed two tunnel hops.
  assert.equal(r.metric, 25_600_000 + 256 + 2 * 1_280_000);
});

test('no next-hop-self as well: the next hop is the originating spoke tunnel address', () => {
  const lab = Lab.dmvpn(3, { splitHorizon: false, nextHopSelf: false });
  lab.runTo(5);
  for (const [k, j] of [
    [1, 2],
    [3, 1],
  ]) {
    const r = lab.routes(`spoke${k}`).get(lan(j));
    assert.deepEqual(r?.nextHops, [{ address: spokeTunnel(j), interface: 'Tunnel0' }], `spoke${k} -> ${lan(j)}`);
  }
  const update = lab
    .packets(EigrpOpcode.Update, 'hub')
    .flatMap((w) => w.p.tlvs)
    .find((t) => t.type === 'ipv4Internal' && t.destinations[0].prefix === '192.168.3.0');
  assert.equal(update?.type === 'ipv4Internal' && update.nextHop, spokeTunnel(2));
});

test('summary on the hub tunnel: spokes get one route; the hub keeps a Null0 discard route', () => {
  const lab = Lab.dmvpn(3, { splitHorizon: false, summaries: [{ prefix: '192.168.0.0', prefixLength: 16 }] });
  lab.runTo(5);
  for (let k = 1; k <= 3; k++) {
    assert.deepEqual([...lab.routes(`spoke${k}`).keys()], ['192.168.0.0/16'], `spoke${k}`);
  }
  const null0 = lab.routes('hub').get('192.168.0.0/16');
  assert.deepEqual(null0?.nextHops, [{ interface: 'Null0' }]);
  assert.equal(null0?.distance, 5);
  const topo = lab.snapshot('hub').topology.find((t) => t.prefix === '192.168.0.0');
  assert.equal(topo?.paths[0].via, 'Summary');
});

test('stub spokes are not queried when the hub loses a route; non-stub spokes are', () => {
  for (const stub of [true, false]) {
    const lab = Lab.dmvpn(3, {}, {}, () => (stub ? { stub: {} } : {}));
    lab.runTo(5);
    const hub = lab.engine('hub');
    const before = lab.packets(EigrpOpcode.Query, 'hub').length;
    const cfg = hub.config;
    lab.net.input(lab.net.node('hub'), () =>
      hub.configure(lab.net.now, {
        ...cfg,
        interfaces: cfg.interfaces.map((i) => (i.name === 'Tunnel0' ? i : { ...i, shutdown: true })),
      }),
    );
    lab.runFor(5);
    const queries = lab.packets(EigrpOpcode.Query, 'hub').length - before;
    if (stub) assert.equal(queries, 0, 'no Query to stub neighbors');
    else assert.ok(queries > 0, 'Queries to non-stub neighbors');
    for (let k = 1; k <= 3; k++) assert.equal(lab.routes(`spoke${k}`).has(HUB_LAN), false);
    const s = lab.snapshot('hub').neighbors;
    assert.equal(s.length, 3);
    if (stub) assert.deepEqual(s[0].stub, ['connected', 'summary']);
  }
});

test('stub receive-only spoke advertises nothing; connected stub advertises its LAN', () => {
  const lab = Lab.dmvpn(2, {}, {}, (k) => ({ stub: k === 1 ? { receiveOnly: true } : {} }));
  lab.runTo(5);
  assert.equal(lab.routes('hub').has(lan(1)), false);
  assert.equal(lab.routes('hub').has(lan(2)), true);
  assert.equal(lab.routes('spoke1').has(HUB_LAN), true, 'receive-only still learns');
});

for (const mode of ['sha256', 'md5'] as const) {
  test(`authentication (${mode}): a spoke with the wrong key is dropped and counted, the right one peers`, () => {
    const auth = (secret: string) => ({
      authentication: mode === 'md5' ? { mode, key: secret } : { mode, password: secret },
    });
    const lab = new Lab();
    lab.add('hub', dmvpnConfig(0, auth('SECRET_KEY')), [{ iface: 'Tunnel0', address: hubTunnel, link: 'tun' }]);
    const secrets = ['WRONG', 'SECRET_KEY'];
    for (const k of [1, 2]) {
      lab.add(`spoke${k}`, dmvpnConfig(k, auth(secrets[k - 1])), [
        { iface: 'Tunnel0', address: spokeTunnel(k), link: 'tun', multicastTo: [hubTunnel] },
      ]);
    }
    lab.runTo(5);
    const hub = lab.snapshot('hub');
    assert.deepEqual(
      hub.neighbors.map((n) => n.address),
      [spokeTunnel(2)],
    );
    assert.ok(hub.traffic.drops.badAuth >= 1);
    assert.ok(lab.routes('hub').has(lan(2)));
    assert.equal(lab.routes('hub').has(lan(1)), false);
    assert.ok(
      lab.wire.every((w) => w.p.tlvs[0]?.type === 'authentication' || (mode === 'sha256' && w.p.tlvs.length === 0)),
      'every packet signed (bare Acks are unsigned in HMAC-SHA-256 mode, as IOS sends them)',
    );
  });
}

test('a summary configured live on the hub tunnel withdraws its components from the spokes', () => {
  const lab = Lab.dmvpn(3, { splitHorizon: false });
  lab.runTo(5);
  assert.ok(lab.routes('spoke1').has(lan(2)), 'before: spoke1 learns spoke2 LAN');
  const hub = lab.engine('hub');
  const cfg = hub.config;
  const summaries = [{ prefix: '192.168.0.0', prefixLength: 16 }];
  lab.net.input(lab.net.node('hub'), () =>
    hub.configure(lab.net.now, {
      ...cfg,
      interfaces: cfg.interfaces.map((i) => (i.name === 'Tunnel0' ? { ...i, summaries } : i)),
    }),
  );
  lab.runFor(5);
  for (let k = 1; k <= 3; k++)
    assert.deepEqual([...lab.routes(`spoke${k}`).keys()], ['192.168.0.0/16'], `spoke${k} keeps only the summary`);
});

test('IPv4 named mode: wide-metric TLVs of family 1, the same routes and metrics as classic mode', () => {
  const run = (wideMetrics: boolean) => {
    const lab = Lab.dmvpn(3, { splitHorizon: false }, {}, () => ({ wideMetrics }), { wideMetrics });
    lab.runTo(5);
    return lab;
  };
  const classic = run(false);
  const named = run(true);
  const types = (lab: Lab) =>
    new Set(
      lab.wire
        .flatMap((w) => w.p.tlvs)
        .filter((t) => 'destinations' in t)
        .map((t) => t.type),
    );
  assert.deepEqual([...types(classic)], ['ipv4Internal']);
  assert.deepEqual([...types(named)], ['wideInternal']);
  const wide = named.wire.flatMap((w) => w.p.tlvs).filter((t) => t.type === 'wideInternal');
  assert.ok(wide.length > 0 && wide.every((t) => t.afi === 1));
  for (const n of ['hub', 'spoke1', 'spoke2', 'spoke3'])
    assert.deepEqual([...named.routes(n).entries()].sort(), [...classic.routes(n).entries()].sort(), n);
});
