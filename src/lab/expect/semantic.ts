/**
 * The checks of one assertion against the lab's topology, beyond its fields' shapes: the nodes it
 * names exist and are of the right kind, addresses are addresses or node names, regular expressions
 * compile, the show command exists with a JSON form and the path can select something in it.
 * Each problem goes to `add` with the field it is about; the result is what the assertion runs as.
 */
import { z } from 'zod/v4';
import { schemaFor } from '../../node/api/index.js';
import { isIpv4, parseCidr } from '../../wire/ipv4-addr.js';
import type { AssertionRun } from './model.js';
import { parsePath, pathProblem, type PathStep } from './path.js';
import type {
  AdjacencyAssertion,
  AssertionKind,
  NhrpAssertion,
  PingAssertion,
  RouteAssertion,
  ShortcutAssertion,
  ShowAssertion,
} from './schema.js';

/** What an assertion is checked against, and where its problems go. */
export interface SemanticContext {
  lab: string;
  /** Node name -> kind. */
  nodes: Map<string, string>;
  /** Records a problem about `field` of the assertion (undefined: the assertion itself). */
  add(field: string | undefined, message: string): void;
}

/** Checks an assertion of `kind` whose fields passed its schema; problems go to `c.add`. */
export function checkAssertion(kind: AssertionKind, spec: Record<string, unknown>, c: SemanticContext): AssertionRun {
  const router = (field: string, name: string) => {
    const k = c.nodes.get(name);
    if (k === undefined) c.add(field, `no node "${name}" in lab ${c.lab} (nodes: ${[...c.nodes.keys()].join(', ')})`);
    else if (k !== 'dmvpn') c.add(field, `"${name}" is a ${k} node, not a router (kind dmvpn)`);
  };
  const addressOrNode = (field: string, value: string) => {
    if (!isIpv4(value) && !c.nodes.has(value))
      c.add(field, `expected an IPv4 address or a node of lab ${c.lab}, found "${value}"`);
  };
  const regex = (field: string, value: string | undefined) => {
    if (value === undefined) return;
    try {
      new RegExp(value);
    } catch (e) {
      c.add(field, `not a regular expression: ${(e as Error).message}`);
    }
  };
  switch (kind) {
    case 'show': {
      const s = spec as ShowAssertion;
      router('node', s.node);
      regex('matches', s.matches);
      regex('lacks', s.lacks);
      const command = s.show.trim().replace(/\s+json$/, '');
      const schema = schemaFor(command);
      if (schema === undefined)
        c.add('show', `the routers have no command "${command}" (its JSON form: see docs/show-json.md)`);
      let steps: PathStep[] = [];
      if (s.text === true) {
        for (const f of ['path', 'present', 'equals'] as const)
          if (s[f] !== undefined) c.add(f, `"${f}" reads the JSON form: not with "text: true"`);
        if (s.matches === undefined && s.lacks === undefined)
          c.add(undefined, 'a text assertion has "matches" or "lacks"');
        if (s.atLeast !== undefined && s.matches === undefined)
          c.add('atLeast', '"atLeast" counts lines that "matches"');
      } else {
        if (s.lacks !== undefined) c.add('lacks', '"lacks" reads the text form: add "text: true"');
        try {
          steps = parsePath(s.path ?? '');
        } catch (e) {
          c.add('path', (e as Error).message);
        }
        if (schema && steps.length > 0) {
          const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', reused: 'inline' });
          const problem = pathProblem(json, steps);
          if (problem) c.add('path', `${problem}: this path never selects anything in "${command} json"`);
        }
      }
      return { kind, spec: { ...s, show: command }, steps, title: s.name ?? showTitle(s, command), nodes: [s.node] };
    }
    case 'route': {
      const s = spec as RouteAssertion;
      router('on', s.on);
      if (!parseCidr(s.route)) c.add('route', `expected a prefix like 10.1.2.0/24, found "${s.route}"`);
      if (s.via !== undefined) addressOrNode('via', s.via);
      const title = `route ${s.route}${s.via ? ` via ${s.via}` : ''}${s.code ? ` code ${s.code}` : ''}`;
      return { kind, spec: s, title: s.name ?? title, nodes: [s.on] };
    }
    case 'nhrp': {
      const s = spec as NhrpAssertion;
      router('on', s.on);
      addressOrNode('nhrp', s.nhrp);
      if (s.nbma !== undefined && !isIpv4(s.nbma)) c.add('nbma', `expected an IPv4 address, found "${s.nbma}"`);
      const title = `nhrp entry ${s.nhrp}${s.nbma ? ` nbma ${s.nbma}` : ''}${s.type ? ` ${s.type}` : ''}`;
      return { kind, spec: s, title: s.name ?? title, nodes: [s.on] };
    }
    case 'ping': {
      const s = spec as PingAssertion;
      const k = c.nodes.get(s.from);
      if (k === undefined) c.add('from', `no node "${s.from}" in lab ${c.lab}`);
      else if (k !== 'host' && k !== 'dmvpn') c.add('from', `"${s.from}" is a ${k} node: ping from a host or a router`);
      addressOrNode('ping', s.ping);
      return { kind, spec: s, title: s.name ?? `ping ${s.ping}`, nodes: [s.from] };
    }
    case 'shortcut': {
      const s = spec as ShortcutAssertion;
      router('shortcut', s.shortcut[0]);
      router('shortcut', s.shortcut[1]);
      if (s.shortcut[0] === s.shortcut[1]) c.add('shortcut', 'a shortcut is between two different spokes');
      return { kind, spec: s, title: s.name ?? 'shortcut', nodes: [...s.shortcut] };
    }
    case 'adjacency': {
      const s = spec as AdjacencyAssertion;
      router('on', s.on);
      if (s.with !== undefined) addressOrNode('with', s.with);
      const title = `${s.adjacency} adjacency${s.with ? ` with ${s.with}` : ''}${s.atLeast ? ` (at least ${s.atLeast})` : ''}`;
      return { kind, spec: s, title: s.name ?? title, nodes: [s.on] };
    }
  }
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
