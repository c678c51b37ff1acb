/**
 * `show ip route [WORD]`: the IOS 15 codes legend, gateway of last resort, routes grouped by major
 * network; and its JSON form. Codes, names and default distances come from the route kinds
 * (src/node/rib/kinds.ts), so a new protocol's routes print without a change here.
 */
import { routeKindByCode, routeLegend } from '../rib/kinds.js';
import { classfulLength, formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { byAddress, iosTime, left } from './format.js';
import type { RouteView } from './state.js';
import type { RouteJson, RouteTableJson } from '../api/schema/route.js';

export type { RouteJson, RouteTableJson };

/** A route with no next hop (connected, local, a static route by interface) prints `is directly connected`. */
export const directly = (r: RouteJson): boolean => r.distance === null || r.nextHop === null;

/** One route in the JSON form; [distance/metric] default to its kind's. */
export function routeJson(r: RouteView): RouteJson {
  const kind = routeKindByCode(r.protocol);
  const connected = kind?.connected === true;
  return {
    network: `${r.prefix}/${r.prefixLength}`,
    prefix: r.prefix,
    prefixLength: r.prefixLength,
    code: r.protocol,
    protocol: kind?.name ?? 'unknown',
    nextHop: r.nextHop ?? null,
    interface: r.interface ?? null,
    distance: connected ? null : (r.distance ?? kind?.distance ?? 0),
    metric: connected ? null : (r.metric ?? kind?.metric ?? 0),
    ageSec: r.ageSec ?? null,
    candidateDefault: r.prefixLength === 0 && !connected,
  };
}

/** The routing table as JSON, in IOS order (by address, then prefix length). */
export function routeTableJson(routes: RouteView[]): RouteTableJson {
  const list = routes
    .map(routeJson)
    .sort((a, b) =>
      byAddress(
        { address: a.prefix, prefixLength: a.prefixLength },
        { address: b.prefix, prefixLength: b.prefixLength },
      ),
    );
  const def = list.find((r) => r.candidateDefault);
  return { gatewayOfLastResort: def ? { nextHop: def.nextHop, network: def.prefix } : null, routes: list };
}

/** The JSON form of `show ip route WORD`: the routes of `codes` only (the gateway of last resort stays). */
export function routesOfCodes(json: RouteTableJson, codes: readonly string[]): RouteTableJson {
  return {
    gatewayOfLastResort: json.gatewayOfLastResort,
    routes: json.routes.filter((r) => codes.includes(r.code.split(' ')[0])),
  };
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

/**
 * `show ip route` text; with `codes`, only routes of those codes (`show ip route static`), under the
 * headers of the whole table, as IOS prints them.
 */
export function routeText(json: RouteTableJson, codes?: readonly string[]): string[] {
  const keep = (p: RouteJson[]) => codes === undefined || codes.includes(p[0].code.split(' ')[0]);
  const out = [...routeLegend(), ''];
  const g = json.gatewayOfLastResort;
  out.push(
    g
      ? `Gateway of last resort is ${g.nextHop ?? '0.0.0.0'} to network ${g.network}`
      : 'Gateway of last resort is not set',
    '',
  );
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
      if (keep(item.top)) out.push(...routeLines(item.top, 6));
      continue;
    }
    const group = groups.get(item.key)!;
    if (!group.some(keep)) continue;
    const cl = classfulLength(item.key);
    const subnets = new Set(group.map((p) => p[0].network)).size;
    const masks = new Set(group.map((p) => p[0].prefixLength));
    if (subnets === 1 && group[0][0].prefixLength === cl) {
      for (const p of group.filter(keep)) out.push(...routeLines(p, 6));
      continue;
    }
    if (masks.size === 1) out.push(`      ${item.key}/${group[0][0].prefixLength} is subnetted, ${subnets} subnets`);
    else out.push(`      ${item.key}/${cl} is variably subnetted, ${subnets} subnets, ${masks.size} masks`);
    for (const p of group.filter(keep)) out.push(...routeLines(p, 9, masks.size > 1));
  }
  return out;
}
