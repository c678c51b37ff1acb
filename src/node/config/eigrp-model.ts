/**
 * EIGRP settings as the IOS configuration states them: `router eigrp AS` (classic) or `router eigrp
 * NAME` / `address-family ipv4 unicast autonomous-system AS` (named mode), the interface-level
 * `ip … eigrp AS` lines, and `key chain` blocks. EIGRP for IPv6 (`ipv6 router eigrp AS`, named mode's
 * `address-family ipv6`, interface `ipv6 … eigrp AS`) uses the same shapes in RouterConfig.eigrp6 and
 * InterfaceConfig.eigrp6. Plain JSON, like the rest of RouterConfig; the
 * router translates it into the engine's config (src/node/router/eigrp-config.ts).
 */

/** `eigrp stub [connected] [summary] [static] [redistributed] [receive-only]`. */
export interface EigrpStubSettings {
  connected: boolean;
  summary: boolean;
  static: boolean;
  redistributed: boolean;
  receiveOnly: boolean;
}

/** `redistribute … metric BW DELAY REL LOAD MTU`. */
export interface EigrpMetricSettings {
  bandwidth: number;
  delay: number;
  reliability: number;
  load: number;
  mtu: number;
}

/** Per-interface EIGRP settings: `ip … eigrp AS` (classic) or an `af-interface` block (named mode). */
export interface EigrpIfSettings {
  /** `ipv6 eigrp AS`: EIGRP for IPv6 runs on the interface (IPv4 interfaces join through `network`). */
  enabled?: boolean;
  /** `no ip split-horizon eigrp AS` sets false. */
  splitHorizon?: boolean;
  /** `no ip next-hop-self eigrp AS` sets false. */
  nextHopSelf?: boolean;
  /** Named mode `no next-hop-self no-ecmp-mode`. */
  noEcmpMode?: boolean;
  /** Named mode `add-paths N` (1-4). */
  addPaths?: number;
  summaries?: Array<{ prefix: string; prefixLength: number }>;
  helloInterval?: number;
  holdTime?: number;
  /** `md5` (with a key chain) or `hmac-sha-256` (with its password). */
  authMode?: 'md5' | 'hmac-sha-256';
  authKey?: string;
  keyChain?: string;
  /** Named mode `af-interface X` / `passive-interface`. */
  passive?: boolean;
}

/** One EIGRP process. */
export interface EigrpProcessConfig {
  /** Named mode: the process name (`router eigrp NAME`); absent in classic mode. */
  name?: string;
  as: number;
  routerId?: string;
  networks: Array<{ address: string; wildcard?: string }>;
  autoSummary: boolean;
  stub?: EigrpStubSettings;
  passiveDefault: boolean;
  passiveInterfaces: string[];
  /** `no passive-interface X` under `passive-interface default`. */
  activeInterfaces: string[];
  redistribute: { static?: { metric?: EigrpMetricSettings }; connected?: { metric?: EigrpMetricSettings } };
  variance?: number;
  maximumPaths?: number;
  shutdown: boolean;
  /** Named mode `af-interface` blocks, keyed by canonical IOS name (`default` for af-interface default). */
  afInterfaces: Record<string, EigrpIfSettings>;
}

/** `key chain NAME` / `key N` / `key-string S`. */
export interface KeyChain {
  name: string;
  keys: Array<{ id: number; keyString?: string }>;
}

/** A process with nothing configured. */
export function newEigrpProcess(as: number, name?: string): EigrpProcessConfig {
  return {
    ...(name !== undefined ? { name } : {}),
    as,
    networks: [],
    autoSummary: false,
    passiveDefault: false,
    passiveInterfaces: [],
    activeInterfaces: [],
    redistribute: {},
    shutdown: false,
    afInterfaces: {},
  };
}
