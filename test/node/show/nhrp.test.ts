import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderShow, runShow, type ShowState } from '../../../src/node/show/index.js';
import type { NhrpJson } from '../../../src/node/show/nhrp.js';
import type { NhsListJson } from '../../../src/node/show/nhs.js';
import type { NhrpTrafficJson } from '../../../src/node/show/traffic.js';
import { Net, showState, SPOKE1, spokeConfig } from '../../helpers/show-engines.js';
import { HUB_CFG, natted, phase2, phase3, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

function json<T>(command: string, state: ShowState): T {
  const r = renderShow(command, state);
  assert.ok('json' in r, `${command} gave JSON`);
  return r.json as T;
}

/** The block of `show ip nhrp` lines that starts with `first`. */
function block(text: string, first: string): string[] {
  const all = text.split('\n');
  const at = all.indexOf(first);
  assert.ok(at >= 0, `'${first}' in:\n${text}`);
  let end = at + 1;
  while (end < all.length && all[end].startsWith('   ')) end++;
  return all.slice(at, end);
}

test('show ip nhrp on the hub: registered spokes, unique registered, expiry counting down', () => {
  const st = showState(HUB_CFG, phase2(), 'hub');
  assert.deepEqual(block(runShow('show ip nhrp', st), '172.16.123.2/32 via 172.16.123.2'), [
    '172.16.123.2/32 via 172.16.123.2',
    '   Tunnel0 created 00:00:15, expire 01:59:45',
    '   Type: dynamic, Flags: unique registered nhop',
    '   NBMA address: 192.168.123.2',
  ]);
});

test('show ip nhrp on a spoke: static hub never expires, resolved spoke, incomplete negative entry', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const text = runShow('sh ip nhrp', st);
  assert.deepEqual(block(text, '172.16.123.1/32 via 172.16.123.1'), [
    '172.16.123.1/32 via 172.16.123.1',
    '   Tunnel0 created 00:00:15, never expire',
    '   Type: static, Flags:',
    '   NBMA address: 192.168.123.1',
  ]);
  assert.deepEqual(block(text, '172.16.123.3/32 via 172.16.123.3').slice(1, 3), [
    '   Tunnel0 created 00:00:05, expire 01:59:55',
    '   Type: dynamic, Flags: router',
  ]);
  const neg = block(text, '172.16.123.99/32');
  assert.equal(neg[2], '   Type: incomplete, Flags: negative');
  assert.match(neg[1], /^ {3}Tunnel0 created 00:00:05, expire 00:0\d:\d\d$/);
  assert.ok(!neg.some((l) => l.includes('NBMA address')), 'no NBMA address for an unresolved entry');
  // entries come in address order
  const heads = text.split('\n').filter((l) => /^\d/.test(l));
  assert.deepEqual(heads, ['172.16.123.1/32 via 172.16.123.1', '172.16.123.3/32 via 172.16.123.3', '172.16.123.99/32']);
});

test('show ip nhrp detail adds the origin; Cache hits shows when the engine counts them', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const text = runShow('show ip nhrp detail', st);
  assert.equal(block(text, '172.16.123.3/32 via 172.16.123.3').at(-1), '   Origin: resolution');
  assert.equal(block(text, '172.16.123.1/32 via 172.16.123.1').at(-1), '   Origin: static');
  const snap = st.interfaces[0].snapshot!;
  const counted: ShowState = {
    ...st,
    interfaces: [
      {
        ...st.interfaces[0],
        snapshot: { ...snap, cache: snap.cache.map((e) => (e.type === 'negative' ? { ...e, cacheHits: 4 } : e)) },
      },
    ],
  };
  assert.equal(block(runShow('show ip nhrp', counted), '172.16.123.99/32')[3], '   Cache hits: 4');
});

test('show ip nhrp under NAT: the outside address, then the claimed one; flags nat', () => {
  const text = runShow('show ip nhrp', showState(HUB_CFG, natted(), 'hub'));
  assert.deepEqual(block(text, '172.16.123.2/32 via 172.16.123.2').slice(2), [
    '   Type: dynamic, Flags: unique nat registered nhop',
    '   NBMA address: 203.0.113.2',
    '    (Claimed NBMA address: 192.168.123.2)',
  ]);
});

test('show ip nhrp on a Phase 3 spoke: the shortcut prefix via the remote spoke, flag rib', () => {
  const st = showState(SPOKE1_CFG, phase3(), 'spoke1');
  assert.deepEqual(block(runShow('show ip nhrp', st), '3.3.3.0/24 via 172.16.123.3').slice(1), [
    '   Tunnel0 created 00:00:03, expire 01:59:57',
    '   Type: dynamic, Flags: router rib',
    '   NBMA address: 192.168.123.3',
  ]);
  const e = json<NhrpJson>('show ip nhrp json', st).interfaces[0].entries.find((x) => x.network === '3.3.3.0/24');
  assert.deepEqual(e, {
    network: '3.3.3.0/24',
    prefix: '3.3.3.0',
    prefixLength: 24,
    via: '172.16.123.3',
    nbma: '192.168.123.3',
    claimedNbma: null,
    type: 'dynamic',
    flags: ['router', 'rib'],
    origin: 'resolution',
    createdSec: 3,
    expiresInSec: 7197,
    group: null,
    cacheHits: null,
    preference: null,
  });
});

