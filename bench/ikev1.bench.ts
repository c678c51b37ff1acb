/**
 * IKEv1 set-up time in memory: two engines (../test/ikev1/harness.ts) run main mode + quick mode to an ISAKMP SA
 * and its first IPsec SA, per DH group, for ESP AES-GCM-16-256 with PFS and AES-CBC-256/HMAC-SHA-256 without;
 * phase 1 AES-256/SHA-256. Both sides' work counts (one process, one core).
 */
import { performance } from 'node:perf_hooks';
import type { EspOffer, V1Group } from '../src/ikev1/index.js';
import { base, Pair } from '../test/ikev1/harness.js';

export const name = 'ikev1: IKEv1 main mode + quick mode in memory';

const RUNS = 60;

function once(esp: EspOffer, group: V1Group, pfs: boolean): number {
  const cfg = (local: string) => ({
    ...base(local),
    policies: [{ priority: 10, encr: 'aes-256' as const, hash: 'sha256' as const, group, lifetime: 86400 }],
    esp: [esp],
    ...(pfs ? { pfs: group } : {}),
  });
  const p = new Pair(cfg('192.0.2.1'), cfg('192.0.2.2'));
  const t0 = performance.now();
  p.deliver(p.a, p.a.engine.initiate(p.now, '192.0.2.2'));
  const ms = performance.now() - t0;
  if (p.of(p.a, 'childUp').length !== 1 || p.of(p.b, 'childUp').length !== 1) throw new Error('no IPsec SA');
  return ms;
}

/** Prints the median set-up time per DH group and ESP suite. */
export async function run(): Promise<void> {
  for (const [label, esp, pfs] of [
    ['AES-GCM-16-256 + PFS', { encr: 'aes-gcm-16-256' }, true],
    ['AES-CBC-256/SHA-256', { encr: 'aes-cbc-256', integ: 'sha256-128' }, false],
  ] as const) {
    for (const g of [14, 19, 31] as V1Group[]) {
      for (let i = 0; i < 5; i++) once(esp, g, pfs);
      const t = Array.from({ length: RUNS }, () => once(esp, g, pfs)).sort((x, y) => x - y);
      const med = t[RUNS >> 1];
      process.stdout.write(
        `  ${label.padEnd(22)} DH ${String(g).padEnd(3)} median ${med.toFixed(2)} ms ` +
          `(p90 ${t[Math.floor(RUNS * 0.9)].toFixed(2)} ms), ${Math.round(1000 / med)} set-ups/s (both sides)\n`,
      );
    }
  }
}
