/**
 * The address family one EIGRP engine runs for: IPv4 (`router eigrp AS`) or IPv6 (`ipv6 router eigrp
 * AS`, named mode `address-family ipv6`). What differs: the multicast group (224.0.0.10 / FF02::A),
 * the next-hop value meaning "this router" (0.0.0.0 / ::), the classic route TLVs (0x0102/0x0103 or
 * 0x0402/0x0403) and the family identifier of the wide-metric ones (1 or 2), the tag of log and show
 * lines, and which next-hop field is usable on an interface (IPv4: on the interface's subnet; IPv6: a
 * link-local address, or one in the interface's prefixes — IOS EIGRP for IPv6 talks from and to
 * link-local addresses).
 */
import { Afi, type ClassicMetric, type EigrpTlv, type ExternalData } from '../wire/eigrp/index.js';
import { inPrefix } from '../wire/ipv4-addr.js';
import { inPrefix6, isLinkLocal6 } from '../wire/ipv6-addr.js';
import { wideOfClassic } from './metric.js';

export type EigrpFamilyName = 'ipv4' | 'ipv6';

/** An interface as the family's on-link test reads it. */
export interface OnLinkView {
  address: string;
  prefixLength: number;
  prefixes?: ReadonlyArray<{ prefix: string; prefixLength: number }>;
}

export interface EigrpFamily {
  name: EigrpFamilyName;
  /** Where Hellos and multicast Updates go (RFC 7868 5.2; FF02::A for IPv6). */
  multicast: string;
  /** The next-hop field meaning "the sender". */
  self: string;
  /** `EIGRP-IPv4` / `EIGRP-IPv6`, as IOS prefixes log and show lines. */
  tag: string;
  /** The family identifier of wide-metric TLVs (1 IPv4, 2 IPv6). */
  afi: number;
  /** One classic route TLV for one destination. */
  routeTlv(prefix: string, prefixLength: number, m: ClassicMetric, nextHop: string, ext?: ExternalData): EigrpTlv;
  /** Whether a received next-hop field names a third party reachable on `iface` (else the sender is used). */
  onLink(nextHop: string, iface: OnLinkView): boolean;
  /** Whether a route TLV belongs to this family. */
  carries(t: EigrpTlv): boolean;
}

export const EIGRP_IPV4: EigrpFamily = {
  name: 'ipv4',
  multicast: '224.0.0.10',
  self: '0.0.0.0',
  tag: 'EIGRP-IPv4',
  afi: Afi.Ipv4,
  routeTlv: (prefix, prefixLength, metric, nextHop, external) => {
    const destinations = [{ prefix, prefixLength }];
    return external
      ? { type: 'ipv4External', nextHop, external, metric, destinations }
      : { type: 'ipv4Internal', nextHop, metric, destinations };
  },
  onLink: (nh, i) => nh !== '0.0.0.0' && nh !== i.address && inPrefix(nh, i.address, i.prefixLength),
  carries: (t) =>
    t.type === 'ipv4Internal' ||
    t.type === 'ipv4External' ||
    ((t.type === 'wideInternal' || t.type === 'wideExternal') && t.afi === Afi.Ipv4),
};

export const EIGRP_IPV6: EigrpFamily = {
  name: 'ipv6',
  multicast: 'ff02::a',
  self: '::',
  tag: 'EIGRP-IPv6',
  afi: Afi.Ipv6,
  routeTlv: (prefix, prefixLength, metric, nextHop, external) => {
    const destinations = [{ prefix, prefixLength }];
    return external
      ? { type: 'ipv6External', nextHop, external, metric, destinations }
      : { type: 'ipv6Internal', nextHop, metric, destinations };
  },
  onLink: (nh, i) =>
    nh !== '::' &&
    nh !== i.address &&
    (isLinkLocal6(nh) || (i.prefixes ?? []).some((p) => inPrefix6(nh, p.prefix, p.prefixLength))),
  carries: (t) =>
    t.type === 'ipv6Internal' ||
    t.type === 'ipv6External' ||
    ((t.type === 'wideInternal' || t.type === 'wideExternal') && t.afi === Afi.Ipv6),
};

/** The family by name (IPv4 when absent). */
export function eigrpFamily(name: EigrpFamilyName | undefined): EigrpFamily {
  return name === 'ipv6' ? EIGRP_IPV6 : EIGRP_IPV4;
}

/**
 * One wide-metric route TLV (0x0602, or 0x0603 with external data) of the family, as IOS named mode
 * sends it: topology 0 (base), the family identifier, `routerId` (the route's originator), the
 * classic vector as a wide metric.
 */
export function wideRouteTlv(
  f: EigrpFamily,
  routerId: string,
  prefix: string,
  prefixLength: number,
  m: ClassicMetric,
  nextHop: string,
  external?: ExternalData,
): EigrpTlv {
  const common = { topology: 0, afi: f.afi, routerId, metric: wideOfClassic(m), nextHop };
  const destinations = [{ prefix, prefixLength }];
  return external
    ? { type: 'wideExternal', ...common, external, destinations }
    : { type: 'wideInternal', ...common, destinations };
}
