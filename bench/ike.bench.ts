/**
 * IKEv2 set-up time in memory: two engines (../test/ike/pair.ts) run IKE_SA_INIT + IKE_AUTH to an IKE SA and its
 * first child SA, per DH group and cipher family; both sides' work counts (one process, one core).
 */
import { performance } from 'node:perf_hooks';
import type { DhGroup, EncrName, IntegName } from '../src/ike/index.js';
import { B, Pair } from '../test/helpers/ike-pair.js';

export const name = 'ike: IKEv2 set-up in memory';

const RUNS = 60;

function once(encr: EncrName, integ: IntegName | undefined, dh: DhGroup): number {
  const peer = {
    ike: [{ encr: [encr], prf: ['sha256' as const], integ: integ ? [integ] : [], dh: [dh] }],
    esp: [{ encr: [encr], integ: integ ? [integ] : [] }],
  };
  const p = new Pair(peer, peer, { a: {}, b: {} });
  const t0 = performance.now();
  p.take('a', p.a.initiate(0, B));
  p.settle();
  const ms = performance.now() - t0;
  if (p.of('a', 'childUp').length !== 1 || p.of('b', 'childUp').length !== 1) throw new Error('no child SA');
  return ms;
}

/** Prints the median set-up time per DH group, for AES-GCM-16-256 and AES-CBC-256 + HMAC-SHA-256-128. */
export async function run(): Promise<void> {
  for (const [label, encr, integ] of [
    ['AES-GCM-16-256', 'aes-gcm-16-256', undefined],
    ['AES-CBC-256/SHA-256', 'aes-cbc-256', 'sha256-128'],
  ] as const) {
    for (const dh of [14, 19, 31] as DhGroup[]) {
      for (let i = 0; i < 5; i++) once(encr, integ, dh);
      const t = Array.from({ length: RUNS }, () => once(encr, integ, dh)).sort((x, y) => x - y);
      const med = t[RUNS >> 1];
      process.stdout.write(
        `  ${label.padEnd(20)} DH ${String(dh).padEnd(3)} median ${med.toFixed(2)} ms ` +
          `(p90 ${t[Math.floor(RUNS * 0.9)].toFixed(2)} ms),` +
          ` ${Math.round(1000 / med)} set-ups/s (both sides)\n`,
      );
    }
  }
}
