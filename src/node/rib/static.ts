/**
 * Static routes (IOS S) from `ip route`, resolved to a device and a directly connected gateway for
 * the kernel: Null0, an interface (over an mGRE tunnel: via its best NHS that is up), a connected
 * next hop, or recursively through the routes of the sources before this one and the other static
 * routes. A route whose gateway is an NHS of its tunnel is withdrawn while that NHS is down, so a
 * floating route takes over (see README).
 */
import type { NhsClientState } from '../../nhrp/actions.js';
import type { RouterConfig, StaticRoute } from '../config/model.js';
import { parseInterfaceName } from '../config/names.js';
import { CONNECTED, STATIC } from './kinds.js';
import type { RibRoute, RouteSource } from './route.js';
import { bestMatch } from './select.js';

/** What static routes need to know about each tunnel to resolve interface-only routes over it. */
export interface TunnelInfo {
  device: string;
  multipoint: boolean;
  /** The NHS an interface-only route goes through first (best priority). */
  nhs?: string;
  /** Every NHS (tunnel address), best priority first; default [nhs]. */
  nhsList?: readonly string[];
}

/** NHS states as the engines last reported them: a key `device|address` is present while that NHS is down. */
type DownNhs = ReadonlySet<string>;

/** The `ip route` statics of the running config, resolved against the table. */
export class StaticSource implements RouteSource {
  readonly kind = STATIC;
  private config: RouterConfig | undefined;
  private tunnels: ReadonlyMap<string, TunnelInfo> = new Map();
  private readonly downNhs = new Set<string>();

  /** Takes the routes and tunnels of a config; NHS states of NHSs that are gone are forgotten. */
  setConfig(config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>): void {
    this.config = config;
    this.tunnels = tunnels;
    const known = new Set([...tunnels.values()].flatMap((t) => nhsOf(t).map((a) => `${t.device}|${a}`)));
    for (const k of [...this.downNhs]) if (!known.has(k)) this.downNhs.delete(k);
  }

  /** Records an NHS state an engine reported; true when it differs from the last one (down or not). */
  setNhsState(device: string, nhs: string, state: NhsClientState): boolean {
    const key = `${device}|${nhs}`;
    const down = state === 'down';
    if (down === this.downNhs.has(key)) return false;
    if (down) this.downNhs.add(key);
    else this.downNhs.delete(key);
    return true;
  }

  /** Whether the engines last reported NHS `nhs` of tunnel `device` down. */
  nhsDown(device: string, nhs: string): boolean {
    return this.downNhs.has(`${device}|${nhs}`);
  }

  routes(before: readonly RibRoute[]): RibRoute[] {
    const config = this.config;
    if (!config) return [];
    const statics = config.routes.filter((r) => r.prefix.family === 4).map(staticRoute);
    const ctx: Ctx = { config, tunnels: this.tunnels, down: this.downNhs, candidates: [...before, ...statics] };
    // A static route may resolve through another one: repeat until nothing changes (4 levels at most).
    for (let pass = 0; pass < 4; pass++) {
      const active = statics.filter((r) => r.active).length;
      for (const r of statics) if (!r.active) resolveStatic(r, ctx);
      if (statics.filter((r) => r.active).length === active) break;
    }
    return statics;
  }
}

interface Ctx {
  config: RouterConfig;
  tunnels: ReadonlyMap<string, TunnelInfo>;
  down: DownNhs;
  /** The routes a next hop may resolve through: the earlier sources', then the statics. */
  candidates: readonly RibRoute[];
}

function staticRoute(r: StaticRoute): RibRoute {
  const out: RibRoute = {
    source: STATIC.name,
    prefix: r.prefix.address,
    prefixLength: r.prefix.prefixLength,
    distance: r.distance,
    metric: 0,
    active: false,
  };
  if (r.nextHop !== undefined) out.nextHop = r.nextHop;
  if (r.interface !== undefined) out.interface = r.interface;
  if (r.name !== undefined) out.name = r.name;
  if (r.tag !== undefined) out.tag = r.tag;
  return out;
}

/** Resolves a static route's device and gateway, then withdraws it if its gateway is an NHS that is down. */
function resolveStatic(r: RibRoute, ctx: Ctx): void {
  resolveGateway(r, ctx);
  if (!r.active || r.viaNhs || r.gateway === undefined || r.device === undefined) return;
  const t = [...ctx.tunnels.values()].find((x) => x.device === r.device);
  if (!t || !nhsOf(t).includes(r.gateway)) return;
  r.tracked = ctx.down.has(`${t.device}|${r.gateway}`) ? 'down' : 'up';
  if (r.tracked === 'down') r.active = false;
}

/** The NHSs of a tunnel, best priority first. */
function nhsOf(t: TunnelInfo): readonly string[] {
  return t.nhsList ?? (t.nhs !== undefined ? [t.nhs] : []);
}

function resolveGateway(r: RibRoute, ctx: Ctx): void {
  const { config, tunnels, down } = ctx;
  if (r.interface !== undefined) {
    const parsed = parseInterfaceName(r.interface);
    if (parsed.ok && parsed.kind === 'null') {
      r.discard = true;
      r.active = true;
      return;
    }
    const iface = config.interfaces[r.interface];
    if (!iface || iface.shutdown) return;
    r.device = iface.linuxName;
    if (r.nextHop !== undefined) {
      const onLink = (x: RibRoute) => x.source === CONNECTED.name && x.device === r.device;
      r.active = bestMatch(ctx.candidates, r.nextHop, onLink) !== undefined;
      if (r.active) r.gateway = r.nextHop;
      return;
    }
    const t = tunnels.get(r.interface);
    if (t?.multipoint) {
      const list = nhsOf(t);
      if (list.length === 0) return;
      // Through the best NHS that is not down (the first one when every NHS is down).
      r.gateway = list.find((a) => !down.has(`${t.device}|${a}`)) ?? list[0];
      r.viaNhs = true;
    }
    r.active = true;
    return;
  }
  if (r.nextHop === undefined) return;
  // Follow the next hop through other routes to a connected network (IOS recursive lookup), 4 levels at most.
  let hop = r.nextHop;
  for (let depth = 0; depth < 4; depth++) {
    const via = bestMatch(ctx.candidates, hop, (x) => x !== r);
    if (!via || via.discard) return;
    if (via.source === CONNECTED.name) {
      r.device = via.device;
      r.gateway = hop;
      r.active = true;
      return;
    }
    if (via.gateway === undefined && via.nextHop === undefined) {
      r.device = via.device;
      r.gateway = hop;
      r.active = via.active;
      return;
    }
    hop = via.gateway ?? via.nextHop!;
  }
}
