/** NHRP over an IPv6 NBMA: ar$afn 2 and 16-byte NBMA addresses in headers and CIEs, IPv4 and IPv6 overlays. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeNhrp, encodeNhrp, NhrpType } from '../../src/wire/nhrp/index.js';
import { HUB, hubConfig, Lab, routesOf, SPOKE1, SPOKE2, spokeConfig } from '../helpers/nhrp-lab.js';
import { config6, head6, HUB6, hubRoutes6, SPOKE6_1, SPOKE6_2, spoke6, spokeRoutes6 } from '../helpers/nhrp6-lab.js';

const NBMA = { hub: '2001:db8:0:1::1', s1: '2001:db8:0:2::1', s2: '2001:db8:0:3::1' };
const H = { ...HUB, nbma: NBMA.hub };
const S1 = { ...SPOKE1, nbma: NBMA.s1 };
const S2 = { ...SPOKE2, nbma: NBMA.s2 };

/** IPv4 overlay over the IPv6 NBMA: hub (redirect) and two spokes (shortcut) after registration. */
function lab4(): Lab {
  const lab = new Lab({ latencyMs: 0 });
  const toHub = { staticMaps: [{ protocol: H.protocol, nbma: H.nbma }], multicast: { static: [H.nbma] } };
  const hubRoutes = (dst: string) =>
    dst.startsWith('10.1.1.')
      ? { kind: 'tunnel' as const, nextHop: S1.protocol }
      : dst.startsWith('10.1.2.')
        ? { kind: 'tunnel' as const, nextHop: S2.protocol }
        : undefined;
  lab.add('hub', hubConfig({ nbmaAddress: H.nbma, redirect: true }), hubRoutes);
  lab.add('spoke1', spokeConfig(S1, { ...toHub, shortcut: true }), routesOf([['10.1.1.0', 24]], H.protocol));
  lab.add('spoke2', spokeConfig(S2, { ...toHub, shortcut: true }), routesOf([['10.1.2.0', 24]], H.protocol));
  lab.runTo(1);
  return lab;
}

test('IPv6 NBMA: a registration has ar$afn 2, 16-byte NBMA lengths and the spoke bound to its IPv6 NBMA', () => {
  const lab = lab4();
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0];
  assert.ok(reg, 'spoke1 registered');
  const b = reg.bytes;
  assert.equal((b[0] << 8) | b[1], 2, 'ar$afn IPv6');
  assert.equal((b[2] << 8) | b[3], 0x0800, 'ar$pro.type stays IPv4');
  assert.equal(b[18] & 0x3f, 16, 'ar$shtl');
  assert.equal(reg.p.srcNbma, S1.nbma);
  const nat = reg.p.extensions.find((e) => e.type === 'ciscoNat');
  assert.equal(nat?.type === 'ciscoNat' && nat.cies[0].nbmaAddress, H.nbma, 'the NAT extension names the NHS NBMA');
  assert.equal(lab.packets(NhrpType.RegistrationReply, 'hub')[0].p.afn, 2);
  const hub = lab.snapshot('hub');
  const spokes = hub.cache.filter((c) => c.type === 'dynamic').map((c) => `${c.protocol} ${c.nbma}`);
  assert.deepEqual(spokes.sort(), [`${S1.protocol} ${S1.nbma}`, `${S2.protocol} ${S2.nbma}`]);
  assert.equal(lab.snapshot('spoke1').nhs[0].state, 'up');
  assert.deepEqual([...lab.engine('hub').multicastTargets()].sort(), [S1.nbma, S2.nbma]);
});

test('IPv6 NBMA: Phase 2 resolution and a Phase 3 shortcut carry the remote spoke IPv6 NBMA in the CIE', () => {
  const lab = lab4();
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, S2.protocol));
  lab.runTo(2);
  const rep = lab.packets(NhrpType.ResolutionReply, 'spoke2')[0];
  assert.equal(rep.to, S1.nbma);
  assert.equal(rep.p.cies[0].nbmaAddress, S2.nbma);
  assert.equal(lab.engine('spoke1').nbmaFor(S2.protocol), S2.nbma);
  // Phase 3: a hairpinned IPv4 packet from spoke1's LAN to spoke2's
  const ip = new Uint8Array(28);
  ip.set([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0, 10, 1, 1, 10, 10, 1, 2, 10]);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: S1.nbma, ipPacketHead: ip }));
  lab.runTo(3);
  const ti = lab.packets(NhrpType.TrafficIndication)[0];
  assert.equal(ti.to, S1.nbma);
  assert.equal(ti.p.afn, 2);
  const routes = lab.actions('spoke1', 'routeAdd').map((l) => l.a);
  assert.deepEqual(routes, [
    { kind: 'routeAdd', prefix: '10.1.2.0', prefixLength: 24, nextHop: S2.protocol, nbma: S2.nbma },
  ]);
  for (const s of lab.sent) assert.equal(decodeNhrp(s.bytes).afn, 2);
});

test('IPv6 NBMA: a packet whose ar$afn is not the tunnel NBMA family is dropped as unsupported', () => {
  const lab = lab4();
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0].p;
  const before = lab.snapshot('hub').drops.unsupportedProtocol;
  lab.input('hub', (e, now) => e.receive(now, encodeNhrp({ ...reg, afn: 1 }), S1.nbma));
  assert.equal(lab.snapshot('hub').drops.unsupportedProtocol, before + 1);
});

test('IPv6 NBMA with an IPv6 overlay: 16-byte protocol and NBMA addresses, resolution end to end', () => {
  const lab = new Lab({ latencyMs: 0 });
  const hub6 = { ...HUB6, nbma: NBMA.hub };
  const toHub = { staticMaps: [{ protocol: hub6.protocol, nbma: hub6.nbma }], multicast: { static: [hub6.nbma] } };
  lab.add('hub', config6(hub6, { multicast: { dynamic: true }, redirect: true }), hubRoutes6);
  lab.add('spoke1', spoke6({ ...SPOKE6_1, nbma: NBMA.s1 }, { ...toHub, shortcut: true }), spokeRoutes6(2));
  lab.add('spoke2', spoke6({ ...SPOKE6_2, nbma: NBMA.s2 }, { ...toHub, shortcut: true }), spokeRoutes6(3));
  lab.runTo(1);
  const reg = lab.packets(NhrpType.RegistrationRequest, 'spoke2')[0];
  assert.deepEqual([reg.p.afn, reg.p.protocolType, reg.bytes[18] & 0x3f, reg.bytes[20]], [2, 0x86dd, 16, 16]);
  const g = (x: number[]) => new Uint8Array(x.flatMap((v) => [v >> 8, v & 255]));
  const head = head6(g([0x2001, 0xdb8, 2, 0, 0, 0, 0, 10]), g([0x2001, 0xdb8, 3, 0, 0, 0, 0, 10]));
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: NBMA.s1, ipPacketHead: head }));
  lab.runTo(2);
  const routes = lab.actions('spoke1', 'routeAdd').map((l) => l.a);
  assert.deepEqual(routes, [
    { kind: 'routeAdd', prefix: '2001:db8:3::', prefixLength: 64, nextHop: SPOKE6_2.protocol, nbma: NBMA.s2 },
  ]);
});
