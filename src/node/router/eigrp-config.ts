/**
 * The EIGRP engine's configuration (src/eigrp/config.ts) from the router's: the first `router eigrp`
 * process, every interface with an address (IOS names), the interface-level `ip … eigrp AS` lines
 * merged with named mode's af-interface blocks (af-interface default first), key chains resolved to
 * their first key with a key-string, and the static routes for `redistribute static`.
 */
import type { EigrpAuthConfig, EigrpConfigInput, EigrpInterfaceInput } from '../../eigrp/index.js';
import type { EigrpIfSettings, EigrpProcessConfig, KeyChain } from '../config/eigrp-model.js';
import type { InterfaceConfig, RouterConfig } from '../config/model.js';

/** The engine input of the router's first EIGRP process; undefined when there is none. */
export function eigrpInput(config: RouterConfig): EigrpConfigInput | undefined {
  const p = config.eigrp?.[0];
  if (!p || p.as === 0) return undefined;
  const passive = new Set(p.passiveDefault ? p.activeInterfaces : p.passiveInterfaces);
  const interfaces: EigrpInterfaceInput[] = [];
  for (const i of Object.values(config.interfaces)) {
    const a = i.addresses.find((x) => !x.secondary);
    if (!a) continue;
    const set = settingsOf(p, i);
    if (set.passive && !p.passiveDefault) passive.add(i.name);
    interfaces.push(interfaceInput(i, a.address, a.prefixLength, set, config.keyChains ?? []));
  }
  return {
    as: p.as,
    ...(p.routerId !== undefined ? { routerId: p.routerId } : {}),
    networks: p.networks,
    ...(p.variance !== undefined ? { variance: p.variance } : {}),
    ...(p.maximumPaths !== undefined ? { maximumPaths: p.maximumPaths } : {}),
    ...(p.stub ? { stub: p.stub } : {}),
    passiveInterfaces: [...passive],
    passiveDefault: p.passiveDefault,
    redistribute: p.redistribute,
    staticRoutes: staticInputs(config.routes),
    shutdown: p.shutdown,
    wideMetrics: p.name !== undefined,
    interfaces,
  };
}

/** Interface-level lines first, then af-interface default, then the interface's af-interface block. */
function settingsOf(p: EigrpProcessConfig, i: InterfaceConfig): EigrpIfSettings {
  return { ...i.eigrp?.[String(p.as)], ...p.afInterfaces.default, ...p.afInterfaces[i.name] };
}

export function interfaceInput(
  i: InterfaceConfig,
  address: string,
  prefixLength: number,
  s: EigrpIfSettings,
  chains: readonly KeyChain[],
): EigrpInterfaceInput {
  const auth = authOf(s, chains);
  return {
    name: i.name,
    address,
    prefixLength,
    ...(i.bandwidth !== undefined ? { bandwidth: i.bandwidth } : {}),
    ...(i.delay !== undefined ? { delayUs: i.delay * 10 } : {}),
    ...(s.helloInterval !== undefined ? { helloInterval: s.helloInterval } : {}),
    ...(s.holdTime !== undefined ? { holdTime: s.holdTime } : {}),
    multipoint: i.tunnel?.mode === 'gre-multipoint',
    ...(s.splitHorizon !== undefined ? { splitHorizon: s.splitHorizon } : {}),
    ...(s.nextHopSelf !== undefined ? { nextHopSelf: s.nextHopSelf } : {}),
    ...(s.noEcmpMode ? { noEcmpMode: true } : {}),
    ...(s.addPaths !== undefined ? { addPaths: s.addPaths } : {}),
    ...(s.summaries ? { summaries: s.summaries } : {}),
    ...(auth ? { authentication: auth } : {}),
    shutdown: i.shutdown,
  };
}

/** The static routes `redistribute static` offers the engine. */
export function staticInputs(routes: RouterConfig['routes']): NonNullable<EigrpConfigInput['staticRoutes']> {
  return routes.map((r) => ({
    prefix: r.prefix.address,
    prefixLength: r.prefix.prefixLength,
    ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
    ...(r.interface !== undefined ? { interface: r.interface } : {}),
  }));
}

/** md5 takes the key chain's first key with a key-string (no lifetimes); hmac-sha-256 its password. */
function authOf(s: EigrpIfSettings, chains: readonly KeyChain[]): EigrpAuthConfig | undefined {
  if (s.authMode === 'hmac-sha-256' && s.authKey !== undefined) return { mode: 'sha256', password: s.authKey };
  if (s.authMode !== 'md5' || s.keyChain === undefined) return undefined;
  const key = chains.find((c) => c.name === s.keyChain)?.keys.find((k) => k.keyString !== undefined);
  return key ? { mode: 'md5', key: key.keyString!, keyId: key.id } : undefined;
}
