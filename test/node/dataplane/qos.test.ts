/** The data plane with per-peer QoS: frames to a shaped peer wait in its shaper and leave on its timer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { compilePolicy } from '../../../src/node/dataplane/qos-policy.js';
import type { QosTimers } from '../../../src/node/dataplane/tunnel.js';
import { ethernet, ipv4, rig, TAP_MAC } from '../../helpers/frames.js';

const POLICY = compilePolicy(
  parseConfig(`policy-map SHAPE-1M
 class class-default
  shape average 1000000
`).config.qos,
  'SHAPE-1M',
)!;

/** Timers the test fires by hand. */
function manualTimers() {
  const armed: Array<{ fn: () => void; ms: number } | undefined> = [];
  const timers: QosTimers = {
    set: (fn, ms) => armed.push({ fn, ms }) - 1,
    clear: (h) => {
      armed[h as number] = undefined;
    },
  };
  const fire = (): number | undefined => {
    const i = armed.findIndex((t) => t !== undefined);
    if (i < 0) return undefined;
    const t = armed[i]!;
    armed[i] = undefined;
    t.fn();
    return t.ms;
  };
  return { timers, fire, pending: () => armed.filter((t) => t !== undefined).length };
}

test('a shaped peer gets its burst at once, the rest on the timer at the rate; others are not held', () => {
  const t = manualTimers();
  const { dp, tap, socket, nhrp, clock } = rig({ key: 7 }, { timers: t.timers });
  nhrp.map.set('10.0.0.2', '198.51.100.2');
  nhrp.map.set('10.0.0.3', '203.0.113.3');
  dp.setPeerPolicy('198.51.100.2', POLICY, 'GROUP-1M');
  const toSpoke = ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.9.9.9', '10.0.0.2', 1, 1372));
  for (let i = 0; i < 10; i++) tap.inject(toSpoke);
  tap.inject(ethernet('02:dd:0a:00:00:03', TAP_MAC, 0x0800, ipv4('10.9.9.9', '10.0.0.3', 1, 100)));
  const sentTo = (d: string) => socket.sent.filter((p) => p.dst === d).length;
  assert.equal(sentTo('203.0.113.3'), 1, 'the unshaped peer is not held');
  // 1400-byte packets on the wire; 3125 bytes of burst: 3 leave now (the third borrows), 7 wait
  assert.equal(sentTo('198.51.100.2'), 3);
  assert.equal(t.pending(), 1, 'one timer armed');
  for (let n = 0; n < 7; n++) {
    clock.now += 12; // 1400 bytes at 1 Mbit/s = 11.2 ms
    assert.ok(t.fire() !== undefined);
  }
  assert.equal(sentTo('198.51.100.2'), 10, 'nothing dropped: the queue held them');
  const q = dp.stats().qos!;
  assert.equal(q.length, 1);
  assert.equal(q[0]!.nbma, '198.51.100.2');
  assert.equal(q[0]!.group, 'GROUP-1M');
  assert.equal(q[0]!.shaper.sentPackets, 10);
  assert.equal(q[0]!.shaper.delayedPackets, 7);
  assert.equal(dp.stats().peers.find((p) => p.nbma === '198.51.100.2')!.packetsOut, 10);
});

test('removing the policy stops the timer; traffic flows unshaped again', () => {
  const t = manualTimers();
  const { dp, tap, socket, nhrp } = rig({}, { timers: t.timers });
  nhrp.map.set('10.0.0.2', '198.51.100.2');
  dp.setPeerPolicy('198.51.100.2', POLICY, 'G');
  const f = ethernet('02:dd:0a:00:00:02', TAP_MAC, 0x0800, ipv4('10.9.9.9', '10.0.0.2', 1, 1372));
  for (let i = 0; i < 5; i++) tap.inject(f);
  assert.equal(t.pending(), 1);
  dp.setPeerPolicy('198.51.100.2', undefined);
  assert.equal(t.pending(), 0);
  const before = socket.sent.length;
  for (let i = 0; i < 5; i++) tap.inject(f);
  assert.equal(socket.sent.length, before + 5);
  assert.equal(dp.stats().qos, undefined);
});
