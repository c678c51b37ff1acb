/**
 * Writes docs/show-json.md, the reference of the show commands' JSON forms, from the zod schemas in
 * src/node/api/schema/. `--check` writes nothing and exits 1 when the file is out of date.
 *
 *   node --import tsx scripts/show-json-doc.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderShowJsonDoc } from '../src/node/api/doc.js';

const file = join(import.meta.dirname, '..', 'docs', 'show-json.md');
const text = renderShowJsonDoc();
if (process.argv.includes('--check')) {
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = '';
  }
  if (old !== text) {
    process.stderr.write(`${file} is out of date: run node --import tsx scripts/show-json-doc.ts\n`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
}
