import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import type { DmvpnJson } from '../../../src/node/show/dmvpn.js';
import type { DmvpnDetailJson } from '../../../src/node/show/dmvpn-detail.js';
import { showState } from '../../helpers/show-engines.js';
import { HUB_CFG, natted, phase2, phase3, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

const HEADER = ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb';
const DASHES = ' ----- --------------- --------------- ----- -------- -----';

function json<T>(command: string, state: ShowState): T {
  const r = renderShow(command, state);
  assert.ok('json' in r, `${command} gave JSON`);
  return r.json as T;
}

/** The peer rows: the lines after the dashed underline, up to the blank line. */
function rows(text: string, dashes = DASHES): string[] {
  const all = text.split('\n');
  const start = all.indexOf(dashes) + 1;
  assert.ok(start > 0, 'dashed underline present');
  return all.slice(start, all.indexOf('', start));
}

test('show dmvpn on a Phase 2 spoke: legend, type line, hub static, resolved spoke dynamic, incomplete entry', () => {
  const net = phase2();
  const text = runShow('sh dmvpn', showState(SPOKE1_CFG, net, 'spoke1'));
  const all = text.split('\n');
  assert.equal(all[0], 'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete');
  assert.ok(all.includes('        UpDn Time --> Up or Down Time for a Tunnel'));
  assert.equal(all[all.indexOf('Interface: Tunnel0, IPv4 NHRP Details') - 2], '='.repeat(74));
  assert.ok(all.includes('Type:Spoke, NHRP Peers:2,'), 'hub and spoke2; the incomplete entry is no peer');
  assert.ok(all.includes(HEADER) && all.includes(DASHES));
  assert.deepEqual(rows(text), [
    '     1 192.168.123.1      172.16.123.1    UP 00:00:15     S',
    '     1 192.168.123.3      172.16.123.3    UP 00:00:05     D',
    '     1 UNKNOWN           172.16.123.99  NHRP    never     I',
  ]);
  // every column ends where its heading ends (IOS right-aligns all but the NBMA address)
  for (const r of rows(text)) {
    for (const heading of ['Peer Tunnel Add', 'State', 'UpDn Tm', 'Attrb']) {
      const end = HEADER.indexOf(heading) + heading.length;
      assert.equal(r[end - 1] !== ' ' && (r[end] === ' ' || r[end] === undefined), true, `${heading} column in '${r}'`);
    }
  }
});

test('show dmvpn times move with the clock the snapshot was taken at', () => {
  const net = phase2();
  net.runTo(3700);
  const r = rows(runShow('show dmvpn', showState(SPOKE1_CFG, net, 'spoke1')));
  assert.equal(r[0], '     1 192.168.123.1      172.16.123.1    UP 01:01:40     S');
  assert.equal(r[1], '     1 192.168.123.3      172.16.123.3    UP 01:01:30     D');
  assert.equal(r.length, 2, 'the negative entry aged out');
});

test('show dmvpn on the hub: Type:Hub, both spokes dynamic; JSON for scripts', () => {
  const net = phase2();
  const st = showState(HUB_CFG, net, 'hub');
  const text = runShow('show dmvpn', st);
  assert.ok(text.includes('\nType:Hub, NHRP Peers:2,\n'));
  assert.deepEqual(rows(text), [
    '     1 192.168.123.2      172.16.123.2    UP 00:00:15     D',
    '     1 192.168.123.3      172.16.123.3    UP 00:00:15     D',
  ]);
  const j = json<DmvpnJson>('show dmvpn json', st);
  assert.equal(j.interfaces.length, 1);
  const i = j.interfaces[0];
  assert.deepEqual([i.name, i.type, i.nhrpPeers], ['Tunnel0', 'hub', 2]);
  assert.deepEqual(
    i.peers.map((p) => [p.nbma, p.tunnel, p.state, p.upDownSec, p.attributes, p.entries]),
    [
      ['192.168.123.2', '172.16.123.2', 'UP', 15, ['D'], 1],
      ['192.168.123.3', '172.16.123.3', 'UP', 15, ['D'], 1],
    ],
  );
  assert.deepEqual(i.peers[0].targets, [
    {
      network: '172.16.123.2/32',
      tunnel: '172.16.123.2',
      type: 'dynamic',
      state: 'UP',
      upDownSec: 15,
      attributes: ['D'],
    },
  ]);
  assert.deepEqual(json('sh dmvpn | json', st), j, '`| json` is the same');
});

test('show dmvpn JSON on a spoke: incomplete entry with a null NBMA, never up', () => {
  const j = json<DmvpnJson>('show dmvpn json', showState(SPOKE1_CFG, phase2(), 'spoke1'));
  const p = j.interfaces[0].peers;
  assert.equal(j.interfaces[0].type, 'spoke');
  assert.deepEqual(
    p.map((x) => x.nbma),
    ['192.168.123.1', '192.168.123.3', null],
  );
  assert.deepEqual(
    [p[2].state, p[2].upDownSec, p[2].attributes, p[2].targets[0].type],
    ['NHRP', null, ['I'], 'negative'],
  );
});

test('Phase 3: the shortcut is a second entry of the same peer, T1 (route installed), on a continuation row', () => {
  const net = phase3();
  const st = showState(SPOKE1_CFG, net, 'spoke1');
  assert.deepEqual(rows(runShow('show dmvpn', st)), [
    '     1 192.168.123.1      172.16.123.1    UP 00:00:08     S',
    '     2 192.168.123.3      172.16.123.3    UP 00:00:03     D',
    '                          172.16.123.3    UP 00:00:03   DT1',
  ]);
  const detail = runShow('show dmvpn detail', st);
  assert.deepEqual(rows(detail, '----- --------------- --------------- ----- -------- ----- -----------------'), [
    '    1 192.168.123.1      172.16.123.1    UP 00:00:08     S   172.16.123.1/32',
    '    2 192.168.123.3      172.16.123.3    UP 00:00:03     D   172.16.123.3/32',
    '                         172.16.123.3    UP 00:00:03   DT1        3.3.3.0/24',
  ]);
  const peer = json<DmvpnJson>('show dmvpn json', st).interfaces[0].peers[1];
  assert.deepEqual(
    [peer.entries, peer.attributes, peer.targets.map((t) => t.network)],
    [2, ['D', 'T1'], ['172.16.123.3/32', '3.3.3.0/24']],
  );
});

test('show dmvpn detail: interface state, NHS, Target Network, crypto not applicable', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const all = runShow('show dmvpn detail', st).split('\n');
  const at = all.indexOf('Interface Tunnel0 is up/up, Addr. is 172.16.123.2, VRF ""');
  assert.ok(at > 0);
  assert.deepEqual(all.slice(at + 1, at + 3), [
    '   Tunnel Src./Dest. addr: 192.168.123.2/MGRE, Tunnel VRF ""',
    '   Protocol/Transport: "multi-GRE/IP", Protect ""',
  ]);
  assert.ok(all.includes('IPv4 NHS:'));
  assert.ok(all.includes('Type:Spoke, Total NBMA Peers (v4/v6): 2'));
  assert.ok(all.includes('# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network'));
  assert.ok(all.includes('Crypto Session Details:'));
  assert.equal(all.filter((l) => l === '  Peer NBMA: 192.168.123.3, Tunnel: 172.16.123.3').length, 1);
  assert.equal(
    all.filter((l) => l === '  Crypto Session Status: n/a (no tunnel protection)').length,
    2,
    'one per peer with an NBMA address',
  );
  const j = json<DmvpnDetailJson>('show dmvpn detail json', st).interfaces[0];
  assert.deepEqual(
    [j.status, j.lineProtocol, j.address, j.source, j.destination, j.transport, j.protection],
    ['up', 'up', '172.16.123.2', '192.168.123.2', 'MGRE', 'multi-GRE/IP', null],
  );
  assert.deepEqual(
    j.nhs.map((n) => [n.address, n.state]),
    [['172.16.123.1', 'up']],
  );
  assert.deepEqual(j.peers[0].crypto, { active: false, reason: 'no tunnel protection' });
});

