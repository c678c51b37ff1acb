/**
 * The router's routing table: a RouteTable (src/node/rib) fed by the built-in sources — connected
 * and local routes from the interfaces, static routes from `ip route`, NHRP shortcut routes from the
 * engines — and by any protocol source added with addSource(). The kernel follows its changes
 * (onChange), `show ip route` lists it, and the engines' RouteLookup is a longest-prefix match over
 * it (no kernel query per lookup).
 */
import type { NhsClientState } from '../../nhrp/actions.js';
import type { RouteLookup } from '../../nhrp/routes.js';
import type { RouterConfig } from '../config/model.js';
import { ConnectedSource, LocalSource } from '../rib/connected.js';
import type { RibChange, RibListener, RibRoute, RouteKind, RouteSource } from '../rib/route.js';
import { ShortcutSource, type Shortcut } from '../rib/shortcuts.js';
import { StaticSource, type TunnelInfo } from '../rib/static.js';
import { RouteTable } from '../rib/table.js';
import { parseIpv4 } from '../../wire/ipv4-addr.js';

export type { RibRoute, RibChange, RouteKind, RouteSource } from '../rib/route.js';
export type { TunnelInfo } from '../rib/static.js';

/** The in-memory route table. */
export class Rib {
  private readonly table = new RouteTable();
  private readonly connected = new ConnectedSource();
  private readonly local = new LocalSource();
  private readonly shortcuts = new ShortcutSource();
  private readonly statics = new StaticSource();

  constructor() {
    // Statics last: they resolve their next hops through the routes of every source before them
    // (NHRP overrides left out).
    for (const s of [this.connected, this.local, this.shortcuts, this.statics]) this.table.add(s);
  }

  /** Rebuilds connected, local and static routes from a config (shortcuts and NHS states are kept). */
  setConfig(config: RouterConfig, tunnels: ReadonlyMap<string, TunnelInfo>): void {
    this.connected.setConfig(config);
    this.local.setConfig(config);
    this.statics.setConfig(config, tunnels);
    this.table.refresh(this.connected);
  }

  /**
   * An engine reported an NHS state: a static route through that NHS is withdrawn while it is down
   * and restored when it is up or being registered with again. True when a static route changed.
   */
  setNhsState(device: string, nhs: string, state: NhsClientState): boolean {
    if (!this.statics.setNhsState(device, nhs, state)) return false;
    const before = this.staticKeys();
    this.table.refresh(this.statics);
    return this.staticKeys() !== before;
  }

  /** Whether the engines last reported NHS `nhs` of tunnel `device` down. */
  nhsDown(device: string, nhs: string): boolean {
    return this.statics.nhsDown(device, nhs);
  }

  /** Adds (or replaces) an NHRP shortcut route learned on a tunnel device. */
  addShortcut(
    prefix: string,
    prefixLength: number,
    nextHop: string,
    nbma: string,
    iface: string,
    device: string,
    since: number,
  ): void {
    const s: Shortcut = { prefix, prefixLength, nextHop, nbma, interface: iface, device, since };
    this.shortcuts.add(s);
    this.table.refresh(this.shortcuts);
  }

  /** Removes a shortcut route; false when there was none. */
  removeShortcut(prefix: string, prefixLength: number): boolean {
    if (!this.shortcuts.remove(prefix, prefixLength)) return false;
    this.table.refresh(this.shortcuts);
    return true;
  }

  /**
   * Adds a protocol's source (EIGRP, an FRR daemon): its routes join the merge by distance and
   * metric, before the static routes (which may resolve through them). Throws ROUTE_SOURCE_DUPLICATE.
   */
  addSource(source: RouteSource): readonly RibChange[] {
    return this.table.add(source, this.statics);
  }

  /** Takes a protocol's source and its routes out. */
  removeSource(source: RouteSource): readonly RibChange[] {
    return this.table.remove(source);
  }

  /** Calls `listener` with the prefixes each change touched; returns the function that stops it. */
  onChange(listener: RibListener): () => void {
    return this.table.onChange(listener);
  }

  /** The kind of a source's routes, by name (undefined for a source not in this table). */
  kind(name: string): RouteKind | undefined {
    return this.table.kindOf(name);
  }

  /** Every route offered, active or not, in IOS `show ip route` order (by prefix, then source). */
  list(): RibRoute[] {
    return this.sorted(this.table.routes());
  }

  /** The route `dst` takes: longest prefix, then the merge's choice (an NHRP shortcut overrides). */
  lookup(dst: string): RibRoute | undefined {
    return this.table.lookup(dst);
  }

  /** Whether `prefix/len` is a connected network (a shortcut for it would shadow our own interface). */
  isConnected(prefix: string, prefixLength: number): boolean {
    const s = this.table.selectionOf(prefix, prefixLength);
    return s?.active.some((r) => r.source === this.connected.kind.name) === true;
  }

  /** The engine's view for the tunnel on `device`: connected → local, routes over it → tunnel next hop. */
  lookupFor(device: string): RouteLookup {
    return (dst) => {
      const r = this.lookup(dst);
      if (!r) return undefined;
      const { prefix, prefixLength } = r;
      if (r.source === this.connected.kind.name) return { kind: 'local', prefix, prefixLength };
      if (!r.discard && r.device === device && r.nextHop !== undefined)
        return { kind: 'tunnel', nextHop: r.gateway ?? r.nextHop };
      return { kind: 'other' };
    };
  }

  private staticKeys(): string {
    return this.table
      .routes()
      .filter((r) => r.source === this.statics.kind.name)
      .map((r) => `${r.prefix}/${r.prefixLength} ${r.active} ${r.gateway ?? ''} ${r.device ?? ''}`)
      .join(';');
  }

  /** By prefix (address, then length), then by source (in table order), then by distance. */
  private sorted(routes: RibRoute[]): RibRoute[] {
    return routes
      .map((r) => ({ r, v: parseIpv4(r.prefix) ?? 0, s: this.table.rank(r.source) }))
      .sort((a, b) => a.v - b.v || a.r.prefixLength - b.r.prefixLength || a.s - b.s || a.r.distance - b.r.distance)
      .map((x) => x.r);
  }
}
