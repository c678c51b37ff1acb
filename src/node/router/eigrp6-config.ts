/**
 * The EIGRP engine's configuration for EIGRP for IPv6 (family ipv6) from the router's: the first
 * `ipv6 router eigrp` process (or named mode's `address-family ipv6`), every interface running IPv6,
 * speaking from its link-local address and advertising its global prefixes. Classic mode runs where
 * `ipv6 eigrp AS` is configured; named mode on every IPv6 interface (as IOS). Interface settings merge
 * as for IPv4 (interface `ipv6 … eigrp AS` lines, then af-interface default, then the interface's
 * af-interface). The router ID is `eigrp router-id`, else the highest IPv4 interface address (IOS).
 * Named mode sends wide-metric route TLVs (0x0602/0x0603, family 2), classic mode 0x0402/0x0403.
 */
import type { EigrpConfigInput, EigrpInterfaceInput } from '../../eigrp/index.js';
import { parseIpv4 } from '../../wire/ipv4-addr.js';
import { networkOf6 } from '../../wire/ipv6-addr.js';
import { resolveTunnelSource } from '../config/derive.js';
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { interfaceInput, staticInputs } from './eigrp-config.js';
import { hasIpv6, tunnelLinkLocal } from './engine6-config.js';

/** The link-local address of an interface: configured, a tunnel's IOS default, else the kernel's (`kernelLinkLocal`). */
export function linkLocalOf(
  config: RouterConfig,
  i: InterfaceConfig,
  kernelLinkLocal: (device: string) => string | undefined,
): string | undefined {
  if (i.kind === 'tunnel') return tunnelLinkLocal(i, resolveTunnelSource(config, i).address);
  return i.ipv6?.linkLocal ?? kernelLinkLocal(i.linuxName);
}

/**
 * The engine input of the router's first EIGRP for IPv6 process; undefined when there is none. An
 * interface whose link-local address is not known yet is left out and named in `waiting`.
 */
export function eigrp6Input(
  config: RouterConfig,
  kernelLinkLocal: (device: string) => string | undefined,
  waiting: string[] = [],
): EigrpConfigInput | undefined {
  const p = config.eigrp6?.[0];
  if (!p || p.as === 0) return undefined;
  const passive = new Set(p.passiveDefault ? p.activeInterfaces : p.passiveInterfaces);
  const interfaces: EigrpInterfaceInput[] = [];
  for (const i of Object.values(config.interfaces)) {
    if (!hasIpv6(i)) continue;
    const set = { ...i.eigrp6?.[String(p.as)], ...p.afInterfaces.default, ...p.afInterfaces[i.name] };
    const enabled = p.name !== undefined || set.enabled === true;
    if (!enabled) continue;
    const ll = linkLocalOf(config, i, kernelLinkLocal);
    if (ll === undefined) {
      if (!i.shutdown) waiting.push(i.name);
      continue;
    }
    if (set.passive && !p.passiveDefault) passive.add(i.name);
    interfaces.push({
      ...interfaceInput(i, ll, 64, set, config.keyChains ?? []),
      prefixes: i.ipv6!.addresses.map((a) => ({
        prefix: networkOf6(a.address, a.prefixLength),
        prefixLength: a.prefixLength,
      })),
      enabled: true,
    });
  }
  return {
    family: 'ipv6',
    as: p.as,
    routerId: p.routerId ?? highestIpv4(config) ?? '0.0.0.0',
    ...(p.variance !== undefined ? { variance: p.variance } : {}),
    ...(p.maximumPaths !== undefined ? { maximumPaths: p.maximumPaths } : {}),
    ...(p.stub ? { stub: p.stub } : {}),
    passiveInterfaces: [...passive],
    passiveDefault: p.passiveDefault,
    redistribute: p.redistribute,
    staticRoutes: staticInputs(config.ipv6?.routes ?? []),
    shutdown: p.shutdown,
    wideMetrics: p.name !== undefined,
    interfaces,
  };
}

/** IOS's router ID without `eigrp router-id`: the highest IPv4 address of an interface. */
function highestIpv4(config: RouterConfig): string | undefined {
  let best: string | undefined;
  for (const i of Object.values(config.interfaces)) {
    for (const a of i.addresses) {
      if (best === undefined || (parseIpv4(a.address) ?? 0) > (parseIpv4(best) ?? 0)) best = a.address;
    }
  }
  return best;
}
