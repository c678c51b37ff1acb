/**
 * dmvpnd start-up and footprint: time from process start to its first Registration Request on the
 * wire (tcpdump on the NHS side of the bridge), and the idle RSS of one running router. Runs the
 * installed bin (dist/node/main.js) when it is built, else src/node/main.ts through tsx. Needs root.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ip } from '../src/node/sys/kernel.js';
import { nativeAvailable } from '../src/node/sys/native.js';
import { ROOT, RouterLab, spokeConfig, until } from '../test/helpers/router-lab.js';

/** The bench's title in `npm run bench`. */
export const name = 'dmvpnd: start-up and idle memory';

const RUNS = 5;

/** Prints the figures (or why it cannot run). */
export async function run(): Promise<void> {
  if (process.getuid?.() !== 0 || !nativeAvailable()) {
    process.stdout.write('skipped: needs root and the native addon (network namespaces, TAP, raw sockets)\n');
    return;
  }
  const dist = join(ROOT, 'dist', 'node', 'main.js');
  const argv = existsSync(dist) ? [dist] : ['--import', 'tsx', join(ROOT, 'src', 'node', 'main.ts')];
  process.stdout.write(
    `router: ${existsSync(dist) ? 'dist/node/main.js' : 'src/node/main.ts (tsx; run `npm run build` for the installed bin)'}\n`,
  );
  const lab = await RouterLab.create(['nhs', 'spoke']);
  try {
    // The NHS side is only an address on the bridge: the capture point.
    await ip(['addr', 'add', '192.0.2.1/24', 'dev', 'eth0'], { netns: lab.ns('nhs') });
    await ip(['link', 'set', 'eth0', 'up'], { netns: lab.ns('nhs') });
    const cfg = join(lab.dir, 'spoke.cfg');
    writeFileSync(cfg, spokeConfig(1));
    const times: number[] = [];
    let rss = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = await once(lab, argv, cfg, i === RUNS - 1);
      times.push(t.firstRegistrationMs);
      rss = t.rssMb ?? rss;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    process.stdout.write(
      `start → first Registration Request on the wire: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms (${RUNS} starts; target ≤ 300 ms)\n`,
    );
    process.stdout.write(
      `idle RSS of one router (a spoke registering to an NHS that does not answer, 3 s after start): ${rss.toFixed(1)} MB (target ≤ 60 MB)\n`,
    );
  } finally {
    await lab.close();
  }
}

/** One start of the router: capture its first Registration Request, optionally measure idle RSS, stop it. */
async function once(
  lab: RouterLab,
  argv: string[],
  cfg: string,
  measureRss: boolean,
): Promise<{ firstRegistrationMs: number; rssMb?: number }> {
  // NHRP type 3 (Registration Request) at offset 17 of the NHRP header, after IPv4 (20) and GRE with key (8).
  const dump = spawn(
    'ip',
    [
      'netns',
      'exec',
      lab.ns('nhs'),
      'tcpdump',
      '-i',
      'eth0',
      '-n',
      '-tt',
      '-l',
      '-c',
      '1',
      'ip proto 47 and ip[45] = 3',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const line = new Promise<string>((resolve) => createInterface({ input: dump.stdout! }).once('line', resolve));
  await new Promise<void>((resolve) =>
    dump.stderr!.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve()),
  );
  const sock = join(lab.dir, 'spoke.sock');
  const started = Date.now();
  const router = spawn(
    'ip',
    [
      'netns',
      'exec',
      lab.ns('spoke'),
      process.execPath,
      ...argv,
      '--config',
      cfg,
      '--name',
      'spoke',
      '--control',
      sock,
    ],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => router.once('exit', () => resolve()));
  try {
    const seen = await Promise.race([line, sleep(10_000).then(() => '')]);
    if (seen === '') throw new Error('no Registration Request within 10 s');
    const at = Number(seen.split(' ')[0]) * 1000;
    let rssMb: number | undefined;
    if (measureRss) {
      await until('the control socket', async () => (existsSync(sock) ? true : undefined));
      await sleep(3000);
      const status = readFileSync(`/proc/${router.pid}/status`, 'utf8');
      rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    }
    return { firstRegistrationMs: at - started, ...(rssMb !== undefined ? { rssMb } : {}) };
  } finally {
    dump.kill('SIGTERM');
    router.kill('SIGTERM');
    await exited;
  }
}
