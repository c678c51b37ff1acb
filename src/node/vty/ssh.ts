/**
 * The router's SSH server (ssh2): the vty lines. A shell gets an interactive exec session
 * (../exec/session.ts) with the PTY's size and its changes; an exec request (`ssh R "show dmvpn"`)
 * runs one command through the control socket's handler and closes. Who may log in comes from the
 * running config, read at each login (./vty-login.ts); failed logins are logged as IOS does and a
 * source that keeps failing is held off for a while. The host key is made once per router and kept
 * in its state folder.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import ssh2 from 'ssh2';
import type { ExecBackend } from '../exec/backend.js';
import { ExecSession } from '../exec/session.js';
import type { RouterLog } from '../router/log.js';
import type { ControlHandler } from './server.js';
import { LoginGuard, vtyLogin, type VtyAccess } from './vty-login.js';

/** What the SSH server needs from the router. */
export interface SshOptions {
  port: number;
  host?: string;
  hostKeyPath: string;
  backend: ExecBackend;
  /** The running config's access settings, read at each login. */
  access(): VtyAccess;
  /** One-shot commands of exec requests (the control socket's handler). */
  exec: ControlHandler;
  log: RouterLog;
  /** Concurrent sessions allowed (vty lines). */
  maxSessions?: number;
}

/** A running SSH server. */
export interface SshServer {
  port: number;
  /** Open shell and exec sessions. */
  sessions(): number;
  /** Failed logins since start. */
  failures(): number;
  close(): Promise<void>;
}

/** Reads the host key at `path`, making an ECDSA P-256 key there first if there is none. */
export function hostKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const { privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, privateKey, { mode: 0o600 });
  return privateKey;
}

/** Starts the SSH server. */
export async function startSsh(o: SshOptions): Promise<SshServer> {
  const guard = new LoginGuard();
  const max = o.maxSessions ?? 16;
  let open = 0;
  const server = new ssh2.Server({ hostKeys: [hostKey(o.hostKeyPath)], ident: 'Cisco-1.25' }, (client, info) => {
    const source = info.ip;
    let privilege = 1;
    let user = '';
    client.on('error', () => undefined);
    const access = o.access();
    if (!access.transport) {
      client.end();
      return;
    }
    client.on('authentication', (ctx) => {
      user = ctx.username;
      const check = (password: string): void => {
        const held = guard.held(source, Date.now());
        const r = held ? undefined : vtyLogin(o.access(), ctx.username, password);
        if (r) {
          privilege = r.privilege;
          guard.success(source);
          o.log.info(
            `%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: ${ctx.username}] [Source: ${source}] [localport: ${o.port}]`,
          );
          ctx.accept();
          return;
        }
        const quiet = guard.failure(source, Date.now());
        o.log.info(
          `%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: ${ctx.username}] [Source: ${source}] [localport: ${o.port}] [Reason: Login Authentication Failed]`,
        );
        if (quiet)
          o.log.info(
            `%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is ${quiet} secs, [user: ${ctx.username}] [Source: ${source}]`,
          );
        // as IOS, a refusal is not instant
        setTimeout(() => ctx.reject(['password', 'keyboard-interactive']), 300).unref();
      };
      if (ctx.method === 'password') return check(ctx.password);
      if (ctx.method === 'keyboard-interactive') {
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => check(answers[0] ?? ''));
      }
      ctx.reject(['password', 'keyboard-interactive']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const channel = acceptSession();
        let size = { rows: 24, cols: 80 };
        let shell: ExecSession | undefined;
        // exec output keeps LF line ends unless the client asked for a terminal
        let eol = (t: string): string => t;
        channel.on('pty', (accept, _reject, pty) => {
          size = { rows: pty.rows || 24, cols: pty.cols || 80 };
          eol = (t) => t.replace(/\r?\n/g, '\r\n');
          accept?.();
        });
        channel.on('window-change', (accept, _reject, w) => {
          shell?.resize(w.rows, w.cols);
          accept?.();
        });
        channel.on('env', (accept) => accept?.());
        channel.on('shell', (accept) => {
          const stream = accept();
          if (open >= max) {
            stream.write('% All vty lines are busy\r\n');
            stream.exit(1);
            stream.end();
            return;
          }
          open++;
          let timer: NodeJS.Timeout | undefined;
          const idle = (): void => {
            if (timer) clearTimeout(timer);
            const sec = o.access().execTimeoutSec;
            if (sec > 0) timer = setTimeout(end, sec * 1000);
            timer?.unref();
          };
          let ended = false;
          const end = (): void => {
            if (ended) return;
            ended = true;
            if (timer) clearTimeout(timer);
            open--;
            session.dispose();
            stream.exit(0);
            stream.end();
          };
          const session = new ExecSession({
            backend: o.backend,
            write: (t) => {
              if (!ended) stream.write(Buffer.from(t, 'latin1'));
            },
            close: end,
            privilege,
            console: false,
            rows: size.rows,
            cols: size.cols,
            user,
          });
          shell = session;
          stream.on('data', (b: Buffer) => {
            idle();
            session.feed(b.toString('latin1'));
          });
          stream.on('close', end);
          stream.on('error', () => undefined);
          idle();
          session.start();
        });
        channel.on('exec', (accept, _reject, info) => {
          const stream = accept();
          open++;
          let closed = false;
          let finished = false;
          const done = (text: string | undefined): void => {
            if (finished) return;
            finished = true;
            open--;
            if (text !== undefined && !closed) stream.write(eol(text));
            const code = text !== undefined && /^% /m.test(text) ? 1 : 0;
            stream.exit(code);
            stream.end();
          };
          const lines = info.command.split(/\r?\n/);
          const command = (lines.shift() ?? '').trim();
          const allowed = privilege >= 15 || /^\s*(sh|sho|show|p|pi|pin|ping)\b/i.test(command);
          if (!allowed) return done("% Invalid input detected at '^' marker.\n");
          let markClosed!: () => void;
          const closedP = new Promise<void>((r) => {
            markClosed = r;
          });
          stream.on('close', () => {
            closed = true;
            markClosed();
          });
          stream.on('error', () => undefined);
          Promise.resolve(
            o.exec({
              command,
              input: lines,
              write: (t) => {
                if (closed) return false;
                stream.write(eol(t));
                return true;
              },
              end: () => done(''),
              closed: closedP,
            }),
          ).then(
            (t) => {
              if (t !== undefined) done(t);
            },
            (err: unknown) => done(`% ${(err as Error).message}\n`),
          );
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  return {
    port: (server.address() as AddressInfo).port,
    sessions: () => open,
    failures: () => guard.total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
