import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CieCode, ErrorCode, NhrpType, decodeNhrp, encodeNhrp } from '../../src/wire/nhrp/index.js';
import { ciscoNhrpPackets, toHex } from '../helpers/wire.js';
import { HUB, hubConfig, Lab, SPOKE1, SPOKE2, spokeConfig, withRequestId } from '../helpers/nhrp-lab.js';

const capture = (file: string, frame: number) =>
  ciscoNhrpPackets().find((p) => p.file === file && p.frame === frame)!.bytes;
const PHASE2 = 'dmvpn-phase-2-nhrp-spoke-to-spoke-resolution.pcap';

function phase2Lab(latencyMs = 0): Lab {
  const lab = new Lab({ latencyMs });
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1));
  lab.add('spoke2', spokeConfig(SPOKE2));
  lab.runTo(1);
  return lab;
}

test('Phase 2: spoke-to-spoke resolution through the hub, packets as in the Cisco capture', () => {
  const lab = phase2Lab(5);
  const out = lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  assert.ok(
    out.some((a) => a.kind === 'cacheAdd' && a.entry.type === 'incomplete' && a.entry.protocol === SPOKE2.protocol),
  );
  lab.runTo(2);
  const req = lab.packets(NhrpType.ResolutionRequest);
  assert.deepEqual(
    req.map((s) => [s.from, s.to, s.p.hopCount]),
    [
      ['spoke1', HUB.nbma, 255],
      ['hub', SPOKE2.nbma, 254],
    ],
  );
  const rep = lab.packets(NhrpType.ResolutionReply);
  assert.deepEqual(
    rep.map((s) => [s.from, s.to]),
    [['spoke2', SPOKE1.nbma]],
  );
  // request IDs depend on what each router sent before; everything else is Cisco's bytes
  assert.equal(toHex(withRequestId(req[0].bytes, 3)), toHex(capture(PHASE2, 1)), 'request');
  assert.equal(toHex(withRequestId(req[1].bytes, 3)), toHex(capture(PHASE2, 2)), 'forwarded by the hub');
  assert.equal(toHex(withRequestId(rep[0].bytes, 3)), toHex(capture(PHASE2, 3)), 'reply');

  const s1 = lab.snapshot('spoke1');
  const e = s1.cache.find((c) => c.protocol === SPOKE2.protocol);
  assert.deepEqual(
    { nbma: e?.nbma, type: e?.type, flags: e?.flags, exp: e?.expiresInSec },
    { nbma: SPOKE2.nbma, type: 'dynamic', flags: ['router'], exp: 7199 },
  );
  assert.equal(lab.engine('spoke1').nbmaFor(SPOKE2.protocol), SPOKE2.nbma);
  assert.ok(s1.peers.some((p) => p.nbma === SPOKE2.nbma && p.state === 'UP' && p.attributes.includes('D')));
  // the responder learned the requester from the request, so its traffic back goes direct too
  const s2 = lab.snapshot('spoke2').cache.find((c) => c.protocol === SPOKE1.protocol);
  assert.deepEqual({ nbma: s2?.nbma, flags: s2?.flags }, { nbma: SPOKE1.nbma, flags: ['router', 'implicit'] });
  // no second request while the entry is there
  lab.input('spoke1', (e2, now) => e2.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(3);
  assert.equal(lab.packets(NhrpType.ResolutionRequest, 'spoke1').length, 1);
});

test('an unanswered request is retried at 1, 2, 4, 7, 7, 7 s, turns negative, then ages out', () => {
  const lab = phase2Lab();
  lab.net.node('spoke2').alive = false;
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(60);
  const times = lab.packets(NhrpType.ResolutionRequest, 'spoke1').map((s) => s.at / 1000);
  assert.deepEqual(times, [1, 2, 4, 8, 15, 22]);
  const entry = () => lab.snapshot('spoke1').cache.find((c) => c.protocol === SPOKE2.protocol);
  assert.equal(entry()?.type, 'negative');
  // negative: no new request while it lasts
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  assert.equal(lab.packets(NhrpType.ResolutionRequest, 'spoke1').length, 6);
  lab.runTo(182);
  assert.equal(entry(), undefined);
});

test('the NHS answers negatively (code 12) for a tunnel address nobody registered', () => {
  const lab = phase2Lab();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, '172.16.123.99'));
  lab.runTo(2);
  const rep = lab.packets(NhrpType.ResolutionReply, 'hub');
  assert.equal(rep.length, 1);
  assert.equal(rep[0].p.cies[0].code, CieCode.NoBinding);
  const e = lab.snapshot('spoke1').cache.find((c) => c.protocol === '172.16.123.99');
  assert.equal(e?.type, 'negative');
  assert.equal(lab.snapshot('hub').drops.unreachable, 1);
});

