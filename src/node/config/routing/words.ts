/** Readers shared by the routing sub-modes: OSPF areas, interface names, `redistribute`, `passive-interface`. */
import { formatIpv4, parseIpv4 } from '../../../wire/ipv4-addr.js';
import type { Cmd } from '../line.js';
import type { RouterConfig } from '../model.js';
import { parseInterfaceName } from '../names.js';
import type { Redistribute, RoutingConfig } from './model.js';

/** The routing part of a config, created on first use. */
export function routingOf(config: RouterConfig): RoutingConfig {
  config.routing ??= {};
  return config.routing;
}

/** Removes `config.routing` when no process is left in it. */
export function pruneRouting(config: RouterConfig): void {
  const r = config.routing;
  if (r && !r.ospf && !r.bgp && !r.rip && !r.ospf6 && !r.ripng) delete config.routing;
}

/** An OSPF area id: a decimal number or a dotted quad, kept as written (numbers without leading zeros). */
export function area(cmd: Cmd, command: string): string {
  const expected = 'an OSPF area id (0-4294967295 or A.B.C.D)';
  const w = cmd.word(command, expected);
  if (/^[0-9]+$/.test(w) && Number(w) <= 0xffffffff) return String(Number(w));
  const v = parseIpv4(w);
  if (v === undefined) cmd.invalid(command, expected, cmd.pos - 1);
  return formatIpv4(v);
}

/** An interface name, possibly split as `GigabitEthernet 0/1`; returns the canonical IOS name. */
export function interfaceName(cmd: Cmd, command: string): string {
  const expected = 'an interface name such as GigabitEthernet0/1 or Tunnel0';
  const at = cmd.pos;
  const first = cmd.word(command, expected);
  const text =
    /^[0-9]/.test(cmd.peek() ?? '') && /^[A-Za-z-]+$/.test(first) ? first + cmd.word(command, expected) : first;
  const parsed = parseInterfaceName(text);
  if (!parsed.ok) cmd.invalid(command, expected, at);
  return parsed.name;
}

/** `redistribute SOURCE [N] [subnets] [metric N] …`; `cmd` is positioned after `redistribute`. */
export function redistribute(cmd: Cmd, withProcess: boolean): Redistribute {
  const C = 'redistribute';
  const source = cmd.keyword(C, ['connected', 'static', 'ospf', 'bgp', 'rip'] as const);
  const r: Redistribute = { source, subnets: false };
  if ((source === 'ospf' || source === 'bgp') && withProcess)
    r.process = cmd.uint(C, 'process id or AS', 1, 4294967295);
  while (cmd.left > 0) {
    const w = cmd.keyword(C, ['subnets', 'metric', 'metric-type', 'route-map', 'tag'] as const);
    if (w === 'subnets') r.subnets = true;
    else if (w === 'metric') r.metric = cmd.uint(C, 'metric', 0, 4294967295);
    else if (w === 'route-map') r.routeMap = cmd.word(C, 'a route-map name');
    else cmd.word(C, `a value for ${w}`);
  }
  return r;
}

/** Adds or removes `r` in `list` (matched by source and process). */
export function setRedistribute(list: Redistribute[], r: Redistribute, neg: boolean): Redistribute[] {
  const rest = list.filter((x) => !(x.source === r.source && x.process === r.process));
  return neg ? rest : [...rest, r];
}

/** `[no] passive-interface default|NAME` on a process with passive/active lists. */
export function passiveInterface(
  cmd: Cmd,
  p: { passiveDefault: boolean; passiveInterfaces: string[]; activeInterfaces: string[] },
  neg: boolean,
): void {
  const C = 'passive-interface';
  if (cmd.accept('default')) {
    cmd.end(C);
    p.passiveDefault = !neg;
    if (!neg) p.passiveInterfaces = [];
    else p.activeInterfaces = [];
    return;
  }
  const name = interfaceName(cmd, C);
  cmd.end(C);
  p.passiveInterfaces = p.passiveInterfaces.filter((x) => x !== name);
  p.activeInterfaces = p.activeInterfaces.filter((x) => x !== name);
  if (p.passiveDefault && neg) p.activeInterfaces.push(name);
  if (!p.passiveDefault && !neg) p.passiveInterfaces.push(name);
}