test('NAT: the hub sees the spoke at its outside address, attribute N', () => {
  const net = natted();
  const r = rows(runShow('show dmvpn', showState(HUB_CFG, net, 'hub')));
  assert.equal(r[0], '     1 203.0.113.2        172.16.123.2    UP 00:00:12    DN');
});

test('a tunnel without NHRP and a router without tunnels show the legend only', () => {
  const net = phase2();
  const st: ShowState = { ...showState(SPOKE1_CFG, net, 'spoke1'), interfaces: [] };
  const text = runShow('show dmvpn', st);
  assert.ok(!text.includes('Interface:'));
  assert.ok(text.startsWith('Legend:'));
  assert.deepEqual(json<DmvpnJson>('show dmvpn json', st), { interfaces: [] });
});

test('show dmvpn with an IPv6 NBMA: the address in upper case on its own line, the row below it', async () => {
  const { peerRows } = await import('../../../src/node/show/dmvpn.js');
  const target = {
    network: '172.16.0.12/32',
    tunnel: '172.16.0.12',
    type: 'dynamic' as const,
    state: 'UP' as const,
    upDownSec: 6,
    attributes: ['D'],
  };
  const peer = { nbma: '2001:db8:0:30::1', tunnel: '172.16.0.12', state: 'UP' as const, upDownSec: 6 };
  const short = { ...peer, nbma: '2001:db8:0:3::1', attributes: ['D'], entries: 1, targets: [target] };
  assert.deepEqual(peerRows([{ ...peer, attributes: ['D'], entries: 1, targets: [target] }, short], 6), [
    '     1 2001:DB8:0:30::1',
    '                           172.16.0.12    UP 00:00:06     D',
    '     1 2001:DB8:0:3::1     172.16.0.12    UP 00:00:06     D',
  ]);
});
