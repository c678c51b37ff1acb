/**
 * What an engine asks its driver to do. The engine never touches a socket, a route table or a timer:
 * every input returns an Action[] that the driver (dmvpnd, a test, the simulator) carries out in order.
 */

/** IOS `show ip nhrp` entry types. */
export type CacheEntryType = 'static' | 'dynamic' | 'incomplete' | 'negative';

/** IOS `show ip nhrp` flags (plus `nat` for an entry whose NBMA was changed by NAT). */
export type CacheFlag = 'unique' | 'registered' | 'used' | 'nhop' | 'router' | 'rib' | 'nat' | 'implicit' | 'local';

/** A cache entry as the driver and the show commands see it. */
export interface CacheEntryView {
  protocol: string;
  prefixLength: number;
  /** NBMA address to send to ('' for incomplete/negative entries). */
  nbma: string;
  type: CacheEntryType;
  flags: CacheFlag[];
  /** The tunnel next hop for a prefix learned by resolution (Phase 3), else the protocol address. */
  via: string;
  /** NHRP group the peer registered with (Cisco Vendor-Private extension), if any. */
  group?: string;
}

/** NHS states as `show ip nhrp nhs` reports them (probe = registering, no reply yet). */
export type NhsClientState = 'down' | 'probe' | 'up';

export type Action =
  /** Send these NHRP bytes (no GRE header) to this NBMA address. */
  | { kind: 'send'; nbma: string; bytes: Uint8Array }
  /** A cache entry appeared or changed (it replaces the entry with the same protocol/prefixLength). */
  | { kind: 'cacheAdd'; entry: CacheEntryView }
  | { kind: 'cacheRemove'; entry: CacheEntryView }
  /** Phase 3 shortcut route: prefix/prefixLength via nextHop (a tunnel address) at nbma. */
  | { kind: 'routeAdd'; prefix: string; prefixLength: number; nextHop: string; nbma: string }
  | { kind: 'routeRemove'; prefix: string; prefixLength: number; nextHop: string; nbma: string }
  /** The first usable binding to this NBMA peer appeared / the last one went away. */
  | { kind: 'peerUp'; nbma: string; protocol: string }
  | { kind: 'peerDown'; nbma: string; protocol: string }
  /** An NHS changed state (protocol address `nhs`, at `nbma`). */
  | { kind: 'nhsState'; nhs: string; nbma: string; state: NhsClientState }
  /** Our NHS refused our registration (Registration Reply with CIE code `code`, e.g. 14 unique address registered). */
  | { kind: 'registrationRefused'; nhs: string; nbma: string; code: number }
  /** We (an NHS) refused a registration of `protocol` from `refused`: it is registered uniquely from `holder`. */
  | { kind: 'uniqueConflict'; protocol: string; holder: string; refused: string }
  /** One line of `debug nhrp` text. */
  | { kind: 'event'; text: string };
