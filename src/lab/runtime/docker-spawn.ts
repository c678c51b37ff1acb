/**
 * Detached processes in a container (routers, tcpdump). `nsenter` joins the container's mount, UTS,
 * IPC, network and pid namespaces, so the process runs the image's programs and sees the container's
 * /proc; nsenter itself stays in the host's pid namespace and waits for it. Its pid is the handle the
 * lab keeps: alive exactly while the process runs, and a SIGTERM to it reaches the process
 * (`setpriv --pdeathsig`). Removing the container kills whatever is left (its pid namespace ends).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { LabError } from '../errors.js';
import type { SpawnFiles } from './types.js';
import { initPid } from './docker-netns.js';

/** The PATH inside dmvpn-node containers (as the image sets it). */
export const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * With an exit file: the wrapper runs the command as its child, hands a SIGTERM on to it, and writes
 * its exit status when it ends. Without: it becomes the command.
 */
const WRAP_EXIT = [
  '"$@" & c=$!',
  "trap 'kill -TERM $c 2>/dev/null' TERM INT HUP",
  'while :; do wait $c; s=$?; kill -0 $c 2>/dev/null || break; done',
  'echo $s > "$DL_EXIT_FILE"',
].join('\n');

/** The host command line that runs `argv` in the namespaces of the container whose first process is `pid`. */
export function nsenterArgv(pid: number, argv: string[], withExitFile: boolean): string[] {
  const wrapper = withExitFile ? WRAP_EXIT : 'exec "$@"';
  return ['nsenter', '-t', String(pid), '-m', '-u', '-i', '-n', '-p', '--', 'setpriv', '--pdeathsig', 'TERM', '--', 'sh', '-c', wrapper, 'sh', ...argv];
}

/** Starts `argv` detached in container `name`; writes and returns the handle pid. Throws COMMAND_FAILED when the container does not run. */
export function spawnInContainer(name: string, argv: string[], files: SpawnFiles): number {
  const pid = initPid(name);
  if (pid === undefined) throw new LabError('COMMAND_FAILED', `cannot start ${argv[0]} in container ${name}: the container is not running`);
  const out = openSync(files.log, 'a');
  const env: Record<string, string> = { PATH: CONTAINER_PATH, HOME: '/root', ...files.env, ...(files.exitFile ? { DL_EXIT_FILE: files.exitFile } : {}) };
  const [cmd, ...args] = nsenterArgv(pid, argv, files.exitFile !== undefined);
  const child = spawn(cmd!, args, { detached: true, stdio: ['ignore', out, out], env, cwd: '/' });
  closeSync(out);
  child.on('error', () => undefined);
  child.unref();
  if (child.pid === undefined) throw new LabError('COMMAND_FAILED', `could not start ${argv[0]} in container ${name} (is nsenter installed?)`);
  writeFileSync(files.pidFile, `${child.pid}\n`);
  return child.pid;
}
