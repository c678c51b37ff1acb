/**
 * The current lab, like kubectl's current context: `up` makes the lab it brings up current, `use`
 * switches, `down` of the current lab clears it. Commands that name a node use the current lab when
 * the node is in several labs that are up. Kept in the run dir (`current`), one name.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentLabFile } from './paths.js';
import { findLab, readRegistry } from './state.js';

/** The current lab's name when that lab is still in the registry; undefined otherwise. */
export function currentLab(): string | undefined {
  let name: string;
  try {
    name = readFileSync(currentLabFile(), 'utf8').trim();
  } catch {
    return undefined;
  }
  return name !== '' && readRegistry(name) !== undefined ? name : undefined;
}

/** Makes lab `name` current (it must be up: throws LAB_NOT_FOUND otherwise). */
export function makeCurrentLab(name: string): void {
  findLab(name);
  mkdirSync(dirname(currentLabFile()), { recursive: true });
  writeFileSync(currentLabFile(), `${name}\n`);
}

/** Forgets the current lab if it is `name` (after `down`). */
export function clearCurrent(name: string): void {
  try {
    if (readFileSync(currentLabFile(), 'utf8').trim() === name) rmSync(currentLabFile(), { force: true });
  } catch {
    /* no current lab */
  }
}
