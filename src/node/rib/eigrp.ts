/**
 * EIGRP routes (IOS D, distance 90; externals, redistributed somewhere, D EX at 170) as the engine's
 * `route` actions install and withdraw them: one RibRoute per next hop, a summary's Null0 route as a
 * discard route.
 */
import type { EigrpRoute } from '../../eigrp/index.js';
import { routeKind } from './kinds.js';
import { prefixKey, type RibRoute, type RouteKind, type RouteSource } from './route.js';

/** The routes the EIGRP engine installed. */
export class EigrpSource implements RouteSource {
  readonly kind: RouteKind = routeKind('eigrp')!;
  private readonly byPrefix = new Map<string, RibRoute[]>();
  private changed: () => void = () => undefined;

  constructor(
    /** IOS interface name → Linux device. */
    private readonly device: (iface: string) => string | undefined,
    private readonly clock: () => number,
  ) {}

  attach(changed: () => void): void {
    this.changed = changed;
  }

  routes(): RibRoute[] {
    return [...this.byPrefix.values()].flat();
  }

  /** Installs (or replaces) a route; the table is told after `commit`. */
  add(r: EigrpRoute): void {
    const since = this.clock();
    this.byPrefix.set(
      prefixKey(r.prefix, r.prefixLength),
      r.nextHops.map(
        (h): RibRoute => ({
          source: this.kind.name,
          prefix: r.prefix,
          prefixLength: r.prefixLength,
          distance: r.distance,
          metric: r.metric,
          active: true,
          since,
          ...(r.code === 'D EX' ? { codeSuffix: 'EX' } : {}),
          ...(h.address === undefined
            ? { discard: true, interface: 'Null0' }
            : { nextHop: h.address, from: h.address, interface: h.interface, device: this.device(h.interface) }),
        }),
      ),
    );
  }

  withdraw(prefix: string, prefixLength: number): void {
    this.byPrefix.delete(prefixKey(prefix, prefixLength));
  }

  /** Removes every route. */
  clear(): void {
    this.byPrefix.clear();
  }

  /** Tells the table that the routes changed. */
  commit(): void {
    this.changed();
  }
}
