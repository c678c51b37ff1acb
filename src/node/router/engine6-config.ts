/**
 * The IPv6 overlay of a Tunnel interface (IPv6 over the IPv4 NBMA): the data plane's IPv6 addresses
 * and the IPv6 NHRP engine's configuration.
 *
 * | IOS (interface TunnelN)                | run time                                             |
 * |----------------------------------------|------------------------------------------------------|
 * | ipv6 address X/len (first)             | engine6 protocolAddress X, prefixLength len; TAP     |
 * | ipv6 address FE80::… link-local        | the TAP's link-local (default FE80::<tunnel source>) |
 * | ipv6 mtu N                             | data plane: longer IPv6 packets get Packet Too Big   |
 * | ipv6 nhrp … (as ip nhrp)               | engine6 (family ipv6): maps, NHS, multicast, Phase 3 |
 * | (the link-local above)                 | engine6 linkLocal: registered and resolved as IOS    |
 */
import type { NhrpEngineConfig } from '../../nhrp/config.js';
import { canonicalIpv6, formatIpv6, parseIpv6 } from '../../wire/ipv6-addr.js';
import type { InterfaceConfig } from '../config/model.js';
import type { Ipv6PortConfig } from '../dataplane/ipv6-link.js';
import { engineConfig } from './engine-config.js';

/**
 * The tunnel's link-local address: configured, else IOS's FE80::<tunnel source IPv4> (RFC 4213 3.7); over
 * an IPv6 NBMA, FE80:: with the tunnel source's two halves XORed as interface identifier (spokes numbered
 * ::1 on their own /64s still get distinct link-locals).
 */
export function tunnelLinkLocal(iface: InterfaceConfig, source: string | undefined): string {
  if (iface.ipv6?.linkLocal !== undefined) return iface.ipv6.linkLocal;
  const bits = source?.includes(':') ? parseIpv6(source) : undefined;
  const low = (1n << 64n) - 1n;
  if (bits !== undefined) return formatIpv6((0xfe80n << 112n) | ((bits >> 64n) ^ (bits & low)));
  return canonicalIpv6(`fe80::${source ?? '0.0.0.1'}`)!;
}

/** Whether an interface runs IPv6 (an `ipv6 address` or `ipv6 enable`). */
export function hasIpv6(iface: InterfaceConfig): boolean {
  const v = iface.ipv6;
  return v !== undefined && (v.addresses.length > 0 || v.linkLocal !== undefined || v.enabled);
}

/** The IPv6 side of a tunnel's plan. */
export function planIpv6(
  iface: InterfaceConfig,
  source: string | undefined,
  notes: string[],
): { port?: Ipv6PortConfig; engine?: NhrpEngineConfig } {
  if (!hasIpv6(iface) || iface.tunnel?.destination !== undefined) return {};
  const port: Ipv6PortConfig = {
    addresses: iface.ipv6!.addresses.map((a) => ({ ...a })),
    linkLocal: tunnelLinkLocal(iface, source),
    ...(iface.ipv6!.mtu !== undefined ? { mtu: iface.ipv6!.mtu } : {}),
  };
  const first = port.addresses[0];
  if (!iface.nhrp6 || source === undefined) return { port };
  if (!first) {
    notes.push('ipv6 nhrp without a global ipv6 address: IPv6 NHRP is off');
    return { port };
  }
  const n6 = iface.nhrp6;
  return {
    port,
    // the link-local address is registered and answered for too (IOS: link-local next hops resolve)
    engine: {
      ...engineConfig(iface, first.address, first.prefixLength, source, notes, n6, 'ipv6'),
      linkLocal: port.linkLocal,
    },
  };
}
