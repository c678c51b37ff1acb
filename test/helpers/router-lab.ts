/**
 * A small DMVPN lab for the dmvpnd integration test and bench: one namespace holding a bridge (the
 * NBMA segment 192.0.2.0/24, so nothing is built in the host's namespace) and one namespace per
 * router with `eth0` on that bridge. Routers are real `dmvpnd --config` processes; they are reached
 * through `dmvpnd ctl` (a process, as a person would) or, for polling, the same control protocol
 * in-process. Names start with `dmr<pid>-<n>-`; close() removes everything, and a new lab first
 * removes the namespaces of dead test processes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { sendControl } from '../../src/node/api/client.js';
import { ip, netnsAdd, netnsDelete, netnsList } from '../../src/node/sys/kernel.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'src', 'node', 'main.ts');
let counter = 0;

/** A started router. */
export interface LabRouter {
  name: string;
  ns: string;
  socket: string;
  log: string;
  child: ChildProcess;
  exit: Promise<number | null>;
}

/** What a command run in a namespace (or a ctl process) returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The lab: namespaces, bridge, temp folder and router processes. */
export class RouterLab {
  readonly routers = new Map<string, LabRouter>();
  private readonly made: string[] = [];

  private constructor(
    readonly prefix: string,
    readonly dir: string,
  ) {}

