/** The routes an Update, Query or Reply carries for the engine's family, classic and wide-metric TLVs alike. */
import type { ClassicMetric, EigrpPacket, ExternalData } from '../wire/eigrp/index.js';
import { EIGRP_IPV4, type EigrpFamily } from './family.js';
import { classicOfWide } from './metric.js';

/** One route of a packet: destination, reported vector, next-hop field, external data. */
export interface RouteItem {
  prefix: string;
  prefixLength: number;
  metric: ClassicMetric;
  nextHop: string;
  external?: ExternalData;
  /** The router ID of a wide-metric TLV: the route's originator (absent in classic TLVs). */
  origin?: string;
}

/** The routes of `fam` in an Update, Query or Reply (TLVs of the other family are ignored). */
export function routeItems(p: EigrpPacket, fam: EigrpFamily = EIGRP_IPV4): RouteItem[] {
  const out: RouteItem[] = [];
  for (const t of p.tlvs) {
    if (!fam.carries(t)) continue;
    if (
      t.type === 'ipv4Internal' ||
      t.type === 'ipv4External' ||
      t.type === 'ipv6Internal' ||
      t.type === 'ipv6External'
    ) {
      const external = t.type === 'ipv4External' || t.type === 'ipv6External' ? t.external : undefined;
      for (const d of t.destinations) out.push({ ...d, metric: t.metric, nextHop: t.nextHop, external });
    } else if (t.type === 'wideInternal' || t.type === 'wideExternal') {
      const external = t.type === 'wideExternal' ? t.external : undefined;
      const metric = classicOfWide(t.metric);
      for (const d of t.destinations) out.push({ ...d, metric, nextHop: t.nextHop, external, origin: t.routerId });
    }
  }
  return out;
}
