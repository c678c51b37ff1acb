import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeNhrp, encodeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { Lab } from '../helpers/nhrp-lab.js';
import {
  config6,
  groups6,
  head6,
  HUB6,
  hubRoutes6,
  lab6,
  SPOKE6_1,
  SPOKE6_2,
  spoke6,
  spokeRoutes6,
} from '../helpers/nhrp6-lab.js';

const HUB = HUB6;
const S1 = SPOKE6_1;
const S2 = SPOKE6_2;
const addr = groups6;

test('IPv6 NHRP: registration carries ar$pro.type 0x86dd, 16-byte addresses and a /128 CIE', () => {
  const lab = lab6();
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0];
  assert.ok(reg, 'spoke1 registered');
  const b = reg.bytes;
  assert.equal((b[2] << 8) | b[3], 0x86dd);
  assert.equal(b[20], 16, 'source protocol length');
  assert.equal(b[21], 16, 'destination protocol length');
  assert.equal(reg.p.srcProto, S1.protocol);
  assert.equal(reg.p.dstProto, HUB.protocol);
  assert.equal(reg.p.cies[0].prefixLength, 128);
  const rep = lab.packets(NhrpType.RegistrationReply, 'hub');
  assert.equal(rep.length, 2);
  assert.equal(rep[0].p.protocolType, 0x86dd);
  const hub = lab.snapshot('hub');
  const spokes = hub.cache.filter((c) => c.type === 'dynamic').map((c) => `${c.protocol}/${c.prefixLength} ${c.nbma}`);
  assert.deepEqual(spokes.sort(), [`${S1.protocol}/128 ${S1.nbma}`, `${S2.protocol}/128 ${S2.nbma}`]);
  assert.equal(lab.snapshot('spoke1').nhs[0].state, 'up');
});

test('IPv6 NHRP: an IPv4 NHRP packet is not for the IPv6 engine (and the other way round)', () => {
  const lab = lab6();
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0].p;
  const reg4 = encodeNhrp({ ...reg, protocolType: 0x0800 });
  assert.equal(lab.snapshot('hub').drops.unsupportedProtocol, 0);
  lab.input('hub', (e, now) => e.receive(now, reg4, S1.nbma));
  assert.equal(lab.snapshot('hub').drops.unsupportedProtocol, 1);
  // and an IPv4 engine drops the IPv6 registration
  const v4 = new Lab({ latencyMs: 0 });
  v4.add('hub', { protocolAddress: '10.0.0.1', prefixLength: 24, nbmaAddress: HUB.nbma });
  v4.runTo(1);
  v4.input('hub', (e, now) =>
    e.receive(now, encodeNhrp({ ...reg, extensions: [{ type: 'end', compulsory: true }] }), S1.nbma),
  );
  assert.equal(v4.snapshot('hub').drops.unsupportedProtocol, 1);
});

test('IPv6 NHRP Phase 2: a spoke resolves another spoke through the hub, 16-byte addresses end to end', () => {
  const lab = lab6();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, S2.protocol));
  lab.runTo(2);
  const req = lab.packets(NhrpType.ResolutionRequest);
  assert.deepEqual(
    req.map((s) => [s.from, s.to]),
    [
      ['spoke1', HUB.nbma],
      ['hub', S2.nbma],
    ],
  );
  assert.equal(req[0].p.dstProto, S2.protocol);
  const rep = lab.packets(NhrpType.ResolutionReply);
  assert.deepEqual(
    rep.map((s) => [s.from, s.to]),
    [['spoke2', S1.nbma]],
  );
  assert.equal(rep[0].p.cies[0].protocolAddress, S2.protocol);
  assert.equal(rep[0].p.cies[0].prefixLength, 128);
  assert.equal(lab.engine('spoke1').nbmaFor(S2.protocol), S2.nbma);
  // every packet decodes again with the same addresses (byte-exact re-encode is the codec's test)
  for (const s of lab.sent) assert.equal(decodeNhrp(s.bytes).protocolType, 0x86dd);
});

