/**
 * Routing protocol settings read from IOS `router ospf|bgp|rip` blocks and interface `ip ospf …` /
 * `ip split-horizon` lines. Plain JSON like the rest of RouterConfig; FRR daemons run them
 * (see src/node/frr/translate.ts).
 */
import type { BgpIpv6Config, Ospf6Config, RipngConfig } from './model6.js';

/** `redistribute connected|static|ospf N|bgp ASN|rip [subnets] [metric N]`. */
export interface Redistribute {
  source: 'connected' | 'static' | 'ospf' | 'bgp' | 'rip';
  /** Process id or ASN for ospf / bgp sources. */
  process?: number;
  /** `subnets` (OSPF): without it IOS redistributes classful networks only. */
  subnets: boolean;
  metric?: number;
  /** `route-map NAME`. */
  routeMap?: string;
}

/** `network ADDRESS WILDCARD area AREA`. */
export interface OspfNetwork {
  address: string;
  wildcard: string;
  /** As written: a number or a dotted quad. */
  area: string;
}

/** `area AREA range ADDRESS MASK`. */
export interface OspfAreaRange {
  area: string;
  address: string;
  prefixLength: number;
}

/** `router ospf N`. */
export interface OspfConfig {
  processId: number;
  routerId?: string;
  networks: OspfNetwork[];
  /** `passive-interface default`: every interface passive except those in `activeInterfaces`. */
  passiveDefault: boolean;
  /** `passive-interface NAME` (canonical IOS names). */
  passiveInterfaces: string[];
  /** `no passive-interface NAME` under `passive-interface default`. */
  activeInterfaces: string[];
  stubAreas: Array<{ area: string; noSummary: boolean }>;
  ranges: OspfAreaRange[];
  /** `default-information originate [always]`. */
  defaultOriginate?: { always: boolean };
  redistribute: Redistribute[];
  /** `summary-address A M [not-advertise]` (ASBR summaries of external routes; absent: none). */
  summaries?: Array<{ address: string; prefixLength: number; notAdvertise: boolean }>;
  /** `distribute-list prefix NAME in`: OSPF routes the list denies stay out of the routing table. */
  distributeListIn?: string;
}

/** OSPF network types of `ip ospf network`. */
export type OspfNetworkType = 'broadcast' | 'point-to-multipoint' | 'non-broadcast' | 'point-to-point';

/** Interface `ip ospf …` settings. */
export interface OspfInterfaceConfig {
  network?: OspfNetworkType;
  priority?: number;
  helloInterval?: number;
  deadInterval?: number;
  cost?: number;
  /** `ip ospf N area X`. */
  area?: { processId: number; area: string };
}

/** Per-neighbor (or peer-group) BGP settings. */
export interface BgpPeerSettings {
  remoteAs?: number;
  nextHopSelf: boolean;
  routeReflectorClient: boolean;
  description?: string;
  updateSource?: string;
  /** `neighbor X prefix-list NAME in|out`. */
  prefixListIn?: string;
  prefixListOut?: string;
  /** `neighbor X route-map NAME in|out`. */
  routeMapIn?: string;
  routeMapOut?: string;
}

/** `neighbor ADDRESS …`. */
export interface BgpNeighbor extends BgpPeerSettings {
  address: string;
  peerGroup?: string;
}

/** `neighbor NAME peer-group` and its settings. */
export interface BgpPeerGroup extends BgpPeerSettings {
  name: string;
}

/** `router bgp ASN`. */
export interface BgpConfig {
  asn: number;
  routerId?: string;
  neighbors: BgpNeighbor[];
  peerGroups: BgpPeerGroup[];
  /** `bgp listen range PREFIX peer-group NAME`. */
  listenRanges: Array<{ address: string; prefixLength: number; peerGroup: string }>;
  /** `network A [mask M]` (no mask: the classful mask). */
  networks: Array<{ address: string; prefixLength: number }>;
  /** `aggregate-address A M [summary-only] [as-set]`. */
  aggregates: BgpAggregate[];
  redistribute: Redistribute[];
  /** `address-family ipv6 [unicast]` (absent: not configured). */
  ipv6?: BgpIpv6Config;
}

/** `aggregate-address A M [summary-only] [as-set]`: a summary, with its components suppressed if summary-only. */
export interface BgpAggregate {
  address: string;
  prefixLength: number;
  summaryOnly: boolean;
  asSet: boolean;
}

/** One entry of `ip prefix-list NAME [seq N] permit|deny A/L [ge N] [le N]`. */
export interface PrefixListEntry {
  seq: number;
  action: 'permit' | 'deny';
  address: string;
  prefixLength: number;
  ge?: number;
  le?: number;
}

/** One entry of `route-map NAME permit|deny SEQ` with the match and set lines dmvpnd runs. */
export interface RouteMapEntry {
  seq: number;
  action: 'permit' | 'deny';
  description?: string;
  /** `match ip address prefix-list L…` (any of them matches). */
  matchPrefixLists: string[];
  set: { metric?: number; localPreference?: number; weight?: number; nextHop?: string };
}

/** `distribute-list prefix NAME in|out [INTERFACE]` (RIP). */
export interface DistributeList {
  prefixList: string;
  direction: 'in' | 'out';
  /** Canonical IOS interface name; absent: every interface. */
  interface?: string;
}

/** `router rip`. */
export interface RipConfig {
  /** `version 1|2`; unset: IOS sends v1 and accepts both. */
  version?: 1 | 2;
  /** Classful network numbers of `network A`. */
  networks: string[];
  autoSummary: boolean;
  passiveDefault: boolean;
  passiveInterfaces: string[];
  activeInterfaces: string[];
  defaultOriginate: boolean;
  redistribute: Redistribute[];
  /** `distribute-list prefix NAME in|out [IFACE]` (absent: none). */
  distributeLists?: DistributeList[];
}

/** The routing processes of a router (each present only when configured). */
export interface RoutingConfig {
  ospf?: OspfConfig;
  bgp?: BgpConfig;
  rip?: RipConfig;
  /** `ipv6 router ospf N` (OSPFv3). */
  ospf6?: Ospf6Config;
  /** `ipv6 router rip NAME` (RIPng). */
  ripng?: RipngConfig;
}

/** IOS administrative distances of the routing protocols. */
export const IOS_DISTANCES = Object.freeze({ ospf: 110, ebgp: 20, ibgp: 200, bgpLocal: 200, rip: 120 });

/** A new `router ospf N` block. */
export function newOspf(processId: number): OspfConfig {
  return {
    processId,
    networks: [],
    passiveDefault: false,
    passiveInterfaces: [],
    activeInterfaces: [],
    stubAreas: [],
    ranges: [],
    redistribute: [],
  };
}

/** A new `router bgp ASN` block. */
export function newBgp(asn: number): BgpConfig {
  return { asn, neighbors: [], peerGroups: [], listenRanges: [], networks: [], aggregates: [], redistribute: [] };
}

/** A new `router rip` block. */
export function newRip(): RipConfig {
  return {
    networks: [],
    autoSummary: true,
    passiveDefault: false,
    passiveInterfaces: [],
    activeInterfaces: [],
    defaultOriginate: false,
    redistribute: [],
  };
}
