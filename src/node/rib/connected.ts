/**
 * Connected and local routes (IOS C and L) from the interfaces of the running config: every IPv4
 * address of an interface that is not shut down gives its network, and (unless it is a /32) its own
 * address as a local /32.
 */
import { formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { RouterConfig } from '../config/model.js';
import { CONNECTED, LOCAL } from './kinds.js';
import type { RibRoute, RouteKind, RouteSource } from './route.js';

/** The interface addresses of a config, as routes of `kind` (connected or local). */
class InterfaceSource implements RouteSource {
  private config: RouterConfig | undefined;
  constructor(
    readonly kind: RouteKind,
    private readonly local: boolean,
  ) {}

  /** Takes the interfaces of `config` (the table reads them at its next refresh). */
  setConfig(config: RouterConfig): void {
    this.config = config;
  }

  routes(): RibRoute[] {
    const out: RibRoute[] = [];
    for (const i of Object.values(this.config?.interfaces ?? {})) {
      if (i.shutdown) continue;
      for (const a of i.addresses) {
        const v = a.family === 4 ? parseIpv4(a.address) : undefined;
        if (v === undefined) continue;
        const at = { interface: i.name, device: i.linuxName, distance: 0, metric: 0, active: true };
        const source = this.kind.name;
        const net = formatIpv4(networkBits(v, a.prefixLength));
        if (!this.local) out.push({ source, prefix: net, prefixLength: a.prefixLength, ...at });
        else if (a.prefixLength < 32) out.push({ source, prefix: a.address, prefixLength: 32, ...at });
      }
    }
    return out;
  }
}

/** IOS C: the networks of the interfaces. */
export class ConnectedSource extends InterfaceSource {
  constructor() {
    super(CONNECTED, false);
  }
}

/** IOS L: the interfaces' own addresses (listed, not used for forwarding). */
export class LocalSource extends InterfaceSource {
  constructor() {
    super(LOCAL, true);
  }
}
