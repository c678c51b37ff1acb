/**
 * The route kinds dmvpnd knows, registered by name as the lab registers runtimes: each gives its IOS
 * `show ip route` code, default distance, keyword and kernel `proto`. The built-in ones are here; a
 * source of a new kind registers it when it is added to a table (./table.ts), and `show ip route`
 * (codes, legend, `show ip route WORD`) reads them from here.
 */
import { isDeepStrictEqual } from 'node:util';
import { RibError } from './errors.js';
import type { RouteKind } from './route.js';

/** Connected networks of the interfaces (IOS C). */
export const CONNECTED: RouteKind = {
  name: 'connected',
  code: 'C',
  keyword: 'connected',
  distance: 0,
  metric: 0,
  connected: true,
};
/** The interfaces' own addresses as /32 (IOS L). */
export const LOCAL: RouteKind = {
  name: 'local',
  code: 'L',
  keyword: 'connected',
  distance: 0,
  metric: 0,
  connected: true,
  listOnly: true,
};
/** `ip route` (IOS S); in the kernel as `proto static`, metric = distance, so a floating route waits there. */
export const STATIC: RouteKind = {
  name: 'static',
  code: 'S',
  keyword: 'static',
  distance: 1,
  metric: 0,
  kernel: { proto: 'static' },
};
/** NHRP shortcuts (IOS H, distance 250); in the kernel as `proto 250` metric 0, overriding the route they shortcut. */
export const NHRP: RouteKind = {
  name: 'nhrp',
  code: 'H',
  keyword: 'nhrp',
  distance: 250,
  metric: 255,
  override: true,
  kernel: { proto: '250', metric: 0 },
};

// Routing protocols with IOS distances. OSPF, BGP and RIP run in FRR daemons whose zebra installs
// their routes in the kernel itself (proto 188, 186, 189): no kernel proto of ours, so the kernel
// sync never fights zebra over them. EIGRP's routes go in with iproute2's number for it.
const PROTOCOLS: RouteKind[] = [
  { name: 'rip', code: 'R', keyword: 'rip', distance: 120, metric: 0 },
  { name: 'bgp', code: 'B', keyword: 'bgp', distance: 20, metric: 0 },
  { name: 'eigrp', code: 'D', keyword: 'eigrp', distance: 90, metric: 0, kernel: { proto: '192' } },
  { name: 'ospf', code: 'O', keyword: 'ospf', distance: 110, metric: 0 },
];

/** The IOS 15 codes legend at the top of `show ip route`. */
const IOS_LEGEND = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       a - application route',
  '       + - replicated route, % - next hop override, p - overrides from PfR',
];

/** Every code IOS's legend names. */
const IOS_CODES = new Set(
  IOS_LEGEND.flatMap((l) => [...l.matchAll(/(?:^Codes: |, |^ +)([A-Za-z0-9%*+]+) - /g)].map((m) => m[1])),
);

const kinds = new Map<string, RouteKind>();
for (const k of [CONNECTED, LOCAL, NHRP, STATIC, ...PROTOCOLS]) kinds.set(k.name, k);

/**
 * Adds a kind (a source does, when it is added to a table); an equal kind again is a no-op.
 * Throws ROUTE_KIND_CONFLICT for another kind of the same name or code.
 */
export function registerRouteKind(kind: RouteKind): void {
  const old = kinds.get(kind.name);
  if (old && isDeepStrictEqual(old, kind)) return;
  if (old) {
    throw new RibError('ROUTE_KIND_CONFLICT', `route kind "${kind.name}" is registered already (code ${old.code})`);
  }
  const clash = routeKindByCode(kind.code);
  if (clash) {
    throw new RibError('ROUTE_KIND_CONFLICT', `route code ${kind.code} of "${kind.name}" is taken by "${clash.name}"`);
  }
  kinds.set(kind.name, kind);
}

/** The kind called `name`. */
export function routeKind(name: string): RouteKind | undefined {
  return kinds.get(name);
}

/** The kind whose `show ip route` code is `code` (a sub-code such as `O IA` names its kind `O`). */
export function routeKindByCode(code: string): RouteKind | undefined {
  const base = code.split(' ')[0];
  for (const k of kinds.values()) if (k.code === base) return k;
  return undefined;
}

/** Every `show ip route WORD` keyword, each once. */
export function routeKeywords(): string[] {
  return [...new Set([...kinds.values()].map((k) => k.keyword))];
}

/** The codes `show ip route WORD` lists. */
export function codesOfKeyword(word: string): string[] {
  return [...kinds.values()].filter((k) => k.keyword === word).map((k) => k.code);
}

/** The legend: IOS's, plus a line for each registered code IOS does not have. */
export function routeLegend(): string[] {
  const extra = [...kinds.values()]
    .filter((k) => !IOS_CODES.has(k.code))
    .map((k) => `       ${k.legend ?? `${k.code} - ${k.name}`}`);
  return [...IOS_LEGEND, ...extra];
}
