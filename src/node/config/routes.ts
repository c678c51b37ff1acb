/** `ip route` and `no ip route`: static IPv4 routes by next hop and/or interface, with distance. */
import { formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { IOS_MESSAGES } from './errors.js';
import type { Cmd } from './line.js';
import { IOS_DEFAULTS, type StaticRoute } from './model.js';
import { parseInterfaceName } from './names.js';
import type { Session } from './session.js';

const C = 'ip route';

/** Handles `[no] ip route …`; `cmd` is positioned on the word `route`. */
export function routeCommand(cmd: Cmd, s: Session, neg: boolean): void {
  cmd.pos++;
  const next = cmd.peek();
  if (next === 'vrf' || next === 'static' || next === 'profile') {
    s.ignore(cmd.line, `not supported, ignored (ip route ${next})`);
    return;
  }
  const prefixAt = cmd.pos;
  const address = cmd.ipv4(C, 'destination prefix');
  const prefixLength = cmd.mask(C);
  const value = parseIpv4(address)!;
  if (networkBits(value, prefixLength) !== value) {
    cmd.fail(
      'CONFIG_INCONSISTENT_MASK',
      IOS_MESSAGES.inconsistent,
      {
        command: C,
        expected: `a network address for mask /${prefixLength} (${formatIpv4(networkBits(value, prefixLength))})`,
        found: `'${address}', which has host bits set`,
      },
      prefixAt,
    );
  }
  const route: StaticRoute = {
    prefix: { family: 4, address, prefixLength },
    distance: IOS_DEFAULTS.routeDistance,
    permanent: false,
  };
  if (neg && cmd.left === 0) {
    removeRoutes(s, cmd, (r) => samePrefix(r, route));
    return;
  }
  if (cmd.peek() === 'dhcp') {
    s.ignore(cmd.line, 'not supported, ignored (ip route … dhcp)');
    return;
  }
  if (!cmd.nextLooksLikeIpv4()) {
    const at = cmd.pos;
    const parsed = parseInterfaceName(cmd.word(C, 'a next-hop address or an interface'));
    if (!parsed.ok) cmd.invalid(C, 'a next-hop address (A.B.C.D) or an interface name', at);
    if (parsed.kind === 'unsupported') {
      s.ignore(cmd.line, `not supported, ignored (route via ${parsed.why})`);
      return;
    }
    route.interface = parsed.name;
  }
  if (cmd.nextLooksLikeIpv4()) route.nextHop = cmd.ipv4(C, 'next-hop address');
  else if (!route.interface) cmd.invalid(C, 'a next-hop address (A.B.C.D) or an interface name');
  readOptions(cmd, route);
  if (route.track !== undefined && !neg) {
    s.warn(
      cmd.line,
      'ROUTE_TRACK_IGNORED',
      `track ${route.track} is not supported: the route is installed unconditionally`,
    );
  }
  if (neg) {
    removeRoutes(s, cmd, (r) => samePrefix(r, route) && sameTarget(r, route));
    return;
  }
  const i = s.config.routes.findIndex((r) => samePrefix(r, route) && sameTarget(r, route));
  if (i >= 0) s.config.routes[i] = route;
  else s.config.routes.push(route);
}

function readOptions(cmd: Cmd, route: StaticRoute): void {
  if (/^[0-9]+$/.test(cmd.peek() ?? '')) route.distance = cmd.uint(C, 'distance', 1, 255);
  while (cmd.left > 0) {
    const opt = cmd.keyword(C, ['name', 'tag', 'permanent', 'track'] as const);
    if (opt === 'name') route.name = cmd.word(C, 'a route name');
    else if (opt === 'tag') route.tag = cmd.uint(C, 'tag', 1, 4294967295);
    else if (opt === 'permanent') route.permanent = true;
    else route.track = cmd.uint(C, 'track object number', 1, 1000);
  }
}

function removeRoutes(s: Session, cmd: Cmd, match: (r: StaticRoute) => boolean): void {
  const before = s.config.routes.length;
  s.config.routes = s.config.routes.filter((r) => !match(r));
  if (s.config.routes.length === before) s.warn(cmd.line, 'CONFIG_NO_MATCHING_ROUTE', '%No matching route to delete');
}

function samePrefix(a: StaticRoute, b: StaticRoute): boolean {
  return a.prefix.address === b.prefix.address && a.prefix.prefixLength === b.prefix.prefixLength;
}

function sameTarget(a: StaticRoute, b: StaticRoute): boolean {
  return a.nextHop === b.nextHop && a.interface === b.interface;
}
