/**
 * Configuration of one NHRP engine (one tunnel interface), as the IOS `ip nhrp …` commands set it.
 * `resolveConfig` fills the IOS defaults; the engine only ever sees a resolved NhrpEngineConfig.
 */
import type { IpFamilyName } from '../wire/ip-family.js';
import { hostLength } from './prefix.js';

/** `ip nhrp nhs X [nbma Y] [priority P] [cluster C]`. */
export interface NhsConfig {
  /** The NHS's tunnel (protocol) address. */
  protocol: string;
  /** Its NBMA address (`nbma Y`); when absent it comes from an `ip nhrp map X Y` static map. */
  nbma?: string;
  /** 0 (most preferred) to 255; IOS default 0. */
  priority: number;
  /** 0 to 10; IOS default 0. */
  cluster: number;
}

/** `ip nhrp map X Y` (protocol address, or a prefix, to NBMA address). */
export interface StaticMap {
  protocol: string;
  /** Host route when absent. */
  prefixLength?: number;
  nbma: string;
}

/** A resolved engine configuration: every field present. */
export interface NhrpEngineConfig {
  /**
   * The protocol address family the engine serves (`ip nhrp` → 'ipv4', `ipv6 nhrp` → 'ipv6'): its
   * packets carry ar$pro.type 0x0800 or 0x86dd and 4- or 16-byte protocol addresses. One engine per
   * tunnel per family; the NBMA stays IPv4.
   */
  family: IpFamilyName;
  /** Interface name for debug text, e.g. "Tunnel0". */
  name: string;
  /** Tunnel address and prefix length (`ip address 10.0.0.2 255.255.255.0` → 10.0.0.2, 24). */
  protocolAddress: string;
  prefixLength: number;
  /**
   * IPv6 only: the tunnel's link-local address. As on IOS it is registered with the NHSs beside the
   * global address (a second CIE) and answered for in Resolution Requests, so a routing protocol's
   * link-local next hop (OSPFv3, RIPng) resolves to the peer's NBMA like a global one.
   */
  linkLocal?: string;
  /** This router's NBMA address (the `tunnel source` address). */
  nbmaAddress: string;
  /**
   * `ip nhrp network-id N`. On IOS it enables NHRP on the interface and is locally significant: it is
   * never carried in packets, so a hub and its spokes may use different ids (the dual-hub reference
   * lab does). 0 means NHRP is not enabled here: the engine sends nothing and drops what it receives.
   */
  networkId: number;
  /** `ip nhrp authentication PW` (Cisco cleartext, at most 8 characters on the wire). */
  authentication?: string;
  /** `ip nhrp holdtime`, seconds (IOS 7200). */
  holdtime: number;
  /** MTU advertised in CIEs (Cisco: 17916 with GRE over IPv4, as in the captures). */
  mtu: number;
  nhs: NhsConfig[];
  /** `ip nhrp nhs cluster C max-connections M`; clusters not listed use every NHS (IOS default). */
  clusterMaxConnections: Array<{ cluster: number; maxConnections: number }>;
  staticMaps: StaticMap[];
  /** `ip nhrp map multicast X` (static NBMAs) and `ip nhrp map multicast dynamic`. */
  multicast: { static: string[]; dynamic: boolean };
  /** `ip nhrp redirect` (hub, Phase 3): send Traffic Indications on hairpinned traffic. */
  redirect: boolean;
  /** `ip nhrp shortcut` (spoke, Phase 3): act on Traffic Indications and install shortcut routes. */
  shortcut: boolean;
  /** `ip nhrp max-send N every S`: Traffic Indications per source NBMA per interval (brief: 5 per 10 s). */
  maxSend: { count: number; intervalSec: number };
  /** `ip nhrp registration timeout N`, seconds; undefined = holdtime/3 (RFC 2332 5.2.3). */
  registrationTimeout?: number;
  /** `ip nhrp registration no-unique`: register without the U flag. */
  noUnique: boolean;
  /** `ip nhrp group NAME`: sent in a Cisco Vendor-Private extension of the Registration Request. */
  groupName?: string;
  /**
   * Server (NHS) role: accept Registration Requests and keep the registration cache. Default: true
   * when the interface has no NHS configured (a hub). A hub that itself registers to a higher hub
   * (hierarchical DMVPN) sets it explicitly. Any router forwards Resolution Requests along its routes.
   */
  isNhs: boolean;
  /** Interface administratively down (`shutdown`): deregistered, cache flushed, nothing sent. */
  shutdown: boolean;
}

/** What a caller must give; everything else has the IOS default. */
export type NhrpEngineConfigInput = Pick<NhrpEngineConfig, 'protocolAddress' | 'prefixLength' | 'nbmaAddress'> &
  Partial<Omit<NhrpEngineConfig, 'nhs' | 'multicast' | 'maxSend'>> & {
    nhs?: Array<Pick<NhsConfig, 'protocol'> & Partial<NhsConfig>>;
    multicast?: Partial<NhrpEngineConfig['multicast']>;
    maxSend?: Partial<NhrpEngineConfig['maxSend']>;
  };

/** Fills IOS defaults into a configuration. */
export function resolveConfig(c: NhrpEngineConfigInput): NhrpEngineConfig {
  const nhs = (c.nhs ?? []).map((n) => ({
    protocol: n.protocol,
    nbma: n.nbma,
    priority: n.priority ?? 0,
    cluster: n.cluster ?? 0,
  }));
  return {
    family: c.family ?? 'ipv4',
    name: c.name ?? 'Tunnel0',
    protocolAddress: c.protocolAddress,
    prefixLength: c.prefixLength,
    linkLocal: c.family === 'ipv6' ? c.linkLocal : undefined,
    nbmaAddress: c.nbmaAddress,
    networkId: c.networkId ?? 1,
    authentication: c.authentication,
    holdtime: c.holdtime ?? 7200,
    mtu: c.mtu ?? 17916,
    nhs,
    clusterMaxConnections: c.clusterMaxConnections ?? [],
    staticMaps: c.staticMaps ?? [],
    multicast: { static: c.multicast?.static ?? [], dynamic: c.multicast?.dynamic ?? false },
    redirect: c.redirect ?? false,
    shortcut: c.shortcut ?? false,
    maxSend: { count: c.maxSend?.count ?? 5, intervalSec: c.maxSend?.intervalSec ?? 10 },
    registrationTimeout: c.registrationTimeout,
    noUnique: c.noUnique ?? false,
    groupName: c.groupName,
    isNhs: c.isNhs ?? nhs.length === 0,
    shutdown: c.shutdown ?? false,
  };
}

/** Seconds between registrations to an NHS: `registration timeout`, else a third of the holding time in force. */
export function registrationInterval(c: NhrpEngineConfig, holdingTime = c.holdtime): number {
  return c.registrationTimeout ?? Math.max(1, Math.floor(holdingTime / 3));
}

/** The NBMA address of an NHS: its own `nbma`, else the static map for its protocol address. */
export function nhsNbmaOf(c: NhrpEngineConfig, n: NhsConfig): string | undefined {
  return (
    n.nbma ??
    c.staticMaps.find(
      (m) => m.protocol === n.protocol && (m.prefixLength ?? hostLength(m.protocol)) === hostLength(m.protocol),
    )?.nbma
  );
}
