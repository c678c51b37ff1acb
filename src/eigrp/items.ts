/** The IPv4 routes an Update, Query or Reply carries, classic and wide-metric TLVs alike. */
import type { ClassicMetric, EigrpPacket, ExternalData } from '../wire/eigrp/index.js';
import { classicOfWide } from './metric.js';

/** One route of a packet: destination, reported vector, next-hop field, external data. */
export interface RouteItem {
  prefix: string;
  prefixLength: number;
  metric: ClassicMetric;
  nextHop: string;
  external?: ExternalData;
}

/** The IPv4 routes of an Update, Query or Reply, classic and wide TLVs alike. */
export function routeItems(p: EigrpPacket): RouteItem[] {
  const out: RouteItem[] = [];
  for (const t of p.tlvs) {
    if (t.type === 'ipv4Internal' || t.type === 'ipv4External') {
      const external = t.type === 'ipv4External' ? t.external : undefined;
      for (const d of t.destinations) out.push({ ...d, metric: t.metric, nextHop: t.nextHop, external });
    } else if ((t.type === 'wideInternal' || t.type === 'wideExternal') && t.afi === 1) {
      const external = t.type === 'wideExternal' ? t.external : undefined;
      const metric = classicOfWide(t.metric);
      for (const d of t.destinations) out.push({ ...d, metric, nextHop: t.nextHop, external });
    }
  }
  return out;
}
