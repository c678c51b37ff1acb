/**
 * Judging what routers show against what the configs imply (pure): an adjacency is in its expected
 * state on both sides; each expected prefix is in the receiver's routing table from the protocol,
 * with an accepted next hop (or a hub's covering summary).
 */
import { inPrefix } from '../../wire/ipv4-addr.js';
import type { ExpectedAdjacency } from './routing-adjacency.js';
import type { RoutingProtocol } from './routing-packets.js';
import type { ExpectedRoutes } from './routing-prefixes.js';
import type { NeighborRow } from './routing-read.js';
import type { RouteRow } from './routers.js';

/** IOS route codes of each protocol (first letter of `show ip route`'s code). */
export const ROUTE_CODE: Record<RoutingProtocol, string> = { ospf: 'O', bgp: 'B', eigrp: 'D', rip: 'R' };

/** The state `rows` show for `address` ('FULL/DR' → 'FULL'), or undefined when it is not listed. */
export function neighborState(rows: NeighborRow[] | undefined, address: string): string | undefined {
  const row = rows?.find((r) => r.address === address);
  return row ? (row.state.split('/')[0] ?? row.state).trim().toUpperCase() : undefined;
}

/** Whether both sides of an adjacency show its expected state; what each side shows. */
export function judgeAdjacency(
  a: ExpectedAdjacency,
  rowsA: NeighborRow[] | undefined,
  rowsB: NeighborRow[] | undefined,
): { ok: boolean; atA?: string; atB?: string } {
  const atA = neighborState(rowsA, a.addressOfB);
  const atB = neighborState(rowsB, a.addressOfA);
  const want = a.state.toUpperCase();
  return { ok: atA === want && atB === want, ...(atA ? { atA } : {}), ...(atB ? { atB } : {}) };
}

/** One expected prefix as found: the routes of the protocol that carry it, and what is wrong. */
export interface PrefixFinding {
  prefix: string;
  routes: RouteRow[];
  problem?: string;
}

const fmt = (r: RouteRow) => `${r.prefix}/${r.prefixLength} via ${r.nextHop ?? 'connected'} (${r.code})`;

/** Checks each expected prefix against a routing table. */
export function judgeRoutes(e: ExpectedRoutes, table: RouteRow[]): PrefixFinding[] {
  const code = ROUTE_CODE[e.protocol];
  const ofProto = table.filter((r) => r.code.startsWith(code));
  return e.prefixes.map((x) => {
    const prefix = `${x.prefix.address}/${x.prefix.prefixLength}`;
    const exact = ofProto.filter((r) => r.prefix === x.prefix.address && r.prefixLength === x.prefix.prefixLength);
    const accepted = (hops: string[] | 'any', r: RouteRow) => hops === 'any' || hops.includes(r.nextHop ?? '');
    if (exact.length > 0) {
      const wrong = exact.filter((r) => !accepted(x.nextHops, r));
      // Equal-cost paths (a LAN behind two hubs): one path via an expected next hop is enough.
      if (wrong.length < exact.length) return { prefix, routes: exact };
      const want = x.nextHops === 'any' ? 'any' : x.nextHops.join(' or ');
      return { prefix, routes: exact, problem: `${wrong.map(fmt).join(', ')}: expected via ${want} (${x.how})` };
    }
    for (const c of x.covering) {
      const cover = ofProto.filter(
        (r) => r.prefix === c.address && r.prefixLength === c.prefixLength && accepted(c.nextHops, r),
      );
      if (cover.length > 0 && inPrefix(x.prefix.address, c.address, c.prefixLength)) return { prefix, routes: cover };
    }
    const other = table.filter((r) => r.prefix === x.prefix.address && r.prefixLength === x.prefix.prefixLength);
    const seen = other.length > 0 ? ` (the table has ${other.map(fmt).join(', ')})` : '';
    return { prefix, routes: [], problem: `${prefix} not learned by ${e.protocol.toUpperCase()}${seen}` };
  });
}
