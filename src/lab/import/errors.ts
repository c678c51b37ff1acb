/** Why a course lab cannot be imported: every problem at once, each naming the node and field; exit status 2. */
import { LabError } from '../errors.js';

/** One problem of a source file: the thing it concerns (node, link) and the field. */
export interface ImportIssue {
  /** `node "Hub" (n0)`, `link l3`, or '' for the file as a whole. */
  where: string;
  field: string;
  message: string;
}

/** Formats an issue as `node "Hub" (n0): configuration: message`. */
export function formatImportIssue(i: ImportIssue): string {
  return [i.where, i.field, i.message].filter((s) => s !== '').join(': ');
}

/** A course lab file that cannot be imported. */
export class ImportError extends LabError {
  readonly issues: ImportIssue[];
  constructor(file: string, issues: ImportIssue[]) {
    const n = issues.length;
    const list = issues.map((i) => `  ${formatImportIssue(i)}`).join('\n');
    super('IMPORT_INVALID', `${file}: cannot import (${n} problem${n === 1 ? '' : 's'})\n${list}`, { exitCode: 2 });
    this.name = 'ImportError';
    this.issues = issues;
  }
}
