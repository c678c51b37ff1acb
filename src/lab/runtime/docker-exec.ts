/** Commands inside a container: through the Docker API (output captured), or `docker exec` attached to this terminal. */
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { LabError } from '../errors.js';
import type { RunResult } from '../sh.js';
import { docker } from './docker-client.js';

/** Runs `argv` in container `name` and collects its output; after `timeoutMs` the process is killed (exit code -1). */
export async function dockerExec(name: string, argv: string[], opts: { timeoutMs?: number } = {}): Promise<RunResult> {
  const d = await docker();
  let exec: Awaited<ReturnType<ReturnType<Awaited<ReturnType<typeof docker>>['getContainer']>['exec']>>;
  try {
    exec = await d.getContainer(name).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
  } catch (cause) {
    throw new LabError(
      'COMMAND_FAILED',
      `docker exec ${name} ${argv.join(' ').slice(0, 200)}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough().on('data', (b: Buffer) => out.push(b));
  const stderr = new PassThrough().on('data', (b: Buffer) => err.push(b));
  d.modem.demuxStream(stream, stdout, stderr);
  let timedOut = false;
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          // Docker cannot stop an exec'd process; its host pid can be.
          void exec.inspect().then(
            (i) => {
              if (i.Running && i.Pid > 0) process.kill(i.Pid, 'SIGKILL');
            },
            () => undefined,
          );
        }, opts.timeoutMs);
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  clearTimeout(timer);
  const info = await exec.inspect();
  const text = (bufs: Buffer[]): string => Buffer.concat(bufs).toString('utf8').replace(/\n$/, '');
  return { stdout: text(out), stderr: text(err), exitCode: timedOut ? -1 : (info.ExitCode ?? -1) };
}

/** Runs `argv` in container `name` on this terminal (`docker exec -i`, with `-t` on a terminal); resolves with its exit status. */
export async function dockerExecInherit(
  name: string,
  argv: string[],
  opts: { timeoutMs?: number } = {},
): Promise<RunResult> {
  const flags = process.stdin.isTTY && process.stdout.isTTY ? ['-it'] : ['-i'];
  const r = await execa('docker', ['exec', ...flags, name, ...argv], {
    stdio: 'inherit',
    reject: false,
    timeout: opts.timeoutMs,
  });
  return { stdout: '', stderr: '', exitCode: r.exitCode ?? -1 };
}
