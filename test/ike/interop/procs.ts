/**
 * Child processes of the interop test: a JSON-lines process (our engine host, the GRE probe) with `waitFor`,
 * and the namespaces: two named `ikx-a-<rand>` / `ikx-b-<rand>` joined by a veth, 192.0.2.1/24 and 192.0.2.2/24.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';

export function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A process printing one JSON object per line. */
export class JsonProc {
  readonly lines: Record<string, unknown>[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];
  exited = false;

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      try {
        this.lines.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        this.lines.push({ kind: 'text', text: l });
      }
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr!.on('data', (d) => (this.stderr += String(d)));
    child.on('exit', () => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(o: unknown): void {
    this.child.stdin!.write(`${JSON.stringify(o)}\n`);
  }

  /** The first line (from index `from`) that `pred` accepts; rejects after `ms`. */
  async waitFor(
    pred: (l: Record<string, unknown>) => boolean,
    ms = 15_000,
    from = 0,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.lines.slice(from).find(pred);
      if (hit) return hit;
      if (this.exited) throw new Error(`process exited: ${this.stderr.slice(-2000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; lines: ${JSON.stringify(this.lines.slice(-8)).slice(0, 3000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  stop(): void {
    if (!this.exited && this.child.pid) {
      try {
        process.kill(this.child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  }
}

/** Spawns `args` inside namespace `ns` as a JSON-lines process. */
export function spawnIn(ns: string, args: string[], cwd: string): JsonProc {
  return new JsonProc(spawn('ip', ['netns', 'exec', ns, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] }));
}

/** Two namespaces and a veth between them. */
export class NetnsPair {
  readonly a: string;
  readonly b: string;

  constructor() {
    const r = randomBytes(3).toString('hex');
    this.a = `ikx-a-${r}`;
    this.b = `ikx-b-${r}`;
    sh('ip', ['netns', 'add', this.a]);
    sh('ip', ['netns', 'add', this.b]);
    sh('ip', ['link', 'add', `ikx${r}a`, 'netns', this.a, 'type', 'veth', 'peer', 'name', `ikx${r}b`, 'netns', this.b]);
    for (const [ns, dev, addr] of [
      [this.a, `ikx${r}a`, '192.0.2.1/24'],
      [this.b, `ikx${r}b`, '192.0.2.2/24'],
    ]) {
      sh('ip', ['-n', ns, 'addr', 'add', addr, 'dev', dev]);
      sh('ip', ['-n', ns, 'link', 'set', dev, 'up']);
      sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
  }

  close(): void {
    for (const ns of [this.a, this.b]) {
      try {
        sh('ip', ['netns', 'delete', ns]);
      } catch {
        /* already gone */
      }
    }
  }
}
