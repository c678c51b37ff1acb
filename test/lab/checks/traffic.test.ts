import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  longestSilenceMs,
  parsePingReplies,
  parsePingSummary,
  parseUnanswered,
  streamResult,
} from '../../../src/lab/checks/traffic.js';

const STREAM = `PING 10.1.2.10 (10.1.2.10) 56(84) bytes of data.
[1700000000.000100] 64 bytes from 10.1.2.10: icmp_seq=1 ttl=62 time=0.512 ms
[1700000000.020200] 64 bytes from 10.1.2.10: icmp_seq=2 ttl=62 time=0.401 ms
From 10.1.1.1 icmp_seq=3 Destination Net Unreachable
[1700000000.060300] no answer yet for icmp_seq=4
[1700000000.080300] no answer yet for icmp_seq=5
[1700000000.100300] no answer yet for icmp_seq=6
[1700000000.101000] 64 bytes from 10.1.2.10: icmp_seq=6 ttl=62 time=21.1 ms
[1700000001.500000] 64 bytes from 10.1.2.10: icmp_seq=77 ttl=62 time=0.9 ms
[1700000001.520000] 64 bytes from 10.1.2.10: icmp_seq=78 ttl=62 time=0.9 ms

--- 10.1.2.10 ping statistics ---
80 packets transmitted, 4 received, +1 errors, 95% packet loss, time 1600ms
`;

describe('check: ping output', () => {
  it('reads the summary of a counted ping', () => {
    assert.deepEqual(
      parsePingSummary(
        '5 packets transmitted, 4 received, 20% packet loss, time 801ms\nrtt min/avg/max/mdev = 0.301/0.455/0.611/0.100 ms\n',
      ),
      { sent: 5, received: 4, rttAvgMs: 0.455 },
    );
    assert.deepEqual(parsePingSummary('3 packets transmitted, 0 received, 100% packet loss, time 2050ms\n'), {
      sent: 3,
      received: 0,
      rttAvgMs: null,
    });
  });

  it('reads a stream: replies with their arrival times, echoes never answered, the longest silence', () => {
    const replies = parsePingReplies(STREAM);
    assert.deepEqual(
      replies.map((r) => r.seq),
      [1, 2, 6, 77, 78],
    );
    assert.equal(replies[3]!.atMs, 1_700_000_001_500);
    assert.deepEqual(parseUnanswered(STREAM), [4, 5, 6]);
    const s = streamResult(replies, parseUnanswered(STREAM), 1_700_000_000_000, 1_700_000_001_600, 20);
    assert.equal(s.lastSeq, 78);
    assert.equal(s.sent, 78);
    assert.equal(streamResult([], [1, 2, 3], 0, 100, 20).sent, 3);
    assert.equal(s.lost, 2);
    assert.equal(longestSilenceMs(s), 1399);
    assert.equal(longestSilenceMs(streamResult([], [], 0, 250, 20)), 250);
  });

  it('reads the replies of an IPv6 stream (colons in the address)', () => {
    const v6 = `PING 2001:db8:1:1::10(2001:db8:1:1::10) 56 data bytes
[1700000000.000100] 64 bytes from 2001:db8:1:1::10: icmp_seq=1 ttl=62 time=0.512 ms
[1700000000.020200] no answer yet for icmp_seq=2
[1700000000.040300] 64 bytes from 2001:db8:1:1::10: icmp_seq=3 ttl=62 time=0.401 ms
`;
    assert.deepEqual(
      parsePingReplies(v6).map((r) => r.seq),
      [1, 3],
    );
    assert.deepEqual(parseUnanswered(v6), [2]);
  });
});
