/**
 * SSH figures: login to the first prompt (ssh2 client over the management network, median and p95)
 * on a generated 50-spoke lab, to the hub and to spokes across the lab; the RSS the SSH server adds
 * to a router (the same router started with and without `--ssh`, no session), and what 10 open
 * shell sessions add to the hub's RSS.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ssh2 from 'ssh2';
import { writeGeneratedLab } from '../src/lab/generate/index.js';
import { downLab, upLab } from '../src/lab/lab.js';
import type { LabState } from '../src/lab/state.js';
import { nativeAvailable } from '../src/node/sys/native.js';
import { RouterLab, spokeConfig } from '../test/helpers/router-lab.js';

export const name = 'ssh: login to first prompt on a 50-spoke lab, RSS of the SSH server';

const SPOKES = Number(process.env.BENCH_SSH_SPOKES ?? 50);
const USER = { username: 'admin', password: 'admin' };

const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Opens a shell on `host`; resolves with the ms from connect to the first `R>`/`R#` prompt and the open client. */
function login(host: string): Promise<{ ms: number; client: ssh2.Client }> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    const t0 = performance.now();
    c.on('error', reject);
    c.on('ready', () => {
      c.shell({ rows: 24, cols: 80, term: 'xterm' }, (err, s) => {
        if (err) return reject(err);
        let seen = '';
        s.on('data', (b: Buffer) => {
          seen += b.toString();
          if (/[\w.-]+[>#]\s*$/.test(seen)) {
            s.removeAllListeners('data');
            s.on('data', () => undefined);
            resolve({ ms: performance.now() - t0, client: c });
          }
        });
      });
    });
    c.connect({ host, port: 22, ...USER, readyTimeout: 30_000 });
  });
}

/** Logs in to `host` and types `n` letters one at a time; the ms from each key sent to its echo. */
async function echoTimes(host: string, n: number): Promise<number[]> {
  const c = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    c.on('error', reject).on('ready', () => resolve());
    c.connect({ host, port: 22, ...USER, readyTimeout: 30_000 });
  });
  const s = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
    c.shell({ rows: 24, cols: 200, term: 'xterm' }, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  let seen = '';
  let waiter: (() => void) | undefined;
  s.on('data', (b: Buffer) => {
    seen += b.toString();
    waiter?.();
  });
  const until = (re: RegExp) =>
    new Promise<void>((resolve) => {
      waiter = () => {
        if (re.test(seen)) resolve();
      };
      waiter();
    });
  await until(/[>#]\s*$/);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    seen = '';
    const t0 = performance.now();
    s.write('x');
    await until(/x/);
    times.push(performance.now() - t0);
  }
  s.write('\x15');
  c.end();
  return times;
}

/** RSS of one router started with and without its SSH server (no session), 3 s after start. */
async function serverRss(): Promise<{ without: number; with: number }> {
  const lab = await RouterLab.create(['plain', 'ssh']);
  try {
    const dir = mkdtempSync(join(tmpdir(), 'dmvpn-sshbench-'));
    const a = await lab.start('plain', spokeConfig(1), 60_000);
    const b = await lab.start('ssh', spokeConfig(1), 60_000, ['--ssh', '22', '--ssh-host-key', join(dir, 'key')]);
    await sleep(3000);
    const r = { without: rssMb(a.child.pid!), with: rssMb(b.child.pid!) };
    rmSync(dir, { recursive: true, force: true });
    return r;
  } finally {
    await lab.close();
  }
}

/** Prints the figures (or why it cannot run). */
export async function run(): Promise<void> {
  if (process.getuid?.() !== 0 || !nativeAvailable()) {
    process.stdout.write('skipped: needs root and the native addon (network namespaces, TAP, raw sockets)\n');
    return;
  }
  const rss = await serverRss();
  process.stdout.write(
    `router RSS without SSH ${rss.without.toFixed(1)} MB, with the SSH server and 0 sessions ${rss.with.toFixed(1)} MB` +
      ` (+${(rss.with - rss.without).toFixed(1)} MB)\n`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'dmvpn-sshbench-lab-'));
  const labName = `cmb${process.pid.toString(36)}`;
  let state: LabState | undefined;
  try {
    const file = writeGeneratedLab(dir, { name: labName, spokes: SPOKES });
    const t0 = performance.now();
    state = await upLab(file, { name: labName, routerTimeoutMs: 600_000 });
    process.stdout.write(`lab of 1 hub + ${SPOKES} spokes up in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const addr = (n: string): string => state!.nodes.find((x) => x.name === n)!.mgmtIpv4!;
    const spokes = state.nodes.filter((n) => n.name.startsWith('spoke')).map((n) => n.name);
    const picks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => spokes[Math.round(f * (spokes.length - 1))]!);
    const hub = state.nodes.find((n) => n.name.startsWith('hub'))!.name;
    const targets = [...Array(10).fill(hub), ...picks.flatMap((s) => [s, s, s])] as string[];
    const times: number[] = [];
    for (const t of targets) {
      const { ms, client } = await login(addr(t));
      times.push(ms);
      client.end();
    }
    process.stdout.write(
      `SSH login to first prompt (${times.length} logins: ${hub} ×10, ${picks.join(', ')} ×3): median ` +
        `${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms\n`,
    );
    const echo = await echoTimes(addr(hub), 50);
    process.stdout.write(
      `keystroke echo on a ${hub} shell (${echo.length} keys): median ${pct(echo, 50).toFixed(1)} ms, ` +
        `p95 ${pct(echo, 95).toFixed(1)} ms\n`,
    );
    const pid = Number(readFileSync(state.nodes.find((n) => n.name === hub)!.pidFile!, 'utf8'));
    await sleep(2000);
    const before = rssMb(pid);
    const open = [];
    for (let i = 0; i < 10; i++) open.push(await login(addr(hub)));
    await sleep(2000);
    const with10 = rssMb(pid);
    for (const o of open) o.client.end();
    process.stdout.write(
      `${hub} RSS with 0 sessions ${before.toFixed(1)} MB, with 10 open shells ${with10.toFixed(1)} MB` +
        ` (+${(with10 - before).toFixed(1)} MB, ${((with10 - before) / 10).toFixed(2)} MB per session)\n`,
    );
  } finally {
    if (state) await downLab(labName).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
