/** NHRP shortcut routes (IOS H) the tunnels' engines installed (Phase 3), by prefix. */
import { NHRP } from './kinds.js';
import { prefixKey, type RibRoute, type RouteSource } from './route.js';

/** One shortcut as an engine's `routeAdd` gives it. */
export interface Shortcut {
  prefix: string;
  prefixLength: number;
  nextHop: string;
  nbma: string;
  /** IOS interface name and device of the tunnel. */
  interface: string;
  device: string;
  /** When it was installed (clock ms). */
  since: number;
}

/** The shortcut routes: one per prefix, the last one installed. */
export class ShortcutSource implements RouteSource {
  readonly kind = NHRP;
  private readonly shortcuts = new Map<string, RibRoute>();

  /** Adds (or replaces) the shortcut for its prefix. */
  add(s: Shortcut): void {
    this.shortcuts.set(prefixKey(s.prefix, s.prefixLength), {
      source: NHRP.name,
      ...s,
      distance: NHRP.distance,
      metric: NHRP.metric,
      active: true,
    });
  }

  /** Removes the shortcut for `prefix/len`; false when there was none. */
  remove(prefix: string, prefixLength: number): boolean {
    return this.shortcuts.delete(prefixKey(prefix, prefixLength));
  }

  routes(): RibRoute[] {
    return [...this.shortcuts.values()];
  }
}
