/**
 * The routes EIGRP offers the routing table: per prefix, the successors' next hops (AD 90 internal,
 * 170 external, code D / D EX), a summary's discard route to Null0 (AD 5), nothing for what we
 * originate from connected or static routes. Only changes leave, as `route` add/withdraw actions.
 */
import type { EigrpRoute, NextHop } from './actions.js';
import type { Ctx } from './context.js';
import type { Path, TopoEntry, Topology } from './topology.js';

export class RouteOutput {
  /** Prefix key → the route last installed and its signature. */
  private readonly installed = new Map<string, { route: EigrpRoute; sig: string }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly topo: Topology,
  ) {}

  /** The EIGRP routes installed now. */
  routes(): EigrpRoute[] {
    return [...this.installed.values()].map((r) => r.route);
  }

  /** Emits route actions for whatever changed among `keys`. */
  flush(keys: Iterable<string>): void {
    for (const key of keys) {
      const e = this.topo.get(key);
      const want = e ? this.wanted(e) : undefined;
      const had = this.installed.get(key);
      if (!want) {
        if (had) {
          this.installed.delete(key);
          this.ctx.out.push({
            kind: 'route',
            op: 'withdraw',
            prefix: had.route.prefix,
            prefixLength: had.route.prefixLength,
          });
        }
        continue;
      }
      const sig = JSON.stringify(want);
      if (had?.sig === sig) continue;
      this.installed.set(key, { route: want, sig });
      this.ctx.out.push({ kind: 'route', op: 'add', route: want });
    }
  }

  /** Withdraws every route (the process stopped). */
  clear(): void {
    this.flush([...this.installed.keys()].filter((k) => !this.topo.get(k)));
  }

  private wanted(e: TopoEntry): EigrpRoute | undefined {
    const l = e.local;
    if (l) {
      if (l.kind !== 'summary') return undefined;
      return {
        prefix: e.prefix,
        prefixLength: e.prefixLength,
        nextHops: [{ interface: 'Null0' }],
        distance: 5,
        metric: l.distance,
        code: 'D',
      };
    }
    const paths = e.successors.map((k) => e.paths.get(k)).filter((p): p is Path => p !== undefined);
    if (paths.length === 0 || e.metric === undefined) return undefined;
    const nextHops: NextHop[] = paths.map((p) => ({ address: p.nextHop, interface: p.iface }));
    const external = e.external !== undefined;
    return {
      prefix: e.prefix,
      prefixLength: e.prefixLength,
      nextHops,
      distance: external ? 170 : 90,
      metric: Math.min(...paths.map((p) => p.distance)),
      code: external ? 'D EX' : 'D',
    };
  }
}
