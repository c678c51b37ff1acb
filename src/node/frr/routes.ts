/**
 * Routes of the FRR daemons in our routing table: zebra installs them in the kernel itself (proto
 * ospf 188, bgp 186, rip 189, metric 20), so their kinds have no kernel `proto` of ours and the
 * kernel sync never touches them. A poll of `show ip route json` (and, with ospfd, `show ip ospf
 * route json` for the IA / E1 / E2 codes) at a bounded rate turns zebra's selected routes into
 * RibRoutes with IOS codes, distances and metrics; NHRP's next-hop lookups then see them.
 */
import type { RouterConfig } from '../config/model.js';
import type { RibRoute, RouteKind, RouteSource } from '../rib/route.js';

/** FRR's protocol names that become table routes, with their IOS kinds (no kernel: zebra has them). */
export const FRR_KINDS: Record<'ospf' | 'bgp' | 'rip', RouteKind> = {
  ospf: { name: 'ospf', code: 'O', keyword: 'ospf', distance: 110, metric: 0 },
  bgp: { name: 'bgp', code: 'B', keyword: 'bgp', distance: 20, metric: 0 },
  rip: { name: 'rip', code: 'R', keyword: 'rip', distance: 120, metric: 0 },
};

/** One protocol's routes as the last poll saw them. */
export class FrrProtocolSource implements RouteSource {
  private current: RibRoute[] = [];
  private key = '';
  private changed: () => void = () => undefined;

  constructor(readonly kind: RouteKind) {}

  attach(changed: () => void): void {
    this.changed = changed;
  }

  routes(): readonly RibRoute[] {
    return this.current;
  }

  /** Replaces the routes; tells the table only when something differs (ages aside). */
  update(routes: RibRoute[]): void {
    const key = JSON.stringify(routes.map(({ since: _s, ...r }) => r));
    if (key === this.key) return;
    const old = new Map(this.current.map((r) => [routeId(r), r]));
    // a route that did not change keeps its object (and its age)
    this.current = routes.map((r) => {
      const o = old.get(routeId(r));
      return o && JSON.stringify({ ...o, since: 0 }) === JSON.stringify({ ...r, since: 0 }) ? o : r;
    });
    this.key = key;
    this.changed();
  }
}

function routeId(r: RibRoute): string {
  return `${r.prefix}/${r.prefixLength} ${r.nextHop ?? ''} ${r.device ?? ''}`;
}

/** zebra's protocol names of `show ipv6 route json` for the IPv6 daemons (ospf6d, bgpd, ripngd). */
export const ZEBRA_NAMES6 = { ospf: 'ospf6', bgp: 'bgp', rip: 'ripng' } as const;

/** zebra's `show ip route json` (and `show ipv6 route json`, same shape): prefix → entries. */
export type ZebraRoutes = Record<string, ZebraRoute[]>;

/** One entry of zebra's `show ip route json` (the fields read here). */
export interface ZebraRoute {
  prefix: string;
  protocol: string;
  selected?: boolean;
  distance?: number;
  metric?: number;
  uptime?: string;
  nexthops?: Array<{
    ip?: string;
    interfaceName?: string;
    active?: boolean;
    directlyConnected?: boolean;
    recursive?: boolean;
    resolver?: boolean;
  }>;
}

/** ospfd's `show ip ospf route json`: prefix → { routeType: "N", "N IA", "N E2" … }. */
export type OspfRouteTypes = Record<string, { routeType?: string } | unknown>;

/** Table routes of one protocol from zebra's JSON (`family` 6: `show ipv6 route json`); `now` is the clock. */
export function routesFromZebra(
  json: ZebraRoutes,
  protocol: 'ospf' | 'bgp' | 'rip',
  config: RouterConfig,
  now: number,
  ospfTypes: OspfRouteTypes = {},
  family: 4 | 6 = 4,
): RibRoute[] {
  // zebra names the IPv6 daemons' routes after them: ospf6, ripng (bgp is bgp)
  const zebraName = family === 6 ? ZEBRA_NAMES6[protocol] : protocol;
  const iosName = new Map(Object.values(config.interfaces).map((i) => [i.linuxName, i.name]));
  const out: RibRoute[] = [];
  for (const entries of Object.values(json)) {
    for (const e of entries) {
      if (e.protocol !== zebraName || e.selected !== true) continue;
      const [prefix, len] = e.prefix.split('/');
      const kind = FRR_KINDS[protocol];
      const suffix = protocol === 'ospf' ? ospfSuffix(ospfTypes[e.prefix]) : undefined;
      const hops = e.nexthops ?? [];
      hops.forEach((nh, k) => {
        // a recursive next hop (BGP) is followed by the hops that resolve it: keep the first, with the
        // device of its resolver; a directly connected hop is the network of our own interface
        if (nh.active === false || nh.resolver === true || nh.directlyConnected === true || nh.ip === undefined) return;
        const dev =
          nh.recursive === true ? hops.slice(k + 1).find((h) => h.resolver === true)?.interfaceName : nh.interfaceName;
        const r: RibRoute = {
          source: kind.name,
          prefix,
          prefixLength: Number(len),
          distance: e.distance ?? kind.distance,
          metric: e.metric ?? 0,
          active: true,
          since: now - uptimeMs(e.uptime),
          nextHop: nh.ip,
          from: nh.ip,
        };
        if (dev !== undefined) {
          r.device = dev;
          r.interface = iosName.get(dev) ?? dev;
        }
        if (suffix !== undefined) r.codeSuffix = suffix;
        out.push(r);
      });
    }
  }
  return out;
}

/** "N IA" → IA, "N E2" → E2, "N" → none (IOS prints O, O IA, O E1, O E2, O N1, O N2). */
function ospfSuffix(x: unknown): string | undefined {
  const t = (x as { routeType?: unknown } | undefined)?.routeType;
  if (typeof t !== 'string') return undefined;
  const m = /^N (IA|E1|E2|N1|N2)$/.exec(t.trim());
  return m ? m[1] : undefined;
}

/** FRR uptimes: "00:01:02", "1d02h03m", "02w3d04h". */
export function uptimeMs(text: string | undefined): number {
  if (text === undefined) return 0;
  const hms = /^(\d+):(\d+):(\d+)$/.exec(text);
  if (hms) return ((Number(hms[1]) * 60 + Number(hms[2])) * 60 + Number(hms[3])) * 1000;
  let s = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([wdhms])/g)) {
    s += Number(n) * { w: 604800, d: 86400, h: 3600, m: 60, s: 1 }[u as 'w' | 'd' | 'h' | 'm' | 's'];
  }
  return s * 1000;
}
