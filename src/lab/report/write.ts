/** Writes a report file, creating its parent folders; a failure names the report and the file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` to `file` (parent folders created); returns an error message instead of throwing. */
export function writeReport(what: string, file: string, text: string): string | undefined {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return undefined;
  } catch (e) {
    return `cannot write the ${what} report to ${file}: ${(e as Error).message}`;
  }
}
