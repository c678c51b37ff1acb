/**
 * What the show renderers read: one plain object the router assembles at the moment a command runs.
 * Nothing here is live; rendering the same ShowState twice gives the same text.
 */
import type { EigrpView } from './eigrp.js';
import type { Ipv6RouteView } from './ipv6.js';
import type { FrrShowData } from './routing.js';
import type { CacheEntrySnapshot, NhrpSnapshot } from '../../nhrp/snapshot.js';
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import type { TunnelStats } from '../dataplane/counters.js';
import type { IkeSnapshot } from '../../ike/snapshot.js';
import type { IsakmpSnapshot } from '../../ikev1/snapshot.js';
import type { IpsecPeerJson } from '../api/schema/crypto.js';

/** IPsec state of a protected tunnel (`tunnel protection ipsec profile`). */
export interface CryptoView {
  profile: string;
  local: string;
  ike: IkeSnapshot;
  /** IKEv1 tunnels: `show crypto isakmp sa`. */
  isakmp?: IsakmpSnapshot;
  peers: IpsecPeerJson[];
  /** `shared`: the tunnel whose SA database this one uses (its IKE SAs are listed under that tunnel only). */
  sharedWith?: string;
}

/** An IOS `show ip route` code (C, L, S, H, O, D, B, R, …: the route kinds of src/node/rib/kinds.ts). */
export type RouteCode = string;

/** One route as `show ip route` lists it: connected, local, static, an NHRP shortcut, a protocol's. */
export interface RouteView {
  prefix: string;
  prefixLength: number;
  /** C connected, L local (/32 of an interface address), S static, H NHRP shortcut, … */
  protocol: RouteCode;
  /** Gateway; absent for connected, local and interface-only routes. */
  nextHop?: string;
  /** Outgoing interface, IOS name (`Tunnel0`, `GigabitEthernet0/1`, `Null0`). */
  interface?: string;
  /** Administrative distance (IOS: S 1, H 250) and metric; printed as `[distance/metric]`. */
  distance?: number;
  metric?: number;
  /** Who advertised it (a protocol neighbour; `show ip route A.B.C.D` prints `from`). */
  from?: string;
  /** Seconds since the route was installed (printed for H and dynamic routes, as IOS does). */
  ageSec?: number;
}

/** Link state the router knows better than the config (a TAP that failed to open, a source that went down). */
export interface LinkState {
  /** Interface status: false = down (not administratively). */
  up: boolean;
  lineProtocolUp: boolean;
}

/** One show ip nhrp entry, with the cache hits of an incomplete entry when the engine counts them. */
export type EntryView = CacheEntrySnapshot & { cacheHits?: number; preference?: number };

/** NHRP state of one tunnel, as `engine.snapshot(now)` returns it (cache hits optional). */
export type NhrpView = Omit<NhrpSnapshot, 'cache'> & { cache: EntryView[] };

/** Five-minute rates of an interface (printed only when the router measures them). */
export interface InterfaceRates {
  inputBitsPerSec: number;
  inputPacketsPerSec: number;
  outputBitsPerSec: number;
  outputPacketsPerSec: number;
}

/** One interface: its config, and for a tunnel its NHRP snapshot and data-plane counters. */
export interface InterfaceState {
  config: InterfaceConfig;
  /** `engine.snapshot(now)` of the tunnel's NHRP engine; absent when NHRP is not enabled on it. */
  snapshot?: NhrpView;
  /** The same of the tunnel's IPv6 NHRP engine (`ipv6 nhrp`); absent when it has none. */
  snapshot6?: NhrpView;
  /** The interface's IPv6 link-local address in use (a tunnel's default one included). */
  linkLocal6?: string;
  /** `dataplane.stats()`; absent before the data plane runs. */
  stats?: TunnelStats;
  /** Overrides the status derived from the config. */
  link?: LinkState;
  /** IKE and ESP SAs of a protected tunnel. */
  crypto?: CryptoView;
  rates?: InterfaceRates;
}

/** The router's log buffer (`show logging`). */
export interface LogView {
  /** Size of the buffer, bytes. */
  bufferBytes: number;
  /** Syslog lines logged since the start, including those no longer in the buffer. */
  messagesLogged: number;
  /** Lines pushed out of the buffer by newer ones. */
  overwritten: number;
  /** Buffered lines, oldest first, each with its IOS timestamp. */
  lines: string[];
}

/** Everything a show command may read. */
export interface ShowState {
  /** The running configuration (hostname, interfaces, routes; `show running-config`). */
  config: RouterConfig;
  /** Per interface, in configuration order; interfaces missing here are shown from `config` alone. */
  interfaces: InterfaceState[];
  /** The routing table: the routes the router's table selected, and NHRP overrides beside them. */
  routes: RouteView[];
  /** The IPv6 routing table (`show ipv6 route`); absent: none. */
  routes6?: Ipv6RouteView[];
  /** Milliseconds on the data plane's clock (the clock of TunnelStats' lastIn/lastOut). */
  now: number;
  /** Seconds since dmvpnd started. */
  uptimeSec: number;
  /** dmvpnd's version (`show version`); default the package version. */
  version?: string;
  /** Wall clock, ms since 1970 (`show clock`); absent: the time the command runs. */
  wallClockMs?: number;
  /**
   * When the configuration last changed (start-up or a `configure` that changed something): wall
   * clock ms since 1970, and ms ago on the router's monotonic clock. Absent: not known.
   */
  lastConfigChange?: { atMs: number; agoMs: number };
  /** The FRR daemons' own JSON for the routing protocol shows (absent: none running). */
  frr?: FrrShowData;
  /** The log buffer (`show logging`); absent: empty. */
  log?: LogView;
  /** The EIGRP process (`show ip eigrp …`, `show ip protocols`); absent: none runs. */
  eigrp?: EigrpView;
  /** The EIGRP for IPv6 process (`show ipv6 eigrp …`, `show ipv6 protocols`); absent: none runs. */
  eigrp6?: EigrpView;
}
