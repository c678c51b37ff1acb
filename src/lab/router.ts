/** Starts dmvpnd in each router node and waits until its control socket answers; reports routers that die. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { controlListening } from '../node/api/index.js';
import { type RouterFacts, routerFacts, tunnelSourceAddress } from './checks/config-facts.js';
import { LabError } from './errors.js';
import { throwIfAborted } from './interrupt.js';
import { controlDir, controlSocket } from './paths.js';
import type { LabPlan } from './plan.js';
import { alive, childPids, cmdline, readPid } from './process.js';
import { readStartupConfigs } from './startup-configs.js';
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
    throw new LabError(
      'DMVPND_MISSING',
      `dmvpnd is not available: neither ${join(REPO, 'dist/node/main.js')} nor ${join(REPO, 'src/node/main.ts')} implements --config`,
    );
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

/**
 * Starts every router of the lab and waits for each control socket; throws ROUTER_DIED / ROUTER_TIMEOUT.
 * Routers start in waves (see startWaves): an NHS answers on its control socket — its interfaces are
 * up — before the routers that register with it start, as in a network whose hub is up when its
 * spokes boot. (Started together, a spoke's first Registration Request would wait in the Internet
 * router's ARP queue until the hub's link came up, and arrive with the retransmission.)
 */
export async function startRouters(
  runtime: Runtime,
  plan: LabPlan,
  state: LabState,
  timeoutMs = 30_000,
): Promise<void> {
  const routers = plan.nodes.filter((p) => p.router);
  if (routers.length === 0) return;
  throwIfAborted();
  const cmd = runtime.routerCommand?.() ?? dmvpndCommand();
  mkdirSync(controlDir(state.name), { recursive: true });
  const reports = readStartupConfigs(routers.map((n) => n.node.startupConfig!));
  const facts = routers.map((n, i) => ({ name: n.node.name, facts: routerFacts(reports[i]!.config) }));
  for (const wave of startWaves(facts)) {
    const started = routers
      .filter((n) => wave.includes(n.node.name))
      .map((n) => {
        const s = state.nodes.find((x) => x.name === n.node.name)!;
        mkdirSync(dirname(s.config!), { recursive: true });
        copyFileSync(n.node.startupConfig!, s.config!);
        // SA keys go beside the pcaps, as Wireshark's esp_sa and ikev2_decryption_table files.
        const keys = ['--key-dir', join(state.labDir, 'pcaps')];
        const argv = [...cmd, '--config', s.config!, '--name', n.node.name, '--control', s.control!, ...keys];
        // the vty lines: SSH on port 22 of every address of the router (its mgmt0 among them)
        argv.push('--ssh', '22', '--ssh-host-key', join(dirname(s.config!), 'ssh_host_ecdsa_key'));
        const files = { log: s.log!, pidFile: s.pidFile!, exitFile: s.exitFile!, env: n.node.env };
        const wrapper = runtime.spawn(n.namespace, argv, files);
        return { s, wrapper };
      });
    await Promise.all(started.map(({ s, wrapper }) => waitReady(s, wrapper, timeoutMs)));
  }
}

/**
 * The order routers start in: each wave holds the routers whose NHSs (`ip nhrp nhs`, matched by
 * tunnel address or NBMA address) are all in earlier waves; routers in a cycle, or whose NHS is no
 * router of the lab, start in the first wave they can.
 */
export function startWaves(routers: Array<{ name: string; facts: RouterFacts }>): string[][] {
  const facts = routers.map((r) => ({ name: r.name, f: r.facts }));
  const owner = new Map<string, string>();
  for (const { name, f } of facts) {
    for (const t of f.tunnels) if (t.address !== undefined) owner.set(t.address, name);
    for (const t of f.tunnels) {
      const src = tunnelSourceAddress(f, t);
      if (src !== undefined) owner.set(src, name);
    }
  }
  const needs = new Map<string, Set<string>>();
  for (const { name, f } of facts) {
    const deps = new Set<string>();
    for (const t of f.tunnels) {
      for (const n of t.nhs) {
        const o = owner.get(n.protocol) ?? (n.nbma === undefined ? undefined : owner.get(n.nbma));
        if (o !== undefined && o !== name) deps.add(o);
      }
    }
    needs.set(name, deps);
  }
  const waves: string[][] = [];
  const placed = new Set<string>();
  let left = routers.map((r) => r.name);
  while (left.length > 0) {
    let wave = left.filter((n) => [...needs.get(n)!].every((d) => placed.has(d)));
    if (wave.length === 0) wave = left;
    waves.push(wave);
    for (const n of wave) placed.add(n);
    left = left.filter((n) => !placed.has(n));
  }
  return waves;
}

/** True when `pid` is the dmvpnd of router `s` (its command line names the router's control socket). */
function isRouter(s: NodeState, pid: number): boolean {
  return alive(pid) && cmdline(pid).includes(`--control ${s.control}`);
}

/**
 * The runtime starts dmvpnd under a small shell that records its exit status (and, on docker, that
 * shell is nsenter's child): once the router answers, its pid file gets dmvpnd's own pid, so the file,
 * `status` and `stop` all name the router itself.
 */
function recordRouterPid(s: NodeState, wrapper: number): void {
  const child = childPids(wrapper).find((c) => isRouter(s, c));
  const pid = child ?? (isRouter(s, wrapper) ? wrapper : undefined);
  if (pid !== undefined) writeFileSync(s.pidFile!, `${pid}\n`);
}

async function waitReady(s: NodeState, wrapper: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    throwIfAborted();
    if (await controlListening(s.control!)) return recordRouterPid(s, wrapper);
    const r = routerProcess(s, wrapper);
    if (!r.running) {
      throw new LabError(
        'ROUTER_DIED',
        `router ${s.name} exited${r.exitCode !== undefined ? ` with status ${r.exitCode}` : ''} before its control socket answered; its log (${s.log}):\n${r.logTail}`,
      );
    }
    if (Date.now() > until) {
      throw new LabError(
        'ROUTER_TIMEOUT',
        `router ${s.name} did not open its control socket ${s.control} within ${timeoutMs} ms; its log (${s.log}):\n${r.logTail}`,
      );
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

/**
 * Whether a router's dmvpnd runs (the process named in its pid file, checked to be that router's
 * dmvpnd, not a reused pid); if not, its exit status (when it exited by itself) and the end of its log.
 * `starting`: the pid of the shell the runtime started it under, before the pid file names dmvpnd.
 */
export function routerProcess(s: NodeState, starting?: number): RouterProcess {
  const recorded = s.pidFile ? readPid(s.pidFile) : undefined;
  const pid = starting ?? recorded;
  const running = pid !== undefined && (starting !== undefined ? alive(pid) : isRouter(s, pid));
  let exitCode: number | undefined;
  try {
    exitCode = !running && s.exitFile ? Number(readFileSync(s.exitFile, 'utf8').trim()) : undefined;
  } catch {
    exitCode = undefined;
  }
  let logTail = '';
  try {
    logTail = readFileSync(s.log ?? '', 'utf8')
      .split('\n')
      .slice(-12)
      .join('\n');
  } catch {
    logTail = '(no log)';
  }
  return {
    running,
    ...(pid !== undefined ? { pid } : {}),
    ...(exitCode !== undefined && !Number.isNaN(exitCode) ? { exitCode } : {}),
    logTail,
  };
}
