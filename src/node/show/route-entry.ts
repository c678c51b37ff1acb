/**
 * `show ip route A.B.C.D [M.M.M.M]`: the entry a destination uses (longest prefix; with a mask, that
 * exact prefix) in IOS's layout, and its JSON form:
 *
 *   Routing entry for 10.2.0.0/24
 *     Known via "nhrp", distance 250, metric 255
 *     Last update from 172.16.0.3 on Tunnel0, 00:00:05 ago
 *     Routing Descriptor Blocks:
 *     * 172.16.0.3, from 172.16.0.3, 00:00:05 ago, via Tunnel0
 *         Route metric is 255, traffic share count is 1
 *
 * or `% Network not in table`. Of a prefix with a route and an NHRP override, the route's entry.
 */
import { classfulLength, formatIpv4, inPrefix, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { routeKindByCode } from '../rib/kinds.js';
import { iosTime } from './format.js';
import type { RouteView } from './state.js';
import type { RouteEntryJson, RoutePathJson } from '../api/schema/route.js';

/** The entry for `address` (`prefixLength` given: exactly that prefix) among the routes shown. */
export function routeEntryJson(routes: readonly RouteView[], address: string, prefixLength?: number): RouteEntryJson {
  const query = { address, prefixLength: prefixLength ?? null };
  const v = parseIpv4(address);
  if (v === undefined) return { query, entry: null };
  const net = prefixLength === undefined ? undefined : formatIpv4(networkBits(v, prefixLength));
  const fits = (r: RouteView) =>
    net === undefined
      ? inPrefix(address, r.prefix, r.prefixLength)
      : r.prefixLength === prefixLength && r.prefix === net;
  const hits = routes.filter(fits);
  if (hits.length === 0) return { query, entry: null };
  const len = Math.max(...hits.map((r) => r.prefixLength));
  const all = hits.filter((r) => r.prefixLength === len);
  const plain = all.filter((r) => routeKindByCode(r.protocol)?.override !== true);
  const chosen = plain.length > 0 ? plain.filter((r) => r.protocol === plain[0].protocol) : all;
  const r = chosen[0];
  const kind = routeKindByCode(r.protocol);
  const connected = kind?.connected === true;
  const paths = chosen.map(
    (p): RoutePathJson => ({
      nextHop: p.nextHop ?? null,
      from: p.from ?? (p.ageSec !== undefined ? (p.nextHop ?? null) : null),
      interface: p.interface ?? null,
      ageSec: p.ageSec ?? null,
      metric: p.metric ?? kind?.metric ?? 0,
    }),
  );
  return {
    query,
    entry: {
      network: `${r.prefix}/${r.prefixLength}`,
      prefix: r.prefix,
      prefixLength: r.prefixLength,
      code: r.protocol,
      protocol: kind?.name ?? 'unknown',
      knownVia: connected ? 'connected' : (kind?.name ?? 'unknown'),
      distance: connected ? 0 : (r.distance ?? kind?.distance ?? 0),
      metric: paths[0].metric,
      supernet: r.prefixLength < classfulLength(r.prefix),
      candidateDefault: r.prefixLength === 0 && !connected,
      directlyConnected: paths.every((p) => p.nextHop === null),
      paths,
    },
  };
}

/** IOS text of the entry. */
export function routeEntryText(json: RouteEntryJson): string[] {
  const e = json.entry;
  if (!e) return ['% Network not in table'];
  let known = `  Known via "${e.knownVia}", distance ${e.distance}, metric ${e.metric}`;
  if (e.candidateDefault) known += ', candidate default path';
  if (e.directlyConnected) known += e.code === 'C' ? ' (connected, via interface)' : ' (connected)';
  const out = [`Routing entry for ${e.network}${e.supernet ? ', supernet' : ''}`, known];
  const last = e.paths.find((p) => p.ageSec !== null && p.from !== null);
  if (last) {
    const on = last.interface ? ` on ${last.interface}` : '';
    out.push(`  Last update from ${last.from}${on}, ${iosTime(last.ageSec!)} ago`);
  }
  out.push('  Routing Descriptor Blocks:');
  e.paths.forEach((p, i) => {
    const parts = [p.nextHop ?? 'directly connected'];
    if (p.nextHop !== null && p.ageSec !== null) parts.push(`from ${p.from ?? p.nextHop}`, `${iosTime(p.ageSec)} ago`);
    if (p.interface !== null) parts.push(`via ${p.interface}`);
    out.push(`  ${i === 0 ? '*' : ' '} ${parts.join(', ')}`);
    out.push(`      Route metric is ${p.metric}, traffic share count is 1`);
  });
  return out;
}
