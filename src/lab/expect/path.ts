/**
 * Paths into a show command's JSON answer, as docs/show-json.md writes them: fields joined by dots,
 * and after a list field one selector in brackets: `[]` or `[*]` every item, `[N]` the item at N,
 * `[field=value]` the items whose field (as text) is value. Example:
 * `interfaces[].nhs[address=10.0.0.1].state`. A path selects a list of values (none when a field is
 * missing). `pathProblem` checks a path against the answer's JSON schema before anything runs.
 */

/** One step of a path. */
export type PathStep =
  | { kind: 'field'; name: string }
  | { kind: 'all' }
  | { kind: 'index'; index: number }
  | { kind: 'filter'; field: string; value: string };

/** Parses a path; throws an Error naming the first bad character. */
export function parsePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`bad path "${text}" at character ${i + 1}: ${what}`);
  };
  while (i < text.length) {
    if (text[i] === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) fail('"[" without "]"');
      const inner = text.slice(i + 1, end).trim();
      if (inner === '' || inner === '*') steps.push({ kind: 'all' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else {
        const m = /^([A-Za-z_$][\w$]*)\s*=\s*(.*)$/.exec(inner);
        if (!m) fail('expected [], [*], [N] or [field=value]');
        steps.push({ kind: 'filter', field: m![1]!, value: m![2]!.replace(/^(["'])(.*)\1$/, '$2') });
      }
      i = end + 1;
      if (i < text.length && text[i] !== '.' && text[i] !== '[') fail('expected "." or "[" after "]"');
      if (text[i] === '.') i++;
      continue;
    }
    const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
    if (!m) fail('expected a field name');
    steps.push({ kind: 'field', name: m![0] });
    i += m![0].length;
    if (text[i] === '.') {
      i++;
      if (i === text.length) fail('a path does not end with "."');
    }
  }
  return steps;
}

/** The values `steps` select in `doc` (an empty path selects the document). */
export function select(doc: unknown, steps: PathStep[]): unknown[] {
  let values: unknown[] = [doc];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if (s.kind === 'field') {
        if (isRecord(v) && Object.hasOwn(v, s.name) && v[s.name] !== undefined) next.push(v[s.name]);
      } else if (Array.isArray(v)) {
        if (s.kind === 'all') next.push(...v);
        else if (s.kind === 'index') {
          if (s.index < v.length) next.push(v[s.index]);
        } else next.push(...v.filter((item) => isRecord(item) && scalarText(item[s.field]) === s.value));
      }
    }
    values = next;
  }
  return values;
}

/** A scalar as text (for filters and regexes); objects and lists as JSON. */
export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON schema node, as far as the walk below reads it. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
}

/** The alternatives a node stands for (anyOf, nullable unions). */
function branches(n: SchemaNode): SchemaNode[] {
  const alts = [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])];
  return alts.length > 0 ? alts.flatMap(branches) : [n];
}

/**
 * Why `steps` can never select anything in an answer of `schema` (a JSON schema), or undefined when
 * it can. Unknown shapes ($ref, `{}`) are given the benefit of the doubt.
 */
export function pathProblem(schema: object, steps: PathStep[]): string | undefined {
  let nodes: SchemaNode[] = [schema as SchemaNode];
  let at = '';
  for (const s of steps) {
    const next: SchemaNode[] = [];
    const fields = new Set<string>();
    for (const n of nodes.flatMap(branches)) {
      if (n.$ref !== undefined || (n.type === undefined && !n.properties && !n.items)) return undefined;
      if (s.kind === 'field') {
        for (const f of Object.keys(n.properties ?? {})) fields.add(f);
        const p = n.properties?.[s.name];
        if (p) next.push(p);
        else if (typeof n.additionalProperties === 'object') next.push(n.additionalProperties);
        else if (n.additionalProperties === true) return undefined;
      } else if (n.items) {
        if (s.kind === 'filter') {
          const item = branches(n.items);
          const known = item.some((b) => b.$ref !== undefined || b.properties?.[s.field] !== undefined);
          if (!known) {
            const names = item.flatMap((b) => Object.keys(b.properties ?? {}));
            return `${at || 'the answer'} items have no field "${s.field}" (fields: ${names.join(', ') || 'none'})`;
          }
        }
        next.push(n.items);
      }
    }
    if (next.length === 0) {
      if (s.kind === 'field')
        return fields.size > 0
          ? `"${s.name}" is not a field of ${at || 'the answer'} (fields: ${[...fields].join(', ')})`
          : `${at || 'the answer'} is not an object, it has no field "${s.name}"`;
      return `${at || 'the answer'} is not a list: "[…]" does not apply`;
    }
    nodes = next;
    at += s.kind === 'field' ? (at ? `.${s.name}` : s.name) : '[]';
  }
  return undefined;
}
