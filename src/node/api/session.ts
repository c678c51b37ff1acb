/**
 * An interactive session with a router from a shell (`dmvpn-lab cli NODE` with no command), like
 * `docker exec -it`: on a terminal, stdin goes raw (every key to the router, Ctrl-C included) and
 * size changes are passed on; from a pipe, the bytes go as they are and the session ends after the
 * input does. Resolves with the exit status: 0 when the session ended, 2 when the router cannot be
 * reached.
 */
import { openSession, resizeBytes } from './client.js';

/** The terminal a session runs on (the process's in the bins; fakes in tests). */
export interface SessionIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  stdout: NodeJS.WritableStream & {
    isTTY?: boolean;
    rows?: number;
    columns?: number;
    on(e: 'resize', f: () => void): unknown;
  };
  err: (text: string) => void;
  prog?: string;
}

/** Runs a session on the router behind `path` until it ends. */
export async function runSession(path: string, io: SessionIo): Promise<number> {
  const size = () => ({ rows: io.stdout.rows ?? 24, cols: io.stdout.columns ?? 80 });
  let sock: Awaited<ReturnType<typeof openSession>>;
  try {
    sock = await openSession(path, size());
  } catch (err) {
    io.err(`${io.prog ?? 'dmvpn-lab cli'}: ${(err as Error).message}\n`);
    return 2;
  }
  const raw = io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';
  if (raw) io.stdin.setRawMode!(true);
  const onResize = (): void => {
    const s = size();
    sock.write(resizeBytes(s.rows, s.cols));
  };
  if (io.stdout.isTTY) io.stdout.on('resize', onResize);
  const onData = (b: Buffer | string): void => void sock.write(b);
  io.stdin.on('data', onData);
  io.stdin.once('end', () => sock.end());
  io.stdin.resume();
  sock.on('data', (b: Buffer) => io.stdout.write(b));
  await new Promise<void>((resolve) => {
    sock.on('close', () => resolve());
    sock.on('error', () => resolve());
  });
  io.stdin.off('data', onData);
  if (raw) io.stdin.setRawMode!(false);
  io.stdin.pause();
  return 0;
}
