/**
 * Routes this router originates: connected subnets of interfaces under `network` (internal),
 * `redistribute connected` / `redistribute static` (external, protocol 11 / 3, with the configured
 * metric or the exit interface's), and `ip summary-address eigrp` (internal, present while any
 * more specific route is reachable, with the best component's vector; installed to Null0).
 */
import type { ClassicMetric, ExternalData } from '../wire/eigrp/index.js';
import { connectedPrefixes, type EigrpConfig, type MetricInput } from './config.js';
import { moreSpecific, prefixKey } from './ip.js';
import { composite, linkMetric } from './metric.js';
import type { LocalOrigin, Topology } from './topology.js';

export interface WantedOrigin extends LocalOrigin {
  prefix: string;
  prefixLength: number;
}

const EXTERNAL_PROTOCOL = { static: 3, connected: 11 } as const;

/** The address part of a prefix key. */
const keyPrefix = (key: string): string => key.slice(0, key.lastIndexOf('/'));

function metricOf(m: MetricInput): ClassicMetric {
  return {
    ...linkMetric(m.bandwidth, m.delay * 10, m.mtu ?? 1500),
    reliability: m.reliability ?? 255,
    load: m.load ?? 1,
  };
}

/** Connected and redistributed origins the configuration asks for, by prefix key. */
export function configuredOrigins(cfg: EigrpConfig): Map<string, WantedOrigin> {
  const out = new Map<string, WantedOrigin>();
  const k = cfg.kValues;
  const ext = (protocol: number): ExternalData => ({
    originatingRouter: cfg.routerId,
    originatingAs: cfg.as,
    adminTag: 0,
    externalMetric: 0,
    reserved: 0,
    protocol,
    flags: 0,
  });
  const put = (o: WantedOrigin): void => {
    const key = prefixKey(o.prefix, o.prefixLength);
    const cur = out.get(key);
    if (!cur || (cur.kind !== 'connected' && o.kind === 'connected')) out.set(key, { ...o, prefix: keyPrefix(key) });
  };
  for (const i of cfg.interfaces) {
    if (i.shutdown) continue;
    const m = linkMetric(i.bandwidth, i.delayUs);
    for (const c of connectedPrefixes(i)) {
      if (i.enabled) {
        put({
          kind: 'connected',
          iface: i.name,
          prefix: c.prefix,
          prefixLength: c.prefixLength,
          metric: m,
          distance: composite(m, k),
        });
      } else if (cfg.redistribute.connected) {
        const rm = cfg.redistribute.connected.metric ? metricOf(cfg.redistribute.connected.metric) : m;
        put({
          kind: 'redistributed',
          iface: i.name,
          prefix: c.prefix,
          prefixLength: c.prefixLength,
          metric: rm,
          distance: composite(rm, k),
          external: ext(EXTERNAL_PROTOCOL.connected),
        });
      }
    }
  }
  if (cfg.redistribute.static) {
    for (const s of cfg.staticRoutes) {
      const exit = cfg.interfaces.find((i) => i.name === s.interface);
      const given = cfg.redistribute.static.metric;
      const m = given ? metricOf(given) : exit ? linkMetric(exit.bandwidth, exit.delayUs) : linkMetric(1_000_000, 10);
      put({
        kind: 'redistributed',
        iface: s.interface,
        prefix: s.prefix,
        prefixLength: s.prefixLength,
        metric: m,
        distance: composite(m, k),
        external: ext(EXTERNAL_PROTOCOL.static),
      });
    }
  }
  return out;
}

/** Every configured summary: prefix key → the interfaces carrying it. */
export function configuredSummaries(
  cfg: EigrpConfig,
): Map<string, { prefix: string; prefixLength: number; on: string[] }> {
  const out = new Map<string, { prefix: string; prefixLength: number; on: string[] }>();
  for (const i of cfg.interfaces) {
    if (i.shutdown || !i.enabled) continue;
    for (const s of i.summaries) {
      const key = prefixKey(s.prefix, s.prefixLength);
      const cur = out.get(key) ?? { prefix: keyPrefix(key), prefixLength: s.prefixLength, on: [] };
      cur.on.push(i.name);
      out.set(key, cur);
    }
  }
  return out;
}

/** The summary origin for `s` given the table now: the best reachable component, or none. */
export function summaryOrigin(
  topo: Topology,
  s: { prefix: string; prefixLength: number; on: string[] },
  cfg: EigrpConfig,
): LocalOrigin | undefined {
  let best: ClassicMetric | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const e of topo.entries.values()) {
    if (e.metric === undefined || e.local?.kind === 'summary') continue;
    if (!moreSpecific(e.prefix, e.prefixLength, s.prefix, s.prefixLength)) continue;
    const d = composite(e.metric, cfg.kValues);
    if (d < bestD) {
      bestD = d;
      best = e.metric;
    }
  }
  if (!best) return undefined;
  return { kind: 'summary', summaryOn: s.on, metric: best, distance: bestD };
}
