/** `show ip route`: the IOS 15 codes legend, gateway of last resort, routes grouped by major network; and its JSON form. */
import { classfulLength, formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { byAddress, iosTime, left } from './format.js';
import type { RouteCode, RouteView } from './state.js';

/** One route in the JSON form. */
export interface RouteJson {
  network: string;
  prefix: string;
  prefixLength: number;
  code: RouteCode;
  protocol: 'connected' | 'local' | 'static' | 'nhrp' | 'rip' | 'bgp' | 'eigrp' | 'ospf';
  nextHop: string | null;
  interface: string | null;
  /** null for connected and local routes (IOS prints no [distance/metric] for them). */
  distance: number | null;
  metric: number | null;
  ageSec: number | null;
  candidateDefault: boolean;
}

/** The JSON form of `show ip route`. */
export interface RouteTableJson {
  /** The default route's gateway (null next hop: an interface route), or null when there is none. */
  gatewayOfLastResort: { nextHop: string | null; network: string } | null;
  routes: RouteJson[];
}

const NAMES: Record<RouteCode, RouteJson['protocol']> = {
  C: 'connected', L: 'local', S: 'static', H: 'nhrp', R: 'rip', B: 'bgp', D: 'eigrp', O: 'ospf',
};
/** IOS default administrative distance and metric per code. */
const DEFAULTS: Record<RouteCode, [number, number]> = {
  C: [0, 0], L: [0, 0], S: [1, 0], H: [250, 255], R: [120, 0], B: [20, 0], D: [90, 0], O: [110, 0],
};

/** The IOS 15 codes legend at the top of `show ip route`. */
export const ROUTE_LEGEND = [
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

const directly = (r: RouteJson) => r.distance === null || (r.code === 'S' && r.nextHop === null);

function routeJson(r: RouteView): RouteJson {
  const connected = r.protocol === 'C' || r.protocol === 'L';
  const [d, m] = DEFAULTS[r.protocol];
  return {
    network: `${r.prefix}/${r.prefixLength}`,
    prefix: r.prefix,
    prefixLength: r.prefixLength,
    code: r.protocol,
    protocol: NAMES[r.protocol],
    nextHop: r.nextHop ?? null,
    interface: r.interface ?? null,
    distance: connected ? null : (r.distance ?? d),
    metric: connected ? null : (r.metric ?? m),
    ageSec: r.ageSec ?? null,
    candidateDefault: r.prefixLength === 0 && !connected,
  };
}

/** The routing table as JSON, in IOS order (by address, then prefix length). */
export function routeTableJson(routes: RouteView[]): RouteTableJson {
  const list = routes.map(routeJson).sort((a, b) => byAddress({ address: a.prefix, prefixLength: a.prefixLength }, { address: b.prefix, prefixLength: b.prefixLength }));
  const def = list.find((r) => r.candidateDefault);
  return { gatewayOfLastResort: def ? { nextHop: def.nextHop, network: def.prefix } : null, routes: list };
}

/** The classful network an address belongs to (0.0.0.0 for anything not a dotted quad). */
function majorNetwork(addr: string): string {
  return formatIpv4(networkBits(parseIpv4(addr) ?? 0, classfulLength(addr)));
}

/**
 * The lines of one prefix: the first path, then one line per further equal-cost path. Under an
 * `is subnetted` heading (one mask) IOS leaves the mask off (`withMask` false).
 */
function routeLines(paths: RouteJson[], codeWidth: number, withMask = true): string[] {
  const r = paths[0];
  const code = left(`${r.code}${r.candidateDefault ? '*' : ''}`, codeWidth);
  const first = `${code}${withMask ? r.network : r.prefix} `;
  const body = (p: RouteJson) => {
    if (directly(p)) return `is directly connected, ${p.interface ?? 'unknown'}`;
    let s = `[${p.distance}/${p.metric}] via ${p.nextHop}`;
    if (p.ageSec !== null && p.code !== 'S') s += `, ${iosTime(p.ageSec)}`;
    if (p.interface !== null) s += `, ${p.interface}`;
    return s;
  };
  return [first + body(r), ...paths.slice(1).map((p) => ' '.repeat(first.length) + body(p))];
}

/** Routes with the same prefix and code, together (equal-cost paths). */
function paths(routes: RouteJson[]): RouteJson[][] {
  const out: RouteJson[][] = [];
  for (const r of routes) {
    const last = out[out.length - 1];
    if (last && last[0].network === r.network && last[0].code === r.code) last.push(r);
    else out.push([r]);
  }
  return out;
}

/** `show ip route` text. */
export function routeText(json: RouteTableJson): string[] {
  const out = [...ROUTE_LEGEND, ''];
  const g = json.gatewayOfLastResort;
  out.push(g ? `Gateway of last resort is ${g.nextHop ?? '0.0.0.0'} to network ${g.network}` : 'Gateway of last resort is not set', '');
  const groups = new Map<string, RouteJson[][]>();
  const items: Array<{ key: string; top?: RouteJson[] }> = [];
  for (const p of paths(json.routes)) {
    const r = p[0];
    if (r.prefixLength < classfulLength(r.prefix)) {
      items.push({ key: r.network, top: p });
      continue;
    }
    const major = majorNetwork(r.prefix);
    if (!groups.has(major)) {
      groups.set(major, []);
      items.push({ key: major });
    }
    groups.get(major)!.push(p);
  }
  for (const item of items) {
    if (item.top) {
      out.push(...routeLines(item.top, 6));
      continue;
    }
    const group = groups.get(item.key)!;
    const cl = classfulLength(item.key);
    const subnets = new Set(group.map((p) => p[0].network)).size;
    const masks = new Set(group.map((p) => p[0].prefixLength));
    if (subnets === 1 && group[0][0].prefixLength === cl) {
      for (const p of group) out.push(...routeLines(p, 6));
      continue;
    }
    if (masks.size === 1) out.push(`      ${item.key}/${group[0][0].prefixLength} is subnetted, ${subnets} subnets`);
    else out.push(`      ${item.key}/${cl} is variably subnetted, ${subnets} subnets, ${masks.size} masks`);
    for (const p of group) out.push(...routeLines(p, 9, masks.size > 1));
  }
  return out;
}