test('show ip nhrp nhs [detail]: legend, R flag, counters and last reply age', () => {
  const net = phase2();
  const st = showState(SPOKE1_CFG, net, 'spoke1');
  assert.equal(
    runShow('show ip nhrp nhs', st),
    'Legend: E=Expecting replies, R=Responding, W=Waiting\nTunnel0:\n172.16.123.1  R NBMA Address: 192.168.123.1 priority = 0 cluster = 0\n',
  );
  const line = runShow('sh ip nhrp nhs detail', st).split('\n')[2];
  assert.equal(
    line,
    '172.16.123.1  R NBMA Address: 192.168.123.1 priority = 0 cluster = 0  req-sent 1  req-failed 0  repl-recv 1 (00:00:15 ago)',
  );
  const j = json<NhsListJson>('show ip nhrp nhs json', st).interfaces[0].nhs[0];
  assert.deepEqual(
    [j.address, j.nbma, j.state, j.flags, j.requestsSent, j.repliesReceived, j.lastReplySecAgo],
    ['172.16.123.1', '192.168.123.1', 'up', 'R', 1, 1, 15],
  );
  // the hub has no NHS: legend only
  assert.equal(
    runShow('show ip nhrp nhs', showState(HUB_CFG, net, 'hub')),
    'Legend: E=Expecting replies, R=Responding, W=Waiting\n',
  );
});

test('show ip nhrp nhs with the hub gone: E and W, failed requests, no reply age; show dmvpn says NHRP', () => {
  const net = new Net();
  net.add('spoke1', spokeConfig(SPOKE1));
  net.runTo(10);
  const st = showState(SPOKE1_CFG, net, 'spoke1');
  const line = runShow('show ip nhrp nhs detail', st).split('\n')[2];
  assert.match(
    line,
    /^172\.16\.123\.1 {2}EW NBMA Address: 192\.168\.123\.1 priority = 0 cluster = 0 {2}req-sent (\d+) {2}req-failed (\d+) {2}repl-recv 0$/,
  );
  const j = json<NhsListJson>('show ip nhrp nhs json', st).interfaces[0].nhs[0];
  assert.deepEqual([j.state, j.flags, j.lastReplySecAgo, j.repliesReceived], ['down', 'EW', null, 0]);
  assert.ok(j.requestsFailed > 0 && j.requestsSent > j.requestsFailed - 1);
  assert.ok(line.includes(`req-sent ${j.requestsSent}  req-failed ${j.requestsFailed}`));
  assert.match(runShow('show dmvpn', st), /\n {5}1 192\.168\.123\.1 {6}172\.16\.123\.1 {2}NHRP 00:00:10 {5}S\n/);
});

test('show ip nhrp traffic: IOS three-per-line layout, totals, and drops by reason', () => {
  const net = phase2();
  const st = showState(SPOKE1_CFG, net, 'spoke1');
  const all = runShow('show ip nhrp traffic', st).split('\n');
  assert.deepEqual(all.slice(0, 9), [
    'Tunnel0: Max-send limit:5Pkts/10Sec, Usage:0%',
    '   Sent: Total 3',
    '         2 Resolution Request  0 Resolution Reply  1 Registration Request',
    '         0 Registration Reply  0 Purge Request  0 Purge Reply',
    '         0 Error Indication  0 Traffic Indication  0 Redirect Suppress',
    '   Rcvd: Total 3',
    '         0 Resolution Request  2 Resolution Reply  0 Registration Request',
    '         1 Registration Reply  0 Purge Request  0 Purge Reply',
    '         0 Error Indication  0 Traffic Indication  0 Redirect Suppress',
  ]);
  assert.equal(all[9], '   Dropped: Total 0');
  // a packet that is not NHRP at all is dropped as malformed and listed by reason
  net.input('spoke1', (e, now) => e.receive(now, Uint8Array.of(1, 2, 3), '192.0.2.66'));
  const after = showState(SPOKE1_CFG, net, 'spoke1');
  const text = runShow('show ip nhrp traffic', after);
  assert.match(text, /\n {3}Dropped: Total 1\n {9}1 Malformed\n/);
  const j = json<NhrpTrafficJson>('show ip nhrp traffic json', after).interfaces[0];
  assert.deepEqual(
    [
      j.sent.total,
      j.sent.resolutionRequest,
      j.received.registrationReply,
      j.dropped.total,
      j.dropped.reasons.malformed,
    ],
    [3, 2, 1, 1, 1],
  );
  assert.equal(j.maxSend.count, 5);
});

test('show ip nhrp traffic on a Phase 3 hub: the Traffic Indication it sent and its max-send usage', () => {
  const text = runShow('show ip nhrp traffic', showState(HUB_CFG, phase3(), 'hub'));
  assert.match(text, /^Tunnel0: Max-send limit:5Pkts\/10Sec, Usage:20%\n/);
  assert.match(text, /\n {9}0 Error Indication {2}1 Traffic Indication {2}0 Redirect Suppress\n {3}Rcvd/);
});
