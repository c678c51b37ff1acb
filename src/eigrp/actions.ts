/**
 * What the EIGRP engine asks its driver to do. The engine never touches a socket, a routing table or a
 * timer: every input returns an Action[] that the driver (dmvpnd, a test, the simulator) carries out
 * in order.
 */

/** IANA's EIGRP multicast group (RFC 7868 5.2): Hellos and multicast Updates/Queries go there. */
export const EIGRP_MULTICAST = '224.0.0.10';

/** One next hop of an EIGRP route: a neighbor's (or a third-party) address out an interface, or Null0. */
export interface NextHop {
  /** Absent for Null0 (a summary's discard route). */
  address?: string;
  interface: string;
}

/** A route for the routing table, as `show ip route` shows it. */
export interface EigrpRoute {
  prefix: string;
  prefixLength: number;
  nextHops: NextHop[];
  /** Administrative distance: 90 internal, 170 external, 5 for a summary's Null0 route. */
  distance: number;
  /** The composite metric (feasible distance). */
  metric: number;
  code: 'D' | 'D EX';
}

export type Action =
  /**
   * Send these EIGRP bytes (the IP payload, protocol 88) out `interface` from `source` to `destination`:
   * EIGRP_MULTICAST or a neighbor's address. IOS 15 sends both with IP TTL 2 and TOS 0xc0
   * (reference capture eigrp-neighbor-adjacency-ios15.pcapng).
   */
  | { kind: 'send'; interface: string; source: string; destination: string; bytes: Uint8Array }
  /** Install (or replace) the EIGRP route for this prefix. */
  | { kind: 'route'; op: 'add'; route: EigrpRoute }
  /** Remove the EIGRP route for this prefix. */
  | { kind: 'route'; op: 'withdraw'; prefix: string; prefixLength: number }
  /** An IOS syslog line (`%DUAL-5-NBRCHANGE: ...`). */
  | { kind: 'log'; text: string }
  /** A line of `debug eigrp packets` / `debug eigrp fsm` text. */
  | { kind: 'event'; text: string };
