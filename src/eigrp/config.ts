/**
 * EIGRP configuration as the engine takes it: `router eigrp AS` (networks, router-id, metric weights,
 * variance, maximum-paths, stub, passive-interface, redistribute) and the interfaces with their
 * `ip ... eigrp AS` settings. resolveConfig fills IOS defaults (interface bandwidth and delay by
 * interface kind, hello/hold, split horizon and next-hop-self on).
 */
import { DEFAULT_K, type KValues } from './metric.js';
import { interfaceDefaults } from './defaults.js';
import { parseIpv4 } from '../wire/ipv4-addr.js';
import { networkCovers } from './ip.js';
import type { EigrpFamilyName } from './family.js';

/** `ip authentication mode eigrp AS md5` + key chain, or named mode `authentication mode hmac-sha-256`. */
export type EigrpAuthConfig = { mode: 'md5'; key: string; keyId?: number } | { mode: 'sha256'; password: string };

/** `redistribute ... metric BW DELAY REL LOAD MTU` (delay in tens of microseconds, as IOS). */
export interface MetricInput {
  bandwidth: number;
  delay: number;
  reliability?: number;
  load?: number;
  mtu?: number;
}

export interface EigrpInterfaceInput {
  name: string;
  /** The address EIGRP speaks from: the primary IPv4 address, or the IPv6 link-local address. */
  address: string;
  prefixLength: number;
  /** The connected prefixes EIGRP advertises for the interface (default: `address`/`prefixLength`; for
   *  IPv6 the interface's global prefixes). */
  prefixes?: Array<{ prefix: string; prefixLength: number }>;
  /** EIGRP runs here (IPv6: `ipv6 eigrp AS`); default: a `network` statement covers `address`. */
  enabled?: boolean;
  /** kbit/s (`bandwidth`); default by interface kind (Tunnel 100, GigabitEthernet 1000000...). */
  bandwidth?: number;
  /** Microseconds (IOS `delay` counts tens of microseconds; `show interface` prints µs). */
  delayUs?: number;
  /** Seconds (`ip hello-interval eigrp AS`, `ip hold-time eigrp AS`). */
  helloInterval?: number;
  holdTime?: number;
  /** A multipoint (NBMA) interface: mGRE tunnels. Default: true for Tunnel interfaces. */
  multipoint?: boolean;
  /** `ip split-horizon eigrp AS` (default on). */
  splitHorizon?: boolean;
  /** `ip next-hop-self eigrp AS` (default on). */
  nextHopSelf?: boolean;
  /** `no next-hop-self no-ecmp-mode` (named mode): every successor, not only the first, is checked for a
   *  next hop on this interface. */
  noEcmpMode?: boolean;
  /** Named mode `add-paths N` (1-4): with `no next-hop-self`, up to N successors learned on this interface
   *  are advertised out of it, each with its own next hop (a DMVPN hub passing on dual-homed prefixes). */
  addPaths?: number;
  /** `ip summary-address eigrp AS prefix mask`. */
  summaries?: Array<{ prefix: string; prefixLength: number }>;
  authentication?: EigrpAuthConfig;
  /** `shutdown` on the interface. */
  shutdown?: boolean;
}

export interface EigrpStubInput {
  connected?: boolean;
  summary?: boolean;
  static?: boolean;
  redistributed?: boolean;
  receiveOnly?: boolean;
}

export interface EigrpConfigInput {
  /** The address family (default ipv4): IPv6 is `ipv6 router eigrp AS` or named mode `address-family ipv6`. */
  family?: EigrpFamilyName;
  as: number;
  routerId?: string;
  /** `network A [W]`. */
  networks?: Array<{ address: string; wildcard?: string }>;
  /** `metric weights 0 K1 K2 K3 K4 K5`. */
  kValues?: KValues;
  variance?: number;
  maximumPaths?: number;
  /** `eigrp stub [connected] [summary] [static] [redistributed] [receive-only]`; `{}` is IOS's default
   *  (connected summary). */
  stub?: EigrpStubInput;
  passiveInterfaces?: string[];
  /** `passive-interface default` (then `no passive-interface X` is every interface not listed). */
  passiveDefault?: boolean;
  redistribute?: { static?: { metric?: MetricInput }; connected?: { metric?: MetricInput } };
  /** The router's static routes (for `redistribute static`); the driver keeps them current. */
  staticRoutes?: Array<{ prefix: string; prefixLength: number; nextHop?: string; interface?: string }>;
  /** `timers active-time` in minutes (IOS default 3; 0 disables). */
  activeTimeMinutes?: number;
  /** `shutdown` under the router process. */
  shutdown?: boolean;
  /** Send wide-metric route TLVs (0x0602/0x0603), as IOS named mode does; default: classic TLVs. */
  wideMetrics?: boolean;
  interfaces: EigrpInterfaceInput[];
}

