/**
 * The client of a router's control socket, the one place that knows how to talk to dmvpnd.
 * Protocol: a Unix stream socket, one request per connection; the client writes the command line
 * (and, for `configure`, the configuration lines after it) and half-closes; the router answers and
 * closes. A streaming command (`debug nhrp`) keeps answering until the client hangs up. Every show
 * command has a JSON form (`… json`, see ./show-json.ts).
 */
import { connect, type Socket } from 'node:net';

/** Raised when the control socket cannot be reached, does not answer in time, or answers what is not JSON. */
export class ControlError extends Error {
  readonly code = 'CONTROL_UNREACHABLE';
  constructor(path: string, cause: unknown, what = 'cannot reach control socket') {
    super(`${what} ${path}: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'ControlError';
  }
}

/**
 * Runs `command` on the router behind `path` and resolves with its whole answer; `onData` streams
 * output as it arrives. `timeoutMs` 0 waits for ever; `signal` hangs up (the answer so far resolves).
 */
export function sendControl(
  path: string,
  command: string,
  input: readonly string[] = [],
  onData?: (text: string) => void,
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(path);
    const out: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    const noAnswer = (): void => void sock.destroy(new Error(`no answer to "${command}" after ${timeoutMs} ms`));
    if (timeoutMs > 0) timer = setTimeout(noAnswer, timeoutMs);
    const hangUp = (): void => void sock.destroy();
    signal?.addEventListener('abort', hangUp, { once: true });
    const done = (): void => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', hangUp);
    };
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.end(`${[command, ...input].join('\n')}\n`));
    sock.on('data', (t: string) => {
      out.push(t);
      onData?.(t);
    });
    sock.on('error', (err) => {
      done();
      reject(new ControlError(path, err));
    });
    sock.on('close', (hadError) => {
      done();
      if (!hadError) resolve(out.join(''));
    });
  });
}

/** Runs `<command> json` and parses the answer; throws ControlError when it is not JSON (e.g. a `%` error). */
export async function controlJson(path: string, command: string, timeoutMs?: number): Promise<unknown> {
  const text = await sendControl(path, `${command} json`, [], undefined, timeoutMs);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const bad = new Error(`"${command} json" did not answer JSON: ${text.trim().slice(0, 200)}`, { cause });
    throw new ControlError(path, bad, 'bad answer from');
  }
}

/** True once something accepts connections on the socket. */
export function controlListening(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(path);
    sock.on('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });
}

/**
 * Opens an interactive exec session on the router behind `path` (the router's console): the
 * returned socket takes keystrokes and gives terminal output; `resize` tells the router a new size.
 */
export function openSession(path: string, size: { rows: number; cols: number }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(path);
    sock.once('error', (err) => reject(new ControlError(path, err)));
    sock.once('connect', () => {
      sock.write(`\x01tty ${size.rows} ${size.cols}\n`);
      resolve(sock);
    });
  });
}

/** The bytes that tell a session its terminal is now `rows` × `cols` (xterm's window-size report). */
export function resizeBytes(rows: number, cols: number): string {
  return `\x1b[8;${rows};${cols}t`;
}
