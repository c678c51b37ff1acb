import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import { ciscoNhrpPackets, hex, toHex } from '../helpers/wire.js';
import { HUB, hubConfig, Lab, SPOKE1, spokeConfig, withRequestId } from '../helpers/nhrp-lab.js';

/** docs/nhrp.md vector: dmvpn-nhrp-registration.pcap frame 1. */
const REG_REQ =
  '000108000000000000ff0069a25d0034010304000404800200000001c0a87b02ac107b02ac107b010020000045fc1c20000000ff8003000080040000800500008007000900000001444d56504e000900140020000045fc0000040004ffc0a87b01ac107b0180000000';

const capture = (file: string, frame: number) => {
  const f = ciscoNhrpPackets().find((p) => p.file === file && p.frame === frame);
  assert.ok(f, `${file} frame ${frame}`);
  return f.bytes;
};

test('the first Registration Request is the Cisco vector, byte for byte', () => {
  const lab = new Lab();
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.runTo(0);
  const reqs = lab.packets(NhrpType.RegistrationRequest, 'spoke1');
  assert.equal(reqs.length, 1);
  assert.equal(reqs[0].to, HUB.nbma);
  assert.equal(toHex(reqs[0].bytes), REG_REQ);
});

test('the hub answers that request with the Registration Reply of the capture (frame 2)', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.runTo(0);
  const out = lab.input('hub', (e, now) => e.receive(now, hex(REG_REQ), SPOKE1.nbma));
  const send = out.find((a) => a.kind === 'send');
  assert.ok(send && send.kind === 'send');
  assert.equal(send.nbma, SPOKE1.nbma);
  assert.equal(toHex(send.bytes), toHex(capture('dmvpn-nhrp-registration.pcap', 2)));
  const entry = lab.snapshot('hub').cache.find((c) => c.protocol === SPOKE1.protocol);
  assert.deepEqual(
    { nbma: entry?.nbma, type: entry?.type, flags: entry?.flags, expiresInSec: entry?.expiresInSec },
    { nbma: SPOKE1.nbma, type: 'dynamic', flags: ['unique', 'registered', 'nhop'], expiresInSec: 7200 },
  );
  assert.deepEqual(lab.engine('hub').multicastTargets(), [SPOKE1.nbma]);
  assert.ok(out.some((a) => a.kind === 'peerUp' && a.nbma === SPOKE1.nbma && a.protocol === SPOKE1.protocol));
});

test('a spoke registers, comes up, and refreshes every holdtime/3 or registration timeout', () => {
  const lab = new Lab({ latencyMs: 5 });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { holdtime: 600 }));
  lab.add('spoke2', spokeConfig({ protocol: '172.16.123.3', nbma: '192.168.123.3' }, { registrationTimeout: 60 }));
  lab.runTo(1);
  const nhs = lab.snapshot('spoke1').nhs[0];
  assert.equal(nhs.state, 'up');
  assert.equal(nhs.repliesReceived, 1);
  assert.equal(nhs.registrationExpiresInSec, 599);
  assert.deepEqual(
    lab.actions('spoke1', 'nhsState').map((l) => l.a.kind === 'nhsState' && l.a.state),
    ['probe', 'up'],
  );
  lab.runTo(1000);
  // 600/3 = 200 s after each reply: registrations at 0, 200, 400, 600, 800 (none retransmitted)
  assert.deepEqual(
    lab.packets(NhrpType.RegistrationRequest, 'spoke1').map((s) => Math.round(s.at / 1000)),
    [0, 200, 400, 600, 800],
  );
  assert.equal(lab.packets(NhrpType.RegistrationRequest, 'spoke2').length, 17);
  const hub = lab.snapshot('hub');
  assert.equal(hub.cache.find((c) => c.protocol === SPOKE1.protocol)?.expiresInSec, 400);
  assert.equal(hub.traffic.received.registrationRequest, 22);
  assert.equal(hub.traffic.sent.registrationReply, 22);
});

test('the hub forgets a spoke that stops registering when its holding time runs out', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  const spoke = lab.add('spoke1', spokeConfig(SPOKE1, { holdtime: 300 }));
  lab.runTo(10);
  spoke.alive = false;
  lab.runTo(299);
  assert.equal(lab.snapshot('hub').cache.length, 1);
  lab.runTo(301);
  assert.equal(lab.snapshot('hub').cache.length, 0);
  assert.ok(lab.actions('hub', 'peerDown').some((l) => l.a.kind === 'peerDown' && l.a.nbma === SPOKE1.nbma));
  assert.deepEqual(lab.engine('hub').multicastTargets(), []);
});

test('ip nhrp group: the Vendor-Private extension as in the Cisco QoS capture; the hub keeps the group', () => {
  const QOS = 'dmvpn-qos-nhrp-registrations.pcap';
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { groupName: 'SHAPE_1M' }));
  lab.runTo(1);
  const req = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0];
  const rep = lab.packets(NhrpType.RegistrationReply, 'hub')[0];
  assert.equal(toHex(withRequestId(req.bytes, 4)), toHex(capture(QOS, 1)));
  assert.equal(toHex(withRequestId(rep.bytes, 4)), toHex(capture(QOS, 2)));
  assert.equal(lab.snapshot('hub').cache[0].group, 'SHAPE_1M');
});
