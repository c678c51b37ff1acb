/** A fake router behind an ExecSession: the real IOS parser on an in-memory config, canned show output. */
import { applyLines } from '../../src/node/config/apply.js';
import { linesInMode, modeAfter } from '../../src/node/config/live-mode.js';
import type { RouterConfig } from '../../src/node/config/model.js';
import { parseConfig } from '../../src/node/config/parse.js';
import type { ExecBackend, PingOptions } from '../../src/node/exec/backend.js';
import { typedLineOutput } from '../../src/node/exec/config-line.js';
import { ExecSession } from '../../src/node/exec/session.js';

/** The fake router and what it was asked. */
export class FakeRouter implements ExecBackend {
  config: RouterConfig;
  shows: string[] = [];
  saved: string | undefined;
  pings: Array<{ target: string; opts: PingOptions; aborted: boolean }> = [];
  enableSecret: string | undefined;
  showText = (line: string): string => `output of ${line}\n`;
  private sinks = new Set<(l: string) => void>();

  constructor(cfg = 'hostname R\ninterface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n') {
    this.config = parseConfig(cfg).config;
  }
  hostname(): string {
    return this.config.hostname;
  }
  checkEnable(password: string): boolean | undefined {
    return this.enableSecret === undefined ? undefined : password === this.enableSecret;
  }
  async show(line: string): Promise<string> {
    this.shows.push(line);
    return this.showText(line);
  }
  clearNhrp(): void {}
  async configure(openers: readonly string[], line: string, promptLength: number) {
    const move = modeAfter(this.config, openers, line);
    const { lines, lineNo } = linesInMode(openers, line);
    const r = applyLines(this.config, lines);
    this.config = r.config;
    return { output: typedLineOutput(r, lineNo, lines[lineNo - 1]!.length - line.trim().length, promptLength), move };
  }
  async writeMemory(): Promise<string> {
    this.saved = `hostname ${this.config.hostname}\n`;
    return 'Building configuration...\n[OK]\n';
  }
  async startupConfig(): Promise<string> {
    return this.saved ?? '';
  }
  ping(target: string, opts: PingOptions, write: (t: string) => void, signal: AbortSignal): Promise<void> {
    const entry = { target, opts, aborted: false };
    this.pings.push(entry);
    write('!');
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => {
        entry.aborted = true;
        write('\nSuccess rate is 100 percent (1/1)\n');
        resolve();
      });
    });
  }
  async traceroute(): Promise<void> {}
  subscribeLog(sink: (l: string) => void): () => void {
    this.sinks.add(sink);
    return () => void this.sinks.delete(sink);
  }
  log(line: string): void {
    for (const s of this.sinks) s(line);
  }
  get subscribers(): number {
    return this.sinks.size;
  }
}

/** A session on a FakeRouter, with everything it wrote. */
export function fakeSession(opts: { privilege?: number; console?: boolean; router?: FakeRouter; rows?: number } = {}) {
  const router = opts.router ?? new FakeRouter();
  let screen = '';
  let closed = false;
  const session = new ExecSession({
    backend: router,
    write: (t) => {
      screen += t;
    },
    close: () => {
      closed = true;
    },
    privilege: opts.privilege ?? 15,
    console: opts.console ?? false,
    rows: opts.rows ?? 24,
  });
  session.start();
  return {
    session,
    router,
    /** Types keys and lets queued promises run. */
    async type(keys: string): Promise<void> {
      session.feed(keys);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    },
    /** Output since the last call, with CR LF as LF. */
    take(): string {
      const s = screen.replace(/\r\n/g, '\n');
      screen = '';
      return s;
    },
    get closed() {
      return closed;
    },
  };
}
