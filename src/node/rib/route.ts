/**
 * The routing table's seam. A RouteSource (connected, local, static, NHRP, and next EIGRP or an FRR
 * daemon) offers routes — prefix, next hop, interface, administrative distance, metric, age — and
 * the table merges every source's offer by prefix (./select.ts), telling listeners (the kernel, the
 * log) which prefixes changed. `show ip route`, the kernel and the NHRP engines' next-hop lookups
 * all read that one table. Adding a protocol is adding a source with its RouteKind.
 */

/** What kind of route a source offers: name, IOS code, defaults, and how the kernel gets it. */
export interface RouteKind {
  /** As `show ip route json` (`protocol`) and `Known via "…"` name it: 'static', 'nhrp', 'ospf'. */
  name: string;
  /** The `show ip route` code: C, L, S, H, O, D, B, R, … */
  code: string;
  /** The word of `show ip route WORD` that lists these routes (local routes list under `connected`). */
  keyword: string;
  /** IOS default administrative distance, and the metric shown when a route gives none. */
  distance: number;
  metric: number;
  /** The legend line for a code IOS's legend does not have (`T - test protocol`). */
  legend?: string;
  /**
   * Routes go to the kernel with this `proto`, metric = distance unless `metric` says otherwise.
   * None: the kernel has them already (connected, local).
   */
  kernel?: { proto: string; metric?: number };
  /** Directly connected routes: listed without [distance/metric]. */
  connected?: boolean;
  /** Listed but never a forwarding next hop (IOS local /32 routes). */
  listOnly?: boolean;
  /**
   * Next-hop override (NHRP shortcuts, IOS `%`): such a route takes forwarding for its prefix from
   * the selected route of any other source except a connected one, and is listed beside it.
   */
  override?: boolean;
}

/** One path to a prefix, as a source offers it (several paths to a prefix are several routes). */
export interface RibRoute {
  /** The name of the source's kind ('connected', 'static', 'nhrp', …). */
  source: string;
  prefix: string;
  prefixLength: number;
  /** Gateway as given (static, a protocol's next hop) or the tunnel next hop (nhrp). */
  nextHop?: string;
  /** IOS interface name and Linux device of the route. */
  interface?: string;
  device?: string;
  /** Administrative distance (lower wins) and metric (lower wins at equal distance). */
  distance: number;
  metric: number;
  /** Usable now; an inactive route is listed (`list()`) but takes no part in the selection. */
  active: boolean;
  /** A discard route (`ip route … Null0`). */
  discard?: boolean;
  /** The directly connected gateway the kernel gets (differs from nextHop when resolved recursively). */
  gateway?: string;
  /** Who advertised it (a protocol neighbour; IOS `from`). */
  from?: string;
  /** When it was learned (clock ms); show prints the age of dynamic routes. */
  since?: number;
  /** NHRP: the peer's NBMA address. */
  nbma?: string;
  /** Static over an mGRE tunnel given by interface only: sent through this NHS (see README). */
  viaNhs?: boolean;
  /** Static whose gateway is an NHS of its tunnel: withdrawn while that NHS is down (see README). */
  tracked?: 'up' | 'down';
  name?: string;
  tag?: number;
}

/** A producer of routes. The table asks for its routes again after `changed()`. */
export interface RouteSource {
  readonly kind: RouteKind;
  /**
   * The routes offered now. `before`: the active forwarding routes of the sources added before this
   * one (overrides left out), for a source that resolves next hops through them, as static routes do.
   * The table keeps the objects returned: a route once offered is never changed in place (a change
   * is a new object), which is how the table tells what changed.
   */
  routes(before: readonly RibRoute[]): readonly RibRoute[];
  /** The table hands the source its `changed` callback when the source is added. */
  attach?(changed: () => void): void;
}

/** How the routes of one prefix changed, after the table merged a source's new offer (read-only). */
export interface RibChange {
  /** Of the prefix's selected routes: it has some for the first time, other ones, or none left. */
  type: 'added' | 'changed' | 'removed';
  prefix: string;
  prefixLength: number;
  /** The selected routes now (equal-cost paths of one source), then any override; empty when removed. */
  selected: readonly RibRoute[];
  /** Every active route of the prefix now, selected or standing by (the kernel gets these). */
  active: readonly RibRoute[];
}

/** Receives each batch of changes of one merge. */
export type RibListener = (changes: readonly RibChange[]) => void;

/** `prefix/len`, the key of a prefix everywhere in the table. */
export function prefixKey(prefix: string, prefixLength: number): string {
  return `${prefix}/${prefixLength}`;
}
