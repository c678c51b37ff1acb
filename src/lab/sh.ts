/** Runs external commands (ip, iptables, tcpdump) and turns failures into LabError COMMAND_FAILED. */
import { execa } from 'execa';
import { LabError } from './errors.js';
import { currentAbort, throwIfAborted } from './interrupt.js';

/** What a finished command printed and how it exited. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Options for `run`: text on stdin, a time limit, and whether a non-zero exit is an error. */
export interface ExecOptions {
  input?: string;
  timeoutMs?: number;
  /** When false, a non-zero exit is returned instead of thrown. */
  check?: boolean;
  env?: Record<string, string>;
}

/**
 * Runs `file args…` to completion; throws COMMAND_FAILED with the command line and its stderr.
 * In an interrupted operation it starts nothing and cancels what runs (INTERRUPTED).
 */
export async function run(file: string, args: string[], opts: ExecOptions = {}): Promise<RunResult> {
  throwIfAborted();
  const abort = currentAbort();
  const r = await execa(file, args, {
    ...(abort ? { cancelSignal: abort } : {}),
    input: opts.input,
    timeout: opts.timeoutMs ?? 60_000,
    reject: false,
    stripFinalNewline: true,
    env: opts.env,
  });
  throwIfAborted();
  const res = { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 };
  if (r.failed && opts.check !== false) {
    const why = res.stderr.trim() || r.shortMessage || `exit ${res.exitCode}`;
    throw new LabError('COMMAND_FAILED', `${[file, ...args].join(' ').slice(0, 300)}: ${why}`, { cause: r });
  }
  return res;
}

/** Runs `items` through `fn` with at most `limit` in flight; rejects with the first error after all settle. */
export async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item).catch((e: unknown) => errors.push(e));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
