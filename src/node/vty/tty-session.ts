/**
 * The local terminal's transport (`dmvpn-lab cli NODE` with no command): an interactive exec
 * session on a control-socket connection, as the router's console. Keystrokes in, terminal output
 * out; the session closes with the connection.
 */
import type { Socket } from 'node:net';
import type { ExecBackend } from '../exec/backend.js';
import { ExecSession } from '../exec/session.js';
import type { SessionHandler } from './server.js';

/** Serves console sessions on control-socket connections. */
export function consoleSessions(backend: ExecBackend, onOpen?: (count: number) => void): SessionHandler {
  let open = 0;
  return (sock: Socket, size) => {
    open++;
    onOpen?.(open);
    const session = new ExecSession({
      backend,
      write: (t) => {
        if (!sock.destroyed) sock.write(t, 'latin1');
      },
      close: () => sock.end(),
      privilege: 1,
      console: true,
      rows: size.rows,
      cols: size.cols,
    });
    sock.on('data', (b: Buffer) => session.feed(b.toString('latin1')));
    // the client's input ended (a pipe): finish what runs, then close
    sock.on('end', () => {
      const wait = (): void => {
        if (session.busy) setTimeout(wait, 20);
        else sock.end();
      };
      wait();
    });
    sock.on('close', () => {
      open--;
      session.dispose();
    });
    sock.on('error', () => undefined);
    session.start();
  };
}
