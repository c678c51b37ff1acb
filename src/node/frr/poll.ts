/**
 * Reads zebra's routes into the tables once a second while FRR runs, IPv6 ones too when an IPv6 routing
 * protocol is configured (one poll at a time; a slow or
 * failed vtysh call just skips a round).
 */
import type { RouterConfig } from '../config/model.js';
import type { FrrDaemons } from './daemons.js';
import { FRR_KINDS, FrrProtocolSource, routesFromZebra, type OspfRouteTypes, type ZebraRoutes } from './routes.js';

/** True when the config runs an IPv6 routing protocol (OSPFv3, RIPng, BGP's ipv6 family). */
export function usesIpv6(config: RouterConfig): boolean {
  const r = config.routing;
  return r?.ospf6 !== undefined || r?.ripng !== undefined || r?.bgp?.ipv6 !== undefined;
}

/** Poll interval (ms). */
export const FRR_POLL_MS = 1000;

/** The three protocol sources and the timer that feeds them. */
export class FrrRoutePoller {
  readonly sources = {
    ospf: new FrrProtocolSource(FRR_KINDS.ospf),
    bgp: new FrrProtocolSource(FRR_KINDS.bgp),
    rip: new FrrProtocolSource(FRR_KINDS.rip),
  };
  /** The IPv6 routes of ospf6d, bgpd's ipv6 family and ripngd (`show ipv6 route json`), same kinds. */
  readonly sources6 = {
    ospf: new FrrProtocolSource(FRR_KINDS.ospf),
    bgp: new FrrProtocolSource(FRR_KINDS.bgp),
    rip: new FrrProtocolSource(FRR_KINDS.rip),
  };
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly daemons: FrrDaemons,
    private readonly config: () => RouterConfig,
    private readonly clock: () => number,
  ) {}

  /** Polls while any routing daemon runs; clears the routes when none does. */
  follow(): void {
    const on = this.daemons.daemons().some((d) => d !== 'zebra');
    if (on && !this.timer) {
      this.timer = setInterval(() => void this.poll(), FRR_POLL_MS);
      this.timer.unref();
      void this.poll();
    }
    if (!on) this.stop();
  }

  /** Stops polling and withdraws every FRR route from the table. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const s of [...Object.values(this.sources), ...Object.values(this.sources6)]) s.update([]);
  }

  /** One poll (also called by tests). */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const running = this.daemons.daemons();
      const json = JSON.parse(await this.daemons.vtysh('show ip route json')) as ZebraRoutes;
      let types: OspfRouteTypes = {};
      if (running.includes('ospfd')) {
        types = JSON.parse(await this.daemons.vtysh('show ip ospf route json').catch(() => '{}')) as OspfRouteTypes;
      }
      if (!this.timer) return;
      const now = this.clock();
      const config = this.config();
      for (const p of ['ospf', 'bgp', 'rip'] as const) {
        this.sources[p].update(routesFromZebra(json, p, config, now, types));
      }
      if (usesIpv6(config)) {
        const json6 = JSON.parse(await this.daemons.vtysh('show ipv6 route json')) as ZebraRoutes;
        if (!this.timer) return;
        const now6 = this.clock();
        for (const p of ['ospf', 'bgp', 'rip'] as const) {
          this.sources6[p].update(routesFromZebra(json6, p, config, now6, {}, 6));
        }
      }
    } catch {
      // zebra not answering yet (starting) or restarting: try again next round
    } finally {
      this.polling = false;
    }
  }
}
