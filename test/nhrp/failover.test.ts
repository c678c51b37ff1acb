import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { hex } from '../helpers/wire.js';
import { HUB, hubConfig, Lab, routesOf, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';

/** The second hub of a dual-hub cloud. */
const HUB2 = { protocol: '172.16.123.4', nbma: '192.168.123.4' };
const HEAD = hex('4500001c036400000111ac640202020203030303c011829d0008b325');

/** An IPv4 header + 8 bytes from src to dst. */
function head(src: string, dst: string): Uint8Array {
  const h = HEAD.slice();
  h.set(src.split('.').map(Number), 12);
  h.set(dst.split('.').map(Number), 16);
  return h;
}

const hubRoutes: RouteLookup = (dst) => {
  if (dst.startsWith('10.2.2.')) return { kind: 'tunnel', nextHop: SPOKE1.protocol };
  if (dst.startsWith('10.3.3.')) return { kind: 'tunnel', nextHop: SPOKE2.protocol };
  return undefined;
};

/**
 * Two hubs, two spokes registered with both. The spokes' route lookup keeps saying "via hub1" even
 * after hub1 dies (a route table that does not follow the NHS): the engine must not use it then.
 */
function dualHub(): Lab {
  const lab = new Lab();
  lab.add('hub1', hubConfig({ redirect: true }), hubRoutes);
  lab.add('hub2', hubConfig({ protocolAddress: HUB2.protocol, nbmaAddress: HUB2.nbma, redirect: true }), hubRoutes);
  const spoke = (self: typeof SPOKE1) =>
    spokeConfig(self, {
      staticMaps: [],
      multicast: { static: [] },
      nhs: [
        { protocol: HUB.protocol, nbma: HUB.nbma },
        { protocol: HUB2.protocol, nbma: HUB2.nbma },
      ],
      shortcut: true,
      holdtime: 60,
      registrationTimeout: 5,
    });
  lab.add('spoke1', spoke(SPOKE1), routesOf([['10.2.2.0', 24]], HUB.protocol));
  lab.add('spoke2', spoke(SPOKE2), routesOf([['10.3.3.0', 24]], HUB.protocol));
  lab.runTo(1);
  return lab;
}

/** When spoke1's engine marked hub1 down (ms). */
function hub1DownAt(lab: Lab): number {
  const d = lab
    .actions('spoke1', 'nhsState')
    .find((l) => l.a.kind === 'nhsState' && l.a.nhs === HUB.protocol && l.a.state === 'down');
  assert.ok(d, 'hub1 marked down');
  return d.at;
}

test('dual hub: with hub1 down, nhsNbma() and Phase 2 resolution use hub2', () => {
  const lab = dualHub();
  assert.equal(lab.engine('spoke1').nhsNbma(), HUB.nbma, 'both up: the first NHS');
  lab.net.node('hub1').alive = false;
  lab.runTo(20);
  const down = hub1DownAt(lab);
  assert.deepEqual(
    lab.snapshot('spoke1').nhs.map((n) => `${n.protocol} ${n.state}`),
    [`${HUB.protocol} down`, `${HUB2.protocol} up`],
  );
  assert.equal(lab.engine('spoke1').nhsNbma(), HUB2.nbma, 'unresolved traffic goes to the hub that is up');
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(22);
  const req = lab.packets(NhrpType.ResolutionRequest).filter((s) => s.at >= down);
  assert.deepEqual(
    req.map((s) => [s.from, s.to]),
    [
      ['spoke1', HUB2.nbma],
      ['hub2', SPOKE2.nbma],
    ],
  );
  assert.equal(lab.snapshot('spoke1').cache.find((c) => c.protocol === SPOKE2.protocol)?.nbma, SPOKE2.nbma);
});

test('dual hub: a Phase 3 resolution routed via the dead hub1 goes to hub2 instead', () => {
  const lab = dualHub();
  lab.net.node('hub1').alive = false;
  lab.runTo(20);
  const down = hub1DownAt(lab);
  lab.input('hub2', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(22);
  const req = lab.packets(NhrpType.ResolutionRequest).filter((s) => s.at >= down);
  assert.deepEqual(
    req.map((s) => [s.from, s.to]),
    [
      ['spoke1', HUB2.nbma],
      ['hub2', SPOKE2.nbma],
    ],
  );
  assert.equal(lab.packets(NhrpType.ResolutionReply, 'spoke2').filter((s) => s.to === SPOKE1.nbma).length, 1);
  assert.deepEqual(
    lab
      .actions('spoke1', 'routeAdd')
      .map((l) => l.a.kind === 'routeAdd' && `${l.a.prefix}/${l.a.prefixLength} via ${l.a.nextHop}`),
    ['10.3.3.0/24 via 172.16.123.3'],
  );
});

test('dual hub: a shortcut in use is refreshed through hub2 after hub1 died, and is never lost', () => {
  const lab = dualHub();
  lab.input('hub1', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(2);
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 1, 'shortcut through hub1 while it was up');
  lab.net.node('hub1').alive = false;
  // traffic over the shortcut every 5 s; life 60 s from 1 s: re-resolved at 46 s
  for (let t = 5; t <= 70; t += 5) {
    lab.runTo(t);
    lab.engine('spoke1').used(lab.now, '10.3.3.0/24');
  }
  const down = hub1DownAt(lab);
  const refresh = lab.packets(NhrpType.ResolutionRequest, 'spoke1').filter((s) => s.at > down);
  assert.ok(refresh.length >= 1, 'refreshed after hub1 went down');
  assert.deepEqual([...new Set(refresh.map((s) => s.to))], [HUB2.nbma]);
  assert.equal(lab.actions('spoke1', 'routeRemove').length, 0, 'the shortcut route stayed');
  assert.equal(lab.snapshot('spoke1').shortcuts.length, 1);
});

test('a shortcut used through its next hop (as the data plane reports it) is refreshed direct, with hub1 dead', () => {
  const lab = dualHub();
  lab.input('hub1', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  lab.runTo(2);
  lab.net.node('hub1').alive = false;
  for (let t = 5; t <= 130; t += 5) {
    lab.runTo(t);
    lab.engine('spoke1').used(lab.now, SPOKE2.protocol);
  }
  assert.equal(lab.actions('spoke1', 'routeRemove').length, 0, 'never expired');
  assert.deepEqual(
    lab.snapshot('spoke1').shortcuts.map((s) => `${s.prefix}/${s.prefixLength}`),
    ['10.3.3.0/24'],
  );
  assert.ok(
    lab.packets(NhrpType.ResolutionRequest, 'spoke1').filter((s) => s.at > 2000).length >= 2,
    'refreshed at least twice',
  );
});
