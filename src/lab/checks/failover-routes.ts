/**
 * Failover with a routing protocol: the spokes' learned routes to the other spokes' LANs move from the
 * failed hub to a backup, and back when it returns. Read from `show ip route json` (routes of OSPF,
 * BGP, EIGRP, RIP only: static and NHRP routes are not what moves); the time is from the failure.
 */
import { inPrefix } from '../../wire/ipv4-addr.js';
import { pollUntil } from './context.js';
import { readRoutes, type RouteRow } from './routers.js';
import type { RouterView } from './view.js';

const LEARNED = new Set(['ospf', 'bgp', 'eigrp', 'rip']);

/** The spokes whose configs run a routing protocol. */
export function routedSpokes(spokes: RouterView[]): RouterView[] {
  return spokes.filter((s) => s.facts.routing !== undefined);
}

/** The learned routes `table` uses for `address`: the longest learned prefixes that cover it (equal-cost paths). */
export function learnedPaths(table: RouteRow[], address: string): RouteRow[] {
  const cover = table.filter(
    (r) => r.protocol !== undefined && LEARNED.has(r.protocol) && inPrefix(address, r.prefix, r.prefixLength),
  );
  const longest = Math.max(-1, ...cover.map((r) => r.prefixLength));
  return cover.filter((r) => r.prefixLength === longest);
}

/** Whether an NHRP shortcut covers `address` (it goes direct, no hub to move from; the learned route may be hidden behind it). */
const shortcutFor = (table: RouteRow[], address: string) =>
  table.some((r) => r.protocol === 'nhrp' && inPrefix(address, r.prefix, r.prefixLength));

/** For every spoke, the learned paths to each other spoke's LANs: `spoke → LAN: next hops` (or a shortcut). */
async function pathsNow(
  spokes: RouterView[],
): Promise<Array<{ spoke: string; lan: string; hops: string[]; shortcut: boolean }>> {
  const tables = await Promise.all(spokes.map((s) => readRoutes(s.control).catch((): RouteRow[] => [])));
  return spokes.flatMap((s, i) =>
    spokes
      .filter((o) => o !== s)
      .flatMap((o) => o.lans)
      .map((l) => ({
        spoke: s.name,
        lan: `${l.address}/${l.prefixLength}`,
        hops: learnedPaths(tables[i]!, l.address).map((r) => r.nextHop ?? 'connected'),
        shortcut: shortcutFor(tables[i]!, l.address),
      })),
  );
}

/** What the routes showed: ms from `t0` until every path went only via `via`, or the paths that did not. */
export interface RoutesMoved {
  ms: number | null;
  stuck: string[];
}

/**
 * Polls until every spoke's learned paths to the other spokes' LANs go via `via` (tunnel addresses)
 * only; a LAN reached by an NHRP shortcut and no learned route shown counts as moved (it needs no hub).
 */
export async function untilRoutesVia(
  spokes: RouterView[],
  via: string[],
  t0: number,
  timeoutMs: number,
): Promise<RoutesMoved> {
  const ok = (p: { hops: string[]; shortcut: boolean }) =>
    p.hops.length > 0 ? p.hops.every((h) => via.includes(h)) : p.shortcut;
  const at = await pollUntil(
    async () => ((await pathsNow(spokes)).every(ok) ? Date.now() : undefined),
    Math.max(0, t0 + timeoutMs - Date.now()),
    100,
  );
  if (at !== undefined) return { ms: at - t0, stuck: [] };
  const stuck = (await pathsNow(spokes))
    .filter((p) => !ok(p))
    .map((p) => `${p.spoke} routes ${p.lan} via ${p.hops.join(' and ') || 'nothing learned'}`);
  return { ms: null, stuck };
}
