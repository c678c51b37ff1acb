/**
 * The merge, pure: from every route offered for a prefix, the selected ones — lowest administrative
 * distance, then lowest metric; equal-cost paths of that source together (ECMP); at a tie between
 * sources the one added first — plus next-hop overrides; the longest-prefix match over the result;
 * and the per-prefix changes between two merges. No I/O, no clock.
 */
import { formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { prefixKey, type RibChange, type RibRoute, type RouteKind } from './route.js';

/** The kind of a route's source (the table's or the registry's). */
export type KindOf = (source: string) => RouteKind | undefined;

/** What the merge keeps per prefix. */
export interface Selection {
  prefix: string;
  prefixLength: number;
  /** Selected routes (ECMP: several, one source). */
  best: RibRoute[];
  /** Active routes of override kinds (NHRP shortcuts). */
  override: RibRoute[];
  /** Every active route of the prefix, in source order. */
  active: RibRoute[];
}

/** Groups routes by prefix, keeping their order (the source order). */
export function byPrefix(routes: Iterable<RibRoute>): Map<string, RibRoute[]> {
  const out = new Map<string, RibRoute[]>();
  for (const r of routes) {
    const k = prefixKey(r.prefix, r.prefixLength);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The selection for one prefix; `routes` all of that prefix, in source order. */
export function selectPrefix(routes: readonly RibRoute[], kindOf: KindOf): Selection {
  const active = routes.filter((r) => r.active);
  const override = active.filter((r) => kindOf(r.source)?.override === true);
  let best: RibRoute[] = [];
  for (const r of active) {
    if (kindOf(r.source)?.override === true) continue;
    const b = best[0];
    if (!b || r.distance < b.distance || (r.distance === b.distance && r.metric < b.metric)) best = [r];
    else if (r.distance === b.distance && r.metric === b.metric && r.source === b.source) best.push(r);
  }
  const { prefix, prefixLength } = routes[0];
  return { prefix, prefixLength, best, override, active };
}

/** Selections of every prefix that has an active route. */
export function selectAll(routes: Iterable<RibRoute>, kindOf: KindOf): Map<string, Selection> {
  const out = new Map<string, Selection>();
  for (const [k, list] of byPrefix(routes)) {
    const s = selectPrefix(list, kindOf);
    if (s.active.length > 0) out.set(k, s);
  }
  return out;
}

/** What `show ip route` lists for a prefix: the selected routes, then the overrides. */
export function shown(s: Selection): RibRoute[] {
  return [...s.best, ...s.override];
}

/**
 * The route forwarding uses for a prefix: an override, unless the selected route is connected
 * (distance 0); else the first selected path. List-only routes (local /32s) forward nothing.
 */
export function forwarding(s: Selection, kindOf: KindOf): RibRoute | undefined {
  const usable = (r: RibRoute) => kindOf(r.source)?.listOnly !== true;
  const best = s.best.find(usable);
  if (best?.distance === 0) return best;
  return s.override.find(usable) ?? best;
}

/**
 * Longest-prefix match of `dst` over `pick`, tried from /32 down to /0; `pick(key)` returns the
 * usable route of a prefix, if any.
 */
export function longestMatch(dst: string, pick: (key: string) => RibRoute | undefined): RibRoute | undefined {
  const d = parseIpv4(dst);
  if (d === undefined) return undefined;
  for (let len = 32; len >= 0; len--) {
    const r = pick(prefixKey(formatIpv4(networkBits(d, len)), len));
    if (r) return r;
  }
  return undefined;
}

/**
 * The best of `routes` for `dst` among those `filter` accepts: longest prefix, then lowest distance
 * (inactive routes never match). Used to resolve next hops, before the merge.
 */
export function bestMatch(
  routes: Iterable<RibRoute>,
  dst: string,
  filter: (r: RibRoute) => boolean,
): RibRoute | undefined {
  const d = parseIpv4(dst);
  if (d === undefined) return undefined;
  let best: RibRoute | undefined;
  for (const r of routes) {
    if (!r.active || !filter(r)) continue;
    if (networkBits(d, r.prefixLength) !== parseIpv4(r.prefix)) continue;
    const longer = !best || r.prefixLength > best.prefixLength;
    if (longer || (r.prefixLength === best!.prefixLength && r.distance < best!.distance)) best = r;
  }
  return best;
}

/** The changes from `before` to `after`: one per prefix whose active routes differ (the selection follows them). */
export function diffSelections(
  before: ReadonlyMap<string, Selection>,
  after: ReadonlyMap<string, Selection>,
): RibChange[] {
  const out: RibChange[] = [];
  for (const [k, a] of after) {
    const b = before.get(k);
    if (b && same(b.active, a.active)) continue;
    const had = b !== undefined && shown(b).length > 0;
    const has = shown(a).length > 0;
    const type = !had ? 'added' : has ? 'changed' : 'removed';
    out.push({ type, prefix: a.prefix, prefixLength: a.prefixLength, selected: shown(a), active: a.active });
  }
  for (const [k, b] of before) {
    if (after.has(k)) continue;
    out.push({ type: 'removed', prefix: b.prefix, prefixLength: b.prefixLength, selected: [], active: [] });
  }
  return out;
}

function same(a: readonly RibRoute[], b: readonly RibRoute[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i] || JSON.stringify(r) === JSON.stringify(b[i]));
}
