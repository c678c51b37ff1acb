/**
 * FRR daemons of one router: zebra plus the daemons its config uses, run as child processes in the
 * router's own namespace with every path under one state folder (config files, pid files, vty
 * sockets, zserv socket, logs), owned by frr:frr. Nothing is read from or written to /etc/frr.
 *
 * Each daemon runs in the foreground under a small `sh` guard that holds a pipe from dmvpnd: when
 * dmvpnd exits for any reason (even SIGKILL) the pipe closes and the guard stops the daemon, as
 * prctl(PR_SET_PDEATHSIG) would. A live `configure` that changes a daemon's file restarts that daemon.
 * A daemon that dies on its own is logged and restarted after a second, at most RESTART_LIMIT times
 * in RESTART_WINDOW_MS; past that it stays down, logged, and `show ip protocols` shows it not running.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RouterConfig } from '../config/model.js';
import { translate, type FrrDaemon } from './translate.js';

/** Where FRR's daemons are installed (Debian). */
export const FRR_DIR = '/usr/lib/frr';

/** True when FRR is installed. */
export function frrInstalled(dir = FRR_DIR): boolean {
  return existsSync(join(dir, 'zebra'));
}

interface Running {
  child: ChildProcess;
  text: string;
  exited: Promise<void>;
}

/** Options of FrrDaemons. */
export interface FrrOptions {
  stateDir: string;
  log: (line: string) => void;
  frrDir?: string;
}

/** Restarts of one daemon allowed within RESTART_WINDOW_MS before it is left down. */
export const RESTART_LIMIT = 3;
/** The window over which restarts are counted (ms). */
export const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1000;

/** The guard: runs "$@" with stdin from /dev/null; stops it when fd 3 (dmvpnd's pipe) closes. */
const GUARD = 'exec 3<&0; "$@" </dev/null 3<&- & p=$!; (read _ <&3; kill $p 2>/dev/null) & wait $p';

/** The FRR daemons of one router. */
export class FrrDaemons {
  private readonly running = new Map<FrrDaemon, Running>();
  private readonly frrDir: string;
  /** Restarts pending after a daemon died, and when each daemon was restarted lately. */
  private readonly pending = new Map<FrrDaemon, NodeJS.Timeout>();
  private readonly restarts = new Map<FrrDaemon, number[]>();

  constructor(private readonly opts: FrrOptions) {
    this.frrDir = opts.frrDir ?? FRR_DIR;
  }

  /** The state folder (vtysh --vty_socket takes it). */
  get stateDir(): string {
    return this.opts.stateDir;
  }

  /** Daemons running now. */
  daemons(): FrrDaemon[] {
    return [...this.running.keys()];
  }

  /** Starts, restarts and stops daemons so that they run `config`; returns problems (none: empty). */
  async apply(config: RouterConfig): Promise<string[]> {
    const wanted = translate(config);
    if (wanted.length > 0 && !frrInstalled(this.frrDir)) {
      return ['routing processes need FRR (apt-get install frr): not started'];
    }
    const names = new Set(wanted.map((w) => w.daemon));
    for (const d of [...this.pending.keys()]) if (!names.has(d)) this.cancelRestart(d);
    for (const d of [...this.running.keys()].reverse()) if (!names.has(d)) await this.stopOne(d);
    if (wanted.length > 0) {
      const blocked = this.prepareDir();
      if (blocked) return [blocked];
    }
    // zebra's file changed (OSPF distribute-list in): the others hang on zebra, so all restart
    const zebra = this.running.get('zebra');
    const zebraText = wanted.find((w) => w.daemon === 'zebra')?.text;
    if (zebra && zebraText !== undefined && zebra.text !== zebraText) {
      this.opts.log('%FRR-5-RESTART: zebra: configuration changed, restarting every daemon');
      for (const d of [...this.pending.keys()]) this.cancelRestart(d);
      for (const d of [...this.running.keys()].reverse()) await this.stopOne(d);
    }
    for (const w of wanted) {
      const now = this.running.get(w.daemon);
      if (now && now.text === w.text) continue;
      if (now) {
        this.opts.log(`%FRR-5-RESTART: ${w.daemon}: configuration changed, restarting`);
        await this.stopOne(w.daemon);
      }
      this.startOne(w.daemon, w.text);
      // the others connect to zebra's socket: wait for it
      if (w.daemon === 'zebra') await this.waitFor(join(this.stateDir, 'zserv.api'), 5000);
    }
    return [];
  }

