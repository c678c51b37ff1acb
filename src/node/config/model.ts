/**
 * The typed router configuration that an IOS startup-config turns into.
 *
 * Everything here is plain JSON data (no classes, no Maps), so a config can be cloned with
 * `structuredClone`, compared, printed with `--check-config --json` and sent over the control socket.
 * Addresses are strings (IPv4 dotted quad now; IPv6 text later) with an explicit `family` where a
 * prefix is meant, so IPv6 (`ipv6 address`, `ipv6 nhrp`, `tunnel mode gre multipoint ipv6`) can be
 * added without changing the shape.
 */
import type { AccessConfig } from './access-model.js';
import type { CryptoConfig } from './crypto-model.js';
import { emptyCrypto } from './crypto-model.js';
import type { EigrpIfSettings, EigrpProcessConfig, KeyChain } from './eigrp-model.js';
import type { Ipv6InterfaceRouting } from './routing/model6.js';
import type { MulticastConfig, PimInterfaceConfig } from './multicast-model.js';
import type { QosConfig } from './qos-model.js';
import type { OspfInterfaceConfig, PrefixListEntry, RouteMapEntry, RoutingConfig } from './routing/model.js';

/** Address family of an overlay or underlay address. Only 4 is parsed today. */
export type IpFamily = 4 | 6;

/** An address with a prefix length: an interface address, or a route's destination network. */
export interface IpPrefix {
  family: IpFamily;
  address: string;
  prefixLength: number;
}

/** One `ip address A M [secondary]` line. */
export interface InterfaceAddress extends IpPrefix {
  secondary: boolean;
}

/** Interface kinds dmvpnd runs: Ethernet-like ports, loopbacks, and GRE tunnels (TAP devices). */
export type InterfaceKind = 'ethernet' | 'loopback' | 'tunnel';

/** `tunnel source`: an interface (IOS name) whose primary address is used, or a literal address. */
export type TunnelSource = { kind: 'interface'; name: string } | { kind: 'address'; address: string };

/** `tunnel mode gre multipoint` (mGRE, DMVPN) or `tunnel mode gre ip|ipv6` (point-to-point, the IOS default). */
export type TunnelMode = 'gre-multipoint' | 'gre-p2p';

/** `tunnel protection ipsec profile NAME [shared]`: GRE of the tunnel only in ESP (IKEv2, src/node/ipsec/). */
export interface TunnelProtection {
  profile: string;
  shared: boolean;
  /** True: dmvpnd runs it (IKEv2 with the profile's settings). */
  active: boolean;
}

/** The `tunnel …` settings of a Tunnel interface. */
export interface TunnelIfConfig {
  source?: TunnelSource;
  destination?: string;
  mode: TunnelMode;
  /** Underlay (NBMA) family: 4 for `tunnel mode gre multipoint|ip`, 6 for `tunnel mode gre multipoint ipv6|ipv6`. */
  transport: IpFamily;
  key?: number;
  protection?: TunnelProtection;
}

/** `ip nhrp map PROTOCOL NBMA`: a static protocol-to-NBMA binding. */
export interface NhrpMap {
  protocol: string;
  nbma: string;
  /** `ipv6 nhrp map X/len NBMA`: the prefix length written (absent: a host). */
  prefixLength?: number;
}

/** `ip nhrp nhs ADDRESS|dynamic [nbma X] [multicast] [priority N] [cluster N]`. */
export interface NhrpServer {
  /** The NHS tunnel (protocol) address, or 'dynamic' (learnt from the NBMA address's replies). */
  address: string | 'dynamic';
  nbma?: string;
  multicast: boolean;
  /** 0 (highest) to 255; IOS default 0. */
  priority: number;
  /** 0 to 10; IOS default 0. */
  cluster: number;
}

/** `ip nhrp max-send COUNT every SECONDS`: Traffic Indication rate limit per interface. */
export interface NhrpMaxSend {
  count: number;
  interval: number;
}

