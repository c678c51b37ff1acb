/**
 * Ctrl-C during a long lab operation (`up`, `check`): the first SIGINT or SIGTERM aborts the
 * operation, which rolls back what it created and says so; a second one exits at once with a hint.
 * The abort travels with the operation's async context: `run()` refuses to start a command and
 * cancels the one in flight, and polling loops call `throwIfAborted()`; rollback code runs in
 * `unaborted()` so its own commands still run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LabError } from './errors.js';

const current = new AsyncLocalStorage<AbortSignal | undefined>();

/** Exit status after a signal: 128 + its number, as a shell reports it. */
export function signalExitCode(sig: NodeJS.Signals): number {
  return sig === 'SIGTERM' ? 143 : 130;
}

/** The operation was interrupted by a signal (code INTERRUPTED, exit 130 or 143). */
export function interruptedError(sig: NodeJS.Signals): LabError {
  return new LabError('INTERRUPTED', `interrupted by ${sig}`, { exitCode: signalExitCode(sig) });
}

/** The abort signal of the operation this code runs in, if any. */
export function currentAbort(): AbortSignal | undefined {
  return current.getStore();
}

/** Throws the INTERRUPTED error when the current operation was interrupted. */
export function throwIfAborted(): void {
  const s = current.getStore();
  if (s?.aborted) throw s.reason as Error;
}

/** True when the current operation was interrupted. */
export function aborted(): boolean {
  return current.getStore()?.aborted === true;
}

/** Runs `fn` outside any interrupted operation (rollback: its commands must run). */
export function unaborted<T>(fn: () => T): T {
  return current.run(undefined, fn);
}

/** What `interruptible` tells the user on each signal. */
export interface InterruptMessages {
  /** Printed on the first signal, e.g. "removing what was created". */
  first: string;
  /** Printed when a second signal forces the exit, e.g. "run `dmvpn-lab down c1` to remove what is left". */
  forced: () => string;
  write?: (line: string) => void;
}

/**
 * Runs `fn` with SIGINT/SIGTERM handlers: the first signal aborts `fn`'s context (its commands and
 * polls throw INTERRUPTED, and `fn` is expected to roll back); the second exits the process at once.
 */
export async function interruptible<T>(msgs: InterruptMessages, fn: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const write = msgs.write ?? ((l: string) => process.stderr.write(l));
  let first: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (first === undefined) {
      first = sig;
      write(`dmvpn-lab: ${sig}: ${msgs.first} (press Ctrl-C again to exit at once)\n`);
      controller.abort(interruptedError(sig));
      return;
    }
    write(`dmvpn-lab: ${sig} again: exiting without finishing; ${msgs.forced()}\n`);
    process.exit(signalExitCode(first));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await current.run(controller.signal, fn);
  } catch (err) {
    // A Ctrl-C at a terminal also kills the commands in flight: their failure is the interruption.
    if (controller.signal.aborted && (err as { code?: string }).code !== 'INTERRUPTED') {
      const e = controller.signal.reason as LabError;
      throw new LabError('INTERRUPTED', e.message, { cause: err, exitCode: e.exitCode });
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
