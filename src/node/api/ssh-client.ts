/**
 * An SSH session with a router (ssh2's client), for `dmvpn-lab ssh NODE`: a shell on the local
 * terminal (raw keys, size changes passed on), or one command (an exec request) whose output is
 * printed. Resolves with the exit status: the command's, 0 after a shell, 255 when the login or
 * the connection fails (as OpenSSH).
 */
import ssh2 from 'ssh2';
import type { SessionIo } from './session.js';

/** Where to connect and as whom. */
export interface SshTarget {
  host: string;
  port?: number;
  user: string;
  password: string;
}

/** Runs a shell (no command) or one command on the router at `t`. */
export function runSsh(t: SshTarget, command: string | undefined, io: SessionIo): Promise<number> {
  return new Promise((resolve) => {
    const c = new ssh2.Client();
    let status = 255;
    const done = (code: number): void => {
      status = code;
      c.end();
    };
    c.on('error', (err) => {
      io.err(`${io.prog ?? 'dmvpn-lab ssh'}: ${t.user}@${t.host}: ${err.message}\n`);
      resolve(255);
    });
    c.on('close', () => resolve(status));
    c.on('ready', () => {
      if (command !== undefined) {
        c.exec(command, (err, s) => {
          if (err) return done(255);
          s.on('data', (b: Buffer) => io.stdout.write(b));
          s.stderr.on('data', (b: Buffer) => io.err(b.toString()));
          s.on('exit', (code: number | null) => {
            status = code ?? 0;
          });
          s.on('close', () => done(status));
        });
        return;
      }
      const rows = io.stdout.rows ?? 24;
      const cols = io.stdout.columns ?? 80;
      c.shell({ rows, cols, term: 'xterm' }, (err, s) => {
        if (err) return done(255);
        const raw = io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';
        if (raw) io.stdin.setRawMode!(true);
        const onData = (b: Buffer | string): void => void s.write(b);
        const onResize = (): void => void s.setWindow(io.stdout.rows ?? 24, io.stdout.columns ?? 80, 0, 0);
        io.stdin.on('data', onData);
        io.stdin.resume();
        if (io.stdout.isTTY) io.stdout.on('resize', onResize);
        s.on('data', (b: Buffer) => io.stdout.write(b));
        s.on('close', () => {
          io.stdin.off('data', onData);
          if (raw) io.stdin.setRawMode!(false);
          io.stdin.pause();
          done(0);
        });
      });
    });
    c.connect({ host: t.host, port: t.port ?? 22, username: t.user, password: t.password, readyTimeout: 20_000 });
  });
}
