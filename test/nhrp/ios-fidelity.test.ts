/** What people read off a router: peer up-times across refreshes, retransmitted registrations, refusals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { HUB, hubConfig, Lab, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';

test('a registration refresh keeps the peer up and its up-time; a spoke that went away starts again', () => {
  const lab = new Lab({ latencyMs: 5 });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { holdtime: 30, registrationTimeout: 5 }));
  lab.runTo(60);
  const peer = () => lab.snapshot('hub').peers.find((p) => p.nbma === SPOKE1.nbma);
  const entry = () => lab.snapshot('hub').cache.find((c) => c.protocol === SPOKE1.protocol);
  assert.ok(lab.packets(NhrpType.RegistrationRequest, 'spoke1').length >= 10, 'the spoke refreshed its registration');
  assert.equal(peer()?.state, 'UP');
  assert.ok(
    peer()!.upDownSec >= 59,
    `UpDn counts from the first registration, not the last refresh: ${peer()!.upDownSec}`,
  );
  assert.ok(entry()!.ageSec >= 59, `created counts from the first registration: ${entry()!.ageSec}`);
  assert.ok(entry()!.expiresInSec! <= 30, 'expire restarts at each refresh');
  assert.equal(lab.actions('hub', 'peerUp').length, 1);
  assert.equal(lab.actions('hub', 'peerDown').length, 0);

  // The spoke goes down (deregisters), then comes back: a new up-time.
  lab.input('spoke1', (e, now) =>
    e.configure(now, { ...spokeConfig(SPOKE1, { holdtime: 30, registrationTimeout: 5 }), shutdown: true }),
  );
  lab.runTo(70);
  assert.equal(peer(), undefined);
  lab.input('spoke1', (e, now) => e.configure(now, spokeConfig(SPOKE1, { holdtime: 30, registrationTimeout: 5 })));
  lab.runTo(75);
  assert.equal(peer()?.state, 'UP');
  assert.ok(peer()!.upDownSec <= 5, `up-time restarts after the peer went down: ${peer()!.upDownSec}`);
  assert.equal(lab.actions('hub', 'peerUp').length, 2);
});

test('a retransmitted Registration Request keeps its request ID; late replies are neither failures nor unexpected', () => {
  // 600 ms each way: the reply to the first transmission arrives after the 1 s retransmission.
  const lab = new Lab({ latencyMs: 600 });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(5);
  const reqs = lab.packets(NhrpType.RegistrationRequest, 'spoke1');
  assert.equal(reqs.length, 2, 'one retransmission before the first reply');
  assert.equal(reqs[1].p.requestId, reqs[0].p.requestId, 'the retransmission keeps the request ID');
  assert.equal(lab.packets(NhrpType.RegistrationReply, 'hub').length, 2);
  const s = lab.snapshot('spoke1');
  assert.equal(s.drops.unexpectedReply, 0, 'the second reply answers the same request: a duplicate, not unexpected');
  assert.equal(s.nhs[0].state, 'up');
  assert.equal(s.nhs[0].repliesReceived, 1);
  // The refresh is a new attempt with a new ID.
  lab.runTo(7300 / 3 + 5);
  const later = lab.packets(NhrpType.RegistrationRequest, 'spoke1');
  assert.ok(later.length >= 3);
  assert.notEqual(later[2].p.requestId, reqs[0].p.requestId);
  assert.equal(lab.snapshot('spoke1').drops.unexpectedReply, 0);
});

test('a reply to no request of ours is still unexpected', () => {
  const lab = new Lab({ latencyMs: 5 });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(2);
  const reply = lab.packets(NhrpType.RegistrationReply, 'hub')[0];
  const forged = { ...reply.p, requestId: reply.p.requestId + 1000 };
  lab.input('spoke1', (e, now) => e.receive(now, encodeNhrp(forged), HUB.nbma));
  assert.equal(lab.snapshot('spoke1').drops.unexpectedReply, 1);
});

test('a refused duplicate registration is reported on both sides (hub: who holds it; spoke: code 14)', () => {
  const lab = new Lab({ latencyMs: 5 });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(2);
  // A second router claims spoke1's tunnel address from another NBMA address.
  lab.add('thief', spokeConfig({ protocol: SPOKE1.protocol, nbma: SPOKE2.nbma }));
  lab.runTo(4);
  const conflict = lab.actions('hub', 'uniqueConflict').map((l) => l.a);
  assert.deepEqual(conflict[0], {
    kind: 'uniqueConflict',
    protocol: SPOKE1.protocol,
    holder: SPOKE1.nbma,
    refused: SPOKE2.nbma,
  });
  const refused = lab.actions('thief', 'registrationRefused').map((l) => l.a);
  assert.deepEqual(refused[0], { kind: 'registrationRefused', nhs: HUB.protocol, nbma: HUB.nbma, code: 14 });
});
