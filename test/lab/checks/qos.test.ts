/** The qos check's pure parts: reading iperf3's receiver intervals, and which spokes a hub shapes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IPERF_DATAGRAM, parseIperf, qosTargets } from '../../../src/lab/checks/qos.js';
import type { RouterView } from '../../../src/lab/checks/view.js';
import { parseConfig } from '../../../src/node/config/parse.js';

test('parseIperf: the receiver payload rate up to the sender end, and with the shaper-counted headers', () => {
  const out = JSON.stringify({
    server_output_json: {
      intervals: [
        { sum: { start: 0, end: 1, bytes: 120_000 } },
        { sum: { start: 1, end: 2, bytes: 121_000 } },
        { sum: { start: 2, end: 3, bytes: 119_000 } },
        { sum: { start: 3, end: 3.7, bytes: 80_000 } },
      ],
      end: { sum: { lost_percent: 21.5 } },
    },
  });
  const r = parseIperf(out, 56)!;
  assert.equal(r.seconds, 3);
  assert.equal(r.goodputBps, (360_000 * 8) / 3);
  assert.equal(r.wireBps, r.goodputBps * ((IPERF_DATAGRAM + 56) / IPERF_DATAGRAM));
  assert.equal(r.lostPercent, 21.5);
  assert.equal(parseIperf('iperf3: error - unable to connect', 56), undefined);
  assert.equal(parseIperf(JSON.stringify({ server_output_text: 'x' }), 56), undefined);
});

const router = (name: string, text: string): RouterView =>
  ({ name, config: parseConfig(text).config, role: 'hub' }) as unknown as RouterView;

test('qosTargets: spokes whose group the hub maps to a policy, with its shape rate', () => {
  const hub = router(
    'hub',
    `policy-map SHAPE-1M
 class class-default
  shape average 1000000
policy-map FLAT
 class class-default
  bandwidth percent 50
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp map group G1 service-policy output SHAPE-1M
 ip nhrp map group G2 service-policy output FLAT
`,
  );
  const spoke = (name: string, group?: string) =>
    router(
      name,
      `interface Tunnel0\n ip address 172.16.0.9 255.255.255.0\n${group ? ` ip nhrp group ${group}\n` : ''}`,
    );
  const t = qosTargets([hub], [spoke('s1', 'G1'), spoke('s2', 'G2'), spoke('s3', 'OTHER'), spoke('s4')]);
  assert.deepEqual(
    t.map((x) => [x.spoke.name, x.group, x.policy, x.shapeBps]),
    [
      ['s1', 'G1', 'SHAPE-1M', 1_000_000],
      ['s2', 'G2', 'FLAT', undefined],
    ],
  );
});
