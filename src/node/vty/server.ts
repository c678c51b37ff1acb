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

/** Largest request accepted (a full configuration pasted through `configure`). */
const MAX_REQUEST = 1 << 20;

/** Listens on `path` (replacing a stale socket file) and serves `handler`. */
export async function listenControl(path: string, handler: ControlHandler): Promise<Server> {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
  const server = createServer({ allowHalfOpen: true }, (sock) => serve(sock, handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function serve(sock: Socket, handler: ControlHandler): void {
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
  sock.on('data', (b: Buffer) => {
    size += b.length;
    if (size > MAX_REQUEST) {
      sock.end('% Request too large\n');
      return;
    }
    chunks.push(b);
  });
  sock.once('end', () => {
    if (size > MAX_REQUEST) return;
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
