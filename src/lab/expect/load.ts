/**
 * Reads an expectations file and validates it against the lab's topology before anything runs:
 * the YAML, each assertion's fields, the nodes it names, the show command (the routers must have it
 * and its JSON form) and the path (it must be able to select something in that JSON form). Every
 * problem is reported at once, as `file:line:col: field: message`.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod/v4';
import { schemaFor } from '../../node/api/index.js';
import { isIpv4, parseCidr } from '../../wire/ipv4-addr.js';
import type { TopologyIssue } from '../errors.js';
import { locate } from '../topology/locate.js';
import { IssueList } from '../topology/issues.js';
import type { Topology } from '../topology/types.js';
import { ExpectError } from './errors.js';
import { parsePath, pathProblem, type PathStep } from './path.js';
import {
  ASSERTION_KINDS,
  defaultsSchema,
  durationMs,
  shellSchema,
  type AdjacencyAssertion,
  type AssertionKind,
  type NhrpAssertion,
  type PingAssertion,
  type RouteAssertion,
  type ShortcutAssertion,
  type ShowAssertion,
} from './schema.js';

/** An assertion ready to run: its kind and fields, where it is written, its budget and its test case name. */
export type Expectation = {
  /** `file:line:col` of the assertion, for messages. */
  where: string;
  /** The test case name. */
  title: string;
  /** The nodes it concerns (the first is the one asked). */
  nodes: string[];
  waitMs: number;
  everyMs: number;
} & (
  | { kind: 'show'; spec: ShowAssertion; steps: PathStep[] }
  | { kind: 'route'; spec: RouteAssertion }
  | { kind: 'nhrp'; spec: NhrpAssertion }
  | { kind: 'ping'; spec: PingAssertion }
  | { kind: 'shortcut'; spec: ShortcutAssertion }
  | { kind: 'adjacency'; spec: AdjacencyAssertion }
);