export interface EigrpInterface {
  name: string;
  address: string;
  prefixLength: number;
  /** IPv6: the global prefixes (connected routes); absent for IPv4 (`address`/`prefixLength`). */
  prefixes?: Array<{ prefix: string; prefixLength: number }>;
  bandwidth: number;
  delayUs: number;
  helloInterval: number;
  holdTime: number;
  multipoint: boolean;
  splitHorizon: boolean;
  nextHopSelf: boolean;
  noEcmpMode: boolean;
  /** 0: one path per prefix (the default). */
  addPaths: number;
  summaries: Array<{ prefix: string; prefixLength: number }>;
  authentication?: EigrpAuthConfig;
  shutdown: boolean;
  /** Covered by a `network` statement: EIGRP runs here and advertises its subnet. */
  enabled: boolean;
  /** `passive-interface`: the subnet is advertised, no Hellos are sent or accepted. */
  passive: boolean;
}

export interface EigrpStub {
  connected: boolean;
  summary: boolean;
  static: boolean;
  redistributed: boolean;
  receiveOnly: boolean;
}

export interface EigrpConfig {
  family: EigrpFamilyName;
  as: number;
  routerId: string;
  networks: Array<{ address: string; wildcard?: string }>;
  kValues: KValues;
  variance: number;
  maximumPaths: number;
  stub?: EigrpStub;
  redistribute: { static?: { metric?: MetricInput }; connected?: { metric?: MetricInput } };
  staticRoutes: Array<{ prefix: string; prefixLength: number; nextHop?: string; interface?: string }>;
  activeTimeMs: number;
  shutdown: boolean;
  /** Route TLVs leave as wide-metric TLVs of the family (named mode), not classic ones. */
  wideMetrics: boolean;
  interfaces: EigrpInterface[];
}

/** The engine's configuration with every IOS default filled in. */
export function resolveConfig(input: EigrpConfigInput | EigrpConfig): EigrpConfig {
  if ('activeTimeMs' in input) return input;
  const networks = input.networks ?? [];
  const passive = new Set(input.passiveInterfaces ?? []);
  const interfaces = input.interfaces.map((i): EigrpInterface => {
    const d = interfaceDefaults(i.name);
    const bandwidth = i.bandwidth ?? d.bandwidth;
    const multipoint = i.multipoint ?? d.multipoint;
    // IOS: multipoint (NBMA) interfaces of T1 speed or less say hello every 60 s, hold 180 s.
    const slow = multipoint && bandwidth <= 1544;
    const helloInterval = i.helloInterval ?? (slow ? 60 : 5);
    return {
      name: i.name,
      address: i.address,
      prefixLength: i.prefixLength,
      ...(i.prefixes ? { prefixes: i.prefixes } : {}),
      bandwidth,
      delayUs: i.delayUs ?? d.delayUs,
      helloInterval,
      holdTime: i.holdTime ?? (i.helloInterval !== undefined ? 3 * helloInterval : slow ? 180 : 15),
      multipoint,
      splitHorizon: i.splitHorizon ?? true,
      nextHopSelf: i.nextHopSelf ?? true,
      noEcmpMode: i.noEcmpMode ?? false,
      addPaths: i.addPaths ?? 0,
      summaries: i.summaries ?? [],
      authentication: i.authentication,
      shutdown: i.shutdown ?? false,
      enabled: i.enabled ?? networks.some((n) => networkCovers(i.address, n.address, n.wildcard)),
      passive: input.passiveDefault ? !passive.has(i.name) : passive.has(i.name),
    };
  });
  const s = input.stub;
  const stub =
    s === undefined
      ? undefined
      : Object.values(s).some(Boolean)
        ? {
            connected: !!s.connected,
            summary: !!s.summary,
            static: !!s.static,
            redistributed: !!s.redistributed,
            receiveOnly: !!s.receiveOnly,
          }
        : { connected: true, summary: true, static: false, redistributed: false, receiveOnly: false };
  return {
    family: input.family ?? 'ipv4',
    as: input.as,
    routerId: input.routerId ?? highestAddress(interfaces.map((i) => i.address)),
    networks,
    kValues: input.kValues ?? DEFAULT_K,
    variance: input.variance ?? 1,
    maximumPaths: input.maximumPaths ?? 4,
    stub,
    redistribute: input.redistribute ?? {},
    staticRoutes: input.staticRoutes ?? [],
    activeTimeMs: (input.activeTimeMinutes ?? 3) * 60_000,
    shutdown: input.shutdown ?? false,
    wideMetrics: input.wideMetrics ?? false,
    interfaces,
  };
}

/** IOS picks the highest interface address as router ID when none is configured. */
function highestAddress(addrs: string[]): string {
  let best = '0.0.0.0';
  for (const a of addrs) if ((parseIpv4(a) ?? 0) > (parseIpv4(best) ?? 0)) best = a;
  return best;
}

/** Whether EIGRP exchanges packets on the interface (enabled, not passive, not shut). */
export function speaks(i: EigrpInterface): boolean {
  return i.enabled && !i.passive && !i.shutdown;
}

/** The prefixes an interface contributes as connected routes. */
export function connectedPrefixes(i: EigrpInterface): Array<{ prefix: string; prefixLength: number }> {
  return i.prefixes ?? [{ prefix: i.address, prefixLength: i.prefixLength }];
}
