/**
 * Docker figures next to the netns ones: time from `up` to the lab being up and to every spoke
 * registered, and `down`, for the phase3 lab and a generated 50-spoke lab (102 nodes), on both
 * runtimes; and the dmvpn-node image's size. Routers are the compiled dmvpnd on both (dist/ on the
 * host for netns, the image's copy for docker).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedLab } from '../src/lab/generate/index.js';
import { downLab, upLab } from '../src/lab/lab.js';
import { dmvpndAvailable } from '../src/lab/router.js';
import { daemonAnswers, docker, findImage, nodeImage } from '../src/lab/runtime/docker-client.js';
import { waitRegistered } from '../src/lab/status.js';

/** The bench's title. */
export const name = 'docker: up to every spoke registered on docker and netns, image size';

const ROOT = join(import.meta.dirname, '..');

interface Figures {
  up: number;
  registered: number;
  down: number;
}

async function measure(runtime: string, file: string, labName: string): Promise<Figures> {
  const t0 = performance.now();
  const state = await upLab(file, { name: labName, runtime, routerTimeoutMs: 180_000 });
  const up = performance.now() - t0;
  let registered = Number.NaN;
  let down = Number.NaN;
  try {
    await waitRegistered(state, 180_000);
    registered = performance.now() - t0;
  } finally {
    const t1 = performance.now();
    await downLab(labName, { cleanup: true });
    down = performance.now() - t1;
  }
  return { up, registered, down };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Why the bench cannot run here, or undefined. */
async function skipReason(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, veth pairs)';
  if (!(await daemonAnswers(3000))) return 'no Docker daemon answers (scripts/docker-up.sh starts one)';
  if (!(await findImage(await docker()))) return `Docker has no image ${nodeImage()} (make image builds it)`;
  return undefined;
}

/** Prints the image and the up/registered/down figures of both runtimes. */
export async function run(): Promise<void> {
  const why = await skipReason();
  if (why) {
    process.stdout.write(`skipped: ${why}\n`);
    return;
  }
  const image = (await findImage(await docker()))!;
  process.stdout.write(
    `image ${image.ref}: ${(image.size / 1e6).toFixed(0)} MB (base ${image.labels['dmvpn-lab.base-kind'] ?? '?'}, version ${image.labels['org.opencontainers.image.version'] ?? '?'}, revision ${(image.labels['org.opencontainers.image.revision'] ?? '?').slice(0, 12)})\n`,
  );
  const dist = join(ROOT, 'dist', 'node', 'main.js');
  if (!process.env.DMVPND_BIN && existsSync(dist)) process.env.DMVPND_BIN = dist;
  if (!dmvpndAvailable()) {
    process.stdout.write('skipped: dmvpnd does not run routers yet (dist/node/main.js --help has no --config)\n');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'dmvpn-lab-bench-'));
  try {
    const labs = [
      { label: 'phase3 (6 nodes, 3 routers)', file: join(ROOT, 'labs', 'phase3', 'phase3.clab.yml') },
      {
        label: '50 spokes (102 nodes, 51 routers)',
        file: writeGeneratedLab(join(tmp, 'spokes50'), { spokes: 50, phase: 3, name: `bd50${process.pid}` }),
      },
    ];
    process.stdout.write(
      `${'lab'.padEnd(36)}${'runtime'.padEnd(9)}${'up'.padStart(9)}${'registered'.padStart(12)}${'down'.padStart(9)}\n`,
    );
    for (const { label, file } of labs) {
      for (const runtime of ['netns', 'docker']) {
        const f = await measure(runtime, file, `bd${runtime[0]}${process.pid}`);
        process.stdout.write(
          `${label.padEnd(36)}${runtime.padEnd(9)}${s(f.up).padStart(9)}${s(f.registered).padStart(12)}${s(f.down).padStart(9)}\n`,
        );
      }
    }
    process.stdout.write(
      '(up: every node, link and router started; registered: every spoke registered with its hubs; 2 shared cores)\n',
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
