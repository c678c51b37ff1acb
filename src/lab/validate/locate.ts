/**
 * Where in a course lab file (CML YAML, GNS3 JSON) an import problem lies: the problem names a node
 * (`node "Hub" (n0)`, by its id, or by our name for it), a link (`link l3`) and a field
 * (`node_definition`, `interfaces.i3`, `nodes[1].node_id`); this finds the deepest part of that path
 * the file has and gives its line and column. JSON is read as YAML, which keeps the positions.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { ImportIssue } from '../import/errors.js';

/** A line and column (1-based); line 0 for the file as a whole. */
export interface Position {
  line: number;
  column?: number;
}

/** A parsed source file, ready to locate issues in. */
export interface SourceDoc {
  doc: Document;
  lc: LineCounter;
  /** The path of the node and link lists: CML `nodes`/`links`, GNS3 `topology.nodes`/`topology.links`. */
  nodes: unknown[];
  links: unknown[];
}

/** Parses `text` (YAML or JSON). */
export function sourceDoc(text: string, format: 'cml' | 'gns3'): SourceDoc {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const base = format === 'gns3' ? ['topology'] : [];
  return { doc, lc, nodes: [...base, 'nodes'], links: [...base, 'links'] };
}

/** Index of the list item at `list` whose `key` (one of) equals `value`. */
function indexWhere(s: SourceDoc, list: unknown[], keys: string[], value: string): number | undefined {
  const seq = s.doc.getIn(list, true);
  if (!isSeq(seq)) return undefined;
  const i = seq.items.findIndex((it) => isMap(it) && keys.some((k) => String(it.get(k)) === value));
  return i < 0 ? undefined : i;
}

/** The path an issue's `where` names, or [] for the file. */
function basePath(s: SourceDoc, where: string): unknown[] {
  let m = /^node "(.*)"(?: \((.*)\))?$/.exec(where);
  if (m) {
    const idx = /\[(\d+)\]$/.exec(m[2] ?? '');
    const i = idx
      ? Number(idx[1])
      : ((m[2] !== undefined ? indexWhere(s, s.nodes, ['id', 'node_id'], m[2]) : undefined) ??
        indexWhere(s, s.nodes, ['label', 'name'], m[1]!));
    return i === undefined ? [] : [...s.nodes, i];
  }
  m = /^link (.*)$/.exec(where);
  if (m) {
    const idx = /\[(\d+)\]$/.exec(m[1]!);
    const i = idx ? Number(idx[1]) : indexWhere(s, s.links, ['id', 'link_id'], m[1]!);
    return i === undefined ? [] : [...s.links, i];
  }
  return [];
}

/** The field as path steps: `a.b[2].c` -> a, b, 2, c; `interfaces.i3` looks the interface up by id. */
function fieldSteps(s: SourceDoc, base: unknown[], field: string): unknown[] {
  const out: unknown[] = [];
  for (const part of field.split('.').filter((p) => p !== '')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    const [, key, idx] = m;
    const here = [...base, ...out];
    const list = s.doc.getIn(here, true);
    if (isSeq(list)) {
      const i = indexWhere(s, here, ['id'], key!);
      if (i === undefined) return out;
      out.push(i);
    } else out.push(key);
    for (const n of idx!.matchAll(/\[(\d+)\]/g)) out.push(Number(n[1]));
  }
  return out;
}

/** The position of `issue` in the file: the deepest node of its path present, else line 0. */
export function locateIssue(s: SourceDoc, issue: ImportIssue): Position {
  const lineField = /^line (\d+)$/.exec(issue.field);
  if (lineField) return { line: Number(lineField[1]) };
  const base = basePath(s, issue.where);
  const steps = fieldSteps(s, base, issue.field);
  for (let n = steps.length; n >= 0; n--) {
    const path = [...base, ...steps.slice(0, n)];
    if (path.length === 0) break;
    const node = s.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    // A scalar's own range; for a map or list, the key that holds it is found through the parent.
    const at = node?.range ?? keyRange(s, path);
    if (at) {
      const p = s.lc.linePos(at[0]);
      return { line: p.line, column: p.col };
    }
  }
  return { line: 0 };
}

function keyRange(s: SourceDoc, path: unknown[]): [number, number, number] | undefined {
  const parent = s.doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === path[path.length - 1]);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range;
}