/** A validated expectations file. */
export interface ExpectFile {
  file: string;
  items: Expectation[];
}

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
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      issues.items.push({
        file,
        line: pos.line,
        column: pos.col,
        field: '',
        message: `YAML: ${e.message.split('\n')[0]}`,
      });
    }
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
    const at = (...more: Array<string | number>) => [...path, ...more];
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
    const router = (field: string, name: string) => {
      const k = nodes.get(name);
      if (k === undefined)
        issues.add(at(field), `no node "${name}" in lab ${topology.name} (nodes: ${[...nodes.keys()].join(', ')})`);
      else if (k !== 'dmvpn') issues.add(at(field), `"${name}" is a ${k} node, not a router (kind dmvpn)`);
    };
    const addressOrNode = (field: string, value: string) => {
      if (!isIpv4(value) && !nodes.has(value))
        issues.add(at(field), `expected an IPv4 address or a node of lab ${topology.name}, found "${value}"`);
    };
    const regex = (field: string, value: string | undefined) => {
      if (value === undefined) return;
      try {
        new RegExp(value);
      } catch (e) {
        issues.add(at(field), `not a regular expression: ${(e as Error).message}`);
      }
    };
    let item: Expectation | undefined;
    switch (kind) {
      case 'show': {
        const s = spec as ShowAssertion;
        router('node', s.node);
        regex('matches', s.matches);
        regex('lacks', s.lacks);
        const command = s.show.trim().replace(/\s+json$/, '');
        const schema = schemaFor(command);
        if (schema === undefined)
          issues.add(at('show'), `the routers have no command "${command}" (its JSON form: see docs/show-json.md)`);
        let steps: PathStep[] = [];
        if (s.text === true) {
          for (const f of ['path', 'present', 'equals'] as const)
            if (s[f] !== undefined) issues.add(at(f), `"${f}" reads the JSON form: not with "text: true"`);
          if (s.matches === undefined && s.lacks === undefined)
            issues.add(path, 'a text assertion has "matches" or "lacks"');
          if (s.atLeast !== undefined && s.matches === undefined)
            issues.add(at('atLeast'), '"atLeast" counts lines that "matches"');
        } else {
          if (s.lacks !== undefined) issues.add(at('lacks'), '"lacks" reads the text form: add "text: true"');
          try {
            steps = parsePath(s.path ?? '');
          } catch (e) {
            issues.add(at('path'), (e as Error).message);
          }
          if (schema && steps.length > 0) {
            const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', reused: 'inline' });
            const problem = pathProblem(json, steps);
            if (problem) issues.add(at('path'), `${problem}: this path never selects anything in "${command} json"`);
          }
        }
        item = {
          ...base,
          kind,
          spec: { ...s, show: command },
          steps,
          title: s.name ?? showTitle(s, command),
          nodes: [s.node],
        };
        break;
      }
      case 'route': {
        const s = spec as RouteAssertion;
        router('on', s.on);
        if (!parseCidr(s.route)) issues.add(at('route'), `expected a prefix like 10.1.2.0/24, found "${s.route}"`);
        if (s.via !== undefined) addressOrNode('via', s.via);
        const title = `route ${s.route}${s.via ? ` via ${s.via}` : ''}${s.code ? ` code ${s.code}` : ''}`;
        item = { ...base, kind, spec: s, title: s.name ?? title, nodes: [s.on] };
        break;
      }
      case 'nhrp': {
        const s = spec as NhrpAssertion;
        router('on', s.on);
        addressOrNode('nhrp', s.nhrp);
        if (s.nbma !== undefined && !isIpv4(s.nbma))
          issues.add(at('nbma'), `expected an IPv4 address, found "${s.nbma}"`);
        const title = `nhrp entry ${s.nhrp}${s.nbma ? ` nbma ${s.nbma}` : ''}${s.type ? ` ${s.type}` : ''}`;
        item = { ...base, kind, spec: s, title: s.name ?? title, nodes: [s.on] };
        break;
      }
      case 'ping': {
        const s = spec as PingAssertion;
        const k = nodes.get(s.from);
        if (k === undefined) issues.add(at('from'), `no node "${s.from}" in lab ${topology.name}`);
        else if (k !== 'host' && k !== 'dmvpn')
          issues.add(at('from'), `"${s.from}" is a ${k} node: ping from a host or a router`);
        addressOrNode('ping', s.ping);
        item = { ...base, kind, spec: s, title: s.name ?? `ping ${s.ping}`, nodes: [s.from] };
        break;
      }
      case 'shortcut': {
        const s = spec as ShortcutAssertion;
        router('shortcut', s.shortcut[0]);
        router('shortcut', s.shortcut[1]);
        if (s.shortcut[0] === s.shortcut[1]) issues.add(at('shortcut'), 'a shortcut is between two different spokes');
        item = { ...base, kind, spec: s, title: s.name ?? 'shortcut', nodes: [...s.shortcut] };
        break;
      }
      case 'adjacency': {
        const s = spec as AdjacencyAssertion;
        router('on', s.on);
        if (s.with !== undefined) addressOrNode('with', s.with);
        const title = `${s.adjacency} adjacency${s.with ? ` with ${s.with}` : ''}${s.atLeast ? ` (at least ${s.atLeast})` : ''}`;
        item = { ...base, kind, spec: s, title: s.name ?? title, nodes: [s.on] };
        break;
      }
    }
    if (item && issues.items.length === errorsBefore) items.push(item);
  });
  if (issues.items.length > 0)
    throw new ExpectError('EXPECT_INVALID', invalidMessage(file, issues.sorted()), { issues: issues.sorted() });
  return { file, items };
}

function showTitle(s: ShowAssertion, command: string): string {
  const what = s.text
    ? [s.matches !== undefined ? `matches /${s.matches}/` : '', s.lacks !== undefined ? `lacks /${s.lacks}/` : '']
    : [
        s.path ?? '',
        s.equals !== undefined ? `= ${JSON.stringify(s.equals)}` : '',
        s.matches !== undefined ? `~ /${s.matches}/` : '',
        s.atLeast !== undefined ? `≥ ${s.atLeast}` : '',
        s.present === false ? 'absent' : '',
      ];
  return `${command}${s.text ? '' : ' json'}: ${what.filter(Boolean).join(' ') || 'answers'}`;
}

function invalidMessage(file: string, issues: TopologyIssue[]): string {
  const n = issues.length;
  return `${file}: ${n} error${n === 1 ? '' : 's'} in expectations\n${issues
    .map((i) => `  ${i.file}:${i.line}:${i.column}: ${i.field || '(file)'}: ${i.message}`)
    .join('\n')}`;
}
