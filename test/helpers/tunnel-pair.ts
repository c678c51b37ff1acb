/**
 * Two network namespaces joined by a veth (NBMA 192.0.2.1 and 192.0.2.2), each running a
 * tunnel endpoint process (./tunnel-endpoint.ts) with tunnel addresses 10.0.0.1 and 10.0.0.2:
 * the shared harness of the data plane integration test and bench. Namespaces are named
 * `dpt-<pid>-<n>-a|b`; close() removes them, and a new pair first removes those of dead processes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { TunnelStats } from '../../src/node/dataplane/counters.js';
import { ip, netnsAdd, netnsDelete, netnsList } from '../../src/node/sys/kernel.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let counter = 0;

/** Options of a pair: tunnel key, TAP MTU, TCP receive offload, extra node flags for the endpoints (e.g. --cpu-prof). */
export interface TunnelPairOptions {
  key?: number;
  mtu?: number;
  /** Default true (TunnelRuntime.open's default). */
  offload?: boolean;
  /** Take the kernel's TCP GSO frames from the TAP (default true; false: the kernel segments). */
  tso?: boolean;
  nodeArgs?: string[];
  /** Protect the tunnel: IKEv2 + ESP transport mode with AES-GCM-256 or AES-CBC-256/SHA-256. */
  esp?: 'gcm' | 'cbc';
}

/** What an endpoint reports: the data plane's counters and those of its TAP and socket. */
export interface EndpointStats {
  stats: TunnelStats;
  tap: {
    readErrors: number;
    writeErrors: number;
    coalesce?: { merged: number; frames: number; writeErrors: number; badChecksum: number };
    segment?: { gsoFrames: number; segments: number; checksums: number; malformed: number };
  };
  socket: { sendErrors: number; readErrors: number; malformed: number };
}

interface Endpoint {
  child: ChildProcessWithoutNullStreams;
  lines: Interface;
  waiters: ((line: string) => void)[];
  /** Lines that arrived with no one waiting. */
  queue: string[];
  stderr: string;
}

/** The two namespaces, their addresses, and the running endpoints. */
export class TunnelPair {
  readonly nbma = ['192.0.2.1', '192.0.2.2'] as const;
  readonly tunnel = ['10.0.0.1', '10.0.0.2'] as const;
  private readonly endpoints: Endpoint[] = [];

  private constructor(readonly ns: readonly [string, string]) {}

  /** Builds namespaces, veth and endpoints; on any failure removes what it made and rethrows. */
  static async create(opts: TunnelPairOptions = {}): Promise<TunnelPair> {
    await removeStale();
    const base = `dpt-${process.pid}-${counter++}`;
    const pair = new TunnelPair([`${base}-a`, `${base}-b`]);
    try {
      await pair.build(opts);
      return pair;
    } catch (err) {
      await pair.close();
      throw err;
    }
  }

  private async build(opts: TunnelPairOptions): Promise<void> {
    const [a, b] = this.ns;
    await netnsAdd(a);
    await netnsAdd(b);
    await ip(['link', 'add', 'nbma0', 'type', 'veth', 'peer', 'name', 'nbma0', 'netns', b], { netns: a });
    for (const [i, ns] of this.ns.entries()) {
      await ip(['addr', 'add', `${this.nbma[i]}/24`, 'dev', 'nbma0'], { netns: ns });
      await ip(['link', 'set', 'nbma0', 'up'], { netns: ns });
      await ip(['link', 'set', 'lo', 'up'], { netns: ns });
    }
    for (let i = 0; i < 2; i++) {
      const other = 1 - i;
      const args = [
        '--tap',
        'dp0',
        '--address',
        `${this.tunnel[i]}/24`,
        '--bind',
        this.nbma[i],
        '--peer',
        `${this.tunnel[other]}=${this.nbma[other]}`,
      ];
      if (opts.key !== undefined) args.push('--key', String(opts.key));
      if (opts.mtu !== undefined) args.push('--mtu', String(opts.mtu));
      if (opts.offload === false) args.push('--no-offload');
      if (opts.tso === false) args.push('--no-tso');
      if (opts.esp) args.push('--esp', opts.esp);
      this.endpoints.push(this.spawnEndpoint(this.ns[i], args, opts.nodeArgs ?? []));
    }
    for (let i = 0; i < 2; i++) {
      const first = await this.nextLine(i);
      if (!first.includes('"ready":true')) throw new Error(`tunnel endpoint in ${this.ns[i]} did not start: ${first}`);
    }
  }

  private spawnEndpoint(ns: string, args: string[], nodeArgs: string[]): Endpoint {
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        process.execPath,
        ...nodeArgs,
        '--import',
        'tsx',
        join(root, 'test/helpers/tunnel-endpoint.ts'),
        ...args,
      ],
      {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const ep: Endpoint = { child, lines: createInterface({ input: child.stdout }), waiters: [], queue: [], stderr: '' };
    ep.lines.on('line', (l) => {
      const w = ep.waiters.shift();
      if (w) w(l);
      else ep.queue.push(l);
    });
    child.stderr.on('data', (d: Buffer) => void (ep.stderr += d.toString()));
    child.on('exit', (code) => {
      for (const w of ep.waiters.splice(0)) w(`exited with ${code}: ${ep.stderr.trim()}`);
    });
    return ep;
  }

  private nextLine(i: number): Promise<string> {
    const ep = this.endpoints[i];
    const queued = ep.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (ep.child.exitCode !== null) return Promise.resolve(`exited with ${ep.child.exitCode}: ${ep.stderr.trim()}`);
    return new Promise((resolve) => ep.waiters.push(resolve));
  }

  /** Runs a command inside namespace 0 or 1; never throws for a non-zero exit. */
  async exec(
    side: 0 | 1,
    cmd: string[],
    timeoutMs = 60_000,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const r = await execa('ip', ['netns', 'exec', this.ns[side], ...cmd], { reject: false, timeout: timeoutMs });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  }

  /** Counters of the endpoint in namespace 0 or 1. */
  async stats(side: 0 | 1): Promise<EndpointStats> {
    const line = this.nextLine(side);
    this.endpoints[side].child.stdin.write('stats\n');
    const text = await line;
    try {
      return JSON.parse(text) as EndpointStats;
    } catch (cause) {
      throw new Error(`tunnel endpoint in ${this.ns[side]}: expected stats JSON, got: ${text}`, { cause });
    }
  }

  /** Stops the endpoints and deletes both namespaces (safe to call twice). */
  async close(): Promise<void> {
    await Promise.all(
      this.endpoints.splice(0).map(
        (ep) =>
          new Promise<void>((resolve) => {
            if (ep.child.exitCode !== null || ep.child.signalCode !== null) return resolve();
            ep.child.once('exit', () => resolve());
            ep.child.stdin.end();
            setTimeout(() => ep.child.kill('SIGKILL'), 3000).unref();
          }),
      ),
    );
    for (const ns of this.ns) await netnsDelete(ns);
  }
}

/** Deletes `dpt-<pid>-…` namespaces whose process is gone (left by a run that was killed). */
async function removeStale(): Promise<void> {
  for (const ns of await netnsList()) {
    const m = /^dpt-(\d+)-/.exec(ns);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await netnsDelete(ns);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
