/**
 * Check figures: the Phase 3 shortcut set-up time in the phase3 lab (first packet to first direct
 * packet, target ≤ 100 ms, measured to 10 ms by the echo interval), the failover figures of the
 * dual-hub lab, and how long a full `dmvpn-lab check` of each shipped lab takes.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext } from '../src/lab/checks/context.js';
import { judgePhase } from '../src/lab/checks/judge.js';
import type { CheckReport } from '../src/lab/checks/model.js';
import { runPair } from '../src/lab/checks/observe.js';
import { freshPair } from '../src/lab/checks/phase.js';
import { runChecks } from '../src/lab/checks/runner.js';
import { buildView } from '../src/lab/checks/view.js';
import { downLab } from '../src/lab/lab.js';
import { silent } from '../src/lab/progress.js';
import { dmvpndAvailable } from '../src/lab/router.js';
import { getRuntime } from '../src/lab/runtime/index.js';
import { findLab } from '../src/lab/state.js';

export const name = 'check: shortcut set-up, failover, full check of each shipped lab';

const LABS = join(import.meta.dirname, '..', 'labs');
const SHIPPED = ['phase1', 'phase2', 'phase3', 'nat', 'dual-hub'];
const SAMPLES = 10;
/** Between samples: the hub sends at most 5 Traffic Indications per 10 s to one spoke (ip nhrp max-send), and its data plane reports one hairpin per sender and destination per second. */
const SPACING_MS = 2500;

const file = (lab: string) => join(LABS, lab, `${lab}.clab.yml`);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms, min ${s[0]} ms, max ${s[s.length - 1]} ms (${s.length} samples)`;
};

/** Shortcut set-up time, SAMPLES times on a fresh pair in the phase3 lab. */
async function setupTimes(): Promise<number[]> {
  const labName = `bsu${process.pid.toString(36)}`;
  await runChecks(file('phase3'), { name: labName, only: ['registration'], keep: true });
  try {
    const state = findLab(labName);
    const view = await buildView(state);
    const workDir = join(state.labDir, 'check');
    mkdirSync(workDir, { recursive: true });
    const pcaps = view.internetLinks.map(
      (t) => state.captures.find((c) => c.node === t.node && c.iface === t.iface)!.pcap,
    );
    const ctx: CheckContext = {
      view,
      runtime: getRuntime(state.runtime),
      progress: silent,
      pcaps,
      workDir,
      refresh: async () => view,
    };
    const [a, b] = view.spokes as [never, never];
    const out: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(SPACING_MS);
      await freshPair(ctx, a, b);
      const v = judgePhase(await runPair(ctx, a, b), 3);
      if (v.ok && typeof v.figures.setupMs === 'number') out.push(v.figures.setupMs);
      else process.stdout.write(`  sample ${i + 1}: ${v.reason}\n`);
    }
    return out;
  } finally {
    await downLab(labName, { cleanup: true });
  }
}

function failoverLines(report: CheckReport): string[] {
  return report.results
    .filter((r) => r.name === 'failover')
    .map(
      (r) =>
        `  ${r.step}: ${r.status}; ${Object.entries(r.figures)
          .map(([k, v]) => `${k} ${v ?? '-'}`)
          .join(', ')}`,
    );
}

export async function run(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stdout.write('skipped: needs root (network namespaces)\n');
    return;
  }
  if (!dmvpndAvailable()) {
    process.stdout.write('skipped: dmvpnd not available\n');
    return;
  }
  const setup = await setupTimes();
  process.stdout.write(
    `phase3 shortcut set-up (first packet to first direct packet, echoes every 10 ms): ${setup.length > 0 ? stats(setup) : 'no sample'}; target ≤ 100 ms\n`,
  );
  for (const lab of SHIPPED) {
    const labName = `bck${lab.replace('-', '').slice(0, 5)}${process.pid.toString(36)}`;
    try {
      const r = await runChecks(file(lab), { name: labName });
      const s = r.summary;
      const per = r.checks
        .filter((c) => !c.notApplicable)
        .map((c) => `${c.name} ${(c.durationMs / 1000).toFixed(1)} s`)
        .join(', ');
      process.stdout.write(
        `check ${lab}: ${(r.durationMs / 1000).toFixed(1)} s (${per}); ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped\n`,
      );
      if (lab === 'dual-hub') process.stdout.write(`${failoverLines(r).join('\n')}\n`);
    } finally {
      rmSync(join(LABS, lab, `clab-${labName}`), { recursive: true, force: true });
    }
  }
}
