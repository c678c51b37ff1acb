/**
 * Reads an exercise folder and validates it before anything runs: the YAML, the top level, each
 * item (a check, or an assertion checked against the exercise's topology as in an --expect file),
 * the routers the solution names, the task file. Every problem is reported at once, as
 * `file:line:col: field: message`, like topologies and expectations files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { TopologyIssue } from '../errors.js';
import { ASSERTION_KINDS, type AssertionKind } from '../expect/schema.js';
import { checkAssertion } from '../expect/semantic.js';
import { locate } from '../topology/locate.js';
import { IssueList } from '../topology/issues.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';
import { ExerciseError } from './errors.js';
import { scopeFromSolution, type Scope } from './scope.js';
import { assertItemSchema, checkItemSchema, shellSchema, type ExerciseSpec } from './schema.js';

/** A graded item, validated: a check (with the nodes its results must concern) or an assertion. */
export type Item = {
  id: string;
  title: string;
  weight: number;
  pass?: string;
  fail?: string;
  /** `file:line:col` of the item. */
  where: string;
} & (
  | { kind: 'check'; check: string; nodes: string[] }
  | { kind: 'assert'; assertion: Record<string, unknown>; assertionKind: AssertionKind; nodes: string[] }
);

/** A validated exercise. */
export interface Exercise {
  id: string;
  dir: string;
  file: string;
  title: string;
  topics: string[];
  level: string;
  minutes: number;
  topologyFile: string;
  topology: Topology;
  task: string;
  items: Item[];
  /** The item the start fails and the layer named for it. */
  fault?: { item: string; layer: string };
  hints: string[];
  solution: Record<string, string[]>;
  /** What the student may change, per router (declared, else read from the solution). */
  scope: Scope;
  /** True when exercise.yml declares the scope. */
  scopeDeclared: boolean;
}

const KINDS = Object.keys(ASSERTION_KINDS) as AssertionKind[];
const FIELDS = [
  ...new Set([
    ...Object.keys(shellSchema.shape),
    ...Object.keys(checkItemSchema.shape),
    ...Object.keys(assertItemSchema.shape),
    ...Object.values(ASSERTION_KINDS).flatMap((s) => Object.keys(s.shape)),
  ]),
];

/** Reads and validates `dir`/exercise.yml; throws EXERCISE_UNREADABLE or EXERCISE_INVALID (every issue). */
export function loadExercise(dir: string): Exercise {
  const file = join(dir, 'exercise.yml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ExerciseError('EXERCISE_UNREADABLE', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseExercise(text, file, resolve(dir));
}

/** Validates exercise text; `file` names it in messages, `dir` is where its topology and task are. */
export function parseExercise(text: string, file: string, dir: string): Exercise {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const issues = new IssueList(file, doc, lc, FIELDS);
  const fail = (): never => {
    throw new ExerciseError('EXERCISE_INVALID', invalidMessage(file, issues.sorted()), { issues: issues.sorted() });
  };
  if (issues.addYamlErrors()) {
    fail();
  }
  const shell = shellSchema.safeParse(doc.toJS() ?? {});
  if (!shell.success) {
    issues.addZod([], shell.error);
    fail();
  }
  const spec = shell.data as ExerciseSpec;
  const topologyFile = join(dir, spec.lab.topology);
  let topology: Topology | undefined;
  try {
    topology = loadTopology(topologyFile);
  } catch (e) {
    issues.add(['lab', 'topology'], `the topology does not load: ${(e as Error).message.split('\n')[0]}`);
  }
  const taskFile = join(dir, spec.task ?? 'task.md');
  let task = '';
  if (!existsSync(taskFile)) issues.add(spec.task ? ['task'] : [], `no task file ${taskFile}`);
  else task = readFileSync(taskFile, 'utf8');
  const nodes = new Map((topology?.nodes ?? []).map((n) => [n.name, n.kind]));
  const items: Item[] = [];
  const ids = new Set<string>();
  spec.items.forEach((raw, i) => {
    const path = ['items', i];
    const where = () => {
      const pos = locate(doc, lc, path);
      return `${file}:${pos.line}:${pos.column}`;
    };
    const isAssert = typeof raw === 'object' && raw !== null && 'assert' in raw;
    const parsed = (isAssert ? assertItemSchema : checkItemSchema).safeParse(raw);
    if (!parsed.success) {
      issues.addZod(path, parsed.error);
      return;
    }
    const it = parsed.data;
    if (ids.has(it.id)) issues.add([...path, 'id'], `item id "${it.id}" is used twice`);
    ids.add(it.id);
    const base = {
      id: it.id,
      title: it.title,
      weight: it.weight ?? 1,
      where: where(),
      ...(it.pass !== undefined ? { pass: it.pass } : {}),
      ...(it.fail !== undefined ? { fail: it.fail } : {}),
    };
    if ('check' in it) {
      for (const [j, n] of (it.nodes ?? []).entries())
        if (topology && !nodes.has(n)) issues.add([...path, 'nodes', j], `no node "${n}" in the exercise's lab`);
      items.push({ ...base, kind: 'check', check: it.check, nodes: it.nodes ?? [] });
      return;
    }
    const assertion = (it as { assert: Record<string, unknown> }).assert;
    const keys = Object.keys(assertion);
    const kind = KINDS.find((k) => keys.includes(k))!;
    const before = issues.items.length;
    // The nodes it involves: those it asks, and those it names as a destination or neighbor.
    const named = Object.values(assertion)
      .flat()
      .filter((v): v is string => typeof v === 'string' && nodes.has(v));
    const run = topology
      ? checkAssertion(kind, assertion, {
          lab: topology.name,
          nodes,
          add: (field, message) =>
            issues.add(field === undefined ? [...path, 'assert'] : [...path, 'assert', field], message),
        })
      : undefined;
    if (run && issues.items.length === before)
      items.push({
        ...base,
        kind: 'assert',
        assertion,
        assertionKind: kind,
        nodes: [...new Set([...run.nodes, ...named])],
      });
  });
  for (const r of Object.keys(spec.solution))
    if (topology && nodes.get(r) !== 'dmvpn') issues.add(['solution', r], `"${r}" is no router of the exercise's lab`);
  for (const r of Object.keys(spec.scope ?? {}))
    if (topology && nodes.get(r) !== 'dmvpn') issues.add(['scope', r], `"${r}" is no router of the exercise's lab`);
  if (spec.fault && !ids.has(spec.fault.item)) issues.add(['fault', 'item'], `no item "${spec.fault.item}"`);
  if (issues.items.length > 0) fail();
  return {
    id: spec.id,
    dir,
    file,
    title: spec.title,
    topics: spec.topics,
    level: spec.level,
    minutes: spec.minutes,
    topologyFile,
    topology: topology!,
    task,
    items,
    ...(spec.fault ? { fault: spec.fault } : {}),
    hints: spec.hints ?? [],
    solution: spec.solution,
    scope: spec.scope ?? scopeFromSolution(spec.solution),
    scopeDeclared: spec.scope !== undefined,
  };
}

function invalidMessage(file: string, issues: TopologyIssue[]): string {
  const n = issues.length;
  return `${file}: ${n} error${n === 1 ? '' : 's'} in the exercise\n${issues
    .map((i) => `  ${i.file}:${i.line}:${i.column}: ${i.field || '(file)'}: ${i.message}`)
    .join('\n')}`;
}
