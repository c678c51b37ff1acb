/**
 * `show ipv6 rip database`: RIPng's routes as IOS lists its local RIB, from zebra's `show ipv6 route json` (ripngd
 * hands zebra every route it holds; the one zebra selected is the installed one), as `show ip rip database` reads
 * zebra's IPv4 table.
 *
 *   RIP process "LAB", local RIB
 *    2001:DB8:0:2::/64, metric 3, installed
 *        Tunnel0/FE80::12
 */
import type { RipngDatabaseJson } from '../api/schema/routing6.js';
import type { RouterConfig } from '../config/model.js';
import { type FrrShowData, iosName } from './routing.js';

// biome-ignore lint/suspicious/noExplicitAny: vtysh JSON, read field by field
type FrrJson = any;

/** `show ipv6 rip database json`. */
export function ripngDatabaseJson(config: RouterConfig, frr: FrrShowData | undefined): RipngDatabaseJson {
  const name = config.routing?.ripng?.name;
  const routes: RipngDatabaseJson['routes'] = [];
  if (name === undefined) return { process: null, routes };
  for (const [network, entries] of Object.entries((frr?.routes6 ?? {}) as Record<string, FrrJson[]>)) {
    for (const e of entries) {
      if (e.protocol !== 'ripng') continue;
      const nh = e.nexthops?.[0] ?? {};
      routes.push({
        network,
        metric: Number(e.metric ?? 0),
        nextHop: nh.ip ?? null,
        interface: nh.interfaceName ? iosName(config, nh.interfaceName) : null,
        installed: e.selected === true,
      });
    }
  }
  return { process: name, routes };
}

/** `show ipv6 rip database` text, IOS layout. */
export function ripngDatabaseText(j: RipngDatabaseJson): string[] {
  if (j.process === null) return [];
  const out = [`RIP process "${j.process}", local RIB`];
  for (const r of j.routes) {
    out.push(` ${r.network.toUpperCase()}, metric ${r.metric}${r.installed ? ', installed' : ''}`);
    const via = [r.interface, r.nextHop?.toUpperCase()].filter((x) => x != null).join('/');
    if (via) out.push(`     ${via}`);
  }
  return out;
}
