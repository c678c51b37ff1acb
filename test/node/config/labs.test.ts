/** The router configs shipped under labs/ load without errors or warnings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../../src/node/config/parse.js';

const LABS = fileURLToPath(new URL('../../../labs/', import.meta.url));
const files = existsSync(LABS)
  ? readdirSync(LABS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(LABS, d.name))
          .filter((f) => f.endsWith('.cfg'))
          .map((f) => join(d.name, f)),
      )
  : [];

test('shipped lab configs load cleanly', { skip: files.length === 0 ? 'no labs/*/*.cfg in this tree' : false }, () => {
  for (const f of files) {
    const r = loadConfigFile(join(LABS, f));
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [],
      f,
    );
    assert.deepEqual(
      r.warnings.map((w) => w.message),
      [],
      f,
    );
  }
});
