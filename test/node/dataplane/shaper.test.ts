/** The QoS shaper: shape average smooths to the rate (queues, does not drop), priority first, bandwidth shares. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { compilePolicy } from '../../../src/node/dataplane/qos-policy.js';
import { Shaper } from '../../../src/node/dataplane/shaper.js';

const CFG = `
class-map match-any VOICE
 match dscp ef
class-map match-all DATA
 match ip precedence 1
policy-map CHILD
 class VOICE
  priority percent 20
 class DATA
  bandwidth remaining percent 50
policy-map SHAPE_1M
 class class-default
  shape average 1000000
   service-policy CHILD
`;

/** A GRE packet (4-byte header) around an IPv4 packet of `size` bytes with this DSCP. */
function packet(size: number, dscp = 0): { nbma: number; bytes: Uint8Array } {
  const b = new Uint8Array(4 + size);
  b[4] = 0x45;
  b[5] = dscp << 2;
  b[13] = 17;
  return { nbma: 1, bytes: b };
}

function shaper(): Shaper {
  const r = parseConfig(CFG);
  assert.deepEqual(r.errors, []);
  return new Shaper(compilePolicy(r.config.qos, 'SHAPE_1M')!, 4, 0);
}

/** Offers `count` packets at t=0, then pulls every ms until `untilMs`; returns bytes sent per class name. */
function run(s: Shaper, offers: Array<{ size: number; dscp: number }>, untilMs: number): number[] {
  const sentAt: number[] = [];
  for (const o of offers) s.offer(0, packet(o.size, o.dscp));
  for (let t = 0; t <= untilMs; t++) for (let p = s.pull(t); p; p = s.pull(t)) sentAt.push(t);
  return sentAt;
}

describe('QoS shaper', () => {
  it('compiles the parent shape and the child classes (priority percent of the shape rate)', () => {
    const p = compilePolicy(parseConfig(CFG).config.qos, 'SHAPE_1M')!;
    assert.equal(p.shapeBps, 1_000_000);
    assert.deepEqual(
      p.classes.map((c) => [c.name, c.priority, c.rateBps]),
      [
        ['VOICE', true, 200_000],
        ['DATA', false, 0],
        ['class-default', false, 0],
      ],
    );
  });

  it('queues a burst and sends it at the shape rate instead of dropping it', () => {
    const s = shaper();
    const offers = Array.from({ length: 40 }, () => ({ size: 1476, dscp: 0 }));
    const sentAt = run(s, offers, 2000);
    assert.equal(sentAt.length, 40, 'nothing dropped: the queue holds 64 packets');
    const st = s.stats();
    assert.equal(st.classes.find((c) => c.name === 'class-default')!.queueDrops, 0);
    // 40 packets of 1500 bytes on the wire at 1 Mbit/s: 480 ms, less the initial burst
    const bytes = 40 * 1500;
    const expectMs = ((bytes - st.burstBytes) * 8) / 1000;
    const last = sentAt[sentAt.length - 1]!;
    assert.ok(Math.abs(last - expectMs) <= 15, `last packet at ${last} ms, expected about ${expectMs} ms`);
  });

  it('drops at the tail only when the queue limit is reached', () => {
    const s = shaper();
    const offers = Array.from({ length: 100 }, () => ({ size: 1476, dscp: 0 }));
    const sent = run(s, offers, 5000).length;
    const d = s.stats().classes.find((c) => c.name === 'class-default')!;
    assert.equal(d.queueDrops + sent, 100);
    assert.ok(d.queueDrops > 0 && d.queueDrops <= 100 - 64);
  });

  it('sends priority traffic ahead of queued best effort', () => {
    const s = shaper();
    for (let i = 0; i < 20; i++) s.offer(0, packet(1476, 0));
    s.offer(0, packet(200, 46));
    const order: number[] = [];
    for (let t = 0; t < 1000; t++) for (let p = s.pull(t); p; p = s.pull(t)) order.push(p.bytes[5]! >> 2);
    assert.ok(order.indexOf(46) <= 1, `the EF packet left at position ${order.indexOf(46)}`);
  });

  it('wakeAt names when the next packet may leave', () => {
    const s = shaper();
    for (let i = 0; i < 10; i++) s.offer(0, packet(1476, 0));
    while (s.pull(0)) {}
    const at = s.wakeAt(0)!;
    assert.ok(at > 0 && at <= 13, `next at ${at} ms (1500 bytes at 1 Mbit/s = 12 ms)`);
    assert.equal(s.pull(at - 0.5), undefined);
    assert.ok(s.pull(at));
  });
});
