/**
 * Routing figures (FRR over the tunnel): per-router RSS and PSS (/proc/PID/smaps_rollup) of dmvpnd
 * and its FRR daemons, and the time from `up` to every adjacency up (OSPF FULL/2WAY, BGP
 * Established) and to every LAN prefix learned by every router, for the Phase 3 labs of OSPF, BGP
 * and RIP, the OSPF broadcast lab (ospf-phase2, IOS timers: the 40 s DR wait is in its figure), and
 * a generated 50-spoke BGP lab. `npm run bench -- routing`; ROUTING_BENCH=ospf-phase3,gen50 picks some.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitRouted } from '../src/lab/converged.js';
import { writeGeneratedLab } from '../src/lab/generate/index.js';
import { downLab, upLab } from '../src/lab/lab.js';
import { dmvpndAvailable } from '../src/lab/router.js';
import { pidsByNamespace } from '../src/lab/runtime/netns.js';
import type { LabState } from '../src/lab/state.js';
import { frrInstalled } from '../src/node/frr/daemons.js';

export const name = 'routing: memory with FRR, time to adjacencies and LANs learned';

const ROOT = join(import.meta.dirname, '..');
const FRR_NAMES = new Set(['zebra', 'ospfd', 'bgpd', 'ripd', 'staticd']);

/** RSS and PSS (kB) of one process, from smaps_rollup. */
function memory(pid: number): { rss: number; pss: number } {
  try {
    const t = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(t)?.[1] ?? 0);
    return { rss: kb('Rss'), pss: kb('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Per router: dmvpnd (node) and each FRR daemon, RSS / PSS in kB. */
function routerMemory(state: LabState): Map<string, Map<string, { rss: number; pss: number }>> {
  const byNs = pidsByNamespace(state.namespaces);
  const out = new Map<string, Map<string, { rss: number; pss: number }>>();
  for (const n of state.nodes.filter((x) => x.control)) {
    const procs = new Map<string, { rss: number; pss: number }>();
    for (const pid of byNs.get(n.namespace) ?? []) {
      const c = comm(pid);
      const what = FRR_NAMES.has(c) ? c : c === 'node' || c.startsWith('dmvpnd') ? 'dmvpnd' : undefined;
      if (what) procs.set(what, memory(pid));
    }
    out.set(n.name, procs);
  }
  return out;
}

const mb = (kb: number) => (kb / 1024).toFixed(1);

function printMemory(mem: Map<string, Map<string, { rss: number; pss: number }>>, routers: string[]): void {
  for (const r of routers) {
    const procs = mem.get(r);
    if (!procs) continue;
    const parts = [...procs].map(([p, m]) => `${p} ${mb(m.rss)}/${mb(m.pss)}`);
    const total = [...procs.values()].reduce((s, m) => ({ rss: s.rss + m.rss, pss: s.pss + m.pss }), {
      rss: 0,
      pss: 0,
    });
    process.stdout.write(`  ${r}: RSS/PSS MB ${parts.join(', ')}; total ${mb(total.rss)}/${mb(total.pss)}\n`);
  }
}

async function measure(label: string, file: string, labName: string, show: string[]): Promise<void> {
  const t0 = performance.now();
  const state = await upLab(file, { name: labName, routerTimeoutMs: 180_000 });
  try {
    const tUp = performance.now() - t0;
    const r = await waitRouted(state, 300_000, 250);
    const after = performance.now() - t0 - tUp;
    const s = (ms: number) => `${((tUp + ms) / 1000).toFixed(1)} s`;
    process.stdout.write(
      `${label}: ${state.nodes.filter((n) => n.control).length} routers; up ${(tUp / 1000).toFixed(1)} s; ` +
        `from the start of up: every adjacency up ${s(r.adjacenciesMs)}, every LAN learned everywhere ` +
        `${s(r.lansMs)} (polled every 0.25 s; ${(after / 1000).toFixed(1)} s after up returned)\n`,
    );
    printMemory(routerMemory(state), show);
  } finally {
    await downLab(labName, { cleanup: true });
  }
}

export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stdout.write('skipped: needs root (network namespaces)\n');
    return;
  }
  if (!frrInstalled()) {
    process.stdout.write('skipped: FRR is not installed (make apt installs it)\n');
    return;
  }
  const dist = join(ROOT, 'dist', 'node', 'main.js');
  if (!process.env.DMVPND_BIN && existsSync(dist)) process.env.DMVPND_BIN = dist;
  if (!dmvpndAvailable()) {
    process.stdout.write('skipped: dmvpnd not available (npm run build)\n');
    return;
  }
  const wanted = process.env.ROUTING_BENCH?.split(',');
  const want = (k: string) => !wanted || wanted.includes(k);
  const tag = process.pid.toString(36).slice(-3);
  for (const lab of ['ospf-phase3', 'bgp-phase3', 'rip-phase3', 'ospf-phase2']) {
    if (!want(lab)) continue;
    const note = lab === 'ospf-phase2' ? ' (OSPF broadcast, IOS hello 10 s: includes the 40 s DR wait)' : '';
    await measure(`${lab}${note}`, join(ROOT, 'labs', lab, `${lab}.clab.yml`), `rb${lab.slice(0, 3)}${tag}`, [
      'hub',
      'spoke1',
    ]);
  }
  for (const phase of [3, 2] as const) {
    if (!want(`gen50p${phase}`)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'routing-bench-'));
    try {
      const file = writeGeneratedLab(join(dir, `rbg${phase}${tag}`), { spokes: 50, phase, routing: 'bgp' });
      const how = phase === 3 ? 'hub aggregate 10.0.0.0/8' : 'every /24 reflected';
      await measure(`generated 50 spokes, BGP, Phase ${phase} (${how})`, file, `rbg${phase}${tag}`, [
        'hub',
        'spoke1',
        'spoke50',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
