/** Sends one command (and optional input lines) to a router's control socket and collects the answer. */
import { connect } from 'node:net';

/** Raised when the control socket cannot be reached. */
export class ControlError extends Error {
  readonly code = 'CONTROL_UNREACHABLE';
  constructor(path: string, cause: unknown) {
    super(`cannot reach control socket ${path}: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'ControlError';
  }
}

/** Runs `command` on the router behind `path`; `onData` streams output as it arrives. */
export function sendControl(
  path: string,
  command: string,
  input: string[] = [],
  onData?: (text: string) => void,
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(path);
    const out: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (timeoutMs > 0) timer = setTimeout(() => sock.destroy(new Error(`no answer after ${timeoutMs} ms`)), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.end([command, ...input].join('\n') + '\n'));
    sock.on('data', (t: string) => {
      out.push(t);
      onData?.(t);
    });
    sock.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(new ControlError(path, err));
    });
    sock.on('close', (hadError) => {
      if (timer) clearTimeout(timer);
      if (!hadError) resolve(out.join(''));
    });
  });
}
