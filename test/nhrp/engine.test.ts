import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeNhrp, encodeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { seededRandom } from '../../src/nhrp/sim/random.js';
import { ciscoNhrpPackets } from '../helpers/wire.js';
import { NhrpEngine } from '../../src/nhrp/engine.js';
import { HUB, hubConfig, Lab, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';

test('an engine does nothing until its first input, then asks to be ticked', () => {
  const e = new NhrpEngine(spokeConfig(SPOKE1), { routes: () => undefined });
  assert.equal(e.nextDeadline(), 0);
  const out = e.tick(5000);
  assert.deepEqual(
    out.filter((a) => a.kind !== 'event').map((a) => a.kind),
    ['cacheAdd', 'nhsState', 'send'],
  );
  assert.equal(e.nextDeadline(), 6000);
  assert.ok(out.some((a) => a.kind === 'event' && a.text.startsWith('NHRP: Tunnel0: ')));
  const quiet = new NhrpEngine(spokeConfig(SPOKE1), { routes: () => undefined, debug: false });
  assert.ok(!quiet.tick(0).some((a) => a.kind === 'event'));
});

test('snapshot is plain JSON with everything the show commands need', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.add('spoke2', spokeConfig(SPOKE2));
  lab.runTo(1);
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(100);
  const s = lab.snapshot('spoke1');
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  assert.deepEqual(
    s.cache.map((c) => [c.protocol, c.type, c.nbma, c.expiresInSec]),
    [
      [HUB.protocol, 'static', HUB.nbma, null],
      [SPOKE2.protocol, 'dynamic', SPOKE2.nbma, 7101],
    ],
  );
  assert.deepEqual(
    s.peers.map((p) => [p.nbma, p.tunnel, p.state, p.attributes, p.upDownSec]),
    [
      [HUB.nbma, [HUB.protocol], 'UP', ['S'], 100],
      [SPOKE2.nbma, [SPOKE2.protocol], 'UP', ['D'], 99],
    ],
  );
  assert.deepEqual(
    { ...s.nhs[0] },
    {
      protocol: HUB.protocol,
      nbma: HUB.nbma,
      state: 'up',
      flags: 'R',
      priority: 0,
      cluster: 0,
      active: true,
      requestsSent: 1,
      requestsFailed: 0,
      repliesReceived: 1,
      lastReplySecAgo: 100,
      registrationExpiresInSec: 7100,
    },
  );
  assert.deepEqual(
    [s.traffic.sent.registrationRequest, s.traffic.sent.resolutionRequest, s.traffic.received.resolutionReply],
    [1, 1, 1],
  );
  assert.equal(s.traffic.sentTotal, 2);
  assert.deepEqual(s.traffic.maxSend, { count: 5, intervalSec: 10, usagePercent: 0 });
  assert.ok(Object.values(s.drops).every((n) => n === 0));
});

test('configure: an NHS added live is registered with; one removed is deregistered', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('hub2', hubConfig({ protocolAddress: '172.16.123.254', nbmaAddress: '192.168.123.254' }));
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(1);
  const two = spokeConfig(SPOKE1, {
    nhs: [{ protocol: HUB.protocol }, { protocol: '172.16.123.254', nbma: '192.168.123.254' }],
  });
  lab.input('spoke1', (e, now) => e.configure(now, two));
  lab.runTo(2);
  assert.deepEqual(
    lab.snapshot('spoke1').nhs.map((n) => n.state),
    ['up', 'up'],
  );
  assert.equal(lab.snapshot('hub2').cache.length, 1);
  lab.input('spoke1', (e, now) => e.configure(now, spokeConfig(SPOKE1)));
  lab.runTo(3);
  assert.deepEqual(
    lab.snapshot('spoke1').nhs.map((n) => n.protocol),
    [HUB.protocol],
  );
  assert.equal(lab.snapshot('hub2').cache.length, 0);
  assert.equal(lab.packets(NhrpType.PurgeRequest, 'spoke1')[0].to, '192.168.123.254');
  // the implied static map of `nhs X nbma Y` went with it
  assert.ok(!lab.snapshot('spoke1').cache.some((c) => c.protocol === '172.16.123.254'));
});

test('clear: learned entries go, static ones stay, registration goes on', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.add('spoke2', spokeConfig(SPOKE2));
  lab.runTo(1);
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(2);
  lab.input('spoke1', (e, now) => e.clear(now));
  assert.deepEqual(
    lab.snapshot('spoke1').cache.map((c) => c.type),
    ['static'],
  );
  assert.equal(lab.engine('spoke1').nbmaFor(SPOKE2.protocol), undefined);
  assert.equal(lab.engine('spoke1').nhsNbma(), HUB.nbma);
});

test('mutated Cisco packets are dropped or handled, never a crash', () => {
  const packets = ciscoNhrpPackets().map((p) => p.bytes);
  const random = seededRandom(3);
  const routes = (d: string) =>
    d.startsWith('3.')
      ? ({ kind: 'tunnel', nextHop: SPOKE2.protocol } as const)
      : d.startsWith('2.')
        ? ({ kind: 'local', prefix: '2.2.2.0', prefixLength: 24 } as const)
        : undefined;
  const engines = [
    new NhrpEngine(hubConfig({ redirect: true }), { routes, random }),
    new NhrpEngine(spokeConfig(SPOKE1, { shortcut: true }), { routes, random }),
  ];
  for (let i = 0; i < 20_000; i++) {
    let bytes: Uint8Array = packets[Math.floor(random() * packets.length)].slice();
    for (let f = 1 + Math.floor(random() * 4); f > 0; f--)
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    if (random() < 0.7) {
      try {
        bytes = encodeNhrp(decodeNhrp(bytes)); // a valid checksum, so the mutation reaches the engine
      } catch {
        // undecodable: the engine must drop it too
      }
    }
    for (const e of engines) {
      e.receive(i * 10, bytes, `192.168.123.${Math.floor(random() * 4)}`);
      e.tick(i * 10);
    }
  }
  const drops = engines[0].snapshot(200_000).drops;
  assert.ok(drops.badChecksum > 0 && drops.malformed > 0 && drops.authFailure > 0);
});
