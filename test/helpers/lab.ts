/** Shared helpers of the lab tests: unique names, temp labs, polling a running lab, and the check that a lab left nothing behind. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import type { LabState } from '../../src/lab/state.js';

/** True when running as root (the netns tests need it). */
export const isRoot = process.getuid?.() === 0;

let named = 0;
/** A lab name no other test run uses at the same time: the process, a counter, and a random digit. */
export function uniqueName(prefix: string): string {
  named = (named + 1) % 1296;
  return `${prefix}${process.pid.toString(36)}${named.toString(36)}${Math.floor(Math.random() * 36).toString(36)}`;
}

const temps: string[] = [];

/** A new temp folder, removed by `removeTemps`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Removes every temp folder this test file made (call it in an after hook). */
export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes `files` into a new temp folder and returns its path. */
export function tempLab(files: Record<string, string>): string {
  const dir = tempDir('dmvpn-lab-test-');
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/** Names of the host's own interfaces (to compare before and after). */
export async function hostLinks(): Promise<string[]> {
  const r = await execa('ip', ['-o', 'link', 'show']);
  return r.stdout
    .split('\n')
    .map((l) => l.split(':')[1]!.trim().split('@')[0]!)
    .sort();
}

/** What a lab left behind: namespaces `dl-<lab>-*`, host iptables rules tagged with it, processes that mention `marker`. */
export async function leftovers(
  lab: string,
  marker: string,
): Promise<{ namespaces: string[]; rules: string[]; processes: string[] }> {
  const ns = await execa('ip', ['netns', 'list']);
  const namespaces = ns.stdout
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter((n) => n.startsWith(`dl-${lab}-`));
  const save = await execa('iptables-save', [], { reject: false });
  const rules = String(save.stdout)
    .split('\n')
    .filter((l) => l.includes(`dmvpn-lab:${lab}`));
  const processes: string[] = [];
  for (const p of readdirSync('/proc').filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
      const state = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(marker) && state !== 'Z') processes.push(`${p}: ${cmd}`);
    } catch {
      /* gone */
    }
  }
  return { namespaces, rules, processes };
}

/** The shipped labs. */
export const SHIPPED_LABS = join(import.meta.dirname, '..', '..', 'labs');

/**
 * A copy of shipped lab `lab` in a new temp folder (its clab-<name>/ directory lands there); `edits`
 * rewrite files of the copy (file name -> text -> new text). Returns the topology file.
 */
export function copyLab(lab: string, edits: Record<string, (text: string) => string> = {}): string {
  const dir = tempDir(`dmvpn-lab-${lab}-`);
  cpSync(join(SHIPPED_LABS, lab), dir, { recursive: true, filter: (src) => !src.includes('clab-') });
  for (const [f, edit] of Object.entries(edits)) writeFileSync(join(dir, f), edit(readFileSync(join(dir, f), 'utf8')));
  return join(dir, `${lab}.clab.yml`);
}

/** Asserts that lab `lab`, whose topology is `file`, left no namespace, rule or process behind. */
export async function assertNothingLeft(lab: string, file: string): Promise<void> {
  const left = await leftovers(lab, join(dirname(file), `clab-${lab}`));
  if (left.namespaces.length + left.rules.length + left.processes.length > 0) {
    throw new Error(`lab ${lab} left things behind: ${JSON.stringify(left)}`);
  }
}

/** The control socket of router `name` in a lab that is up (fails the test when there is none). */
export function controlOf(state: LabState, name: string): string {
  const n = state.nodes.find((x) => x.name === name);
  assert.ok(n?.control, `router ${name}`);
  return n.control;
}

/** Polls `fn` every 100 ms until it returns a value (a throw counts as none yet), or fails after `ms`. */
export async function until<T>(what: string, ms: number, fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
