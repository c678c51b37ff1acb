/**
 * What the checks use of a router's configuration: addresses, the tunnel's NHRP settings, static
 * routes. Read from `show running-config json` (the router's own reading of its IOS lines, see
 * docs/show-json.md), never from IOS text.
 */
import type { InterfaceConfigJson, RunningConfigJson, StaticRouteJson } from '../../node/api/index.js';
import { maskString, parseIpv4 } from '../../wire/ipv4-addr.js';
import { routingFacts, type RoutingFacts } from './routing-facts.js';

/** An interface other than a tunnel. */
export interface IfaceFacts {
  name: string;
  address?: string;
  prefixLength?: number;
  /** The first global IPv6 address (the NBMA of a tunnel with `tunnel mode gre multipoint ipv6`). */
  address6?: string;
  shutdown: boolean;
}

/** One `ip nhrp nhs`: the NHS's tunnel address ('dynamic' when learned) and NBMA address when known. */
export interface NhsFacts {
  protocol: string;
  nbma?: string;
}

/** A tunnel interface's addresses and NHRP settings. */
export interface TunnelFacts {
  name: string;
  address?: string;
  prefixLength?: number;
  shutdown: boolean;
  multipoint: boolean;
  /** `tunnel mode gre multipoint ipv6` or `gre ipv6`: the NBMA is IPv6. */
  nbma6?: true;
  /** `tunnel source`: an interface name or an address. */
  source?: string;
  destination?: string;
  key?: number;
  networkId?: number;
  authentication?: string;
  holdtime?: number;
  /** `ip nhrp registration timeout N`: seconds between registrations. */
  registrationTimeout?: number;
  redirect: boolean;
  shortcut: boolean;
  mapMulticastDynamic: boolean;
  maps: Array<{ protocol: string; nbma: string }>;
  nhs: NhsFacts[];
  /** `tunnel protection ipsec profile P`: the profile. */
  protection?: string;
  /** The IPv6 overlay (`ipv6 address` + `ipv6 nhrp network-id`): the global tunnel address and IPv6 NHSs. */
  ipv6?: { address: string; nhs: NhsFacts[]; redirect: boolean; shortcut: boolean };
}

/** One `ip route`. */
export interface RouteFacts {
  prefix: string;
  prefixLength: number;
  nextHop?: string;
  iface?: string;
  /** Administrative distance when not the default (1). */
  distance?: number;
  /** The route as an `ip route` line, for `no` + line. */
  line: string;
}

/** The parts of a router's configuration the checks use. */
export interface RouterFacts {
  hostname?: string;
  interfaces: IfaceFacts[];
  tunnels: TunnelFacts[];
  routes: RouteFacts[];
  /** Routing processes (OSPF, BGP, EIGRP, RIP), when any is configured. */
  routing?: RoutingFacts;
}

function primary(i: InterfaceConfigJson): { address?: string; prefixLength?: number } {
  const a = i.addresses.find((x) => !x.secondary && x.family === 4);
  return a ? { address: a.address, prefixLength: a.prefixLength } : {};
}

