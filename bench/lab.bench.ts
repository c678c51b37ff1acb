/**
 * Lab figures: time from `up` to every spoke registered, and the lab's memory, for the phase3 lab
 * (target ≤ 3 s) and a generated 50-spoke lab (target ≤ 30 s); then the largest lab this machine holds.
 * Until dmvpnd implements --config, the routers are the tests' stand-in (the figures then measure the lab layer).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedLab } from '../src/lab/generate/index.js';
import { downLab, upLab } from '../src/lab/lab.js';
import { rssKb } from '../src/lab/process.js';
import { dmvpndAvailable } from '../src/lab/router.js';
import { pidsByNamespace } from '../src/lab/runtime/netns.js';
import { waitRegistered } from '../src/lab/status.js';

export const name = 'lab: up to every spoke registered, memory';

const ROOT = join(import.meta.dirname, '..');

function memAvailableKb(): number {
  return Number(/MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
}

async function measure(
  label: string,
  file: string,
  labName: string,
  target: number,
): Promise<{ routers: number; kb: number }> {
  const free0 = memAvailableKb();
  const t0 = performance.now();
  const state = await upLab(file, { name: labName, routerTimeoutMs: 120_000 });
  try {
    const tUp = performance.now() - t0;
    await waitRegistered(state, 120_000);
    const tReg = performance.now() - t0;
    const pids = [...pidsByNamespace(state.namespaces).values()].flat();
    const rss = pids.reduce((s, p) => s + rssKb(p), 0);
    const drop = Math.max(0, free0 - memAvailableKb());
    const routers = state.nodes.filter((n) => n.control).length;
    process.stdout.write(
      `${label}: ${state.nodes.length} nodes (${routers} routers); up ${(tUp / 1000).toFixed(2)} s, every spoke registered ${(tReg / 1000).toFixed(2)} s (target ≤ ${target} s); ` +
        `memory: MemAvailable dropped ${(drop / 1024).toFixed(0)} MiB (RSS of its ${pids.length} processes: ${(rss / 1024).toFixed(0)} MiB)\n`,
    );
    return { routers, kb: Math.max(drop, rss) };
  } finally {
    await downLab(labName, { cleanup: true });
  }
}

export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stdout.write('skipped: needs root (network namespaces)\n');
    return;
  }
  const dist = join(ROOT, 'dist', 'node', 'main.js');
  if (!process.env.DMVPND_BIN && existsSync(dist)) process.env.DMVPND_BIN = dist;
  if (!dmvpndAvailable()) {
    delete process.env.DMVPND_BIN;
    if (!dmvpndAvailable()) {
      process.env.DMVPND_BIN = join(ROOT, 'test', 'lab', 'fixtures', 'fake-dmvpnd.ts');
      process.stdout.write(
        'dmvpnd not available yet: routers are the stand-in (test/lab/fixtures/fake-dmvpnd.ts); figures measure the lab layer\n',
      );
    }
  }
  process.stdout.write(`router: ${process.env.DMVPND_BIN ?? 'src/node/main.ts'}\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'dmvpn-lab-bench-'));
  try {
    await measure('phase3', join(ROOT, 'labs', 'phase3', 'phase3.clab.yml'), `bench-p3-${process.pid}`, 3);
    const file = writeGeneratedLab(join(tmp, 'spokes50'), { spokes: 50, phase: 3 });
    const big = await measure('generated 50 spokes', file, `bench-50-${process.pid}`, 30);
    const perRouter = big.kb / big.routers;
    const fits = Math.floor((memAvailableKb() * 0.8) / perRouter);
    process.stdout.write(
      `largest lab this machine holds: about ${Math.min(fits, 383)} spokes (80% of ${(memAvailableKb() / 1048576).toFixed(1)} GiB available at ${(perRouter / 1024).toFixed(0)} MiB per router with its host; ` +
        `the generator's address plan stops at 383 spokes + 1 hub); CPU: 2 cores shared\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
