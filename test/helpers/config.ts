/** Test helpers: the IOS fixtures in test/fixtures/ios and the router configs of the reference CML labs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../src/node/config/parse.js';
import type { ParseResult } from '../../src/node/config/result.js';

/** test/fixtures/ios */
export const FIXTURES = fileURLToPath(new URL('../fixtures/ios/', import.meta.url));

/** The CML labs folder (test/fixtures/reference/cml; DMVPN_CML_DIR overrides). */
export const CML_DIR =
  process.env.DMVPN_CML_DIR ?? fileURLToPath(new URL('../fixtures/reference/cml/', import.meta.url));

/** Why the CML tests are skipped, or false when the folder is there. */
export const CML_SKIP: string | false = existsSync(CML_DIR) ? false : `reference labs not found at ${CML_DIR}`;

/** Reads and parses a fixture, named in messages by its file name. */
export function parseFixture(name: string): ParseResult & { text: string } {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { ...parseConfig(text, { file: name }), text };
}

/** One router of a CML lab with its IOS configuration text. */
export interface CmlRouter {
  lab: string;
  node: string;
  text: string;
}

interface CmlNode {
  label?: string;
  configuration?: string | Array<{ name?: string; content?: string }> | null;
}

/** Every node of every lab in `dir` that carries an IOS configuration (switches have none). */
export function loadCmlRouters(dir = CML_DIR): CmlRouter[] {
  const out: CmlRouter[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const doc = parseYaml(readFileSync(join(dir, file), 'utf8')) as { nodes?: CmlNode[] };
    for (const node of doc.nodes ?? []) {
      const c = node.configuration;
      const text =
        typeof c === 'string'
          ? c
          : (c ?? [])
              .filter((x) => x.name === undefined || /ios|config/i.test(x.name))
              .map((x) => x.content ?? '')
              .join('\n');
      if (text.trim() !== '') out.push({ lab: file.replace(/\.ya?ml$/, ''), node: node.label ?? '?', text });
    }
  }
  return out;
}
