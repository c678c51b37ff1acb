/**
 * Global `route-map NAME [permit|deny] [SEQ]` and its sub-mode: `match ip address prefix-list L…`,
 * `set metric N`, `set local-preference N`, `set weight N`, `set ip next-hop A`, `description`.
 * Other match/set lines are reported as not supported. The same text is FRR's route-map syntax.
 */
import type { Cmd } from '../line.js';
import type { RouterConfig } from '../model.js';
import type { Block, Session } from '../session.js';
import type { RouteMapEntry } from './model.js';

/** `[no] route-map NAME [permit|deny] [SEQ]`; `cmd` is positioned on `route-map`. */
export function routeMapCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const C = 'route-map';
  cmd.pos++;
  const name = cmd.word(C, 'a route-map name');
  const maps = s.config.routeMaps ?? {};
  const list = maps[name] ?? [];
  if (neg && cmd.left === 0) {
    delete maps[name];
    store(s.config, maps);
    return;
  }
  const action =
    cmd.left > 0 && !/^[0-9]/.test(cmd.peek() ?? '') ? cmd.keyword(C, ['permit', 'deny'] as const) : 'permit';
  const seq = cmd.left > 0 ? cmd.uint(C, 'sequence number', 0, 65535) : 10;
  cmd.end(C);
  if (neg) {
    const rest = list.filter((e) => e.seq !== seq);
    if (rest.length > 0) maps[name] = rest;
    else delete maps[name];
    store(s.config, maps);
    return;
  }
  let entry = list.find((e) => e.seq === seq);
  if (entry) entry.action = action;
  else {
    entry = { seq, action, matchPrefixLists: [], set: {} };
    list.push(entry);
    list.sort((a, b) => a.seq - b.seq);
  }
  maps[name] = list;
  store(s.config, maps);
  s.open(routeMapBlock(cmd.line.indent, cmd.line.raw.trim(), entry));
}

function store(config: RouterConfig, maps: Record<string, RouteMapEntry[]>): void {
  if (Object.keys(maps).length > 0) config.routeMaps = maps;
  else delete config.routeMaps;
}

function routeMapBlock(indent: number, context: string, e: RouteMapEntry): Block {
  return {
    indent,
    accepts: (words) => {
      const w = words[0] === 'no' ? words.slice(1) : words;
      return w[0] === 'match' || w[0] === 'set' || w[0] === 'description';
    },
    leaves: (words) => {
      const w = words[0] === 'no' ? words.slice(1) : words;
      return ['interface', 'router', 'route-map', 'hostname', 'ip'].includes(w[0] ?? '');
    },
    line: (cmd, s) => {
      const neg = cmd.accept('no');
      if (cmd.peek() === undefined) cmd.incomplete('no', 'a command to negate');
      if (entryLine(cmd, e, neg)) return;
      s.ignore(cmd.line, `not supported, ignored (${context} option)`, 'unsupported', context);
    },
  };
}

/** One line of the sub-mode; false when it is not one dmvpnd runs. */
function entryLine(cmd: Cmd, e: RouteMapEntry, neg: boolean): boolean {
  const w = cmd.peek();
  const start = cmd.pos;
  cmd.pos++;
  if (w === 'description') {
    if (neg) delete e.description;
    else e.description = cmd.rest('description', 'a description');
    cmd.pos = cmd.line.tokens.length;
    return true;
  }
  if (w === 'match') {
    if (!(cmd.accept('ip') && cmd.accept('address') && cmd.accept('prefix-list'))) {
      cmd.pos = start;
      return false;
    }
    const C = 'match ip address prefix-list';
    const names: string[] = [];
    while (cmd.left > 0) names.push(cmd.word(C, 'a prefix-list name'));
    if (neg) e.matchPrefixLists = names.length === 0 ? [] : e.matchPrefixLists.filter((n) => !names.includes(n));
    else {
      if (names.length === 0) cmd.incomplete(C, 'a prefix-list name');
      for (const n of names) if (!e.matchPrefixLists.includes(n)) e.matchPrefixLists.push(n);
    }
    return true;
  }
  if (w === 'set') {
    const what = cmd.peek();
    cmd.pos++;
    const C = `set ${what ?? ''}`;
    switch (what) {
      case 'metric':
      case 'local-preference':
      case 'weight': {
        const key = ({ metric: 'metric', 'local-preference': 'localPreference', weight: 'weight' } as const)[what];
        if (neg) {
          delete e.set[key];
          cmd.pos = cmd.line.tokens.length;
        } else {
          e.set[key] = cmd.uint(C, what, 0, what === 'weight' ? 65535 : 4294967295);
          cmd.end(C);
        }
        return true;
      }
      case 'ip':
        if (!cmd.accept('next-hop') || !/^[0-9]/.test(cmd.peek() ?? (neg ? '0' : ''))) break;
        if (neg) {
          delete e.set.nextHop;
          cmd.pos = cmd.line.tokens.length;
        } else {
          e.set.nextHop = cmd.ipv4('set ip next-hop', 'next-hop address');
          cmd.end('set ip next-hop');
        }
        return true;
    }
  }
  cmd.pos = start;
  return false;
}

/** Every route-map as IOS lines, each entry followed by `!` (FRR reads the same text). */
export function renderRouteMaps(config: RouterConfig): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(config.routeMaps ?? {})) {
    for (const e of list) {
      out.push(`route-map ${name} ${e.action} ${e.seq}`);
      if (e.description !== undefined) out.push(` description ${e.description}`);
      if (e.matchPrefixLists.length > 0) out.push(` match ip address prefix-list ${e.matchPrefixLists.join(' ')}`);
      if (e.set.metric !== undefined) out.push(` set metric ${e.set.metric}`);
      if (e.set.localPreference !== undefined) out.push(` set local-preference ${e.set.localPreference}`);
      if (e.set.weight !== undefined) out.push(` set weight ${e.set.weight}`);
      if (e.set.nextHop !== undefined) out.push(` set ip next-hop ${e.set.nextHop}`);
      out.push('!');
    }
  }
  return out;
}
