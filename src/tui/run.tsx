/**
 * `dmvpn-lab tui`: mounts the app on the terminal's alternate screen, opens the lab named (or the lab of the
 * topology file given), and steps aside for a router's CLI. Refuses to start without a terminal.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, type Instance } from 'ink';
import { readProgress } from '../lab/exercise/progress.js';
import { readRegistry } from '../lab/state.js';
import { App } from './components/app.js';
import { Effects, type Host } from './effects.js';
import type { FeedRates } from './feed.js';
import { fileEntry } from './labs-source.js';
import { initialState } from './model.js';
import { Store } from './store.js';

/** What `tui` prints and exits 2 with when stdin or stdout is not a terminal. */
export const NOT_A_TTY =
  'dmvpn-lab tui needs a terminal (stdin and stdout must be a TTY).\n' +
  'For scripts use: dmvpn-lab status [LAB] [--json], dmvpn-lab inspect LAB --json, dmvpn-lab check LAB --json FILE\n';

const ALT_ON = '\x1b[?1049h\x1b[H';
const ALT_OFF = '\x1b[?1049l';

/** The lab of the exercise that runs now, if any (read from the progress file; no lab is touched). */
function runningExerciseLab(): string | undefined {
  const lab = readProgress().current?.lab;
  return lab !== undefined && readRegistry(lab)?.phase === 'up' ? lab : undefined;
}

/** Runs the TUI until the person quits; returns the exit code. */
export async function runTui(target?: string, rates: FeedRates = {}): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(NOT_A_TTY);
    return 2;
  }
  const store = new Store(initialState({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 }), 200);
  const file = target !== undefined && existsSync(target) && statSync(target).isFile() ? resolve(target) : undefined;
  let instance: Instance | undefined;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const mount = (): void => {
    process.stdout.write(ALT_ON);
    instance = render(<App store={store} onIntent={(i) => void effects.run(i)} />, {
      exitOnCtrlC: false,
      patchConsole: true,
    });
  };
  const unmount = async (): Promise<void> => {
    instance?.unmount();
    await instance?.waitUntilExit();
    instance = undefined;
    process.stdout.write(ALT_OFF);
  };
  const host: Host = {
    stepAside: async (fn) => {
      await unmount();
      try {
        await fn();
      } finally {
        mount();
      }
    },
    quit: () => void unmount().then(done),
  };
  const effects = new Effects(store, host, file ? [file] : [], rates);
  effects.start();
  // no lab named: the running exercise's lab, when it is up (a student goes from `exercise start` to here)
  const name = file ? fileEntry(file)?.name : (target ?? runningExerciseLab());
  if (name !== undefined && readRegistry(name)?.phase === 'up') effects.open(name);
  else if (name !== undefined) {
    const i = store.get().labs.findIndex((l) => l.name === name);
    if (i > 0) store.dispatch({ type: 'labsCursor', delta: i });
    if (i < 0 && !file)
      store.dispatch({
        type: 'notice',
        notice: { text: `no lab "${name}" is up and no such topology file`, tone: 'bad' },
      });
  }
  mount();
  await finished;
  effects.stop();
  return 0;
}
