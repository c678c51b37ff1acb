/**
 * Reads an expectations file and validates it against the lab's topology before anything runs:
 * the YAML, the top level, each assertion's kind and fields (zod), then what semantic.ts checks
 * (nodes, show commands, paths). Every problem is reported at once, as `file:line:col: field: message`.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod/v4';
import type { TopologyIssue } from '../errors.js';
import { locate } from '../topology/locate.js';
import { IssueList } from '../topology/issues.js';
import type { Topology } from '../topology/types.js';
import { ExpectError } from './errors.js';
import type { ExpectFile, Expectation } from './model.js';
import { ASSERTION_KINDS, defaultsSchema, durationMs, shellSchema, type AssertionKind } from './schema.js';
import { checkAssertion } from './semantic.js';

export type { ExpectFile, Expectation } from './model.js';

const DEFAULT_WAIT_MS = 10_000;
const DEFAULT_EVERY_MS = 1000;
const KINDS = Object.keys(ASSERTION_KINDS) as AssertionKind[];
const FIELDS = [
  ...new Set(['defaults', 'expect', ...Object.values(ASSERTION_KINDS).flatMap((s) => Object.keys(s.shape))]),
];

/** Reads and validates `file` against `topology`; throws EXPECT_UNREADABLE or EXPECT_INVALID (every issue). */
export function loadExpectations(file: string, topology: Topology): ExpectFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ExpectError('EXPECT_UNREADABLE', `cannot read expectations file ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseExpectations(text, file, topology);
}

/** Validates expectations text; `file` names it in messages. */
export function parseExpectations(text: string, file: string, topology: Topology): ExpectFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const issues = new IssueList(file, doc, lc, FIELDS);
  if (issues.addYamlErrors()) {
    throw new ExpectError('EXPECT_INVALID', invalidMessage(file, issues.sorted()), { issues: issues.sorted() });
  }
  const shell = shellSchema.safeParse(doc.toJS() ?? {});
  if (!shell.success) {
    issues.addZod([], shell.error);
    throw new ExpectError('EXPECT_INVALID', invalidMessage(file, issues.sorted()), { issues: issues.sorted() });
  }
  const defaults = defaultsSchema.safeParse(shell.data.defaults ?? {});
  if (!defaults.success) issues.addZod(['defaults'], defaults.error);
  const wait = defaults.success ? defaults.data.wait : undefined;
  const every = defaults.success ? defaults.data.every : undefined;
  const budget = {
    waitMs: wait === undefined ? DEFAULT_WAIT_MS : durationMs(wait),
    everyMs: every === undefined ? DEFAULT_EVERY_MS : durationMs(every),
  };
  const nodes = new Map(topology.nodes.map((n) => [n.name, n.kind]));
  const items: Expectation[] = [];
  shell.data.expect.forEach((raw, i) => {
    const path = ['expect', i];
    const keys = typeof raw === 'object' && raw !== null ? Object.keys(raw) : [];
    const kinds = KINDS.filter((k) => keys.includes(k));
    if (kinds.length !== 1) {
      issues.add(
        path,
        kinds.length === 0
          ? `an assertion has one of the fields ${KINDS.join(', ')}`
          : `an assertion has one of the fields ${KINDS.join(', ')}, found ${kinds.join(' and ')}`,
      );
      return;
    }
    const kind = kinds[0]!;
    const parsed = (ASSERTION_KINDS[kind] as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      issues.addZod(path, parsed.error);
      return;
    }
    const spec = parsed.data as Record<string, unknown>;
    const pos = locate(doc, lc, path);
    const base = {
      where: `${file}:${pos.line}:${pos.column}`,
      waitMs: spec.wait === undefined ? budget.waitMs : durationMs(spec.wait as number | string),
      everyMs: spec.every === undefined ? budget.everyMs : durationMs(spec.every as number | string),
    };
    const errorsBefore = issues.items.length;
    const what = checkAssertion(kind, spec, {
      lab: topology.name,
      nodes,
      add: (field, message) => issues.add(field === undefined ? path : [...path, field], message),
    });
    const item: Expectation = { ...base, ...what };
    if (issues.items.length === errorsBefore) items.push(item);
  });
  if (issues.items.length > 0)
    throw new ExpectError('EXPECT_INVALID', invalidMessage(file, issues.sorted()), { issues: issues.sorted() });
  return { file, items };
}

function invalidMessage(file: string, issues: TopologyIssue[]): string {
  const n = issues.length;
  return `${file}: ${n} error${n === 1 ? '' : 's'} in expectations\n${issues
    .map((i) => `  ${i.file}:${i.line}:${i.column}: ${i.field || '(file)'}: ${i.message}`)
    .join('\n')}`;
}
