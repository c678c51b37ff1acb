/**
 * QoS shaper cost: one 1400-byte GRE packet copied, classified (a three-class child policy), queued and
 * sent by a shaper whose rate never holds it back, so the figure is the per-packet CPU the shaper adds.
 */
import { parseConfig } from '../src/node/config/parse.js';
import { compilePolicy } from '../src/node/dataplane/qos-policy.js';
import { Shaper } from '../src/node/dataplane/shaper.js';
import { fmt, rate } from './rate.js';

export const name = 'qos: shaper per packet';

const CONFIG = `class-map match-any VOICE
 match dscp ef
class-map match-any VIDEO
 match dscp af41
policy-map CHILD
 class VOICE
  priority percent 20
 class VIDEO
  bandwidth percent 30
 class class-default
  bandwidth remaining percent 100
policy-map P
 class class-default
  shape average 10000000000
   service-policy CHILD
`;

/** Prints packets/s through the shaper (copy, classify, queue, pull) on one core. */
export async function run(): Promise<void> {
  const policy = compilePolicy(parseConfig(CONFIG).config.qos, 'P')!;
  const frame = new Uint8Array(8 + 1400);
  frame[8] = 0x45;
  frame[9] = 34 << 2;
  const s = new Shaper(policy, 8, 0);
  let t = 0;
  let sent = 0;
  const r = rate(() => {
    s.offer(t, { nbma: 1, bytes: frame.slice() });
    for (let p = s.pull(t); p !== undefined; p = s.pull(t)) sent++;
    t += 0.002;
  });
  process.stdout.write(`  shaper (copy, classify, queue, send) ${fmt(r)} (${sent} sent)\n`);
}
