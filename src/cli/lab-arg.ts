/** A lab named on the command line: a lab name, or a topology file whose `name` is used. */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LabError } from '../lab/errors.js';
import { courseLabFormat, courseLabName } from '../lab/import/index.js';

/** A lab name, or the name inside a topology file given instead (a CML or GNS3 lab: its import name). */
export function labName(arg: string): string {
  if (courseLabFormat(arg) !== undefined) return courseLabName(arg);
  if (!/\.ya?ml$/.test(arg) || !existsSync(arg)) return arg;
  const name = (parse(readFileSync(arg, 'utf8')) as { name?: unknown } | null)?.name;
  if (typeof name !== 'string') throw new LabError('BAD_ARGUMENT', `${arg} has no lab name`);
  return name;
}

/** The lab name of a topology file (or `fallback` when the file cannot be read): for messages only. */
export function labNameOr(file: string, fallback: string): string {
  try {
    return labName(file);
  } catch {
    return fallback;
  }
}