/** All `ip nhrp …` settings of one tunnel interface (IPv4 overlay). */
export interface NhrpConfig {
  /** `ip nhrp network-id`; NHRP is off on the interface until it is set. */
  networkId?: number;
  /** Cleartext password, at most 8 bytes (`ip nhrp authentication`). */
  authentication?: string;
  /** Seconds; IOS default 7200. */
  holdtime: number;
  maps: NhrpMap[];
  /** `ip nhrp map multicast NBMA` entries. */
  multicastNbma: string[];
  /** `ip nhrp map multicast dynamic`: replicate multicast to every registered spoke. */
  multicastDynamic: boolean;
  nhs: NhrpServer[];
  /** `ip nhrp nhs cluster C max-connections M`; clusters not listed use every NHS (IOS default). */
  clusterMaxConnections: Array<{ cluster: number; maxConnections: number }>;
  /** `ip nhrp registration timeout N` (seconds); unset means holdtime/3. */
  registrationTimeout?: number;
  /** `ip nhrp registration no-unique`: registrations are sent without the unique flag. */
  registrationNoUnique: boolean;
  /** `ip nhrp redirect [timeout N]` (Phase 3 hub). */
  redirect: boolean;
  redirectTimeout?: number;
  /** `ip nhrp shortcut` (Phase 3 spoke). */
  shortcut: boolean;
  maxSend: NhrpMaxSend;
  /** `[ip] nhrp group NAME`: sent in registrations (Cisco Vendor-Private extension). */
  group?: string;
  /** Hub: `[ip] nhrp map group G service-policy output P`, the policy for spokes registered with group G. */
  groupPolicies?: Array<{ group: string; policy: string }>;
}

/** One interface, keyed in RouterConfig.interfaces by its canonical IOS name. */
export interface InterfaceConfig {
  /** Canonical IOS name, e.g. "GigabitEthernet0/1", "Tunnel0". */
  name: string;
  kind: InterfaceKind;
  /** Device in the node: ethN, lo, tunN (see names.ts and README "IOS interface names"). */
  linuxName: string;
  description?: string;
  addresses: InterfaceAddress[];
  /** Administratively down. A saved config lists `shutdown` only for down interfaces, so the default is up. */
  shutdown: boolean;
  /** `ip mtu` (bytes). */
  mtu?: number;
  /** `service-policy output NAME`. */
  servicePolicyOutput?: string;
  /** `ip tcp adjust-mss` (bytes). */
  adjustMss?: number;
  /** Present on Tunnel interfaces only. */
  tunnel?: TunnelIfConfig;
  /** Present on Tunnel interfaces only. */
  nhrp?: NhrpConfig;
  /** `ipv6 address …` lines (absent: none; see ipv6.ts). */
  ipv6?: Ipv6InterfaceConfig;
  /** `ipv6 nhrp …` settings of a tunnel (absent: none): the IPv6 overlay's NHRP, protocol addresses IPv6. */
  nhrp6?: NhrpConfig;
  /** `bandwidth` (kbit/s). */
  bandwidth?: number;
  /** `delay` (tens of microseconds, as IOS). */
  delay?: number;
  /** `ip … eigrp AS` settings, keyed by AS number. */
  eigrp?: Record<string, EigrpIfSettings>;
  /** `ipv6 eigrp AS` and `ipv6 … eigrp AS` settings (EIGRP for IPv6), keyed by AS number. */
  eigrp6?: Record<string, EigrpIfSettings>;
  /** `ip ospf …` settings. */
  ospf?: OspfInterfaceConfig;
  /** `no ip split-horizon` sets false (RIP); absent means the IOS default, on. */
  splitHorizon?: false;
  /** `ip summary-address rip A M`: RIP advertises the summary out of this interface instead of its parts. */
  ripSummaries?: Array<{ address: string; prefixLength: number }>;
  /** `ipv6 ospf …` and `ipv6 rip NAME …` settings (absent: none). */
  ipv6Routing?: Ipv6InterfaceRouting;
  /** `ip pim …` and `ip igmp …` settings (absent: none). */
  pim?: PimInterfaceConfig;
}

/** `ip route PREFIX MASK [INTERFACE] [NEXT-HOP] [DISTANCE] [name N] [tag T] [permanent] [track K]`. */
export interface StaticRoute {
  prefix: IpPrefix;
  nextHop?: string;
  /** Canonical IOS name; "Null0" is a discard route. */
  interface?: string;
  /** Administrative distance, IOS default 1. */
  distance: number;
  name?: string;
  tag?: number;
  permanent: boolean;
  /** Recorded only: object tracking is not supported, the route is installed unconditionally. */
  track?: number;
}

