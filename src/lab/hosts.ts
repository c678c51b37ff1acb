/**
 * Names per node as containerlab gives them: `clab-<lab>-<node>` lines in /etc/hosts, in one block
 * per lab between `# BEGIN dmvpn-lab <lab>` and `# END dmvpn-lab <lab>`. The block is written when
 * the lab comes up and removed when it goes down (or is cleaned up after a crash); no other line of
 * the file is touched. Rewrites are atomic (a temporary file renamed over the old one) except where
 * the file is a mount point (a container's /etc/hosts), where it is rewritten in place.
 * DMVPN_LAB_HOSTS_FILE points at another file (tests).
 */
import { chmodSync, closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { LabError } from './errors.js';

/** The file the blocks live in. */
export function hostsFile(): string {
  return process.env.DMVPN_LAB_HOSTS_FILE || '/etc/hosts';
}

/** containerlab's name of node `node` of lab `lab`. */
export function clabHostName(lab: string, node: string): string {
  return `clab-${lab}-${node}`;
}

const begin = (lab: string): string => `# BEGIN dmvpn-lab ${lab}`;
const end = (lab: string): string => `# END dmvpn-lab ${lab}`;

/** `text` without lab `lab`'s block (every copy of it, should there be several). */
export function withoutBlock(text: string, lab: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (!inside && line.trim() === begin(lab)) inside = true;
    else if (inside && line.trim() === end(lab)) inside = false;
    else if (!inside) out.push(line);
  }
  // an unterminated block: keep the file as it was rather than drop what follows the marker
  return inside ? text : out.join('\n');
}

/** `text` with lab `lab`'s block holding `entries` (at the end; replaces an older block of the lab). */
export function withBlock(text: string, lab: string, entries: Array<{ node: string; address: string }>): string {
  let rest = withoutBlock(text, lab);
  if (entries.length === 0) return rest;
  if (rest.length > 0 && !rest.endsWith('\n')) rest += '\n';
  const lines = entries.map((e) => `${e.address}\t${clabHostName(lab, e.node)}`);
  return `${rest}${[begin(lab), ...lines, end(lab)].join('\n')}\n`;
}

/** Runs `fn` holding `<file>.dmvpn-lab.lock` (two labs coming up at once must not lose each other's block). */
function locked(file: string, fn: () => void): void {
  const lock = `${file}.dmvpn-lab.lock`;
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(file, err);
      // a lock older than 10 s belongs to a process that died holding it
      const stale = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10_000;
      if (stale || Date.now() > deadline) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function rewrite(change: (text: string) => string): void {
  const file = hostsFile();
  locked(file, () => rewriteLocked(file, change));
}

function rewriteLocked(file: string, change: (text: string) => string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(file, err);
    text = '';
  }
  const next = change(text);
  if (next === text) return;
  const tmp = `${file}.dmvpn-lab.${process.pid}`;
  try {
    writeFileSync(tmp, next);
    try {
      chmodSync(tmp, statSync(file).mode & 0o7777);
    } catch {
      chmodSync(tmp, 0o644);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    // a bind-mounted /etc/hosts (containers) cannot be replaced, only rewritten
    if (code !== 'EBUSY' && code !== 'EXDEV') throw unwritable(file, err);
    try {
      writeFileSync(file, next);
    } catch (e) {
      throw unwritable(file, e);
    }
  }
}

function unwritable(file: string, cause: unknown): LabError {
  return new LabError('COMMAND_FAILED', `cannot update ${file}: ${(cause as Error).message}`, { cause });
}

/** Writes (or replaces) lab `lab`'s block. */
export function writeHostsBlock(lab: string, entries: Array<{ node: string; address: string }>): void {
  rewrite((t) => withBlock(t, lab, entries));
}

/** Removes lab `lab`'s block, if any. */
export function removeHostsBlock(lab: string): void {
  rewrite((t) => withoutBlock(t, lab));
}
