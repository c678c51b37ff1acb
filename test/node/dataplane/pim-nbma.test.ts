/** `ip pim nbma-mode` in the data plane: joins read from spokes' PIM messages decide who gets a group. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeIpv4, makeIpv4 } from '../../../src/wire/ipv4.js';
import { parseIpv4 } from '../../../src/wire/ipv4-addr.js';
import { decodePimJoinPrune, encodePimJoinPrune, type PimJoinPrune } from '../../../src/wire/pim.js';
import { PimNbmaTable } from '../../../src/node/dataplane/pim-nbma.js';
import { ethernet, rig, TAP_MAC } from '../../helpers/frames.js';

const a = (s: string): number => parseIpv4(s)!;
const RP = a('10.0.255.1');
const G = a('239.1.1.1');

/** A (*,G) join (or prune) for G from a spoke, to upstream 10.0.0.1. */
function starJoin(prune = false, holdtime = 210, upstream = '10.0.0.1'): PimJoinPrune {
  const src = { address: RP, maskLength: 32, sparse: true, wildcard: true, rpt: true };
  return {
    upstream: a(upstream),
    holdtime,
    groups: [{ group: G, maskLength: 32, joins: prune ? [] : [src], prunes: prune ? [src] : [] }],
  };
}

/** GRE payload (IPv4 protocol type, no key) carrying an IPv4 packet. */
function gre(ip: Uint8Array): Uint8Array {
  const b = new Uint8Array(4 + ip.length);
  b[2] = 0x08;
  b.set(ip, 4);
  return b;
}

const pimPacket = (from: string, m: PimJoinPrune): Uint8Array =>
  encodeIpv4(makeIpv4({ src: from, dst: '224.0.0.13', protocol: 103, id: 1, ttl: 1, payload: encodePimJoinPrune(m) }));
const data = (ttl = 15): Uint8Array =>
  encodeIpv4(makeIpv4({ src: '10.1.1.10', dst: '239.1.1.1', protocol: 17, id: 7, ttl, payload: new Uint8Array(16) }));

test('Join/Prune round trip: (*,G) join with WC and RPT bits, holdtime, upstream', () => {
  const m = starJoin();
  assert.deepEqual(decodePimJoinPrune(encodePimJoinPrune(m)), m);
  const bad = encodePimJoinPrune(m);
  bad[20] ^= 1;
  assert.throws(() => decodePimJoinPrune(bad), { code: 'BAD_CHECKSUM' });
  assert.throws(() => decodePimJoinPrune(encodePimJoinPrune(m).subarray(0, 20)), { code: 'BAD_CHECKSUM' });
});

test('the table: a join lasts its holdtime, a prune ends it', () => {
  const t = new PimNbmaTable(a('10.0.0.1'));
  t.apply(a('192.0.2.2'), starJoin(), 0);
  assert.equal(t.wants(a('192.0.2.2'), a('10.1.1.10'), G, 1000), true);
  assert.equal(t.wants(a('192.0.2.2'), a('10.1.1.10'), G, 211_000), false);
  t.apply(a('192.0.2.2'), starJoin(true), 2000);
  assert.equal(t.wants(a('192.0.2.2'), a('10.1.1.10'), G, 3000), false);
  // an (S,G,rpt) prune takes S off the shared tree of that peer only
  t.apply(a('192.0.2.4'), starJoin(), 0);
  t.apply(
    a('192.0.2.4'),
    {
      upstream: a('10.0.0.1'),
      holdtime: 210,
      groups: [
        {
          group: G,
          maskLength: 32,
          joins: [],
          prunes: [{ address: a('10.1.1.10'), maskLength: 32, sparse: true, wildcard: false, rpt: true }],
        },
      ],
    },
    0,
  );
  assert.equal(t.wants(a('192.0.2.4'), a('10.1.1.10'), G, 1000), false);
  assert.equal(t.wants(a('192.0.2.4'), a('10.1.2.10'), G, 1000), true);
});

test('nbma-mode hub: a spoke’s stream goes on to the spokes that joined, TTL decremented; kernel multicast only to them', () => {
  const { socket, nhrp, tap, dp } = rig({ pimNbmaMode: true });
  nhrp.multicast = ['198.51.100.1', '203.0.113.1', '198.51.100.129'];
  // spoke2 (203.0.113.1) joins G through the hub; spoke3 does not
  socket.receive('203.0.113.1', gre(pimPacket('10.0.0.12', starJoin())));
  // spoke3's join names another upstream router: not this hub's
  socket.receive('198.51.100.129', gre(pimPacket('10.0.0.13', starJoin(false, 210, '10.0.0.9'))));
  assert.equal(dp.stats().pimNbma?.joinPrunesIn, 1);
  assert.deepEqual(
    dp.stats().pimNbma?.joins.map((j) => [j.group, j.nbma, j.neighbor]),
    [['239.1.1.1', '203.0.113.1', '10.0.0.12']],
  );
  // spoke1 (198.51.100.1) sends the stream: into the TAP, and one copy to spoke2
  socket.receive('198.51.100.1', gre(data(15)));
  assert.equal(tap.written.length, 3);
  const out = socket.sent.filter((p) => p.bytes[4 + 16] === 239);
  assert.deepEqual(
    out.map((p) => p.dst),
    ['203.0.113.1'],
  );
  assert.equal(out[0]!.bytes[4 + 8], 14, 'TTL decremented');
  // the kernel forwards G out of the tunnel: only spoke2 gets it; a link-local hello goes to every spoke
  socket.sent.length = 0;
  tap.inject(ethernet('01:00:5e:01:01:01', TAP_MAC, 0x0800, data()));
  tap.inject(ethernet('01:00:5e:00:00:0d', TAP_MAC, 0x0800, pimPacket('10.0.0.1', starJoin(false, 0))));
  assert.deepEqual(
    socket.sent.map((p) => p.dst),
    ['203.0.113.1', '198.51.100.1', '203.0.113.1', '198.51.100.129'],
  );
  // a packet with TTL 1 is not sent on
  socket.sent.length = 0;
  socket.receive('198.51.100.1', gre(data(1)));
  assert.equal(socket.sent.length, 0);
});

test('without nbma-mode: kernel multicast goes to every mapped peer, and a spoke’s stream is not sent back out', () => {
  const { socket, nhrp, dp } = rig();
  nhrp.multicast = ['198.51.100.1', '203.0.113.1', '198.51.100.129'];
  socket.receive('203.0.113.1', gre(pimPacket('10.0.0.12', starJoin())));
  socket.receive('198.51.100.1', gre(data()));
  assert.equal(socket.sent.length, 0);
  assert.equal(dp.stats().pimNbma, undefined);
});
