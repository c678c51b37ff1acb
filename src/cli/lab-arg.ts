/** A lab named on the command line: a lab name, or a topology file whose `name` is used. */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LabError } from '../lab/errors.js';

/** A lab name, or the name inside a topology file given instead. */
export function labName(arg: string): string {
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
