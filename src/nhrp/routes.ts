/** The routing table as the engine sees it: a pure, synchronous lookup injected by the driver. */

/**
 * Where `dst` goes:
 * - `local`: a network this router owns; it answers Resolution Requests for it authoritatively
 *   with this covering prefix (Phase 3).
 * - `tunnel`: routed over this tunnel to the tunnel next hop `nextHop` (an NHS forwards a Resolution
 *   Request toward it).
 * - `other`: routed out of another interface. `undefined`: no route.
 * Addresses inside the tunnel subnet are tunnel neighbours whatever the lookup says (the connected
 * route of the tunnel is not a network this router "owns"): the engine resolves them itself.
 */
export type RouteResult =
  | { kind: 'local'; prefix: string; prefixLength: number }
  | { kind: 'tunnel'; nextHop: string }
  | { kind: 'other' }
  | undefined;

export type RouteLookup = (dst: string) => RouteResult;
