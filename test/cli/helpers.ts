/** Helpers of the CLI tests: run `dmvpn-lab` as a child process, and copy a shipped lab into a temp folder. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type Options, type Result } from 'execa';
import { tempDir } from '../lab/helpers.js';

/** The CLI entry point (run through tsx). */
export const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

/** The shipped labs. */
export const LABS = join(import.meta.dirname, '..', '..', 'labs');

/** Runs `dmvpn-lab ARGS…` with the given environment added; never throws on a non-zero exit. */
export function dmvpnLab(args: string[], opts: Options = {}): Promise<Result> {
  return execa(process.execPath, ['--import', 'tsx', CLI, ...args], { reject: false, ...opts }) as unknown as Promise<Result>;
}

/**
 * A copy of shipped lab `lab` in a new temp folder (its clab-<name>/ directory lands there); `edits`
 * rewrite files of the copy (file name -> text -> new text). Returns the topology file.
 */
export function copyLab(lab: string, edits: Record<string, (text: string) => string> = {}): string {
  const dir = tempDir(`dmvpn-lab-${lab}-`);
  cpSync(join(LABS, lab), dir, { recursive: true, filter: (src) => !src.includes('clab-') });
  for (const [f, edit] of Object.entries(edits)) writeFileSync(join(dir, f), edit(readFileSync(join(dir, f), 'utf8')));
  return join(dir, `${lab}.clab.yml`);
}
