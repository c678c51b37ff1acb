/**
 * iproute2 for the running router: many `ip` commands in one `ip -force -batch -` process (a router
 * start is a dozen commands; one process each would cost more than the rest of the start-up), and
 * sysctl values through /proc/sys. Only node:child_process, so that loading it is cheap.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { SysError } from './errors.js';

/** One `ip` command as its arguments, without the leading `ip` (e.g. ['route', 'replace', …]). */
export type IpCommand = readonly string[];

/** What happened to one command of a batch: undefined when it worked, else iproute2's message. */
export type IpOutcome = string | undefined;

/**
 * Runs every command (in order, going on after a failure) and returns one outcome per command.
 * Throws SysError KERNEL_FAILED only when `ip` itself cannot be run.
 */
export async function ipBatch(commands: readonly IpCommand[]): Promise<IpOutcome[]> {
  if (commands.length === 0) return [];
  for (const c of commands) {
    if (c.some((a) => a === '' || /\s|"|\\/.test(a))) {
      throw new SysError('KERNEL_FAILED', `ip ${c.join(' ')}: arguments must be single words`);
    }
  }
  const { code, stderr } = await run(['-force', '-batch', '-'], `${commands.map((c) => c.join(' ')).join('\n')}\n`);
  const out: IpOutcome[] = commands.map(() => undefined);
  if (code === 0) return out;
  // iproute2 prints a command's messages, then "Command failed -:N" (N = 1-based line).
  let pending: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^Command failed -:(\d+)\s*$/.exec(line);
    if (!m) {
      if (line.trim() !== '') pending.push(line.trim());
      continue;
    }
    const i = Number(m[1]) - 1;
    if (i >= 0 && i < out.length) out[i] = pending.join('; ') || 'failed';
    pending = [];
  }
  if (out.every((o) => o === undefined)) {
    throw new SysError('KERNEL_FAILED', `ip -batch failed (status ${code}): ${stderr.trim() || 'no message'}`);
  }
  return out;
}

/** Runs one command; throws SysError KERNEL_FAILED with iproute2's message when it fails. */
export async function ipOne(command: IpCommand): Promise<void> {
  const [outcome] = await ipBatch([command]);
  if (outcome !== undefined) throw new SysError('KERNEL_FAILED', `ip ${command.join(' ')}: ${outcome}`);
}

/** Runs `ip args` and returns its stdout (for queries such as `ip -j addr show`). */
export async function ipQuery(args: readonly string[]): Promise<string> {
  const { code, stdout, stderr } = await run(args, undefined);
  if (code !== 0) throw new SysError('KERNEL_FAILED', `ip ${args.join(' ')}: ${stderr.trim() || `status ${code}`}`);
  return stdout;
}

function run(
  args: readonly string[],
  input: string | undefined,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', [...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (cause) => reject(new SysError('KERNEL_FAILED', `cannot run ip: ${cause.message}`, { cause })));
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** Reads a sysctl ('net/ipv4/ip_forward'); undefined when it does not exist. */
export function readSysctl(path: string): string | undefined {
  try {
    return readFileSync(`/proc/sys/${path}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Writes a sysctl; throws SysError KERNEL_FAILED with the cause. */
export function writeSysctl(path: string, value: string): void {
  try {
    writeFileSync(`/proc/sys/${path}`, value);
  } catch (cause) {
    const what = `sysctl ${path.replaceAll('/', '.')}=${value}`;
    throw new SysError('KERNEL_FAILED', `${what}: ${(cause as Error).message}`, { cause });
  }
}
