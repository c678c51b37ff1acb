/** The IPv6 routes a router has from its config: C (network) and L (/128) of each interface's IPv6 addresses. */
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { networkOf6 } from '../../wire/ipv6-addr.js';
import { CONNECTED, LOCAL } from '../rib/kinds.js';
import type { RibRoute } from './rib.js';

/** C and L routes of the IPv6 addresses of the interfaces that are not shut down. */
export function configRoutes6(config: RouterConfig): RibRoute[] {
  const out: RibRoute[] = [];
  for (const i of Object.values(config.interfaces)) {
    if (i.shutdown) continue;
    for (const a of ipv6Addresses(i)) {
      const base = { distance: 0, metric: 0, active: true, interface: i.name, device: i.linuxName };
      out.push({
        ...base,
        source: CONNECTED.name,
        prefix: networkOf6(a.address, a.prefixLength),
        prefixLength: a.prefixLength,
      });
      if (a.prefixLength < 128) out.push({ ...base, source: LOCAL.name, prefix: a.address, prefixLength: 128 });
    }
  }
  return out;
}

/** The `ipv6 address` lines of an interface (global and unique-local, not the link-local). */
function ipv6Addresses(i: InterfaceConfig): Array<{ address: string; prefixLength: number }> {
  return i.ipv6?.addresses ?? [];
}
