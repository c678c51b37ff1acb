/** The `dmvpnd --check-config` report: what took effect, what was ignored, what was refused. JSON for scripts. */
import type { ConfigErrorInit } from './errors.js';
import type { CryptoConfig } from './crypto-model.js';
import { effectiveNhrpMaps, multicastTargets, resolveTunnelSource, type ResolvedSource } from './derive.js';
import type { InterfaceConfig, NhrpMap, RouterConfig, StaticRoute } from './model.js';
import type { AddressLine, ConfigWarning, IgnoredLine, ParseResult } from './result.js';

/** One interface as the report shows it. */
export interface CheckInterface {
  name: string;
  kind: InterfaceConfig['kind'];
  linuxName: string;
  state: 'up' | 'administratively down';
  /** "A.B.C.D/len", secondaries marked " secondary". */
  addresses: string[];
  mtu?: number;
  adjustMss?: number;
  description?: string;
}

/** A tunnel with its settings resolved for the reader. */
export interface CheckTunnel {
  name: string;
  linuxName: string;
  config: NonNullable<InterfaceConfig['tunnel']>;
  source: ResolvedSource;
  /** `tunnel protection` is configured: the tunnel's GRE goes only in ESP (IKEv2). */
  protectionActive: boolean;
  nhrp: NonNullable<InterfaceConfig['nhrp']> & {
    enabled: boolean;
    effectiveMaps: NhrpMap[];
    multicast: { nbma: string[]; dynamic: boolean };
  };
}

/** The whole report (the `--json` output). */
export interface ConfigCheckReport {
  file: string;
  /** True when no line was refused. */
  ok: boolean;
  hostname: string;
  interfaces: CheckInterface[];
  tunnels: CheckTunnel[];
  routes: StaticRoute[];
  crypto: CryptoConfig & { active: false };
  ignored: IgnoredLine[];
  warnings: ConfigWarning[];
  errors: Array<ConfigErrorInit & { message: string }>;
  /** Each address in force and where it is written. */
  addressLines: AddressLine[];
  /** The full parsed configuration, for tools that want everything. */
  config: RouterConfig;
}

/** Builds the report from a parse result. */
export function buildCheckReport(result: ParseResult, file: string): ConfigCheckReport {
  const { config } = result;
  const ifaces = Object.values(config.interfaces);
  return {
    file,
    ok: result.errors.length === 0,
    hostname: config.hostname,
    interfaces: ifaces.map(checkInterface),
    tunnels: ifaces.filter((i) => i.tunnel && i.nhrp).map((i) => checkTunnel(config, i)),
    routes: config.routes,
    crypto: { ...config.crypto, active: false },
    ignored: result.ignored,
    warnings: result.warnings,
    errors: result.errors.map((e) => e.toJSON()),
    addressLines: result.addressLines ?? [],
    config,
  };
}

/** The report as JSON text (one document, trailing newline). */
export function renderCheckJson(report: ConfigCheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function checkInterface(i: InterfaceConfig): CheckInterface {
  const out: CheckInterface = {
    name: i.name,
    kind: i.kind,
    linuxName: i.linuxName,
    state: i.shutdown ? 'administratively down' : 'up',
    addresses: i.addresses.map((a) => `${a.address}/${a.prefixLength}${a.secondary ? ' secondary' : ''}`),
  };
  if (i.mtu !== undefined) out.mtu = i.mtu;
  if (i.adjustMss !== undefined) out.adjustMss = i.adjustMss;
  if (i.description !== undefined) out.description = i.description;
  return out;
}

function checkTunnel(config: RouterConfig, i: InterfaceConfig): CheckTunnel {
  const n = i.nhrp!;
  return {
    name: i.name,
    linuxName: i.linuxName,
    config: i.tunnel!,
    source: resolveTunnelSource(config, i),
    protectionActive: i.tunnel?.protection !== undefined,
    nhrp: {
      ...n,
      enabled: n.networkId !== undefined,
      effectiveMaps: effectiveNhrpMaps(n),
      multicast: multicastTargets(n),
    },
  };
}
