import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CieCode, ErrorCode, NhrpType } from '../../src/wire/nhrp/index.js';
import { HUB, hubConfig, Lab, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';

test('wrong password: the hub registers nothing, counts it and sends Authentication Failure', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { authentication: 'WRONG' }));
  lab.runTo(30);
  const hub = lab.snapshot('hub');
  assert.equal(hub.cache.length, 0);
  assert.equal(hub.traffic.sent.registrationReply, 0);
  assert.ok(hub.drops.authFailure >= 3);
  const ei = lab.packets(NhrpType.ErrorIndication, 'hub');
  assert.equal(ei.length, hub.drops.authFailure);
  assert.equal(ei[0].p.requestId >>> 16, ErrorCode.AuthenticationFailure);
  assert.equal(ei[0].p.requestId & 0xffff, 64, 'offset of the Authentication extension');
  const spoke = lab.snapshot('spoke1');
  assert.equal(spoke.nhs[0].state, 'down');
  // the hub's Error Indication carries the hub's password: the spoke drops it too, and never answers it
  assert.equal(spoke.drops.authFailure, ei.length);
  assert.equal(lab.packets(NhrpType.ErrorIndication, 'spoke1').length, 0);
  // a spoke without a password accepts the indication and shows why its NHS is down
  lab.add('spoke2', spokeConfig(SPOKE2, { authentication: undefined }));
  lab.runTo(40);
  const nhs = lab.snapshot('spoke2').nhs[0];
  assert.equal(nhs.state, 'down');
  assert.equal(nhs.lastErrorIndication, ErrorCode.AuthenticationFailure);
});

test('network-id is local (IOS): different ids register; no network-id means NHRP is off', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig({ networkId: 1 }));
  lab.add('spoke1', spokeConfig(SPOKE1, { networkId: 2 }));
  lab.add('spoke2', spokeConfig(SPOKE2, { networkId: 0 }));
  lab.runTo(30);
  assert.equal(lab.snapshot('spoke1').nhs[0].state, 'up');
  const s2 = lab.snapshot('spoke2');
  assert.equal(s2.traffic.sentTotal, 0);
  assert.equal(s2.nhs.length, 0);
  assert.deepEqual(
    lab.snapshot('hub').cache.map((c) => c.protocol),
    [SPOKE1.protocol],
  );
  // a packet reaching an interface without NHRP is dropped and counted
  const req = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0];
  lab.input('spoke2', (e, now) => e.receive(now, req.bytes, SPOKE1.nbma));
  assert.equal(lab.snapshot('spoke2').drops.nhrpDisabled, 1);
});

test('duplicate registration: a unique address registered from another NBMA is refused (code 14)', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { holdtime: 300 }));
  lab.runTo(5);
  // a second router claims spoke1's tunnel address from another NBMA address
  lab.add('impostor', spokeConfig({ protocol: SPOKE1.protocol, nbma: '192.168.123.9' }));
  lab.runTo(20);
  const replies = lab.packets(NhrpType.RegistrationReply, 'hub').filter((s) => s.to === '192.168.123.9');
  assert.ok(replies.length >= 3);
  assert.ok(replies.every((r) => r.p.cies[0].code === CieCode.UniqueAlreadyRegistered));
  const hub = lab.snapshot('hub');
  assert.equal(hub.drops.uniqueConflict, replies.length);
  assert.equal(hub.cache.find((c) => c.protocol === SPOKE1.protocol)?.nbma, SPOKE1.nbma);
  const imp = lab.snapshot('impostor').nhs[0];
  assert.notEqual(imp.state, 'up');
  assert.equal(imp.lastErrorCode, CieCode.UniqueAlreadyRegistered);
});

test('no-unique: a registration without the U flag can be taken over from another NBMA', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { noUnique: true }));
  lab.runTo(5);
  assert.equal(lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0].p.flags, 0x0002);
  assert.deepEqual(lab.snapshot('hub').cache[0].flags, ['registered', 'nhop']);
  lab.add('moved', spokeConfig({ protocol: SPOKE1.protocol, nbma: '192.168.123.9' }));
  lab.runTo(10);
  assert.equal(lab.snapshot('moved').nhs[0].state, 'up');
  assert.equal(lab.snapshot('hub').cache.find((c) => c.protocol === SPOKE1.protocol)?.nbma, '192.168.123.9');
});

test('NAT: the hub records the outside address and tells the spoke in the NAT extension', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig({ protocol: SPOKE1.protocol, nbma: '10.1.1.2' }), undefined, '203.0.113.7');
  lab.runTo(5);
  const entry = lab.snapshot('hub').cache.find((c) => c.protocol === SPOKE1.protocol);
  assert.deepEqual(
    { nbma: entry?.nbma, claimed: entry?.claimedNbma, flags: entry?.flags },
    { nbma: '203.0.113.7', claimed: '10.1.1.2', flags: ['unique', 'registered', 'nhop', 'nat'] },
  );
  const reply = lab.packets(NhrpType.RegistrationReply, 'hub')[0];
  assert.equal(reply.to, '203.0.113.7');
  const nat = reply.p.extensions.find((e) => e.type === 'ciscoNat');
  assert.ok(nat && nat.type === 'ciscoNat');
  assert.deepEqual(
    nat.cies.map((c) => [c.nbmaAddress, c.protocolAddress]),
    [
      [HUB.nbma, HUB.protocol],
      ['203.0.113.7', SPOKE1.protocol],
    ],
  );
  const nhs = lab.snapshot('spoke1').nhs[0];
  assert.equal(nhs.state, 'up');
  assert.equal(nhs.natOutside, '203.0.113.7');
  assert.deepEqual(lab.engine('hub').multicastTargets(), ['203.0.113.7']);
  // without NAT the reply's NAT extension only names the NHS
  const direct = new Lab();
  direct.add('hub', hubConfig());
  direct.add('spoke1', spokeConfig(SPOKE1));
  direct.runTo(1);
  const ext = direct.packets(NhrpType.RegistrationReply, 'hub')[0].p.extensions.find((e) => e.type === 'ciscoNat');
  assert.equal(ext && ext.type === 'ciscoNat' && ext.cies.length, 1);
});

test('a router that is not an NHS refuses registrations (code 4)', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig({ isNhs: false }));
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(0.5);
  const r = lab.packets(NhrpType.RegistrationReply, 'hub')[0];
  assert.equal(r.p.cies[0].code, CieCode.AdministrativelyProhibited);
  assert.equal(lab.snapshot('hub').drops.notNhs, 1);
  assert.equal(lab.snapshot('spoke1').nhs[0].lastErrorCode, CieCode.AdministrativelyProhibited);
});
