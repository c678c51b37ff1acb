/**
 * The control socket server (the transport of the exec commands, ../exec/): a Unix stream socket,
 * one request per connection.
 *
 * A client writes its request and half-closes: the first line is the command
 * (`show dmvpn json`), any further lines are its input (the lines of `configure`).
 * The router writes the answer and closes. A streaming command (`debug nhrp`)
 * keeps writing until the client hangs up.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a command handler gets: the command line, its input lines, and a way to stream. */
export interface ControlRequest {
  command: string;
  input: string[];
  /** For streaming commands: write more output; returns false once the client is gone. */
  write(text: string): boolean;
  /** For streaming commands: finish the answer and close the connection. */
  end(): void;
  /** Resolves when the client hangs up. */
  closed: Promise<void>;
}

/** Answers a request: a string is written and the connection closed; undefined means the handler streams and ends itself. */
export type ControlHandler = (req: ControlRequest) => Promise<string | undefined> | string | undefined;

/**
 * An interactive session on the control socket (`dmvpn-lab cli NODE` with no command): the client's
 * first line is `\x01tty ROWS COLS`, then the connection carries keystrokes one way and the terminal
 * output the other (../exec/session.ts), until either side closes.
 */
export type SessionHandler = (sock: Socket, size: { rows: number; cols: number }) => void;

/** The first bytes of a session request (a command line never starts with \x01). */
export const SESSION_HELLO = '\x01tty ';

/** Largest request accepted (a full configuration pasted through `configure`). */
const MAX_REQUEST = 1 << 20;

/** Listens on `path` (replacing a stale socket file) and serves `handler`. */
export async function listenControl(path: string, handler: ControlHandler, session?: SessionHandler): Promise<Server> {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
  const server = createServer({ allowHalfOpen: true }, (sock) => serve(sock, handler, session));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function serve(sock: Socket, handler: ControlHandler, session?: SessionHandler): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let open = true;
  const closed = new Promise<void>((resolve) =>
    sock.once('close', () => {
      open = false;
      resolve();
    }),
  );
  sock.on('error', () => undefined);
  let interactive = false;
  const onData = (b: Buffer): void => {
    if (session && size === 0 && b.subarray(0, SESSION_HELLO.length).toString('latin1') === SESSION_HELLO) {
      const nl = b.indexOf(0x0a);
      if (nl > 0) {
        sock.off('data', onData);
        interactive = true;
        const [rows, cols] = b.subarray(SESSION_HELLO.length, nl).toString('latin1').trim().split(/\s+/).map(Number);
        session(sock, { rows: rows || 24, cols: cols || 80 });
        const rest = b.subarray(nl + 1);
        if (rest.length > 0) sock.emit('data', rest);
        return;
      }
    }
    size += b.length;
    if (size > MAX_REQUEST) {
      sock.end('% Request too large\n');
      return;
    }
    chunks.push(b);
  };
  sock.on('data', onData);
  sock.once('end', () => {
    if (interactive || size > MAX_REQUEST) return;
    const lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
    const command = (lines.shift() ?? '').trim();
    const input = lines.filter((l, i) => !(i === lines.length - 1 && l === ''));
    const req: ControlRequest = {
      command,
      input,
      write: (text) => {
        if (!open) return false;
        sock.write(text);
        return true;
      },
      end: () => {
        if (open) sock.end();
      },
      closed,
    };
    Promise.resolve()
      .then(() => handler(req))
      .then(
        (out) => {
          if (out !== undefined && open) sock.end(out.endsWith('\n') || out === '' ? out : `${out}\n`);
        },
        (err: unknown) => {
          if (open) sock.end(`% ${(err as Error).message ?? String(err)}\n`);
        },
      );
  });
}
