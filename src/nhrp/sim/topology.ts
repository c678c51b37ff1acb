/**
 * The simulated DMVPN: addresses, IOS-equivalent configurations and routing tables of H hubs and
 * S spokes. Tunnel 172.16.0.0/16 (hub h = 172.16.0.h, spokes from 172.16.1.0), NBMA addresses in
 * 198.18.0.0/15 (RFC 2544 benchmarking), spoke i owns LAN 10.x.y.0/24 with x.y = i + 1.
 * Routing is what a routing protocol would converge to: Phase 1 and 3 spokes reach other LANs via
 * the hub they use (a summary), Phase 2 spokes via the remote spoke's tunnel address; hubs reach
 * every spoke LAN via that spoke's tunnel address.
 */
import type { NhrpEngineConfigInput } from '../config.js';
import { formatIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { RouteLookup, RouteResult } from '../routes.js';

export interface TopologyOptions {
  hubs: number;
  spokes: number;
  phase: 1 | 2 | 3;
  holdtime: number;
  registrationTimeout?: number;
  /** `ip nhrp nhs cluster 0 max-connections N` on spokes; undefined = register with every hub. */
  maxConnections?: number;
  authentication?: string;
}

const TUNNEL_BASE = parseIpv4('172.16.0.0')!;
const NBMA_BASE = parseIpv4('198.18.0.0')!;
const LAN_BASE = parseIpv4('10.0.0.0')!;
export const MAX_SPOKES = 65_000;

export const hubTunnel = (h: number) => formatIpv4(TUNNEL_BASE + 1 + h);
export const hubNbma = (h: number) => formatIpv4(NBMA_BASE + 1 + h);
export const spokeTunnel = (i: number) => formatIpv4(TUNNEL_BASE + 256 + i);
export const spokeNbma = (i: number) => formatIpv4(NBMA_BASE + 256 + i);
/** Network address of spoke i's LAN (a /24). */
export const spokeLan = (i: number) => formatIpv4(LAN_BASE + (i + 1) * 256);
/** Host `host` (1-254) in spoke i's LAN, as a number. */
export const spokeHost = (i: number, host: number) => LAN_BASE + (i + 1) * 256 + host;

/** The spoke whose LAN holds `addr`, or -1. */
export function spokeOfLan(addr: number, spokes: number): number {
  if (addr >>> 24 !== 10) return -1;
  const i = ((addr - LAN_BASE) >>> 8) - 1;
  return i >= 0 && i < spokes ? i : -1;
}

export function hubConfig(o: TopologyOptions, h: number): NhrpEngineConfigInput {
  return {
    name: `hub${h + 1}`,
    protocolAddress: hubTunnel(h),
    prefixLength: 16,
    nbmaAddress: hubNbma(h),
    authentication: o.authentication,
    holdtime: o.holdtime,
    multicast: { dynamic: true },
    redirect: o.phase === 3,
  };
}

export function spokeConfig(o: TopologyOptions, i: number): NhrpEngineConfigInput {
  const hubs = Array.from({ length: o.hubs }, (_, h) => h);
  return {
    name: `spoke${i + 1}`,
    protocolAddress: spokeTunnel(i),
    prefixLength: 16,
    nbmaAddress: spokeNbma(i),
    authentication: o.authentication,
    holdtime: o.holdtime,
    registrationTimeout: o.registrationTimeout,
    nhs: hubs.map((h) => ({ protocol: hubTunnel(h), nbma: hubNbma(h), priority: h })),
    clusterMaxConnections: o.maxConnections === undefined ? [] : [{ cluster: 0, maxConnections: o.maxConnections }],
    multicast: { static: hubs.map(hubNbma) },
    shortcut: o.phase === 3,
  };
}

export function hubRoutes(o: TopologyOptions, h: number): RouteLookup {
  const lan = parseIpv4(`192.168.${h + 1}.0`)!;
  return (dst) => {
    const v = parseIpv4(dst);
    if (v === undefined) return undefined;
    if (v >>> 8 === lan >>> 8) return { kind: 'local', prefix: formatIpv4(lan), prefixLength: 24 };
    const j = spokeOfLan(v, o.spokes);
    return j >= 0 ? { kind: 'tunnel', nextHop: spokeTunnel(j) } : undefined;
  };
}

/** `hubInUse` gives the tunnel address of the hub the spoke currently sends through. */
export function spokeRoutes(o: TopologyOptions, i: number, hubInUse: () => string): RouteLookup {
  const own = parseIpv4(spokeLan(i))!;
  const local: RouteResult = { kind: 'local', prefix: spokeLan(i), prefixLength: 24 };
  return (dst) => {
    const v = parseIpv4(dst);
    if (v === undefined) return undefined;
    if (v >>> 8 === own >>> 8) return local;
    const j = spokeOfLan(v, o.spokes);
    if (j >= 0 && o.phase === 2) return { kind: 'tunnel', nextHop: spokeTunnel(j) };
    if (j >= 0 || v >>> 24 === 192) return { kind: 'tunnel', nextHop: hubInUse() };
    return undefined;
  };
}
