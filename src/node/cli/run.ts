/**
 * `dmvpnd --config FILE [--name N] [--control PATH] [--debug]`: runs the router until SIGTERM or
 * SIGINT. A refused config line stops it before it touches anything (IOS-style message with
 * file:line, exit 1); unsupported lines are listed once and skipped.
 */
import type { Server } from 'node:net';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatConfigError } from '../config/errors.js';
import { loadConfigFile } from '../config/parse.js';
import type { ParseResult } from '../config/result.js';
import { listenControl } from '../vty/server.js';
import { describeError } from '../router/errors.js';
import { RouterLog } from '../router/log.js';
import { hasNetPrivileges } from '../sys/privileges.js';
import { Router } from '../router/router.js';

/** Options of runRouter. */
export interface RunOptions {
  config: string;
  name?: string;
  control?: string;
  /** Folder of the FRR daemons' files (default: beside the control socket). */
  stateDir?: string;
  /** Serve the exec CLI over SSH on this port (0: any free port). */
  sshPort?: number;
  /** The SSH host key file (made on first start). */
  sshHostKey?: string;
  /** Also write `debug nhrp` lines to the log. */
  debug?: boolean;
  /** Append ESP SA keys here as Wireshark `esp_sa` lines (protected tunnels). */
  espKeys?: string;
  /** Append Wireshark `esp_sa`, `ikev1_decryption_table` and `ikev2_decryption_table` lines to files in this folder. */
  keyDir?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Where the control socket goes when --control is not given. */
export function defaultControlPath(name: string): string {
  return `/run/dmvpnd/${name}.sock`;
}

/** Runs the router; resolves with the exit code once it has stopped (or failed to start). */
export async function runRouter(opts: RunOptions): Promise<number> {
  const parsed = loadConfigFile(opts.config);
  if (!report(parsed, opts)) return 1;
  if (!hasNetPrivileges()) {
    const why = 'needs root (or CAP_NET_ADMIN and CAP_NET_RAW) to create its TAP devices and raw sockets';
    opts.err(`dmvpnd: ${why}: run it as root [NOT_ROOT]\n`);
    return 1;
  }
  const name = opts.name ?? parsed.config.hostname;
  const controlPath = opts.control ?? defaultControlPath(name);
  const log = new RouterLog(opts.out, opts.debug === true);
  const onException = (err: unknown): void =>
    log.info(`%SYS-2-EXCEPTION: ${describeError(err)} (dropped, router keeps running)`);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onException);
  const detach = (): void => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onException);
  };

  let router: Router;
  try {
    const stateDir = opts.stateDir ?? join(dirname(controlPath), `${name}.frr`);
    const started = await Router.start(parsed.config, {
      log,
      frr: { stateDir },
      ...(opts.espKeys ? { espKeys: opts.espKeys } : {}),
      ...(opts.keyDir ? { keyDir: opts.keyDir } : {}),
    });
    for (const p of started.problems) log.info(`%SYS-3-CONFIG: ${p}`);
    router = started.router;
  } catch (err) {
    opts.err(`dmvpnd: cannot start ${name}: ${describeError(err)}\n`);
    detach();
    return 1;
  }
  let server: Server;
  let ssh: { close(): Promise<void> } | undefined;
  try {
    // Loaded after the start, so the show renderers do not delay the first Registration Request.
    const { execHandler } = await import('../exec/serve.js');
    const { routerBackend } = await import('../exec/router-backend.js');
    const { consoleSessions } = await import('../vty/tty-session.js');
    const backend = routerBackend(router, { startupConfig: opts.config });
    server = await listenControl(controlPath, execHandler(router, backend), consoleSessions(backend));
    if (opts.sshPort !== undefined) {
      const hostKeyPath = opts.sshHostKey ?? join(dirname(controlPath), `${name}.ssh_host_ecdsa_key`);
      const r = router;
      try {
        // an image without ssh2 (or a host key folder it cannot write) leaves the router without SSH, not down
        const { startSsh } = await import('../vty/ssh.js');
        const { vtyAccess } = await import('../vty/vty-login.js');
        const s = await startSsh({
          port: opts.sshPort,
          hostKeyPath,
          backend,
          access: () => vtyAccess(r.config.access),
          exec: execHandler(router, backend),
          log,
        });
        ssh = s;
        log.info(`%SSH-5-ENABLED: SSH 2.0 has been enabled (port ${s.port}, host key ${hostKeyPath})`);
      } catch (err) {
        // the router runs on without its vty lines
        log.info(`%SSH-3-NO_LISTEN: port ${opts.sshPort}: ${describeError(err)}`);
      }
    }
  } catch (err) {
    opts.err(`dmvpnd: control socket ${controlPath}: ${describeError(err)}\n`);
    await router.stop();
    detach();
    return 1;
  }
  opts.out(`dmvpnd ${name}: running, control socket ${controlPath}\n`);
  log.info(`%SYS-5-RESTART: System restarted (hostname ${parsed.config.hostname}, config ${opts.config})`);

  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      log.info(`%SYS-5-SHUTDOWN: ${signal}: stopping`);
      // Whatever happens, do not hang: exit after 5 s.
      setTimeout(() => resolve(1), 5000).unref();
      server.close();
      void ssh?.close();
      router.stop().then(
        () => resolve(0),
        (err: unknown) => {
          opts.err(`dmvpnd: stop: ${describeError(err)}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  rmSync(controlPath, { force: true });
  detach();
  return code;
}

/** Prints refused lines (false: do not start), ignored lines and warnings, each once. */
function report(r: ParseResult, opts: RunOptions): boolean {
  for (const e of r.errors) opts.err(`${formatConfigError(e)}\n`);
  if (r.errors.length > 0) {
    const lines = r.errors.filter((e) => e.line > 0).length;
    const what = lines > 0 ? `${lines} line${lines === 1 ? '' : 's'} refused` : 'the configuration cannot be read';
    opts.err(`dmvpnd: ${opts.config}: ${what}; not starting\n`);
    return false;
  }
  for (const x of r.ignored) {
    const status = x.status === 'inactive' ? 'recorded, not active yet' : 'not supported, ignored';
    const reason = x.reason.startsWith(status) ? x.reason : `${status} (${x.reason})`;
    opts.out(`${x.file}:${x.line}: ${x.text}${x.context ? ` [${x.context}]` : ''}: ${reason}\n`);
  }
  for (const w of r.warnings)
    opts.out(`%Warning: ${w.file}${w.line > 0 ? `:${w.line}` : ''}: ${w.message} [${w.code}]\n`);
  return true;
}