  /** Builds the switch namespace with its bridge and one namespace per node (eth0 on the bridge, down, unaddressed). */
  static async create(nodes: string[]): Promise<RouterLab> {
    await removeStale();
    const lab = new RouterLab(`dmr${process.pid}-${counter++}`, mkdtempSync(join(tmpdir(), 'dmvpnd-lab-')));
    try {
      const sw = lab.ns('sw');
      await netnsAdd(sw);
      lab.made.push(sw);
      await ip(['link', 'add', 'br0', 'type', 'bridge'], { netns: sw });
      await ip(['link', 'set', 'br0', 'up'], { netns: sw });
      for (const n of nodes) {
        const ns = lab.ns(n);
        await netnsAdd(ns);
        lab.made.push(ns);
        await ip(['link', 'add', `p-${n}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns], { netns: sw });
        await ip(['link', 'set', `p-${n}`, 'master', 'br0', 'up'], { netns: sw });
      }
      return lab;
    } catch (err) {
      await lab.close();
      throw err;
    }
  }

  /** The namespace of a node. */
  ns(node: string): string {
    return `${this.prefix}-${node}`;
  }

  /** Writes `config` and starts `dmvpnd --config` in the node's namespace; resolves once its control socket answers. */
  async start(node: string, config: string, timeoutMs = 20_000, extraArgs: string[] = []): Promise<LabRouter> {
    const cfg = join(this.dir, `${node}.cfg`);
    writeFileSync(cfg, config);
    const log = join(this.dir, `${node}.log`);
    const socket = join(this.dir, `${node}.sock`);
    const fd = openSync(log, 'w');
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        this.ns(node),
        process.execPath,
        '--import',
        'tsx',
        MAIN,
        '--config',
        cfg,
        '--name',
        node,
        '--control',
        socket,
        ...extraArgs,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', fd, fd],
      },
    );
    closeSync(fd);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const r: LabRouter = { name: node, ns: this.ns(node), socket, log, child, exit };
    this.routers.set(node, r);
    const until = Date.now() + timeoutMs;
    while (!(await answers(socket))) {
      if (child.exitCode !== null || Date.now() > until) {
        throw new Error(`dmvpnd ${node} did not open ${socket} (exit ${child.exitCode}); log:\n${this.logOf(node)}`);
      }
      await sleep(100);
    }
    return r;
  }

  /** The router's log so far. */
  logOf(node: string): string {
    const r = this.routers.get(node);
    return r && existsSync(r.log) ? readFileSync(r.log, 'utf8') : '(no log)';
  }

  /** Runs `dmvpnd ctl SOCKET words…` as a process (stdin: `input` lines, or nothing). */
  async ctl(node: string, words: string[], input?: string[]): Promise<RunResult> {
    const r = this.router(node);
    const p = await execa(process.execPath, ['--import', 'tsx', MAIN, 'ctl', r.socket, ...words], {
      cwd: ROOT,
      reject: false,
      timeout: 30_000,
      input: input === undefined ? '' : `${input.join('\n')}\n`,
    });
    return { code: p.exitCode ?? -1, stdout: String(p.stdout ?? ''), stderr: String(p.stderr ?? '') };
  }

  /** `dmvpnd ctl SOCKET COMMAND json`, parsed; throws with the answer when it is not JSON or the exit status is not 0. */
  async ctlJson<T = any>(node: string, command: string): Promise<T> {
    const r = await this.ctl(node, [...command.split(' '), 'json']);
    if (r.code !== 0) throw new Error(`dmvpnd ctl ${node} ${command} json: exit ${r.code}: ${r.stdout}${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** The same request in-process (for polling loops). */
  async query<T = any>(node: string, command: string): Promise<T> {
    const text = await sendControl(this.router(node).socket, `${command} json`);
    return JSON.parse(text) as T;
  }

  /** Runs a command inside a node's namespace; never throws for a non-zero exit. */
  async exec(node: string, cmd: string[], timeoutMs = 30_000): Promise<RunResult> {
    const r = await execa('ip', ['netns', 'exec', this.ns(node), ...cmd], { reject: false, timeout: timeoutMs });
    return { code: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  }

  /** SIGTERM to a router; resolves with its exit status (SIGKILL after `graceMs`). */
  async stop(node: string, graceMs = 8000): Promise<number | null> {
    const r = this.router(node);
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGTERM');
      const timer = setTimeout(() => r.child.kill('SIGKILL'), graceMs);
      const code = await r.exit;
      clearTimeout(timer);
      return code;
    }
    return r.child.exitCode;
  }

  /** Stops every router, deletes the namespaces and the temp folder (safe to call twice). */
  async close(): Promise<void> {
    await Promise.all([...this.routers.keys()].map((n) => this.stop(n, 3000).catch(() => null)));
    for (const ns of this.made.splice(0).reverse()) await netnsDelete(ns);
    if (process.env.DMVPND_KEEP_LAB === undefined) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Namespaces of this lab that still exist. */
  async leftovers(): Promise<string[]> {
    return (await netnsList()).filter((n) => n.startsWith(`${this.prefix}-`));
  }

  private router(node: string): LabRouter {
    const r = this.routers.get(node);
    if (!r) throw new Error(`no router ${node} in this lab`);
    return r;
  }
}

/** Polls `fn` until it returns something other than undefined; throws `what` with the last value after `timeoutMs`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}

/** after(): closes the lab and asserts that none of its namespaces and none of `pids` (its routers) is left. */
export async function closeLeavingNothing(lab: RouterLab | undefined, pids: number[]): Promise<void> {
  await lab?.close();
  if (lab) assert.deepEqual(await lab.leftovers(), [], 'no namespace of the lab is left');
  assert.deepEqual(pids.filter(alive), [], 'no router process is left');
}

/** Whether a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(socket: string): Promise<boolean> {
  return sendControl(socket, 'help', [], undefined, 2000).then(
    () => true,
    () => false,
  );
}

/** Deletes `dmr<pid>-…` namespaces whose test process is gone. */
async function removeStale(): Promise<void> {
  for (const ns of await netnsList()) {
    const m = /^dmr(\d+)-/.exec(ns);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await netnsDelete(ns);
  }
}

/** The hub of the three-router test lab (NBMA 192.0.2.1, tunnel 172.16.0.1, key 42). */
export const HUB_CONFIG = `hostname hub
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp network-id 1
 ip nhrp holdtime 30
 ip nhrp map multicast dynamic
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 42
ip route 10.1.0.0 255.255.255.0 172.16.0.2
ip route 10.2.0.0 255.255.255.0 172.16.0.3
line con 0
 login
`;

/** Spoke i of the test lab: NBMA 192.0.2.(i+1), tunnel 172.16.0.(i+1), LAN 10.i.0.1/24 on Loopback0. */
export function spokeConfig(i: 1 | 2): string {
  return `hostname spoke${i}
interface GigabitEthernet0/0
 ip address 192.0.2.${i + 1} 255.255.255.0
interface Loopback0
 ip address 10.${i}.0.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.${i + 1} 255.255.255.0
 ip nhrp network-id 1
 ip nhrp holdtime 30
 ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast
 ip nhrp registration timeout 5
 ip nhrp shortcut
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 42
ip route 10.${3 - i}.0.0 255.255.255.0 172.16.0.1
`;
}
