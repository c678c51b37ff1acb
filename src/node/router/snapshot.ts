/** Builds the ShowState the show renderers (src/node/show) read, from a running router. */
import type { RouterConfig } from '../config/model.js';
import type { InterfaceState, LogView, RouteView, ShowState } from '../show/state.js';
import type { Rib, RibRoute } from './rib.js';
import type { TunnelRuntime } from './tunnel.js';

/** The parts of a router a state is built from. */
export interface StateSource {
  config: RouterConfig;
  readonly tunnels: ReadonlyMap<string, TunnelRuntime>;
  readonly rib: Rib;
  readonly clock: () => number;
  readonly startedAt: number;
  /** The log buffer (`show logging`). */
  readonly log?: { buffer(): LogView };
}

/** A plain-JSON picture of the router now: config, tunnels' NHRP snapshots and counters, route table. */
export function buildShowState(r: StateSource): ShowState {
  const now = r.clock();
  const interfaces: InterfaceState[] = [];
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
    interfaces.push({
      config: i,
      ...(snapshot ? { snapshot } : {}),
      ...(st.dataplane ? { stats: st.dataplane } : {}),
      link: { up: !i.shutdown, lineProtocolUp: !i.shutdown && st.dataplane !== undefined && st.socket !== undefined },
    });
  }
  return {
    config: structuredClone(r.config),
    interfaces,
    routes: installedRoutes(r.rib.list()).map((x) => routeView(x, now)),
    now,
    uptimeSec: Math.floor((now - r.startedAt) / 1000),
    wallClockMs: Date.now(),
    ...(r.log ? { log: r.log.buffer() } : {}),
  };
}

/** Active routes as IOS lists them: of static routes for one prefix only those of the best distance (a floating route waits unseen). */
export function installedRoutes(list: readonly RibRoute[]): RibRoute[] {
  const best = new Map<string, number>();
  for (const x of list) {
    if (!x.active || x.source !== 'static') continue;
    const k = `${x.prefix}/${x.prefixLength}`;
    best.set(k, Math.min(best.get(k) ?? Infinity, x.distance));
  }
  return list.filter((x) => x.active && (x.source !== 'static' || x.distance === best.get(`${x.prefix}/${x.prefixLength}`)));
}

/** A route table entry in the renderers' form (IOS codes C, L, S, H). */
export function routeView(x: RibRoute, now: number): RouteView {
  const code = x.source === 'connected' ? 'C' : x.source === 'local' ? 'L' : x.source === 'static' ? 'S' : 'H';
  const v: RouteView = { prefix: x.prefix, prefixLength: x.prefixLength, protocol: code };
  if (x.nextHop !== undefined) v.nextHop = x.nextHop;
  if (x.discard) v.interface = 'Null0';
  else if (x.interface !== undefined) v.interface = x.interface;
  if (code === 'S' || code === 'H') {
    v.distance = x.distance;
    v.metric = code === 'H' ? 255 : 0;
  }
  if (x.since !== undefined) v.ageSec = Math.max(0, Math.floor((now - x.since) / 1000));
  return v;
}
