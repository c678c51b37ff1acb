/** Starts dmvpnd in each router node and waits until its control socket answers; reports routers that die. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { controlListening } from './control.js';
import { LabError } from './errors.js';
import { throwIfAborted } from './interrupt.js';
import { controlDir, controlSocket } from './paths.js';
import type { LabPlan } from './plan.js';
import { alive, readPid } from './process.js';
import type { Runtime } from './runtime/types.js';
import type { LabState, NodeState } from './state.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FROM_DIST = fileURLToPath(import.meta.url).endsWith('.js');

/** The router's entry file: $DMVPND_BIN, else dist/node/main.js or src/node/main.ts, whichever exists (the one matching how this code runs first). */
export function dmvpndEntry(): string | undefined {
  if (process.env.DMVPND_BIN) return resolve(process.env.DMVPND_BIN);
  const dist = join(REPO, 'dist', 'node', 'main.js');
  const src = join(REPO, 'src', 'node', 'main.ts');
  return (FROM_DIST ? [dist, src] : [src, dist]).find((f) => existsSync(f));
}

const available = new Map<string, boolean>();

/** True when the router entry exists and its `--help` lists a `--config` option (checked once per entry). */
export function dmvpndAvailable(): boolean {
  const entry = dmvpndEntry();
  if (entry === undefined) return false;
  if (!available.has(entry)) {
    const r = spawnSync(process.execPath, [...loader(entry), entry, '--help'], { encoding: 'utf8', timeout: 30_000 });
    available.set(entry, /(^|\s)--config[\s=<]/m.test(`${r.stdout}${r.stderr}`));
  }
  return available.get(entry)!;
}

function loader(entry: string): string[] {
  return extname(entry) === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
}

/** The command line that runs dmvpnd (node, plus the tsx loader for a .ts entry). */
export function dmvpndCommand(): string[] {
  const entry = dmvpndEntry();
  if (entry === undefined || !dmvpndAvailable()) {
    throw new LabError('DMVPND_MISSING', `dmvpnd is not available: neither ${join(REPO, 'dist/node/main.js')} nor ${join(REPO, 'src/node/main.ts')} implements --config`);
  }
  return [process.execPath, ...loader(entry), entry];
}

/** Fills in the router files of each dmvpn node in `state` (config copy, log, pid, exit status, control socket). */
export function routerFiles(plan: LabPlan, state: LabState): void {
  for (const n of plan.nodes.filter((p) => p.router)) {
    const s = state.nodes.find((x) => x.name === n.node.name)!;
    const dir = join(state.labDir, n.node.name);
    Object.assign(s, {
      config: join(dir, 'startup-config.cfg'),
      log: join(dir, 'dmvpnd.log'),
      pidFile: join(dir, 'dmvpnd.pid'),
      exitFile: join(dir, 'dmvpnd.exit'),
      control: controlSocket(state.name, n.node.name),
    });
  }
}

/** Starts every router of the lab and waits for each control socket; throws ROUTER_DIED / ROUTER_TIMEOUT. */
export async function startRouters(runtime: Runtime, plan: LabPlan, state: LabState, timeoutMs = 30_000): Promise<void> {
  const routers = plan.nodes.filter((p) => p.router);
  if (routers.length === 0) return;
  throwIfAborted();
  const cmd = runtime.routerCommand?.() ?? dmvpndCommand();
  mkdirSync(controlDir(state.name), { recursive: true });
  const started = routers.map((n) => {
    const s = state.nodes.find((x) => x.name === n.node.name)!;
    mkdirSync(dirname(s.config!), { recursive: true });
    copyFileSync(n.node.startupConfig!, s.config!);
    const argv = [...cmd, '--config', s.config!, '--name', n.node.name, '--control', s.control!];
    runtime.spawn(n.namespace, argv, { log: s.log!, pidFile: s.pidFile!, exitFile: s.exitFile!, env: n.node.env });
    return s;
  });
  await Promise.all(started.map((s) => waitReady(s, timeoutMs)));
}

async function waitReady(s: NodeState, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    throwIfAborted();
    if (await controlListening(s.control!)) return;
    const r = routerProcess(s);
    if (!r.running) {
      throw new LabError('ROUTER_DIED', `router ${s.name} exited${r.exitCode !== undefined ? ` with status ${r.exitCode}` : ''} before its control socket answered; its log (${s.log}):\n${r.logTail}`);
    }
    if (Date.now() > until) {
      throw new LabError('ROUTER_TIMEOUT', `router ${s.name} did not open its control socket ${s.control} within ${timeoutMs} ms; its log (${s.log}):\n${r.logTail}`);
    }
    await sleep(100);
  }
}

/** What the supervisor knows of a router process. */
export interface RouterProcess {
  running: boolean;
  pid?: number;
  exitCode?: number;
  logTail: string;
}

/** Whether a router runs; if not, its exit status (when it exited by itself) and the end of its log. */
export function routerProcess(s: NodeState): RouterProcess {
  const pid = s.pidFile ? readPid(s.pidFile) : undefined;
  const running = pid !== undefined && alive(pid);
  let exitCode: number | undefined;
  try {
    exitCode = s.exitFile ? Number(readFileSync(s.exitFile, 'utf8').trim()) : undefined;
  } catch {
    exitCode = undefined;
  }
  let logTail = '';
  try {
    logTail = readFileSync(s.log ?? '', 'utf8').split('\n').slice(-12).join('\n');
  } catch {
    logTail = '(no log)';
  }
  return { running, ...(pid !== undefined ? { pid } : {}), ...(exitCode !== undefined && !Number.isNaN(exitCode) ? { exitCode } : {}), logTail };
}
