import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cite, dataOf, nhrpOf, NhrpType } from '../../../src/lab/checks/evidence.js';
import { judgePhase } from '../../../src/lab/checks/judge.js';
import { analysePair, routeFor, type PairRun } from '../../../src/lab/checks/observe.js';
import { readAllPackets, readPackets } from '../../../src/lab/checks/packets.js';
import { hostBehind } from '../../../src/lab/checks/view.js';
import { GreProto, makeCie } from '../../../src/wire/index.js';
import { ipv6Bytes } from '../../../src/wire/ipv6-addr.js';
import { echoFrame, greFrame, nhrpFrame, offlineView, writeFrames } from '../../helpers/check-fixtures.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);

const CISCO = new URL('../../fixtures/reference/cisco/', import.meta.url).pathname;
const T0 = 1_700_000_000_000;
const [S1, HUB, S2] = ['198.51.100.1', '192.0.2.1', '203.0.113.1'];
const [H1, H2] = ['10.1.1.10', '10.1.2.10'];

type Step = 'hub' | 'indication' | 'request' | 'reply' | 'direct';

/** A phase 3 exchange on spoke1's and the hub's links; `leave` drops steps from it. */
function exchange(dir: string, leave: Step[] = []): string[] {
  const has = (s: Step) => !leave.includes(s);
  const spoke: Array<[number, Uint8Array]> = [];
  const hub: Array<[number, Uint8Array]> = [];
  if (has('hub')) {
    spoke.push([T0, echoFrame(S1, HUB, H1, H2, 8, 1)]);
    hub.push([T0 + 0.5, echoFrame(S1, HUB, H1, H2, 8, 1)], [T0 + 1, echoFrame(HUB, S2, H1, H2, 8, 1)]);
  }
  if (has('indication'))
    spoke.push([
      T0 + 2,
      nhrpFrame(HUB, S1, { type: NhrpType.TrafficIndication, srcNbma: HUB, srcProto: '172.16.0.1', dstProto: H1 }),
    ]);
  if (has('request')) {
    spoke.push([
      T0 + 3,
      nhrpFrame(S1, HUB, {
        type: NhrpType.ResolutionRequest,
        requestId: 7,
        srcNbma: S1,
        srcProto: '172.16.0.11',
        dstProto: H2,
      }),
    ]);
    hub.push([
      T0 + 4,
      nhrpFrame(HUB, S2, {
        type: NhrpType.ResolutionRequest,
        requestId: 7,
        hopCount: 254,
        srcNbma: S1,
        srcProto: '172.16.0.11',
        dstProto: H2,
      }),
    ]);
  }
  if (has('reply')) {
    const cie = makeCie({ prefixLength: 24, holdingTime: 10, nbmaAddress: S2, protocolAddress: '172.16.0.12' });
    spoke.push([
      T0 + 6,
      nhrpFrame(S2, S1, {
        type: NhrpType.ResolutionReply,
        requestId: 7,
        srcNbma: S1,
        srcProto: '172.16.0.11',
        dstProto: H2,
        cies: [cie],
      }),
    ]);
  }
  if (has('direct')) spoke.push([T0 + 40, echoFrame(S1, S2, H1, H2, 8, 2)], [T0 + 41, echoFrame(S2, S1, H2, H1, 0, 2)]);
  const files = [join(dir, 'spoke1-eth1.pcap'), join(dir, 'hub-eth1.pcap')];
  writeFrames(files[0]!, spoke);
  writeFrames(files[1]!, hub);
  return files;
}

function run(pcaps: string[], shortcut = true): PairRun {
  const view = offlineView('phase3');
  const [a, b] = view.spokes as [never, never];
  const ping = { sent: 2, received: 2, lost: 0, rttAvgMs: 1, startedAt: T0 - 10, endedAt: T0 + 100 };
  const route = {
    prefix: '10.1.2.0',
    prefixLength: 24,
    code: 'H',
    nextHop: '172.16.0.12',
    interface: 'Tunnel0',
    distance: 250,
  };
  return analysePair(view, readAllPackets(pcaps), {
    a,
    b,
    ha: hostBehind(view, a)!,
    hb: hostBehind(view, b)!,
    ping,
    window: { from: T0 - 10, to: T0 + 100 },
    ...(shortcut ? { shortcut: route } : {}),
  });
}