/** The IPv6 addresses of one interface (`ipv6 address X/len`, `ipv6 address FE80::… link-local`, `ipv6 enable`). */
export interface Ipv6InterfaceConfig {
  /** Global (and unique-local) addresses, canonical text, in configuration order. */
  addresses: Array<{ address: string; prefixLength: number }>;
  /** `ipv6 address FE80::… link-local`; absent: IOS's own (on a tunnel, FE80:: + the tunnel source IPv4). */
  linkLocal?: string;
  /** `ipv6 enable` (IPv6 on with a link-local address only). */
  enabled: boolean;
  /** `ipv6 mtu N` (tunnels, bytes, 1280 up): the IPv6 overlay's MTU; absent: the tunnel's `ip mtu`. */
  mtu?: number;
}

/** Global IPv6 settings: `ipv6 unicast-routing` and `ipv6 route` (static IPv6 routes, prefix family 6). */
export interface Ipv6GlobalConfig {
  unicastRouting: boolean;
  routes: StaticRoute[];
}

/** A whole router: what `dmvpnd` needs to build interfaces, tunnels, NHRP and routes. */
export interface RouterConfig {
  hostname: string;
  /** Keyed by canonical IOS name, in configuration order. */
  interfaces: Record<string, InterfaceConfig>;
  routes: StaticRoute[];
  /** Crypto (IKEv2/IPsec in force on protected tunnels; IKEv1 recorded only). */
  crypto: CryptoConfig;
  /** `router eigrp` processes (absent: none). */
  eigrp?: EigrpProcessConfig[];
  /** EIGRP for IPv6: `ipv6 router eigrp AS` and named mode's `address-family ipv6` (absent: none). */
  eigrp6?: EigrpProcessConfig[];
  /** `key chain` blocks (absent: none). */
  keyChains?: KeyChain[];
  /** `router ospf|bgp|rip` processes; absent when none is configured. */
  routing?: RoutingConfig;
  /** Users, enable secret, vty lines, SSH settings; absent when the config has none of them. */
  access?: AccessConfig;
  /** `ip prefix-list` entries by list name, in sequence order (absent: none). */
  prefixLists?: Record<string, PrefixListEntry[]>;
  /** `route-map` entries by map name, in sequence order (absent: none). */
  routeMaps?: Record<string, RouteMapEntry[]>;
  /** `ipv6 unicast-routing` and `ipv6 route` (absent: neither). */
  ipv6?: Ipv6GlobalConfig;
  /** `ip multicast-routing`, `ip pim rp-address`, `ip pim spt-threshold` (absent: none). */
  multicast?: MulticastConfig;
  /** `class-map` and `policy-map` blocks (absent: none). */
  qos?: QosConfig;
}

/** IOS defaults used when a command is absent or negated. */
export const IOS_DEFAULTS = Object.freeze({
  hostname: 'Router',
  nhrpHoldtime: 7200,
  maxSend: Object.freeze({ count: 5, interval: 10 }),
  nhsPriority: 0,
  nhsCluster: 0,
  routeDistance: 1,
  tunnelMode: 'gre-p2p' as TunnelMode,
});

/** A configuration with nothing in it (what a router boots with before its startup-config). */
export function emptyConfig(): RouterConfig {
  return { hostname: IOS_DEFAULTS.hostname, interfaces: {}, routes: [], crypto: emptyCrypto() };
}

/** NHRP settings with every IOS default and nothing configured. */
export function defaultNhrp(): NhrpConfig {
  return {
    holdtime: IOS_DEFAULTS.nhrpHoldtime,
    maps: [],
    multicastNbma: [],
    multicastDynamic: false,
    nhs: [],
    clusterMaxConnections: [],
    registrationNoUnique: false,
    redirect: false,
    shortcut: false,
    maxSend: { ...IOS_DEFAULTS.maxSend },
  };
}

/** Tunnel settings as IOS has them on a new Tunnel interface. */
export function defaultTunnel(): TunnelIfConfig {
  return { mode: IOS_DEFAULTS.tunnelMode, transport: 4 };
}

/** IOS text of a tunnel mode ("gre multipoint", "gre multipoint ipv6", "gre ip", "gre ipv6"). */
export function modeText(t: Pick<TunnelIfConfig, 'mode' | 'transport'>): string {
  const v6 = t.transport === 6;
  if (t.mode === 'gre-multipoint') return v6 ? 'gre multipoint ipv6' : 'gre multipoint';
  return v6 ? 'gre ipv6' : 'gre ip';
}

/** The interfaces of a config in configuration order. */
export function interfaceList(config: RouterConfig): InterfaceConfig[] {
  return Object.values(config.interfaces);
}