test('forwarding refuses an exhausted hop count and a loop through itself (Error Indication)', () => {
  const lab = phase2Lab();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(1);
  const original = lab.packets(NhrpType.ResolutionRequest, 'spoke1')[0].bytes;
  const p = decodeNhrp(original);
  const spent = encodeNhrp({ ...p, hopCount: 1 });
  lab.input('hub', (e, now) => e.receive(now, spent, SPOKE1.nbma));
  const forwarded = lab.packets(NhrpType.ResolutionRequest, 'hub')[0].bytes;
  lab.input('hub', (e, now) => e.receive(now, forwarded, SPOKE1.nbma));
  const ei = lab.packets(NhrpType.ErrorIndication, 'hub');
  assert.deepEqual(
    ei.map((s) => [s.to, s.p.requestId >>> 16]),
    [
      [SPOKE1.nbma, ErrorCode.HopCountExceeded],
      [SPOKE1.nbma, ErrorCode.LoopDetected],
    ],
  );
  assert.equal(toHex(ei[0].p.payload), toHex(spent), 'the packet in error is the payload');
  const hub = lab.snapshot('hub');
  assert.deepEqual([hub.drops.hopCountExceeded, hub.drops.loopDetected], [1, 1]);
  // the requester counts the Error Indications and never answers them
  lab.runTo(2);
  assert.equal(lab.snapshot('spoke1').traffic.received.errorIndication, 2);
  assert.equal(lab.packets(NhrpType.ErrorIndication, 'spoke1').length, 0);
});

test('an unknown compulsory extension gets Error Indication code 1 with its offset', () => {
  const lab = phase2Lab();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  const p = decodeNhrp(lab.packets(NhrpType.ResolutionRequest, 'spoke1')[0].bytes);
  const ext = [...p.extensions];
  ext.splice(1, 0, { type: 'unknown', compulsory: true, code: 0x77, data: new Uint8Array(2) });
  lab.input('hub', (e, now) => e.receive(now, encodeNhrp({ ...p, extensions: ext }), SPOKE1.nbma));
  const ei = lab.packets(NhrpType.ErrorIndication, 'hub')[0];
  assert.equal(ei.p.requestId >>> 16, ErrorCode.UnrecognizedExtension);
  assert.equal(ei.p.requestId & 0xffff, 52 + 4);
  assert.equal(lab.snapshot('hub').drops.unknownExtension, 1);
});

test('bad checksum and garbage are dropped with a reason, never answered', () => {
  const lab = phase2Lab();
  const req = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0].bytes.slice();
  req[30] ^= 0xff;
  lab.input('hub', (e, now) => e.receive(now, req, SPOKE1.nbma));
  lab.input('hub', (e, now) => e.receive(now, new Uint8Array([0, 1, 2]), SPOKE1.nbma));
  const hub = lab.snapshot('hub');
  assert.deepEqual([hub.drops.badChecksum, hub.drops.malformed], [1, 1]);
  assert.equal(lab.packets(NhrpType.ErrorIndication).length, 0);
});

test('resolution through NAT: the reply goes to the outside address the hub saw', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig({ protocol: SPOKE1.protocol, nbma: '10.1.1.2' }), undefined, '203.0.113.7');
  lab.add('spoke2', spokeConfig({ protocol: SPOKE2.protocol, nbma: '10.1.1.3' }), undefined, '203.0.113.8');
  lab.runTo(1);
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  lab.runTo(2);
  const fwd = lab.packets(NhrpType.ResolutionRequest, 'hub')[0];
  const nat = fwd.p.extensions.find((e) => e.type === 'ciscoNat');
  assert.deepEqual(nat?.type === 'ciscoNat' && nat.cies.map((c) => [c.nbmaAddress, c.protocolAddress]), [
    ['203.0.113.7', SPOKE1.protocol],
  ]);
  assert.equal(lab.packets(NhrpType.ResolutionReply, 'spoke2')[0].to, '203.0.113.7');
  const e = lab.snapshot('spoke1').cache.find((c) => c.protocol === SPOKE2.protocol);
  assert.deepEqual({ nbma: e?.nbma, claimed: e?.claimedNbma }, { nbma: '203.0.113.8', claimed: '10.1.1.3' });
});
