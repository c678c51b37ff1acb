/**
 * Detached processes in a container (routers, tcpdump). `nsenter` joins the container's mount, UTS,
 * IPC, network and pid namespaces, so the process runs the image's programs and sees the container's
 * /proc. Joining a pid namespace takes a fork: nsenter stays outside and waits for its child, and the
 * pid the lab keeps is that child's host pid, so it is the same process tree as the netns runtime's
 * (a shell that records the exit status, with the program as its child; or the program itself).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { LabError } from '../errors.js';
import { alive } from '../process.js';
import type { SpawnFiles } from './types.js';
import { initPid } from './docker-netns.js';

/** The PATH inside dmvpn-node containers (as the image sets it). */
export const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** As the netns runtime: with an exit file, a shell runs the program and writes its exit status; without, the shell becomes it. */
const WRAP_EXIT = '"$@"; echo $? > "$DL_EXIT_FILE"';

/** The host command line that runs `argv` in the namespaces of the container whose first process is `pid`. */
export function nsenterArgv(pid: number, argv: string[], withExitFile: boolean): string[] {
  const wrapper = withExitFile ? WRAP_EXIT : 'exec "$@"';
  // pdeathsig: should nsenter be killed, its child is told too.
  return [
    'nsenter',
    '-t',
    String(pid),
    '-m',
    '-u',
    '-i',
    '-n',
    '-p',
    '--',
    'setpriv',
    '--pdeathsig',
    'TERM',
    '--',
    'sh',
    '-c',
    wrapper,
    'sh',
    ...argv,
  ];
}

/** Starts `argv` detached in container `name`; writes and returns its host pid. Throws COMMAND_FAILED when the container does not run. */
export function spawnInContainer(name: string, argv: string[], files: SpawnFiles): number {
  const pid = initPid(name);
  if (pid === undefined)
    throw new LabError('COMMAND_FAILED', `cannot start ${argv[0]} in container ${name}: the container is not running`);
  const out = openSync(files.log, 'a');
  const env: Record<string, string> = {
    PATH: CONTAINER_PATH,
    HOME: '/root',
    ...files.env,
    ...(files.exitFile ? { DL_EXIT_FILE: files.exitFile } : {}),
  };
  const [cmd, ...args] = nsenterArgv(pid, argv, files.exitFile !== undefined);
  const child = spawn(cmd!, args, { detached: true, stdio: ['ignore', out, out], env, cwd: '/' });
  closeSync(out);
  child.on('error', () => undefined);
  child.unref();
  if (child.pid === undefined)
    throw new LabError('COMMAND_FAILED', `could not start ${argv[0]} in container ${name} (is nsenter installed?)`);
  const inside = forkedChild(child.pid);
  if (inside === undefined)
    throw new LabError('COMMAND_FAILED', `nsenter could not start ${argv[0]} in container ${name}; see ${files.log}`);
  writeFileSync(files.pidFile, `${inside}\n`);
  return inside;
}

const tick = new Int32Array(new SharedArrayBuffer(4));

/** The child nsenter forks into the pid namespace (it appears within milliseconds); undefined if nsenter exits first. */
function forkedChild(nsenter: number, timeoutMs = 5000): number | undefined {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    let text: string;
    try {
      text = readFileSync(`/proc/${nsenter}/task/${nsenter}/children`, 'utf8').trim();
    } catch {
      return undefined;
    }
    if (text !== '') return Number(text.split(/\s+/)[0]);
    if (!alive(nsenter)) return undefined;
    Atomics.wait(tick, 0, 0, 1);
  }
  return undefined;
}