function tunnelFacts(i: InterfaceConfigJson): TunnelFacts {
  const t = i.tunnel;
  const n = i.nhrp;
  const maps = (n?.maps ?? []).map((m) => ({ protocol: m.protocol, nbma: m.nbma }));
  const nbmaOf = (nhs: string, given?: string): string | undefined =>
    given ?? maps.find((m) => m.protocol === nhs)?.nbma;
  const f: TunnelFacts = {
    name: i.name,
    ...primary(i),
    shutdown: i.shutdown,
    multipoint: t?.mode === 'gre-multipoint',
    ...(t?.transport === 6 ? { nbma6: true as const } : {}),
    redirect: n?.redirect ?? false,
    shortcut: n?.shortcut ?? false,
    mapMulticastDynamic: n?.multicastDynamic ?? false,
    maps,
    nhs: (n?.nhs ?? []).map((x) => {
      const nbma = nbmaOf(x.address, x.nbma);
      return { protocol: x.address, ...(nbma !== undefined ? { nbma } : {}) };
    }),
  };
  if (t?.source) f.source = t.source.kind === 'interface' ? t.source.name : t.source.address;
  if (t?.destination !== undefined) f.destination = t.destination;
  if (t?.protection) f.protection = t.protection.profile;
  if (t?.key !== undefined) f.key = t.key;
  if (n?.networkId !== undefined) f.networkId = n.networkId;
  if (n?.authentication !== undefined) f.authentication = n.authentication;
  if (n) f.holdtime = n.holdtime;
  if (n?.registrationTimeout !== undefined) f.registrationTimeout = n.registrationTimeout;
  const a6 = i.ipv6?.addresses[0];
  const n6 = i.nhrp6;
  if (a6 && n6?.networkId !== undefined) {
    const nhs = n6.nhs.map((x) => {
      const nbma = x.nbma ?? n6.maps.find((m) => m.protocol === x.address)?.nbma;
      return { protocol: x.address, ...(nbma !== undefined ? { nbma } : {}) };
    });
    f.ipv6 = { address: a6.address, nhs, redirect: n6.redirect, shortcut: n6.shortcut };
  }
  return f;
}

/** `ip route PREFIX MASK [IFACE] [NEXT-HOP] [DISTANCE] [name N] [tag T] [permanent]` for a route. */
export function routeLine(r: StaticRouteJson): string {
  const w = ['ip route', r.prefix.address, maskString(r.prefix.prefixLength)];
  if (r.interface !== undefined) w.push(r.interface);
  if (r.nextHop !== undefined) w.push(r.nextHop);
  if (r.distance !== 1) w.push(String(r.distance));
  if (r.name !== undefined) w.push('name', r.name);
  if (r.tag !== undefined) w.push('tag', String(r.tag));
  if (r.permanent) w.push('permanent');
  return w.join(' ');
}

function routeFacts(r: StaticRouteJson): RouteFacts {
  return {
    prefix: r.prefix.address,
    prefixLength: r.prefix.prefixLength,
    ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
    ...(r.interface !== undefined ? { iface: r.interface } : {}),
    ...(r.distance !== 1 ? { distance: r.distance } : {}),
    line: routeLine(r),
  };
}

/** The facts of a router's running configuration (`show running-config json`). */
export function routerFacts(config: RunningConfigJson): RouterFacts {
  const all = Object.values(config.interfaces);
  const routing = routingFacts(config);
  return {
    hostname: config.hostname,
    interfaces: all
      .filter((i) => i.kind !== 'tunnel')
      .map((i) => {
        const a6 = i.ipv6?.addresses[0]?.address;
        return { name: i.name, ...primary(i), ...(a6 !== undefined ? { address6: a6 } : {}), shutdown: i.shutdown };
      }),
    tunnels: all.filter((i) => i.kind === 'tunnel').map(tunnelFacts),
    routes: config.routes.filter((r) => r.prefix.family === 4).map(routeFacts),
    ...(routing ? { routing } : {}),
  };
}

/** The tunnel that runs NHRP (the first with an NHS, a multicast map or redirect; else the first tunnel). */
export function nhrpTunnel(f: RouterFacts): TunnelFacts | undefined {
  return f.tunnels.find((t) => t.nhs.length > 0 || t.mapMulticastDynamic || t.redirect) ?? f.tunnels[0];
}

/** The address of the interface a tunnel is sourced from (`tunnel source IFACE|ADDRESS`). */
export function tunnelSourceAddress(f: RouterFacts, t: TunnelFacts): string | undefined {
  if (t.source === undefined) return undefined;
  if (parseIpv4(t.source) !== undefined || t.source.includes(':')) return t.source;
  const i = f.interfaces.find((x) => x.name.toLowerCase() === t.source!.toLowerCase());
  return t.nbma6 ? i?.address6 : i?.address;
}
