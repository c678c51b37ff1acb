/** The reference of the show JSON forms (docs/show-json.md), written from the zod schemas of SHOW_JSON. */
import { z } from 'zod/v4';
import { SHOW_JSON } from './show-json.js';

type Json = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  additionalProperties?: Json | boolean;
  anyOf?: Json[];
  oneOf?: Json[];
  enum?: unknown[];
  const?: unknown;
};

interface Row {
  path: string;
  type: string;
  optional: boolean;
  description: string;
}

const lit = (v: unknown): string => JSON.stringify(v);

/** A short type text: string, number, 'a' | 'b', object, T[], T | null. */
function typeText(s: Json): string {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeText).join(' | ');
  if (s.const !== undefined) return lit(s.const);
  if (s.enum) return s.enum.map(lit).join(' | ');
  if (s.type === 'array') return `${typeText(s.items ?? {})}[]`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
    return `map of ${typeText(s.additionalProperties)}`;
  }
  if (Array.isArray(s.type)) return s.type.join(' | ');
  return s.type === 'integer' ? 'integer' : (s.type ?? 'any');
}

/** The object schemas a value may be (through null, arrays and maps), to list their fields. */
function objects(s: Json, path: string): Array<[Json, string]> {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.flatMap((a) => objects(a, path));
  if (s.type === 'array' && s.items) return objects(s.items, `${path}[]`);
  if (s.type === 'object' && s.properties) return [[s, path]];
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return objects(s.additionalProperties, `${path}.<name>`);
  }
  return [];
}

function rows(s: Json, path: string, out: Row[]): void {
  for (const [o, base] of objects(s, path)) {
    for (const [k, p] of Object.entries(o.properties ?? {})) {
      const at = base === '' ? k : `${base}.${k}`;
      const inner = (p.anyOf ?? p.oneOf)?.find((a) => a.description !== undefined);
      const optional = !(o.required ?? []).includes(k);
      out.push({ path: at, type: typeText(p), optional, description: p.description ?? inner?.description ?? '' });
      rows(p, at, out);
    }
  }
}

const cell = (t: string): string => t.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The whole reference as markdown. */
export function renderShowJsonDoc(): string {
  const out = [
    '# Show commands: the JSON forms',
    '',
    '<!-- Generated from src/node/api/schema/*.ts by scripts/show-json-doc.ts; do not edit by hand. -->',
    '',
    'Every show command of dmvpnd answers JSON when `json` (or `| json`) ends the line, e.g.',
    '`dmvpn-lab cli spoke1 "show ip nhrp nhs json"` or `dmvpnd ctl SOCKET show dmvpn json`. These shapes',
    "are the router's public contract: the lab's checks read them, and a test checks the answers of a",
    'running router against the schemas in `src/node/api/schema/` (TypeScript types: `src/node/api/index.ts`).',
    'A field marked *optional* may be absent; `null` is written out.',
    '',
  ];
  for (const c of SHOW_JSON) {
    out.push(`## \`${c.command} json\``, '', c.summary, '', '| field | type | meaning |', '|---|---|---|');
    const list: Row[] = [];
    rows(z.toJSONSchema(c.schema, { io: 'output', unrepresentable: 'any', reused: 'inline' }) as Json, '', list);
    for (const r of list) {
      const type = cell(r.type);
      out.push(`| \`${r.path}\` | ${type}${r.optional ? ' (optional)' : ''} | ${cell(r.description)} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
