/**
 * EIGRP in the labs, measured through the routers' control sockets as a person would: time from `up`
 * to every adjacency and every prefix learned in eigrp-phase2 and eigrp-phase3; in dual-hub-eigrp,
 * the time after hub1 goes silent (hold time), returns, and stops (goodbye) until every spoke routes
 * the other spokes' LANs via the other hub; and EIGRP's RSS cost in dmvpnd (phase2 against
 * eigrp-phase2, other things equal).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { downLab, upLab } from '../src/lab/lab.js';
import { rssKb } from '../src/lab/process.js';
import { routerProcess } from '../src/lab/router.js';
import { setSilent } from '../src/lab/faults/silence.js';
import { stopRouter } from '../src/lab/router-ops.js';
import { getRuntime } from '../src/lab/runtime/index.js';
import type { LabState } from '../src/lab/state.js';
import { controlJson } from '../src/node/api/index.js';
import type { RouteTableJson } from '../src/node/api/index.js';
import { inPrefix } from '../src/wire/ipv4-addr.js';

export const name = 'eigrp: labs (up to adjacencies and prefixes, hub failover, RSS)';

const ROOT = join(import.meta.dirname, '..');
const labFile = (lab: string) => join(ROOT, 'labs', lab, `${lab}.clab.yml`);

/** What one router must have: neighbors (tunnel addresses) and LAN addresses it must route by EIGRP. */
export interface Expect {
  node: string;
  neighbors: string[];
  /** Addresses that must be covered by a D route (its next hop in `via` when given). */
  reach: string[];
  via?: string;
}

async function neighbors(control: string): Promise<string[]> {
  const j = (await controlJson(control, 'show ip eigrp neighbors', 3000)) as { neighbors: Array<{ address: string }> };
  return j.neighbors.map((n) => n.address);
}

async function routes(control: string): Promise<RouteTableJson['routes']> {
  return ((await controlJson(control, 'show ip route', 3000)) as RouteTableJson).routes;
}

/** Whether every router has its neighbors (adjacent) and its routes (learned). */
async function progress(state: LabState, want: Expect[]): Promise<{ adjacent: boolean; learned: boolean }> {
  let adjacent = true;
  let learned = true;
  for (const w of want) {
    const control = state.nodes.find((n) => n.name === w.node)!.control!;
    const [nb, rt] = await Promise.all([
      neighbors(control).catch((): string[] => []),
      routes(control).catch((): RouteTableJson['routes'] => []),
    ]);
    if (!w.neighbors.every((a) => nb.includes(a))) adjacent = false;
    const d = rt.filter((r) => r.code.startsWith('D') && r.interface !== 'Null0');
    const ok = (a: string) =>
      d.some((r) => inPrefix(a, r.prefix, r.prefixLength) && (w.via === undefined || r.nextHop === w.via));
    if (!w.reach.every(ok)) learned = false;
  }
  return { adjacent, learned };
}

/** Polls every 50 ms from t0 until every adjacency and every prefix; ms for each (undefined: timed out). */
export async function untilConverged(
  state: LabState,
  want: Expect[],
  t0: number,
  timeoutMs = 60_000,
): Promise<{ adjacentMs?: number; learnedMs?: number }> {
  const out: { adjacentMs?: number; learnedMs?: number } = {};
  while (performance.now() - t0 < timeoutMs) {
    const p = await progress(state, want);
    const at = Math.round(performance.now() - t0);
    if (p.adjacent && out.adjacentMs === undefined) out.adjacentMs = at;
    if (p.learned && out.learnedMs === undefined) out.learnedMs = at;
    if (out.adjacentMs !== undefined && out.learnedMs !== undefined) break;
    await sleep(50);
  }
  return out;
}

const LAN = (k: number) => `10.1.${k}.10`;
const spokeTunnel = (k: number) => `172.16.0.1${k}`;

/** One hub (172.16.0.1), `spokes` spokes: the hub has every spoke, each spoke the hub and the others' LANs. */
export function hubAndSpokes(hubs: string[], spokes: number, via?: string): Expect[] {
  const ks = Array.from({ length: spokes }, (_, i) => i + 1);
  const hubNames = hubs.length === 1 ? ['hub'] : hubs.map((_, i) => `hub${i + 1}`);
  return [
    ...hubNames.map((h) => ({ node: h, neighbors: ks.map(spokeTunnel), reach: ks.map(LAN) })),
    ...ks.map((k) => ({
      node: `spoke${k}`,
      neighbors: hubs,
      reach: ks.filter((j) => j !== k).map(LAN),
      ...(via ? { via } : {}),
    })),
  ];
}

