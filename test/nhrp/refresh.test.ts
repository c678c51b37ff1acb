/**
 * Refresh of a shortcut used again after an idle gap (the dual-hub lab's timeline): spokes with
 * `ip nhrp holdtime 10` get 10 s shortcuts, refreshed at 7.5 s only if used in the 2.5 s before.
 * Traffic that stops, leaves the refresh point idle and comes back before the expiry must refresh
 * the shortcut at once, and the shortcut must keep forwarding until its holding time ends even
 * when its refresh goes unanswered (the NHS silent).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { hex } from '../helpers/wire.js';
import { HUB, hubConfig, Lab, routesOf, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';

const HUB2 = { protocol: '172.16.123.4', nbma: '192.168.123.4' };
const HEAD = hex('4500001c036400000111ac640202020203030303c011829d0008b325');
const PREFIX = '10.3.3.0/24';

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
 * The dual-hub lab's NHRP: two hubs (holdtime 60), two Phase 3 spokes with holdtime 10 and
 * registration timeout 2, routed via hub1. `ribSeesShortcuts`: spoke1's route lookup returns its
 * installed shortcut routes first, as dmvpnd's RIB does (an NHRP route overrides the route it
 * shortcuts); otherwise it keeps saying "via hub1".
 */
function lab(ribSeesShortcuts: boolean): Lab {
  const l = new Lab();
  l.add('hub1', hubConfig({ redirect: true, holdtime: 60 }), hubRoutes);
  const hub2 = { protocolAddress: HUB2.protocol, nbmaAddress: HUB2.nbma, redirect: true, holdtime: 60 };
  l.add('hub2', hubConfig(hub2), hubRoutes);
  const spoke = (self: typeof SPOKE1) =>
    spokeConfig(self, {
      staticMaps: [],
      multicast: { static: [] },
      nhs: [
        { protocol: HUB.protocol, nbma: HUB.nbma },
        { protocol: HUB2.protocol, nbma: HUB2.nbma },
      ],
      shortcut: true,
      holdtime: 10,
      registrationTimeout: 2,
    });
  const viaHub1 = routesOf([['10.2.2.0', 24]], HUB.protocol);
  const rib: RouteLookup = (dst) => {
    if (ribSeesShortcuts && dst.startsWith('10.3.3.')) {
      const isRoute = (k: string) => k === 'routeAdd' || k === 'routeRemove';
      const changes = l.log.filter((x) => x.node === 'spoke1' && isRoute(x.a.kind));
      const last = changes[changes.length - 1]?.a;
      if (last?.kind === 'routeAdd') return { kind: 'tunnel', nextHop: last.nextHop };
    }
    return viaHub1(dst);
  };
  l.add('spoke1', spoke(SPOKE1), rib);
  l.add('spoke2', spoke(SPOKE2), routesOf([['10.3.3.0', 24]], HUB.protocol));
  l.runTo(1);
  return l;
}

/** Builds the shortcut spoke1 → 10.3.3.0/24 (hub1 redirects); returns when it was installed (ms). */
function shortcut(l: Lab): number {
  l.input('hub1', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: head('10.2.2.5', '10.3.3.7') }));
  l.runTo(2);
  const add = l.actions('spoke1', 'routeAdd');
  assert.equal(add.length, 1, 'shortcut installed');
  return add[0]!.at;
}

/** Pings over the shortcut from `fromMs` to `toMs` (the data plane reports the next hop once a second). */
function ping(l: Lab, fromMs: number, toMs: number): void {
  for (let t = fromMs; t <= toMs; t += 1000) {
    l.runTo(t / 1000);
    l.input('spoke1', (e, now) => e.used(now, SPOKE2.protocol));
  }
}

const requestsFromSpoke1 = (l: Lab, after: number) =>
  l.packets(NhrpType.ResolutionRequest, 'spoke1').filter((s) => s.at > after);

test('a shortcut used again after an idle refresh point is refreshed at once and kept (10 s holdtime)', () => {
  const l = lab(false);
  const t = shortcut(l);
  // pings for 2 s, idle across the refresh point (t + 7.5 s), pings again at t + 9 s
  ping(l, t + 500, t + 2500);
  l.runTo((t + 9000) / 1000);
  assert.equal(requestsFromSpoke1(l, t).length, 0, 'idle at the refresh point: not refreshed then');
  l.input('spoke1', (e, now) => e.used(now, SPOKE2.protocol));
  const req = requestsFromSpoke1(l, t);
  assert.equal(req.length, 1, 'refresh sent when the traffic came back');
  assert.equal(req[0]!.at, t + 9000, 'at once');
  ping(l, t + 10_000, t + 14_000);
  assert.deepEqual(l.actions('spoke1', 'routeRemove'), [], 'the shortcut route never went');
  assert.deepEqual(
    l.snapshot('spoke1').shortcuts.map((s) => `${s.prefix}/${s.prefixLength}`),
    [PREFIX],
  );
});

test('a shortcut used after its refresh point is not refreshed twice, nor when used before that point', () => {
  const l = lab(false);
  const t = shortcut(l);
  ping(l, t + 500, t + 4500);
  assert.equal(requestsFromSpoke1(l, t).length, 0, 'used before the refresh point: nothing to do yet');
  l.runTo((t + 8500) / 1000);
  l.input('spoke1', (e, now) => e.used(now, SPOKE2.protocol));
  l.input('spoke1', (e, now) => e.used(now, SPOKE2.protocol));
  assert.equal(requestsFromSpoke1(l, t).length, 1, 'one refresh out at a time');
});

test('hub1 silent as traffic comes back: the refresh goes direct (route via the shortcut), nothing lost', () => {
  const l = lab(true);
  const t = shortcut(l);
  ping(l, t + 500, t + 2500);
  l.runTo((t + 8500) / 1000);
  l.net.node('hub1').alive = false;
  ping(l, t + 9000, t + 30_000);
  const req = requestsFromSpoke1(l, t);
  assert.equal(req[0]?.at, t + 9000);
  assert.equal(req[0]?.to, SPOKE2.nbma, 'straight to the peer, not the silent hub');
  assert.deepEqual(l.actions('spoke1', 'routeRemove'), [], 'the shortcut route never went');
  assert.equal(l.engine('spoke1').nbmaFor(SPOKE2.protocol), SPOKE2.nbma);
});

test('hub1 silent and the refresh unanswered: the shortcut keeps forwarding until its holding time ends', () => {
  const l = lab(false);
  const t = shortcut(l);
  ping(l, t + 500, t + 2500);
  l.runTo((t + 8500) / 1000);
  l.net.node('hub1').alive = false;
  l.runTo((t + 9000) / 1000);
  l.input('spoke1', (e, now) => e.used(now, SPOKE2.protocol));
  const sent = requestsFromSpoke1(l, t).map((s) => [s.at, s.to]);
  assert.deepEqual(sent, [[t + 9000, HUB.nbma]], 'refresh via the routed path (hub1)');
  l.runTo((t + 9999) / 1000);
  assert.equal(l.engine('spoke1').nbmaFor(SPOKE2.protocol), SPOKE2.nbma, 'still usable just before expiry');
  assert.deepEqual(
    l.snapshot('spoke1').shortcuts.map((s) => `${s.prefix}/${s.prefixLength}`),
    [PREFIX],
  );
  assert.deepEqual(l.actions('spoke1', 'routeRemove'), []);
  l.runTo((t + 10_001) / 1000);
  const removed = l.actions('spoke1', 'routeRemove').map((x) => x.at);
  assert.deepEqual(removed, [t + 10_000], 'gone at its holding time, not before');
});
