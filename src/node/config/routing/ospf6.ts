/** `ipv6 router ospf N` sub-mode lines and interface `ipv6 ospf …` lines (OSPFv3). */
import type { Cmd } from '../line.js';
import type { InterfaceConfig } from '../model.js';
import type { Redistribute } from './model.js';
import type { Ospf6Config } from './model6.js';
import { ipv6PrefixWord } from './ipv6-prefix.js';
import { area, passiveInterface, setRedistribute } from './words.js';
import { ospfSharedSetting } from './ospf.js';

/** Applies one line of `ipv6 router ospf N`; returns false when the command is not one dmvpnd runs. */
export function ospf6Line(cmd: Cmd, o: Ospf6Config, neg: boolean): boolean {
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'router-id':
      if (neg) delete o.routerId;
      else o.routerId = cmd.ipv4('router-id', 'router id');
      cmd.end('router-id');
      return true;
    case 'passive-interface':
      passiveInterface(cmd, o, neg);
      return true;
    case 'area': {
      const C = 'area';
      const a = area(cmd, C);
      const what = cmd.keyword(C, ['stub', 'range'] as const);
      if (what === 'stub') {
        const noSummary = cmd.accept('no-summary');
        cmd.end(C);
        o.stubAreas = o.stubAreas.filter((s) => s.area !== a);
        if (!neg) o.stubAreas.push({ area: a, noSummary });
        return true;
      }
      const p = ipv6PrefixWord(cmd, C);
      cmd.accept('advertise');
      cmd.end(C);
      o.ranges = o.ranges.filter(
        (r) => !(r.area === a && r.address === p.address && r.prefixLength === p.prefixLength),
      );
      if (!neg) o.ranges.push({ area: a, ...p });
      return true;
    }
    case 'default-information': {
      cmd.keyword('default-information', ['originate'] as const);
      const always = cmd.accept('always');
      cmd.pos = cmd.line.tokens.length;
      if (neg) delete o.defaultOriginate;
      else o.defaultOriginate = { always };
      return true;
    }
    case 'redistribute':
      o.redistribute = setRedistribute(o.redistribute, redistribute6(cmd), neg);
      return true;
    case 'log-adjacency-changes':
      cmd.pos = cmd.line.tokens.length;
      return true;
  }
  return false;
}

/**
 * `redistribute connected|static|ospf N|bgp ASN|rip NAME [metric N] [route-map M] …` of the IPv6
 * processes (RIPng processes have a name, which is kept out: FRR has one ripngd).
 */
export function redistribute6(cmd: Cmd): Redistribute {
  const C = 'redistribute';
  const source = cmd.keyword(C, ['connected', 'static', 'ospf', 'bgp', 'rip'] as const);
  const r: Redistribute = { source, subnets: true };
  if (source === 'ospf' || source === 'bgp') r.process = cmd.uint(C, 'process id or AS', 1, 4294967295);
  if (source === 'rip') cmd.word(C, 'a RIPng process name');
  while (cmd.left > 0) {
    const w = cmd.keyword(C, ['metric', 'metric-type', 'route-map', 'tag', 'include-connected'] as const);
    if (w === 'metric') r.metric = cmd.uint(C, 'metric', 0, 4294967295);
    else if (w === 'route-map') r.routeMap = cmd.word(C, 'a route-map name');
    else if (w !== 'include-connected') cmd.word(C, `a value for ${w}`);
  }
  return r;
}

/** Interface `[no] ipv6 ospf …`; `cmd` is positioned on `ospf`. Returns false for options not run. */
export function ospf6InterfaceCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  cmd.pos++;
  const C = 'ipv6 ospf';
  iface.ipv6Routing ??= {};
  const routing = iface.ipv6Routing;
  routing.ospf ??= {};
  const o = routing.ospf;
  const done = (ok: boolean): boolean => {
    if (Object.keys(o).length === 0) delete routing.ospf;
    if (Object.keys(routing).length === 0) delete iface.ipv6Routing;
    return ok;
  };
  const w = cmd.peek();
  if (w !== undefined && /^[0-9]+$/.test(w)) {
    const processId = cmd.uint(C, 'process id', 1, 65535);
    cmd.keyword(C, ['area'] as const);
    const a = area(cmd, C);
    if (cmd.accept('instance')) cmd.uint(C, 'instance id', 0, 255);
    cmd.end(C);
    if (neg) delete o.area;
    else o.area = { processId, area: a };
    return done(true);
  }
  cmd.pos++;
  switch (w) {
    case 'network':
    case 'priority':
    case 'hello-interval':
    case 'dead-interval':
    case 'cost':
      ospfSharedSetting(cmd, C, w, o, neg);
      return done(true);
  }
  return done(false);
}