async function upToConverged(lab: string, want: Expect[]): Promise<void> {
  const labName = `egb${lab.replace(/[^a-z0-9]/g, '').slice(-6)}`;
  const t0 = performance.now();
  const state = await upLab(labFile(lab), { name: labName });
  const upMs = performance.now() - t0;
  try {
    const c = await untilConverged(state, want, t0);
    process.stdout.write(
      `${lab.padEnd(14)} up ${(upMs / 1000).toFixed(2)} s; every adjacency ${fmtS(c.adjacentMs)}, ` +
        `every prefix ${fmtS(c.learnedMs)} after up started\n`,
    );
  } finally {
    await downLab(labName, { cleanup: true });
  }
}

const fmtS = (ms: number | undefined) => (ms === undefined ? 'never (60 s)' : `${(ms / 1000).toFixed(2)} s`);

async function failover(): Promise<void> {
  const labName = 'egbfail';
  const state = await upLab(labFile('dual-hub-eigrp'), { name: labName });
  const hub1 = state.nodes.find((n) => n.name === 'hub1')!;
  const runtime = getRuntime(state.runtime);
  const viaHub = (hub: string) =>
    hubAndSpokes(['172.16.0.1', '172.16.0.2'], 3, hub).filter((w) => w.node.startsWith('spoke'));
  try {
    const before = await untilConverged(state, viaHub('172.16.0.1'), performance.now());
    if (before.learnedMs === undefined) throw new Error('dual-hub-eigrp never converged on hub1');
    let t0 = performance.now();
    await setSilent(runtime, hub1.namespace, 'eth1', labName, true);
    const silent = await untilConverged(state, viaHub('172.16.0.2'), t0, 30_000);
    t0 = performance.now();
    await setSilent(runtime, hub1.namespace, 'eth1', labName, false);
    const back = await untilConverged(state, viaHub('172.16.0.1'), t0, 30_000);
    t0 = performance.now();
    await stopRouter(state, 'hub1');
    const stopped = await untilConverged(state, viaHub('172.16.0.2'), t0, 30_000);
    process.stdout.write(
      `dual-hub-eigrp: every spoke routes the other LANs via hub2 ${fmtS(silent.learnedMs)} after hub1 went ` +
        `silent (hold time 6 s), via hub1 again ${fmtS(back.learnedMs)} after it returned, via hub2 ` +
        `${fmtS(stopped.learnedMs)} after hub1's router stopped (goodbye)\n`,
    );
  } finally {
    await downLab(labName, { cleanup: true });
  }
}

/**
 * RSS of dmvpnd with and without EIGRP: every router of phase2 and of eigrp-phase2 (the same lab with
 * `router eigrp`), sampled every 0.5 s from 3 s to 6 s after up, the mean per router; three ups each.
 */
async function rss(): Promise<void> {
  const measure = async (lab: string): Promise<number[]> => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const labName = `egbrss${i}`;
      const state = await upLab(labFile(lab), { name: labName });
      try {
        await sleep(3000);
        const pids = state.nodes.filter((n) => n.control).map((n) => routerProcess(n).pid!);
        const samples: number[] = [];
        for (let k = 0; k < 7; k++) {
          samples.push(pids.reduce((s, p) => s + rssKb(p), 0) / pids.length);
          await sleep(500);
        }
        runs.push(samples.reduce((a, b) => a + b, 0) / samples.length);
      } finally {
        await downLab(labName, { cleanup: true });
      }
    }
    return runs;
  };
  const mib = (kb: number) => (kb / 1024).toFixed(1);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const plain = await measure('phase2');
  const eigrp = await measure('eigrp-phase2');
  process.stdout.write(
    `dmvpnd RSS per router (3 routers, 3 ups): phase2 ${plain.map(mib).join(' / ')} MiB, eigrp-phase2 ` +
      `${eigrp.map(mib).join(' / ')} MiB; EIGRP costs ${mib(mean(eigrp) - mean(plain))} MiB on average\n`,
  );
}

export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stdout.write('skipped: needs root (network namespaces)\n');
    return;
  }
  const dist = join(ROOT, 'dist', 'node', 'main.js');
  if (!process.env.DMVPND_BIN && existsSync(dist)) process.env.DMVPND_BIN = dist;
  process.env.DMVPN_LAB_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'dmvpn-bench-eigrp-'));
  const only = process.env.EIGRP_LAB_BENCH?.split(',');
  const want = (k: string) => !only || only.includes(k);
  if (want('phase2')) await upToConverged('eigrp-phase2', hubAndSpokes(['172.16.0.1'], 2));
  if (want('phase3')) await upToConverged('eigrp-phase3', hubAndSpokes(['172.16.0.1'], 2));
  if (want('failover')) await failover();
  if (want('rss')) await rss();
}