test('IPv6 NHRP Phase 3: a hairpinned IPv6 packet → Traffic Indication → /64 shortcut via the other spoke', () => {
  const lab = lab6({ redirect: true, shortcut: true });
  const src = addr([0x2001, 0xdb8, 2, 0, 0, 0, 0, 10]);
  const dst = addr([0x2001, 0xdb8, 3, 0, 0, 0, 0, 10]);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: S1.nbma, ipPacketHead: head6(src, dst) }));
  lab.runTo(2);
  const ti = lab.packets(NhrpType.TrafficIndication);
  assert.equal(ti.length, 1);
  assert.equal(ti[0].p.dstProto, '2001:db8:2::a', 'the data packet source');
  assert.equal(ti[0].p.payload.length, 48, 'IPv6 header + 8 bytes');
  const routes = lab.actions('spoke1', 'routeAdd').map((l) => l.a);
  assert.deepEqual(routes, [
    { kind: 'routeAdd', prefix: '2001:db8:3::', prefixLength: 64, nextHop: S2.protocol, nbma: S2.nbma },
  ]);
  const s1 = lab.snapshot('spoke1');
  assert.deepEqual(
    s1.shortcuts.map((s) => `${s.prefix}/${s.prefixLength} via ${s.nextHop}`),
    [`2001:db8:3::/64 via ${S2.protocol}`],
  );
});

test('IPv6 NHRP: an IPv4 packet head does not make an IPv6 hub send a Traffic Indication', () => {
  const lab = lab6({ redirect: true, shortcut: true });
  const v4 = new Uint8Array(28);
  v4[0] = 0x45;
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: S1.nbma, ipPacketHead: v4 }));
  lab.runTo(2);
  assert.equal(lab.packets(NhrpType.TrafficIndication).length, 0);
});

test('IPv6 NHRP: the link-local address is registered and resolved (a link-local next hop goes spoke to spoke)', () => {
  const lab = new Lab({ latencyMs: 0 });
  const ll = (n: number) => `fe80::${n}`;
  lab.add('hub', config6(HUB6, { multicast: { dynamic: true }, linkLocal: ll(1) }), hubRoutes6);
  lab.add('spoke1', spoke6(S1, { linkLocal: ll(2), shortcut: true }), spokeRoutes6(2));
  lab.add('spoke2', spoke6(S2, { linkLocal: ll(3), shortcut: true }), spokeRoutes6(3));
  lab.runTo(1);
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0].p;
  assert.deepEqual(
    reg.cies.map((c) => `${c.protocolAddress || reg.srcProto}/${c.prefixLength}`),
    [`${S1.protocol}/128`, `${ll(2)}/128`],
  );
  const hub = lab.snapshot('hub').cache.filter((c) => c.type === 'dynamic');
  assert.deepEqual(hub.map((c) => `${c.protocol} via ${c.via} ${c.nbma}`).sort(), [
    `${S1.protocol} via ${S1.protocol} ${S1.nbma}`,
    `${S2.protocol} via ${S2.protocol} ${S2.nbma}`,
    `${ll(2)} via ${S1.protocol} ${S1.nbma}`,
    `${ll(3)} via ${S2.protocol} ${S2.nbma}`,
  ]);
  // spoke1's OSPFv3 next hop FE80::3: resolved through the hub, answered by spoke2 itself
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, ll(3)));
  lab.runTo(2);
  const req = lab.packets(NhrpType.ResolutionRequest);
  assert.deepEqual(
    req.map((s) => [s.from, s.to, s.p.dstProto]),
    [
      ['spoke1', HUB6.nbma, ll(3)],
      ['hub', S2.nbma, ll(3)],
    ],
  );
  const rep = lab.packets(NhrpType.ResolutionReply);
  assert.deepEqual(
    rep.map((s) => [s.from, s.to, s.p.cies[0].protocolAddress]),
    [['spoke2', S1.nbma, S2.protocol]],
  );
  assert.equal(lab.engine('spoke1').nbmaFor(ll(3)), S2.nbma);
  const entry = lab.snapshot('spoke1').cache.find((c) => c.protocol === ll(3));
  assert.equal(entry?.via, S2.protocol);
  // a binding, not a shortcut route: no route to FE80::3/128 is installed
  assert.deepEqual(lab.snapshot('spoke1').shortcuts, []);
  // spoke2 shuts its tunnel: it deregisters both addresses (the hub forgets its link-local too)
  lab.input('spoke2', (e, now) => e.configure(now, spoke6(S2, { linkLocal: ll(3), shortcut: true, shutdown: true })));
  lab.runTo(3);
  assert.deepEqual(
    lab
      .snapshot('hub')
      .cache.filter((c) => c.type === 'dynamic')
      .map((c) => c.protocol)
      .sort(),
    [S1.protocol, ll(2)],
  );
});
