/** Building the `show ip route` list: connected, local and static routes from the config, H routes from NHRP snapshots. */
import type { RouterConfig } from '../config/model.js';
import { formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { CONNECTED, LOCAL, NHRP, STATIC } from '../rib/kinds.js';
import type { InterfaceState, NhrpView, RouteView } from './state.js';

/**
 * C and L routes of every interface that is not shut down (IOS: a /32 address gets only its C
 * route), and the `ip route` statics with their distance.
 */
export function configRoutes(config: RouterConfig): RouteView[] {
  const out: RouteView[] = [];
  for (const i of Object.values(config.interfaces)) {
    if (i.shutdown) continue;
    for (const a of i.addresses) {
      const v = parseIpv4(a.address);
      if (v === undefined) continue;
      const net = formatIpv4(networkBits(v, a.prefixLength));
      out.push({ prefix: net, prefixLength: a.prefixLength, protocol: CONNECTED.code, interface: i.name });
      if (a.prefixLength < 32) {
        out.push({ prefix: a.address, prefixLength: 32, protocol: LOCAL.code, interface: i.name });
      }
    }
  }
  for (const r of config.routes) {
    out.push({
      prefix: r.prefix.address,
      prefixLength: r.prefix.prefixLength,
      protocol: STATIC.code,
      ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
      ...(r.interface !== undefined ? { interface: r.interface } : {}),
      distance: r.distance,
    });
  }
  return out;
}

/** The shortcut routes an NHRP engine installed (Phase 3), as H routes via the tunnel; age = the entry's. */
export function shortcutRoutes(interfaceName: string, snapshot: NhrpView): RouteView[] {
  return snapshot.shortcuts.map((s) => {
    const e = snapshot.cache.find((c) => c.protocol === s.prefix && c.prefixLength === s.prefixLength);
    return {
      prefix: s.prefix,
      prefixLength: s.prefixLength,
      protocol: NHRP.code,
      nextHop: s.nextHop,
      interface: interfaceName,
      ...(e ? { ageSec: e.ageSec } : {}),
    };
  });
}

/** Config routes plus every tunnel's shortcut routes: the table when the router has nothing better from the kernel. */
export function derivedRoutes(config: RouterConfig, interfaces: InterfaceState[]): RouteView[] {
  return [
    ...configRoutes(config),
    ...interfaces.flatMap((i) => (i.snapshot ? shortcutRoutes(i.config.name, i.snapshot) : [])),
  ];
}