describe('check: evidence from captures', () => {
  it('classifies NHRP and GRE data frames, with frame numbers and times; a cut-off last record waits for the next read', () => {
    const dir = tempDir('dmvpn-check-ev-');
    const [spoke] = exchange(dir);
    const ps = readPackets(spoke!);
    assert.deepEqual(
      ps.map((p) => [p.frame, p.kind, p.nhrp?.type ?? p.inner?.icmp?.type]),
      [
        [1, 'data', 8],
        [2, 'nhrp', 8],
        [3, 'nhrp', 1],
        [4, 'nhrp', 2],
        [5, 'data', 8],
        [6, 'data', 0],
      ],
    );
    assert.equal(ps[4]!.timeMs, T0 + 40);
    appendFileSync(spoke!, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 200, 0, 0, 0]));
    assert.equal(readPackets(spoke!).length, 6);
    assert.deepEqual(readPackets(join(dir, 'none.pcap')), []);
  });

  it('classifies IPv6 in GRE (0x86DD): inner addresses canonical, an ICMPv6 echo with its type, id and sequence', () => {
    const dir = tempDir('dmvpn-check-ev6-');
    /** An IPv6 packet (next header `nh`) with an 8-byte body whose first byte is `type`. */
    const ipv6 = (src: string, dst: string, nh: number, type: number, seq: number): Uint8Array => {
      const b = new Uint8Array(48);
      b.set([0x60, 0, 0, 0, 0, 8, nh, 64]);
      b.set(ipv6Bytes(src)!, 8);
      b.set(ipv6Bytes(dst)!, 24);
      b.set([type, 0, 0, 0, 0x12, 0x34, seq >> 8, seq & 255], 40);
      return b;
    };
    const file = join(dir, 'spoke1-eth1.pcap');
    writeFrames(file, [
      [T0, greFrame(S1, HUB, GreProto.Ipv6, ipv6('2001:DB8:1:1::10', '2001:db8:1:2::10', 58, 128, 3))],
      [T0 + 1, greFrame(HUB, S1, GreProto.Ipv6, ipv6('2001:db8:1:2::10', '2001:db8:1:1::10', 58, 129, 3))],
      [T0 + 2, greFrame(S1, HUB, GreProto.Ipv6, ipv6('fe80::11', 'ff02::1', 58, 135, 0))],
    ]);
    const ps = readPackets(file);
    assert.deepEqual(
      ps.map((p) => [p.kind, p.inner?.src, p.inner?.protocol, p.inner?.icmp]),
      [
        ['data', '2001:db8:1:1::10', 58, { type: 128, id: 0x1234, seq: 3 }],
        ['data', '2001:db8:1:2::10', 58, { type: 129, id: 0x1234, seq: 3 }],
        ['data', 'fe80::11', 58, undefined],
      ],
    );
    const req = dataOf(ps, { innerSrc: '2001:db8:1:1::10', innerDst: '2001:db8:1:2::10', icmpType: 128 });
    assert.deepEqual(
      req.map((p) => [p.src, p.dst]),
      [[S1, HUB]],
    );
  });

  it('reads the Cisco reference captures (Traffic Indication, ICMP over GRE)', () => {
    const ti = nhrpOf(readPackets(join(CISCO, 'dmvpn-phase-3-traffic-indication.pcap')), NhrpType.TrafficIndication);
    assert.equal(ti.length, 1);
    assert.equal(ti[0]!.frame, 1);
    const icmp = dataOf(readPackets(join(CISCO, 'dmvpn-phase-3-icmp-spoke1-spoke2.pcapng')), { icmpType: 8 });
    assert.ok(icmp.length > 0 && icmp.every((p) => p.inner?.protocol === 1));
  });

  it('cites frames per pcap, in order and without repeats', () => {
    const dir = tempDir('dmvpn-check-ev-');
    const ps = readAllPackets(exchange(dir));
    const ev = cite('requests', nhrpOf(ps, NhrpType.ResolutionRequest).concat(nhrpOf(ps, NhrpType.ResolutionRequest)));
    assert.deepEqual(
      ev.map((e) => [e.pcap.split('/').pop(), e.frames]),
      [
        ['spoke1-eth1.pcap', [3]],
        ['hub-eth1.pcap', [3]],
      ],
    );
  });

  it('judges a Phase 3 exchange: redirect, resolution, shortcut, direct data, with the set-up time', () => {
    const dir = tempDir('dmvpn-check-ev-');
    const v = judgePhase(run(exchange(dir)), 3);
    assert.equal(v.ok, true, v.reason);
    assert.equal(v.figures.setupMs, 40);
    assert.equal(v.figures.indicationMs, 2);
    assert.equal(v.figures.resolutionMs, 3);
    assert.equal(v.figures.holdingTimeSec, 10);
    const by = Object.fromEntries(v.evidence.map((e) => [`${e.what} ${e.pcap.split('/').pop()}`, e.frames]));
    assert.deepEqual(by['Traffic Indication from the hub spoke1-eth1.pcap'], [2]);
    assert.deepEqual(by['the same echo forwarded by the hub hub-eth1.pcap'], [2]);
    assert.deepEqual(by['first data packet directly between the spokes spoke1-eth1.pcap'], [5]);
  });

  it('fails Phase 3 with the missing step named', () => {
    const cases: Array<[Step[], boolean, RegExp]> = [
      [['indication'], true, /sent no Traffic Indication to spoke1/],
      [['reply', 'direct'], true, /got no Reply from spoke2/],
      [[], false, /no NHRP shortcut route \(H\)/],
      [['hub'], true, /already went directly/],
    ];
    for (const [leave, shortcut, why] of cases) {
      const v = judgePhase(run(exchange(tempDir('dmvpn-check-ev-'), leave), shortcut), 3);
      assert.equal(v.ok, false);
      assert.match(v.reason, why);
    }
  });

  it('passes Phase 3 without a shortcut route when the pair pings a tunnel address (resolved on-link)', () => {
    const r = run(exchange(tempDir('dmvpn-check-ev-')), false);
    const v = judgePhase({ ...r, ha: { ...r.ha, via: 'tunnel' }, hb: { ...r.hb, via: 'tunnel' } }, 3);
    assert.equal(v.ok, true, v.reason);
    assert.match(v.reason, /resolved on the tunnel subnet \(no shortcut route needed\)/);
    assert.equal(judgePhase(r, 3).ok, false, 'a host address still needs its shortcut route');
  });

  it('finds the route a router takes: longest prefix, then lowest distance', () => {
    const row = (
      prefix: string,
      prefixLength: number,
      code: string,
      nextHop: string | null,
      distance: number | null,
    ) => ({ prefix, prefixLength, code, nextHop, interface: null, distance });
    const routes = [
      row('0.0.0.0', 0, 'S', '198.51.100.254', 1),
      row('10.0.0.0', 8, 'S', '172.16.0.2', 250),
      row('10.0.0.0', 8, 'S', '172.16.0.1', 1),
      row('10.1.3.1', 32, 'L', null, null),
    ];
    assert.equal(routeFor(routes, '10.1.1.10')?.nextHop, '172.16.0.1');
    assert.equal(routeFor(routes, '192.0.2.1')?.nextHop, '198.51.100.254');
    assert.equal(routeFor(routes, '10.1.3.1')?.nextHop, '172.16.0.1');
    assert.equal(routeFor([...routes, row('10.1.1.0', 24, 'H', '172.16.0.12', 250)], '10.1.1.10')?.code, 'H');
  });

  it('judges Phase 1 and Phase 2 by the same frames', () => {
    const viaHub = exchange(tempDir('dmvpn-check-ev-'), ['indication', 'request', 'reply', 'direct']);
    assert.equal(judgePhase(run(viaHub, false), 1).ok, true);
    assert.match(
      judgePhase(run(viaHub, false), 2).reason,
      /sent no Resolution Request for spoke2: data stayed on the hub path/,
    );
    const resolved = exchange(tempDir('dmvpn-check-ev-'), ['indication']);
    assert.equal(judgePhase(run(resolved, false), 2).ok, true);
    assert.match(
      judgePhase(run(resolved, false), 1).reason,
      /data went directly spoke1→spoke2 \(spoke1-eth1\.pcap#4\)/,
    );
  });
});
