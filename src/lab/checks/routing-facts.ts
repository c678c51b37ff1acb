/**
 * What the routing check uses of a router's configuration: for each routing process (OSPF, BGP, EIGRP,
 * RIP), its settings on the DMVPN tunnel as they take effect (IOS defaults filled in) and the
 * prefixes it advertises. Pure: read from `show running-config json`, never from the router's state.
 */
import type { InterfaceConfigJson, RunningConfigJson } from '../../node/api/index.js';
import { classfulLength, inPrefix, networkOf, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { RoutingProtocol } from './routing-packets.js';

/** A prefix as `address/length`, with its parts. */
export interface PrefixFacts {
  address: string;
  prefixLength: number;
  /** The interface it is the network of (absent for a static or Null0 route). */
  iface?: string;
}

/** OSPF on the tunnel. */
export interface OspfTunnelFacts {
  /** The area, or undefined when no network statement or `ip ospf area` covers the tunnel. */
  area?: string;
  network: 'broadcast' | 'point-to-multipoint' | 'non-broadcast' | 'point-to-point';
  priority: number;
  hello: number;
  dead: number;
  passive: boolean;
}

/** One router's routing processes, each present when configured. */
export interface RoutingFacts {
  ospf?: {
    routerId: string;
    tunnel: OspfTunnelFacts;
    stubAreas: Array<{ area: string; noSummary: boolean }>;
    defaultOriginate: boolean;
    advertised: PrefixFacts[];
  };
  bgp?: {
    asn: number;
    neighbors: Array<{ address: string; remoteAs?: number; nextHopSelf: boolean; rrClient: boolean }>;
    listenRanges: Array<{ address: string; prefixLength: number; remoteAs?: number; rrClient: boolean }>;
    /** `aggregate-address` summaries. */
    summaries: PrefixFacts[];
    advertised: PrefixFacts[];
  };
  eigrp?: {
    as: number;
    tunnel: { covered: boolean; passive: boolean; splitHorizon: boolean; nextHopSelf: boolean; auth?: string };
    summaries: PrefixFacts[];
    advertised: PrefixFacts[];
  };
  rip?: {
    version?: 1 | 2;
    tunnel: { covered: boolean; passive: boolean; splitHorizon: boolean };
    defaultOriginate: boolean;
    /** `ip summary-address rip` on the tunnel. */
    summaries: PrefixFacts[];
    advertised: PrefixFacts[];
  };
}

/** The protocols a router runs, in a fixed order. */
export function protocolsOf(r: RoutingFacts): RoutingProtocol[] {
  return (['ospf', 'bgp', 'eigrp', 'rip'] as const).filter((p) => r[p] !== undefined);
}

type Iface = InterfaceConfigJson;
const primary = (i: Iface) => i.addresses.find((a) => a.family === 4 && !a.secondary);

/** `address wildcard` covers `addr` (wildcard bits are "don't care"). */
export function wildcardCovers(address: string, wildcard: string, addr: string): boolean {
  const [n, w, a] = [parseIpv4(address), parseIpv4(wildcard), parseIpv4(addr)];
  if (n === undefined || w === undefined || a === undefined) return false;
  return (n & ~w) >>> 0 === (a & ~w) >>> 0;
}

const wildcardSize = (w: string) => (parseIpv4(w) ?? 0).toString(2).replace(/0/g, '').length;

/** The interfaces that can carry LAN and loopback prefixes: addressed, up, not tunnels. */
function lanInterfaces(config: RunningConfigJson): Iface[] {
  return Object.values(config.interfaces).filter((i) => i.kind !== 'tunnel' && !i.shutdown && primary(i));
}

const prefixOf = (i: Iface): PrefixFacts => {
  const a = primary(i)!;
  return { address: networkOf(a.address, a.prefixLength), prefixLength: a.prefixLength, iface: i.name };
};

/** The tunnel the routing runs over: the first multipoint tunnel, else the first tunnel. */
function tunnelOf(config: RunningConfigJson): Iface | undefined {
  const tunnels = Object.values(config.interfaces).filter((i) => i.kind === 'tunnel');
  return tunnels.find((t) => t.tunnel?.mode === 'gre-multipoint') ?? tunnels[0];
}

/** The IOS router id: the configured one, else the highest loopback address, else the highest address. */
function routerId(config: RunningConfigJson, configured: string | undefined): string {
  if (configured) return configured;
  const all = Object.values(config.interfaces).filter((i) => !i.shutdown && primary(i));
  const highest = (is: Iface[]) =>
    is.map((i) => primary(i)!.address).sort((a, b) => (parseIpv4(b) ?? 0) - (parseIpv4(a) ?? 0))[0];
  return highest(all.filter((i) => i.kind === 'loopback')) ?? highest(all) ?? '0.0.0.0';
}

const passiveOn = (
  p: { passiveDefault: boolean; passiveInterfaces: string[]; activeInterfaces: string[] },
  n: string,
) => (p.passiveDefault ? !p.activeInterfaces.includes(n) : p.passiveInterfaces.includes(n));

const connected = (rs: Array<{ source: string }>) => rs.some((r) => r.source === 'connected');

function ospfFacts(config: RunningConfigJson, t: Iface | undefined): RoutingFacts['ospf'] {
  const o = config.routing?.ospf;
  if (!o) return undefined;
  const areaOf = (i: Iface): string | undefined => {
    if (i.ospf?.area && i.ospf.area.processId === o.processId) return i.ospf.area.area;
    const a = primary(i)?.address;
    if (!a) return undefined;
    return o.networks
      .filter((n) => wildcardCovers(n.address, n.wildcard, a))
      .sort((x, y) => wildcardSize(x.wildcard) - wildcardSize(y.wildcard))[0]?.area;
  };
  const x = t?.ospf ?? {};
  const network = x.network ?? 'point-to-point';
  const hello = x.helloInterval ?? (network === 'point-to-multipoint' || network === 'non-broadcast' ? 30 : 10);
  const area = t ? areaOf(t) : undefined;
  const lans = lanInterfaces(config);
  return {
    routerId: routerId(config, o.routerId),
    tunnel: {
      ...(area !== undefined ? { area } : {}),
      network,
      priority: x.priority ?? 1,
      hello,
      dead: x.deadInterval ?? 4 * hello,
      passive: t ? passiveOn(o, t.name) : true,
    },
    stubAreas: o.stubAreas,
    defaultOriginate: o.defaultOriginate !== undefined,
    advertised: lans.filter((i) => areaOf(i) !== undefined || connected(o.redistribute)).map(prefixOf),
  };
}

function bgpFacts(config: RunningConfigJson): RoutingFacts['bgp'] {
  const b = config.routing?.bgp;
  if (!b) return undefined;
  const group = (name?: string) => b.peerGroups.find((g) => g.name === name);
  const lans = lanInterfaces(config).map(prefixOf);
  const statics = config.routes.map((r) => ({ address: r.prefix.address, prefixLength: r.prefix.prefixLength }));
  const same = (p: PrefixFacts) => (n: { address: string; prefixLength: number }) =>
    n.address === p.address && n.prefixLength === p.prefixLength;
  const byNetwork = b.networks.flatMap((n) => {
    const hit = lans.find((l) => same(l)(n)) ?? statics.find((s) => same(s)(n));
    return hit ? [hit] : [];
  });
  const redistributed = connected(b.redistribute) ? lans.filter((l) => !byNetwork.some(same(l))) : [];
  return {
    asn: b.asn,
    summaries: b.aggregates.map((a) => ({ address: a.address, prefixLength: a.prefixLength })),
    neighbors: b.neighbors.map((n) => {
      const g = group(n.peerGroup);
      const remoteAs = n.remoteAs ?? g?.remoteAs;
      return {
        address: n.address,
        ...(remoteAs !== undefined ? { remoteAs } : {}),
        nextHopSelf: n.nextHopSelf || (g?.nextHopSelf ?? false),
        rrClient: n.routeReflectorClient || (g?.routeReflectorClient ?? false),
      };
    }),
    listenRanges: b.listenRanges.map((l) => {
      const g = group(l.peerGroup);
      return {
        address: l.address,
        prefixLength: l.prefixLength,
        ...(g?.remoteAs !== undefined ? { remoteAs: g.remoteAs } : {}),
        rrClient: g?.routeReflectorClient ?? false,
      };
    }),
    advertised: [...byNetwork, ...redistributed],
  };
}

function eigrpFacts(config: RunningConfigJson, t: Iface | undefined): RoutingFacts['eigrp'] {
  const e = config.eigrp?.find((p) => !p.shutdown);
  if (!e) return undefined;
  const covers = (i: Iface) => {
    const a = primary(i)?.address;
    return (
      a !== undefined &&
      e.networks.some((n) =>
        n.wildcard ? wildcardCovers(n.address, n.wildcard, a) : inPrefix(a, n.address, classfulLength(n.address)),
      )
    );
  };
  const perIf = t ? { ...(e.afInterfaces.default ?? {}), ...(e.afInterfaces[t.name] ?? {}), ...t.eigrp?.[e.as] } : {};
  const auth = perIf.authMode ? `${perIf.authMode} ${perIf.keyChain ?? perIf.authKey ?? ''}`.trim() : undefined;
  return {
    as: e.as,
    tunnel: {
      covered: t !== undefined && covers(t),
      passive: t !== undefined && (perIf.passive === true || passiveOn(e, t.name)),
      splitHorizon: perIf.splitHorizon ?? true,
      nextHopSelf: perIf.nextHopSelf ?? true,
      ...(auth ? { auth } : {}),
    },
    summaries: (perIf.summaries ?? []).map((s) => ({ address: s.prefix, prefixLength: s.prefixLength })),
    advertised: lanInterfaces(config)
      .filter((i) => covers(i) || e.redistribute.connected !== undefined)
      .map(prefixOf),
  };
}

function ripFacts(config: RunningConfigJson, t: Iface | undefined): RoutingFacts['rip'] {
  const r = config.routing?.rip;
  if (!r) return undefined;
  const covers = (i: Iface) => {
    const a = primary(i)?.address;
    return a !== undefined && r.networks.some((n) => inPrefix(a, n, classfulLength(n)));
  };
  return {
    ...(r.version !== undefined ? { version: r.version } : {}),
    tunnel: {
      covered: t !== undefined && covers(t),
      passive: t !== undefined && passiveOn(r, t.name),
      splitHorizon: t?.splitHorizon !== false,
    },
    defaultOriginate: r.defaultOriginate,
    summaries: (t?.ripSummaries ?? []).map((x) => ({ address: x.address, prefixLength: x.prefixLength })),
    advertised: lanInterfaces(config)
      .filter((i) => covers(i) || connected(r.redistribute))
      .map(prefixOf),
  };
}

/** The routing facts of a running configuration; undefined when it configures no routing process. */
export function routingFacts(config: RunningConfigJson): RoutingFacts | undefined {
  const t = tunnelOf(config);
  const f: RoutingFacts = {};
  const ospf = ospfFacts(config, t);
  const bgp = bgpFacts(config);
  const eigrp = eigrpFacts(config, t);
  const rip = ripFacts(config, t);
  if (ospf) f.ospf = ospf;
  if (bgp) f.bgp = bgp;
  if (eigrp) f.eigrp = eigrp;
  if (rip) f.rip = rip;
  return protocolsOf(f).length > 0 ? f : undefined;
}
