/**
 * `show ipv6 route [connected|static|ospf|bgp|rip|nhrp]` as IOS 15 prints it, and its JSON: the
 * IPv6 routes of the config (C, L) and of the routing protocols (O, B, R from FRR's daemons).
 * ```
 * IPv6 Routing Table - default - 4 entries
 * Codes: C - Connected, L - Local, S - Static, …
 * O   2001:DB8:2::/64 [110/2]
 *      via FE80::2, Tunnel0
 * ```
 */
import { parseIpv6 } from '../../wire/ipv6-addr.js';
import type { RouteJson, RouteTableJson } from '../api/schema/route.js';
import { routeJson } from './route.js';
import type { RouteView } from './state.js';

/** The IOS 15 legend of `show ipv6 route`. */
const LEGEND6 = [
  'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
  '       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1, I2 - ISIS L2',
  '       IA - ISIS interarea, IS - ISIS summary, D - EIGRP, EX - EIGRP external',
  '       ND - ND Default, NDp - ND Prefix, DCE - Destination, NDr - Redirect',
  '       O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1, OE2 - OSPF ext 2',
  '       ON1 - OSPF NSSA ext 1, ON2 - OSPF NSSA ext 2, l - LISP',
];

/** `show ipv6 route WORD` → the codes it lists. */
export const IPV6_ROUTE_WORDS: Record<string, readonly string[]> = {
  connected: ['C', 'L'],
  local: ['L'],
  static: ['S'],
  ospf: ['O', 'OI', 'OE1', 'OE2', 'ON1', 'ON2'],
  bgp: ['B'],
  rip: ['R'],
  eigrp: ['D', 'EX'],
  nhrp: ['H'],
};

/** IOS's IPv6 code of a route: OSPF inter-area and externals are one word (OI, OE2), not `O IA`. */
function code6(code: string): string {
  const [c, sub] = code.split(' ');
  if (sub === undefined) return c;
  return c === 'O' ? `O${sub === 'IA' ? 'I' : sub}` : c;
}

/** The IPv6 table as JSON (same schema as `show ip route json`), by address then prefix length. */
export function route6TableJson(routes: RouteView[], codes?: readonly string[]): RouteTableJson {
  const key = (r: RouteJson) => (parseIpv6(r.prefix) ?? 0n) * 256n + BigInt(r.prefixLength);
  const list = routes
    .map((r) => ({ ...routeJson(r), code: code6(r.protocol) }))
    .filter((r) => codes === undefined || codes.includes(r.code))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const def = list.find((r) => r.candidateDefault);
  return { gatewayOfLastResort: def ? { nextHop: def.nextHop, network: def.prefix } : null, routes: list };
}

/** The `show ipv6 route` text of the JSON form (IOS writes IPv6 addresses in upper case). */
export function route6Text(json: RouteTableJson): string[] {
  const up = (s: string) => s.toUpperCase();
  const out = [`IPv6 Routing Table - default - ${json.routes.length} entries`, ...LEGEND6];
  for (const r of json.routes) {
    out.push(`${r.code.padEnd(4)}${up(r.network)} [${r.distance ?? 0}/${r.metric ?? 0}]`);
    if (r.code === 'L') out.push(`     via ${r.interface ?? 'Null0'}, receive`);
    else if (r.nextHop === null) out.push(`     via ${r.interface ?? 'Null0'}, directly connected`);
    else out.push(`     via ${up(r.nextHop)}${r.interface !== null ? `, ${r.interface}` : ''}`);
  }
  return out;
}
