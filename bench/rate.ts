/** Shared by the benches: how many times a function runs per second, on the wall clock and per CPU second. */

/**
 * Calls `fn` for about `ms` milliseconds (after `warmup` calls). Returns calls per wall-clock second and per
 * CPU second of this process; the second is the one-core figure when other work shares the machine.
 */
export function rate(fn: () => unknown, ms = 1500, warmup = 100_000): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  const batch = Math.max(1, Math.min(10_000, warmup / 10));
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) fn();
    n += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: (n * 1e9) / Number(elapsed), cpu: (n * 1e6) / (cpu.user + cpu.system) };
}

const num = (r: number): string => Math.round(r).toLocaleString('en-US').padStart(10);

/** "  612,345 packets/s wall,    650,000 per CPU-second". */
export const fmt = (r: { wall: number; cpu: number }): string =>
  `${num(r.wall)} packets/s wall, ${num(r.cpu)} per CPU-second`;
