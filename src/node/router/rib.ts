/**
 * The router's own route table, kept in memory (the kernel holds the same routes for forwarding):
 * connected and local routes from the interfaces, static routes from `ip route`, and NHRP shortcut
 * routes from the engines. The engines' RouteLookup is a pure longest-prefix match over it; no kernel
 * query per lookup. Static routes are resolved here (next hop → device, recursively) for the kernel.
 */
import type { NhsClientState } from '../../nhrp/actions.js';
import type { RouteLookup } from '../../nhrp/routes.js';
import type { RouterConfig, StaticRoute } from '../config/model.js';
import { parseInterfaceName } from '../config/names.js';
import { formatIpv4, longestMatch, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';

/** Where a route came from; IOS `show ip route` codes C, L, S and H. */
export type RibSource = 'connected' | 'local' | 'static' | 'nhrp';

/** One route. */
export interface RibRoute {
  source: RibSource;
  prefix: string;
  prefixLength: number;
  /** Gateway as configured (static) or the tunnel next hop (nhrp). */
  nextHop?: string;
  /** IOS interface name and device of the route (resolved for a static route given by next hop). */
  interface?: string;
  device?: string;
  /** IOS administrative distance (connected 0, static as configured, NHRP 250) and metric. */
  distance: number;
  metric: number;
  /** `ip route … Null0`. */
  discard?: boolean;
  /** NHRP: the peer's NBMA address. */
  nbma?: string;
  /** Static: resolved and usable (its next hop is reachable); an inactive route is kept but not used. */
  active: boolean;
  /** Static: the directly connected gateway the kernel gets (differs from nextHop when resolved recursively). */
  gateway?: string;
  /** Static over an mGRE tunnel given by interface only: sent through this NHS (see README). */
  viaNhs?: boolean;
  /** Static whose gateway is an NHS of its tunnel: withdrawn while that NHS is down (see README). */
  tracked?: 'up' | 'down';
  name?: string;
  tag?: number;
  /** NHRP: when the route was installed (clock ms). */
  since?: number;
}

/** What the RIB needs to know about each tunnel to resolve interface-only routes over it. */
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

const NHRP_DISTANCE = 250;

/** The in-memory route table. */
export class Rib {
  private base: RibRoute[] = [];
  private readonly shortcuts = new Map<string, RibRoute>();
  private readonly downNhs = new Set<string>();
  private current?: { config: RouterConfig; tunnels: ReadonlyMap<string, TunnelInfo> };

  /** Rebuilds connected, local and static routes from a config (shortcuts and NHS states are kept). */
  setConfig(config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>): void {
    this.current = { config, tunnels };
    const known = new Set([...tunnels.values()].flatMap((t) => nhsOf(t).map((a) => `${t.device}|${a}`)));
    for (const k of [...this.downNhs]) if (!known.has(k)) this.downNhs.delete(k);
    this.rebuild(config, tunnels);
  }

  /**
   * An engine reported an NHS state: a static route through that NHS is withdrawn while it is down
   * and restored when it is up or being registered with again. True when a static route changed.
   */
  setNhsState(device: string, nhs: string, state: NhsClientState): boolean {
    const key = `${device}|${nhs}`;
    const down = state === 'down';
    if (down === this.downNhs.has(key)) return false;
    if (down) this.downNhs.add(key);
    else this.downNhs.delete(key);
    if (!this.current) return false;
    const before = this.staticKeys();
    this.rebuild(this.current.config, this.current.tunnels);
    return this.staticKeys() !== before;
  }

  /** Whether the engines last reported NHS `nhs` of tunnel `device` down. */
  nhsDown(device: string, nhs: string): boolean {
    return this.downNhs.has(`${device}|${nhs}`);
  }

  private staticKeys(): string {
    return this.base
      .filter((r) => r.source === 'static')
      .map((r) => `${r.prefix}/${r.prefixLength} ${r.active} ${r.gateway ?? ''} ${r.device ?? ''}`)
      .join(';');
  }

  private rebuild(config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>): void {
    const routes: RibRoute[] = [];
    for (const i of Object.values(config.interfaces)) {
      if (i.shutdown) continue;
      for (const a of i.addresses) {
        if (a.family !== 4) continue;
        const v = parseIpv4(a.address)!;
        const net = formatIpv4(networkBits(v, a.prefixLength));
        routes.push({ source: 'connected', prefix: net, prefixLength: a.prefixLength, interface: i.name, device: i.linuxName, distance: 0, metric: 0, active: true });
        if (a.prefixLength < 32) routes.push({ source: 'local', prefix: a.address, prefixLength: 32, interface: i.name, device: i.linuxName, distance: 0, metric: 0, active: true });
      }
    }
    const statics = config.routes.filter((r) => r.prefix.family === 4).map((r) => staticRoute(r));
    this.base = [...routes, ...statics];
    // A static route may resolve through another one: repeat until nothing changes (4 levels at most).
    for (let pass = 0; pass < 4; pass++) {
      const before = statics.filter((r) => r.active).length;
      for (const r of statics) if (!r.active) resolveStatic(r, this, config, tunnels, this.downNhs);
      if (statics.filter((r) => r.active).length === before) break;
    }
  }

  /** Adds (or replaces) an NHRP shortcut route learned on a tunnel device. */
  addShortcut(prefix: string, prefixLength: number, nextHop: string, nbma: string, iface: string, device: string, since: number): void {
    this.shortcuts.set(`${prefix}/${prefixLength}`, {
      source: 'nhrp', prefix, prefixLength, nextHop, nbma, interface: iface, device, distance: NHRP_DISTANCE, metric: 255, active: true, since,
    });
  }

  /** Removes a shortcut route; false when there was none. */
  removeShortcut(prefix: string, prefixLength: number): boolean {
    return this.shortcuts.delete(`${prefix}/${prefixLength}`);
  }

  /** Every route, in IOS `show ip route` order (by prefix, then source). */
  list(): RibRoute[] {
    return [...this.base, ...this.shortcuts.values()].map((r) => ({ ...r })).sort(byPrefix);
  }

  /** The route `dst` takes: longest prefix; at equal length connected, then NHRP (next-hop override), then static by distance. */
  lookup(dst: string, filter?: (r: RibRoute) => boolean): RibRoute | undefined {
    const accept = (r: RibRoute) => r.active && r.source !== 'local' && (!filter || filter(r));
    return longestMatch(dst, this.candidates(), { accept, prefer: (a, b) => rank(a) < rank(b) });
  }

  /** Whether `prefix/len` is a connected network (a shortcut for it would shadow our own interface). */
  isConnected(prefix: string, prefixLength: number): boolean {
    return this.base.some((r) => r.source === 'connected' && r.prefix === prefix && r.prefixLength === prefixLength);
  }

  /** The engine's view for the tunnel on `device`: connected → local, routes over it → tunnel next hop. */
  lookupFor(device: string): RouteLookup {
    return (dst) => {
      const r = this.lookup(dst);
      if (!r) return undefined;
      if (r.source === 'connected') return { kind: 'local', prefix: r.prefix, prefixLength: r.prefixLength };
      if (!r.discard && r.device === device && r.nextHop !== undefined) return { kind: 'tunnel', nextHop: r.gateway ?? r.nextHop };
      return { kind: 'other' };
    };
  }

  private *candidates(): Iterable<RibRoute> {
    yield* this.base;
    yield* this.shortcuts.values();
  }
}

function staticRoute(r: StaticRoute): RibRoute {
  const out: RibRoute = { source: 'static', prefix: r.prefix.address, prefixLength: r.prefix.prefixLength, distance: r.distance, metric: 0, active: false };
  if (r.nextHop !== undefined) out.nextHop = r.nextHop;
  if (r.interface !== undefined) out.interface = r.interface;
  if (r.name !== undefined) out.name = r.name;
  if (r.tag !== undefined) out.tag = r.tag;
  return out;
}

/** Resolves a static route's device and gateway: Null0, an interface, a connected next hop, or recursively. */
function resolveStatic(r: RibRoute, rib: Rib, config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>, down: DownNhs): void {
  resolveGateway(r, rib, config, tunnels, down);
  if (!r.active || r.viaNhs || r.gateway === undefined || r.device === undefined) return;
  const t = [...tunnels.values()].find((x) => x.device === r.device);
  if (!t || !nhsOf(t).includes(r.gateway)) return;
  r.tracked = down.has(`${t.device}|${r.gateway}`) ? 'down' : 'up';
  if (r.tracked === 'down') r.active = false;
}

/** The NHSs of a tunnel, best priority first. */
function nhsOf(t: TunnelInfo): readonly string[] {
  return t.nhsList ?? (t.nhs !== undefined ? [t.nhs] : []);
}

function resolveGateway(r: RibRoute, rib: Rib, config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>, down: DownNhs): void {
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
      r.active = rib.lookup(r.nextHop, (x) => x.source === 'connected' && x.device === r.device) !== undefined;
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
    const via = rib.lookup(hop, (x) => x !== r && x.source !== 'nhrp');
    if (!via || via.discard) return;
    if (via.source === 'connected') {
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

function rank(r: RibRoute): number {
  return r.source === 'connected' ? 0 : r.source === 'nhrp' ? 0.5 : r.distance;
}

const ORDER: Record<RibSource, number> = { connected: 0, local: 1, nhrp: 2, static: 3 };

function byPrefix(a: RibRoute, b: RibRoute): number {
  const d = (parseIpv4(a.prefix) ?? 0) - (parseIpv4(b.prefix) ?? 0);
  if (d !== 0) return d;
  if (a.prefixLength !== b.prefixLength) return a.prefixLength - b.prefixLength;
  return ORDER[a.source] - ORDER[b.source] || a.distance - b.distance;
}
