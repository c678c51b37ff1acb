/** Builds the ShowState the show renderers (src/node/show) read, from a running router. */
import type { RouterConfig } from '../config/model.js';
import { routeKind } from '../rib/kinds.js';
import { selectAll, shown } from '../rib/select.js';
import type { EigrpView } from '../show/eigrp.js';
import type { InterfaceState, LogView, RouteView, ShowState } from '../show/state.js';
import type { Rib, RibRoute } from './rib.js';
import type { Rib6, Rib6Route } from './rib6.js';
import type { Ipv6RouteView } from '../show/ipv6.js';
import type { TunnelRuntime } from './tunnel.js';
import { ipsecPeersView } from '../ipsec/view.js';

/** The parts of a router a state is built from. */
export interface StateSource {
  config: RouterConfig;
  readonly tunnels: ReadonlyMap<string, TunnelRuntime>;
  readonly rib: Rib;
  /** The IPv6 table (`show ipv6 route`). */
  readonly rib6?: Rib6;
  readonly clock: () => number;
  readonly startedAt: number;
  /** When the configuration last changed: wall clock and monotonic ms. */
  readonly configChangedAt?: { wallMs: number; monoMs: number };
  /** The log buffer (`show logging`). */
  readonly log?: { buffer(): LogView };
  /** The EIGRP process. */
  readonly eigrp?: { view(now: number): EigrpView | undefined };
  /** The EIGRP for IPv6 process. */
  readonly eigrp6?: { view(now: number): EigrpView | undefined };
}

/** One IPv6 route for the show commands (age of a shortcut in seconds). */
export function route6View(x: Rib6Route, now: number): Ipv6RouteView {
  const { since, device: _d, ...rest } = x;
  return { ...rest, ...(since !== undefined ? { ageSec: Math.max(0, (now - since) / 1000) } : {}) };
}

/** A plain-JSON picture of the router now: config, tunnels' NHRP snapshots and counters, route table. */
export function buildShowState(r: StateSource): ShowState {
  const now = r.clock();
  const interfaces: InterfaceState[] = [];
  /** Shared IPsec sockets: the first tunnel listed with each. */
  const owners = new Map<object, string>();
  for (const i of Object.values(r.config.interfaces)) {
    const t = i.kind === 'tunnel' ? r.tunnels.get(i.name) : undefined;
    if (i.kind !== 'tunnel') {
      interfaces.push({ config: i });
      continue;
    }
    if (!t) {
      // The TAP device could not be opened.
      interfaces.push({ config: i, link: { up: false, lineProtocolUp: false } });
      continue;
    }
    const st = t.stats();
    const snapshot = t.engine && t.engine.config.networkId > 0 ? t.engine.snapshot(now) : undefined;
    const snapshot6 = t.engine6 && t.engine6.config.networkId > 0 ? t.engine6.snapshot(now) : undefined;
    const linkLocal6 = t.plan.dataplane?.ipv6?.linkLocal;
    const ipsec = t.ipsec;
    const owner = ipsec ? owners.get(ipsec) : undefined;
    if (ipsec && owner === undefined) owners.set(ipsec, i.name);
    const crypto =
      ipsec && t.plan.protection
        ? {
            profile: t.plan.protection.profile,
            local: ipsec.local,
            ike: ipsec.snapshot(),
            ...(ipsec.ikeVersion === 1 ? { isakmp: ipsec.isakmpSnapshot() } : {}),
            peers: ipsecPeersView(ipsec, now),
            ...(owner !== undefined ? { sharedWith: owner } : {}),
          }
        : undefined;
    interfaces.push({
      config: i,
      ...(crypto ? { crypto } : {}),
      ...(snapshot ? { snapshot } : {}),
      ...(snapshot6 ? { snapshot6 } : {}),
      ...(linkLocal6 !== undefined ? { linkLocal6 } : {}),
      ...(st.dataplane ? { stats: st.dataplane } : {}),
      link: { up: !i.shutdown, lineProtocolUp: !i.shutdown && st.dataplane !== undefined && st.socket !== undefined },
    });
  }
  return {
    config: structuredClone(r.config),
    interfaces,
    routes: installedRoutes(r.rib.list()).map((x) => routeView(x, now)),
    ...(r.rib6 ? { routes6: r.rib6.list().map((x) => route6View(x, now)) } : {}),
    now,
    uptimeSec: Math.floor((now - r.startedAt) / 1000),
    wallClockMs: Date.now(),
    ...(r.configChangedAt
      ? {
          lastConfigChange: {
            atMs: r.configChangedAt.wallMs,
            agoMs: Math.max(0, Math.round(now - r.configChangedAt.monoMs)),
          },
        }
      : {}),
    ...(r.log ? { log: r.log.buffer() } : {}),
    ...eigrpOf(r, now),
  };
}

/**
 * The routes IOS lists, in the order of `list`: per prefix the merge's selection (a floating route
 * waits unseen) and any NHRP override beside it.
 */
export function installedRoutes(list: readonly RibRoute[]): RibRoute[] {
  const chosen = new Set([...selectAll(list, routeKind).values()].flatMap(shown));
  return list.filter((x) => chosen.has(x));
}

/** A route table entry in the renderers' form: the code of its kind, [distance/metric] unless connected. */
export function routeView(x: RibRoute, now: number): RouteView {
  const kind = routeKind(x.source);
  const v: RouteView = {
    prefix: x.prefix,
    prefixLength: x.prefixLength,
    protocol: kind ? `${kind.code}${x.codeSuffix ? ` ${x.codeSuffix}` : ''}` : '?',
  };
  if (x.nextHop !== undefined) v.nextHop = x.nextHop;
  if (x.discard) v.interface = 'Null0';
  else if (x.interface !== undefined) v.interface = x.interface;
  if (!kind?.connected) {
    v.distance = x.distance;
    v.metric = x.metric;
  }
  if (x.from !== undefined) v.from = x.from;
  if (x.since !== undefined) v.ageSec = Math.max(0, Math.floor((now - x.since) / 1000));
  return v;
}

function eigrpOf(r: StateSource, now: number): { eigrp?: EigrpView; eigrp6?: EigrpView } {
  const v = r.eigrp?.view(now);
  const v6 = r.eigrp6?.view(now);
  return { ...(v ? { eigrp: v } : {}), ...(v6 ? { eigrp6: v6 } : {}) };
}
