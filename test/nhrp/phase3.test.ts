import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NhrpFlags, NhrpType } from '../../src/wire/nhrp/index.js';
import { ciscoNhrpPackets, hex, toHex } from '../helpers/wire.js';
import { HUB, hubConfig, Lab, routesOf, SPOKE1, SPOKE2, spokeConfig, withRequestId } from '../helpers/nhrp-lab.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';

/** docs/nhrp.md vector: dmvpn-phase-3-traffic-indication.pcap frame 1. */
const TRAFFIC_IND =
  '000108000000000000ff00611e780044010804000404000000000000c0a87b01ac107b01020202024500001c036400000111ac640202020203030303c011829d0008b32580040000800500008007000900000001444d56504e0009000080000000';
/** The data packet that hairpinned: 2.2.2.2 -> 3.3.3.3, IP header + 8 bytes (the vector's payload). */
const HEAD = hex('4500001c036400000111ac640202020203030303c011829d0008b325');
const TI_FILE = 'dmvpn-phase-3-traffic-indication.pcap';
const capture = (frame: number) => ciscoNhrpPackets().find((p) => p.file === TI_FILE && p.frame === frame)!.bytes;

/** An IPv4 header + 8 bytes from src to dst. */
function head(src: string, dst: string): Uint8Array {
  const h = HEAD.slice();
  h.set(src.split('.').map(Number), 12);
  h.set(dst.split('.').map(Number), 16);
  return h;
}

/** Hub routes the spokes' LANs to their tunnel addresses (as a routing protocol would). */
const hubRoutes: RouteLookup = (dst) => {
  if (dst.startsWith('2.2.2.') || dst.startsWith('10.2.2.')) return { kind: 'tunnel', nextHop: SPOKE1.protocol };
  if (dst.startsWith('3.3.3.') || dst.startsWith('10.3.3.')) return { kind: 'tunnel', nextHop: SPOKE2.protocol };
  return undefined;
};

function phase3Lab(opts: { holdtime?: number; latencyMs?: number } = {}): Lab {
  const lab = new Lab({ latencyMs: opts.latencyMs ?? 0 });
  lab.add('hub', hubConfig({ redirect: true }), hubRoutes);
  lab.add(
    'spoke1',
    spokeConfig(SPOKE1, { shortcut: true, holdtime: opts.holdtime }),
    routesOf(
      [
        ['2.2.2.2', 32],
        ['10.2.2.0', 24],
      ],
      HUB.protocol,
    ),
  );
  lab.add(
    'spoke2',
    spokeConfig(SPOKE2, { shortcut: true, holdtime: opts.holdtime }),
    routesOf(
      [
        ['3.3.3.3', 32],
        ['10.3.3.0', 24],
      ],
      HUB.protocol,
    ),
  );
  lab.runTo(1);
  return lab;
}

test('Phase 3: hairpin → Traffic Indication (the Cisco vector) → resolution → shortcut route', () => {
  const lab = phase3Lab();
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: HEAD }));
  lab.runTo(2);
  const ti = lab.packets(NhrpType.TrafficIndication);
  assert.equal(ti.length, 1);
  assert.equal(ti[0].to, SPOKE1.nbma);
  assert.equal(toHex(ti[0].bytes), TRAFFIC_IND);

  const req = lab.packets(NhrpType.ResolutionRequest);
  const rep = lab.packets(NhrpType.ResolutionReply);
  assert.deepEqual(
    req.map((s) => [s.from, s.to]),
    [
      ['spoke1', HUB.nbma],
      ['hub', SPOKE2.nbma],
    ],
  );
  assert.deepEqual(
    rep.map((s) => [s.from, s.to]),
    [['spoke2', SPOKE1.nbma]],
  );
  assert.equal(toHex(withRequestId(req[0].bytes, 5)), toHex(capture(2)), 'spoke1 resolves 3.3.3.3');
  assert.equal(toHex(withRequestId(req[1].bytes, 5)), toHex(capture(3)), 'hub forwards it');
  assert.equal(toHex(withRequestId(rep[0].bytes, 5)), toHex(capture(4)), 'spoke2 answers direct');

  const routes = lab.actions('spoke1', 'routeAdd').map((l) => l.a);
  assert.deepEqual(routes, [
    { kind: 'routeAdd', prefix: '3.3.3.3', prefixLength: 32, nextHop: SPOKE2.protocol, nbma: SPOKE2.nbma },
  ]);
  const s1 = lab.snapshot('spoke1');
  assert.deepEqual(
    s1.shortcuts.map((s) => `${s.prefix}/${s.prefixLength} via ${s.nextHop}`),
    ['3.3.3.3/32 via 172.16.123.3'],
  );
  const nh = s1.cache.find((c) => c.protocol === SPOKE2.protocol);
  assert.deepEqual(nh?.flags, ['router', 'nhop']);
  assert.deepEqual(s1.cache.find((c) => c.protocol === '3.3.3.3')?.flags, ['router', 'rib']);
});

test('Phase 3: the reply carries the covering prefix, and later flows into it need no resolution', () => {
  const lab = phase3Lab();
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(2);
  const rep = lab.packets(NhrpType.ResolutionReply)[0];
  assert.equal(rep.p.cies[0].prefixLength, 24);
  assert.deepEqual(
    lab.snapshot('spoke1').shortcuts.map((s) => `${s.prefix}/${s.prefixLength}`),
    ['10.3.3.0/24'],
  );
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.9') }));
  lab.runTo(3);
  assert.equal(lab.packets(NhrpType.ResolutionRequest, 'spoke1').length, 1);
  // the return direction hairpins too: spoke2 gets its own indication and shortcut
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE2.nbma, ipPacketHead: head('10.3.3.7', '10.2.2.5') }));
  lab.runTo(4);
  assert.deepEqual(
    lab.snapshot('spoke2').shortcuts.map((s) => `${s.prefix}/${s.prefixLength} via ${s.nextHop}`),
    ['10.2.2.0/24 via 172.16.123.2'],
  );
});

