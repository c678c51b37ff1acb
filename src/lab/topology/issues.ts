/** Turns zod issues and semantic check results into located TopologyIssues. */
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod/v4';
import type { TopologyIssue } from '../errors.js';
import { dotted, locate, valueAt } from './locate.js';
import { KNOWN_FIELDS } from './schema.js';

/** Collects issues for one file, each located by its field path. */
export class IssueList {
  readonly items: TopologyIssue[] = [];
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lc: LineCounter,
    /** Field names an unknown field is compared with for a "did you mean" hint. */
    private readonly known: readonly string[] = KNOWN_FIELDS,
  ) {}

  /** Adds one issue per YAML syntax error of the document; true when it has any. */
  addYamlErrors(): boolean {
    for (const e of this.doc.errors) {
      const pos = this.lc.linePos(e.pos[0]);
      this.items.push({
        file: this.file,
        line: pos.line,
        column: pos.col,
        field: '',
        message: `YAML: ${e.message.split('\n')[0]}`,
      });
    }
    return this.doc.errors.length > 0;
  }

  /** Adds one issue at `path`. */
  add(path: ReadonlyArray<PropertyKey>, message: string): void {
    const { line, column } = locate(this.doc, this.lc, path);
    this.items.push({ file: this.file, line, column, field: dotted(path), message });
  }

  /** Adds the issues of a failed zod parse of the value found at `base`. */
  addZod(base: ReadonlyArray<PropertyKey>, error: z.core.$ZodError): void {
    for (const issue of error.issues) {
      const path = [...base, ...issue.path];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const hint = closest(key, this.known);
          this.add([...path, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
        }
        continue;
      }
      const found = valueAt(this.doc, path);
      this.add(
        path,
        found !== undefined && issue.code !== 'custom' ? `${issue.message}, found ${found}` : issue.message,
      );
    }
  }

  /** The issues sorted by position in the file. */
  sorted(): TopologyIssue[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

/** The known field name nearest to `key` (edit distance ≤ 2), if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const f of known) {
    const d = distance(key.toLowerCase(), f.toLowerCase());
    if (d < bestD) [best, bestD] = [f, d];
  }
  return best;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
