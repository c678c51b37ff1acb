/**
 * IPv6 routing settings: `ipv6 router ospf N` (OSPFv3, run by FRR's ospf6d), `ipv6 router rip NAME`
 * (RIPng, ripngd), BGP's `address-family ipv6 [unicast]`, and the interface lines `ipv6 ospf …`,
 * `ipv6 rip NAME enable|summary-address`. Plain JSON like the rest of RouterConfig.
 */
import type { OspfNetworkType, Redistribute } from './model.js';

/** `ipv6 router ospf N`. */
export interface Ospf6Config {
  processId: number;
  routerId?: string;
  passiveDefault: boolean;
  passiveInterfaces: string[];
  activeInterfaces: string[];
  /** `area A range X:X::/L`. */
  ranges: Array<{ area: string; address: string; prefixLength: number }>;
  stubAreas: Array<{ area: string; noSummary: boolean }>;
  /** `default-information originate [always]`. */
  defaultOriginate?: { always: boolean };
  redistribute: Redistribute[];
}

/** Interface `ipv6 ospf …`. */
export interface Ospf6InterfaceConfig {
  /** `ipv6 ospf N area A`: the interface runs OSPFv3 process N in area A. */
  area?: { processId: number; area: string };
  network?: OspfNetworkType;
  priority?: number;
  helloInterval?: number;
  deadInterval?: number;
  cost?: number;
}

/** `ipv6 router rip NAME`. */
export interface RipngConfig {
  name: string;
  /** `no split-horizon` in the process (IOS: on by default, for every interface of the process). */
  splitHorizon: boolean;
  /** `poison-reverse`. */
  poisonReverse: boolean;
  defaultOriginate: boolean;
  redistribute: Redistribute[];
}

/** Interface `ipv6 rip NAME enable` and `ipv6 rip NAME summary-address X:X::/L`. */
export interface RipngInterfaceConfig {
  name: string;
  enabled: boolean;
  summaries: Array<{ address: string; prefixLength: number }>;
}

/** `address-family ipv6 [unicast]` of `router bgp`. */
export interface BgpIpv6Config {
  /** Neighbors and peer-groups with `neighbor X activate` in the family. */
  activated: string[];
  /** `neighbor X next-hop-self` / `route-reflector-client` given in the family. */
  nextHopSelf: string[];
  routeReflectorClients: string[];
  networks: Array<{ address: string; prefixLength: number }>;
  /** `aggregate-address X:X::/L [summary-only] [as-set]`. */
  aggregates: Array<{ address: string; prefixLength: number; summaryOnly: boolean; asSet: boolean }>;
  redistribute: Redistribute[];
}

/** The IPv6 routing lines of one interface (absent: none). */
export interface Ipv6InterfaceRouting {
  ospf?: Ospf6InterfaceConfig;
  rip?: RipngInterfaceConfig;
}

/** A new `ipv6 router ospf N` block. */
export function newOspf6(processId: number): Ospf6Config {
  return {
    processId,
    passiveDefault: false,
    passiveInterfaces: [],
    activeInterfaces: [],
    ranges: [],
    stubAreas: [],
    redistribute: [],
  };
}

/** A new `ipv6 router rip NAME` block. */
export function newRipng(name: string): RipngConfig {
  return { name, splitHorizon: true, poisonReverse: false, defaultOriginate: false, redistribute: [] };
}

/** A new `address-family ipv6` of `router bgp`. */
export function newBgpIpv6(): BgpIpv6Config {
  return { activated: [], nextHopSelf: [], routeReflectorClients: [], networks: [], aggregates: [], redistribute: [] };
}