test('max-send: at most 5 Traffic Indications per 10 s per source, the rest counted as suppressed', () => {
  const lab = phase3Lab();
  for (let i = 0; i < 8; i++) {
    lab.input('hub', (e, now) =>
      e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', `10.9.9.${i}`) }),
    );
  }
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE2.nbma, ipPacketHead: head('10.3.3.5', '10.9.9.1') }));
  assert.equal(lab.packets(NhrpType.TrafficIndication).length, 6);
  assert.equal(lab.snapshot('hub').traffic.redirectSuppress, 3);
  lab.runTo(12);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.9.9.1') }));
  assert.equal(lab.packets(NhrpType.TrafficIndication).length, 7);
});

test('no Traffic Indication without `ip nhrp redirect`; a spoke without `shortcut` ignores them', () => {
  const lab = phase3Lab();
  lab.input('hub', (e, now) => e.configure(now, hubConfig({ redirect: false })));
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: HEAD }));
  assert.equal(lab.packets(NhrpType.TrafficIndication).length, 0);
  lab.input('spoke1', (e, now) => e.configure(now, spokeConfig(SPOKE1, { shortcut: false })));
  lab.input('spoke1', (e, now) => e.receive(now, hex(TRAFFIC_IND), HUB.nbma));
  assert.equal(lab.snapshot('spoke1').drops.shortcutDisabled, 1);
  assert.equal(lab.packets(NhrpType.ResolutionRequest).length, 0);
});

test('shortcuts are refreshed while used and removed when idle', () => {
  const lab = phase3Lab({ holdtime: 600 });
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  // traffic over the shortcut every 10 s until t = 1000 s
  for (let t = 10; t <= 1000; t += 10) {
    lab.runTo(t);
    lab.engine('spoke1').used(lab.now, '10.3.3.0/24');
  }
  // created at 1 s, life 600 s: re-resolved 120 s before expiry, at 481 s and 961 s
  const refreshes = lab.packets(NhrpType.ResolutionRequest, 'spoke1').map((s) => s.at / 1000);
  assert.deepEqual(refreshes, [1, 481, 961]);
  assert.equal(lab.actions('spoke1', 'routeRemove').length, 0);
  assert.equal(lab.actions('spoke1', 'routeAdd').length, 1, 'a refresh does not reinstall the route');
  lab.runTo(1560);
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 1);
  lab.runTo(1562);
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 0);
  const removed = lab.actions('spoke1', 'routeRemove');
  assert.deepEqual(
    removed.map((l) => [l.at / 1000, l.a.kind === 'routeRemove' && l.a.prefix]),
    [[1561, '10.3.3.0']],
  );
});

test('purge: the owner withdraws its prefix, the other side removes the shortcut and replies', () => {
  const lab = phase3Lab();
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(2);
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 1);
  lab.input('spoke2', (e, now) => e.purge(now, '10.3.3.0', 24));
  lab.runTo(3);
  const req = lab.packets(NhrpType.PurgeRequest, 'spoke2');
  assert.deepEqual(
    req.map((s) => [s.to, s.p.dstProto, s.p.cies[0].protocolAddress, s.p.cies[0].prefixLength]),
    [[SPOKE1.nbma, SPOKE1.protocol, '10.3.3.0', 24]],
  );
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 0);
  assert.deepEqual(
    lab.actions('spoke1', 'routeRemove').map((l) => l.a.kind === 'routeRemove' && `${l.a.prefix}/${l.a.prefixLength}`),
    ['10.3.3.0/24'],
  );
  assert.equal(lab.packets(NhrpType.PurgeReply, 'spoke1').length, 1);
  lab.runTo(10);
  assert.equal(lab.packets(NhrpType.PurgeRequest, 'spoke2').length, 1, 'answered: not retransmitted');
});

test('interface shutdown: deregister from the NHS, purge peers (no reply wanted), flush', () => {
  const lab = phase3Lab();
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(2);
  const out = lab.input('spoke2', (e, now) =>
    e.configure(now, spokeConfig(SPOKE2, { shortcut: true, shutdown: true })),
  );
  assert.ok(out.some((a) => a.kind === 'nhsState' && a.state === 'down'));
  assert.equal(lab.snapshot('spoke2').cache.length, 0);
  const purges = lab.packets(NhrpType.PurgeRequest, 'spoke2');
  assert.deepEqual(purges.map((s) => [s.to, (s.p.flags & NhrpFlags.Purge.N) !== 0]).sort(), [
    [HUB.nbma, true],
    [SPOKE1.nbma, true],
  ]);
  lab.runTo(3);
  assert.ok(!lab.snapshot('hub').cache.some((c) => c.protocol === SPOKE2.protocol));
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 0);
  assert.equal(lab.packets(NhrpType.PurgeReply).length, 0);
  // no shutdown: registers again
  lab.input('spoke2', (e, now) => e.configure(now, spokeConfig(SPOKE2, { shortcut: true })));
  lab.runTo(4);
  assert.equal(lab.snapshot('spoke2').nhs[0].state, 'up');
});