  /** Stops every daemon (routing daemons first, zebra last; they remove their kernel routes). */
  async stop(): Promise<void> {
    for (const d of [...this.pending.keys()]) this.cancelRestart(d);
    for (const d of [...this.running.keys()].reverse()) await this.stopOne(d);
  }

  /** Runs one vtysh command against this router's daemons; resolves with its output. */
  vtysh(command: string, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'vtysh',
        ['--vty_socket', this.stateDir, '-c', command],
        { timeout: timeoutMs, encoding: 'utf8' },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
  }

  /** Creates the state folder owned by frr; returns a problem when user frr cannot reach it. */
  private prepareDir(): string | undefined {
    const dir = this.stateDir;
    mkdirSync(dir, { recursive: true });
    const ids = frrIds();
    if (ids) chownSync(dir, ids.uid, ids.gid);
    // the daemons run as frr: every folder above must let others through (o+x)
    for (let d = dirname(resolve(dir)); d !== dirname(d); d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) {
        return `routing daemons not started: user frr cannot enter ${d} (above the state folder ${dir}); use --state-dir`;
      }
    }
    return undefined;
  }

  private startOne(daemon: FrrDaemon, text: string): void {
    const dir = this.stateDir;
    const conf = join(dir, `${daemon}.conf`);
    writeFileSync(conf, text, { mode: 0o640 });
    const ids = frrIds();
    if (ids) chownSync(conf, ids.uid, ids.gid);
    const args = [
      '-P',
      '0',
      '-z',
      join(dir, 'zserv.api'),
      '--vty_socket',
      dir,
      '-i',
      join(dir, `${daemon}.pid`),
      '-f',
      conf,
      '--log',
      `file:${join(dir, `${daemon}.log`)}`,
    ];
    const child = spawn('sh', ['-c', GUARD, 'frr-guard', join(this.frrDir, daemon), ...args], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin?.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.running.get(daemon)?.child === child) {
          this.running.delete(daemon);
          this.died(daemon, text, `${signal ?? `code ${code}`}`);
        }
        resolve();
      });
    });
    this.running.set(daemon, { child, text, exited });
    this.opts.log(`%FRR-5-START: ${daemon} started (pid ${child.pid}, ${conf})`);
  }

  /** A daemon exited on its own: restart it unless it did so too often lately. */
  private died(daemon: FrrDaemon, text: string, how: string): void {
    const now = Date.now();
    const recent = (this.restarts.get(daemon) ?? []).filter((t) => now - t < RESTART_WINDOW_MS);
    const log = `${this.stateDir}/${daemon}.log`;
    if (recent.length >= RESTART_LIMIT) {
      this.opts.log(
        `%FRR-2-GAVEUP: ${daemon} exited (${how}) after ${recent.length} restarts in ${RESTART_WINDOW_MS / 1000} s: left down (show ip protocols), see ${log}`,
      );
      return;
    }
    this.restarts.set(daemon, [...recent, now]);
    this.opts.log(
      `%FRR-3-EXIT: ${daemon} exited (${how}), restarting in ${RESTART_DELAY_MS / 1000} s (restart ${recent.length + 1} of ${RESTART_LIMIT}), see ${log}`,
    );
    this.pending.set(
      daemon,
      setTimeout(() => {
        this.pending.delete(daemon);
        if (!this.running.has(daemon)) this.startOne(daemon, text);
      }, RESTART_DELAY_MS),
    );
  }

  private cancelRestart(daemon: FrrDaemon): void {
    clearTimeout(this.pending.get(daemon));
    this.pending.delete(daemon);
  }

  private async stopOne(daemon: FrrDaemon): Promise<void> {
    this.cancelRestart(daemon);
    const r = this.running.get(daemon);
    if (!r) return;
    this.running.delete(daemon);
    const pid = readPid(join(this.stateDir, `${daemon}.pid`));
    // closing the pipe makes the guard send SIGTERM; the pid file lets us do it at once
    r.child.stdin?.end();
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    const timer = setTimeout(() => {
      if (pid !== undefined) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      r.child.kill('SIGKILL');
    }, 3000);
    await r.exited;
    clearTimeout(timer);
    rmSync(join(this.stateDir, `${daemon}.pid`), { force: true });
  }

  private async waitFor(path: string, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!existsSync(path) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }
}

function readPid(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) && n > 1 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** uid and gid of user frr (from /etc/passwd), or undefined when there is no such user. */
export function frrIds(): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('frr:'));
    if (!line) return undefined;
    const f = line.split(':');
    return { uid: Number(f[2]), gid: Number(f[3]) };
  } catch {
    return undefined;
  }
}
