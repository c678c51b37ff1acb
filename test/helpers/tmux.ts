/** The TUI in a detached tmux session: keys go in with send-keys, the screen comes back with capture-pane. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

/** The TUI in tmux. */
export class Screen {
  constructor(readonly session: string) {}

  /** Runs `dmvpn-lab ARGS` (e.g. `tui phase3`) with `env` in a new 120×40 session. */
  static async open(args: string, session: string, env: Record<string, string>): Promise<Screen> {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const cmd = `env ${vars.join(' ')} ${process.execPath} --import tsx ${CLI} ${args}`;
    await execa('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-c', ROOT, cmd]);
    return new Screen(session);
  }

  async text(): Promise<string> {
    return (await execa('tmux', ['capture-pane', '-p', '-t', this.session], { reject: false })).stdout;
  }

  /** Sends keys one at a time (as a person types). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      await execa('tmux', [
        'send-keys',
        '-t',
        this.session,
        ...(k.length > 1 && !/^[A-Z][a-z]+$/.test(k) ? ['-l', k] : [k]),
      ]);
      await sleep(60);
    }
  }

  /** Waits until every pattern matches the screen; fails with the last screen. */
  async until(patterns: RegExp[], timeoutMs = 20_000): Promise<string> {
    const t0 = Date.now();
    let last = '';
    while (Date.now() - t0 < timeoutMs) {
      last = await this.text();
      if (patterns.every((p) => p.test(last))) return last;
      await sleep(200);
    }
    assert.fail(`screen never showed ${patterns.filter((p) => !p.test(last)).join(', ')}:\n${last}`);
  }

  async close(): Promise<void> {
    await execa('tmux', ['kill-session', '-t', this.session], { reject: false });
  }
}
