/**
 * The IPv6 part of the routing check: where the configs run OSPFv3 (`ipv6 router ospf`), RIPng
 * (`ipv6 router rip`), EIGRP for IPv6 (`ipv6 router eigrp`, named `address-family ipv6`) or BGP's
 * `address-family ipv6`, every IPv6 LAN a router advertises (an interface with `ipv6 ospf N area A`,
 * `ipv6 rip NAME enable` or EIGRP for IPv6 on it and an `ipv6 address`, or a BGP ipv6 `network`)
 * must reach every other router of that protocol as a route of that protocol (`show ipv6 route
 * json`: O/OI/OE…, R, D/EX, B), or be covered by one (a hub's summary); a static or connected route does
 * not count. Waits within the routing budget. Adjacencies are judged through the prefixes.
 */
import { inPrefix6, networkOf6 } from '../../wire/ipv6-addr.js';
import { controlJson } from '../../node/api/index.js';
import type { RouteTableJson, RunningConfigJson } from '../../node/api/index.js';
import { type CheckContext, waitEnd } from './context.js';
import { result, type CheckResult } from './model.js';
import type { LabView, RouterView } from './view.js';

/** The IPv6 routing protocols the check knows, with the route codes each gives. */
export type Routing6Protocol = 'ospf' | 'rip' | 'eigrp' | 'bgp';
const CODES: Record<Routing6Protocol, RegExp> = { ospf: /^O/, rip: /^R$/, eigrp: /^(D|EX)$/, bgp: /^B$/ };
const NAME: Record<Routing6Protocol, string> = {
  ospf: 'OSPFv3',
  rip: 'RIPng',
  eigrp: 'EIGRP for IPv6',
  bgp: 'BGP IPv6',
};

interface Prefix6 {
  address: string;
  prefixLength: number;
}

/** The IPv6 addresses of an interface as `show running-config json` gives them (none: empty). */
function ipv6Of(i: RunningConfigJson['interfaces'][string]): Prefix6[] {
  const v = (i as { ipv6?: { addresses?: Prefix6[] } }).ipv6;
  return v?.addresses ?? [];
}

/** The IPv6 protocols `config` runs. */
export function routing6Protocols(config: RunningConfigJson): Routing6Protocol[] {
  const r = config.routing;
  const out: Routing6Protocol[] = [];
  if (r?.ospf6) out.push('ospf');
  if (r?.ripng) out.push('rip');
  if (eigrp6Of(config)) out.push('eigrp');
  if (r?.bgp?.ipv6) out.push('bgp');
  return out;
}

/** The EIGRP for IPv6 process a router runs (the first, as dmvpnd), if any. */
function eigrp6Of(config: RunningConfigJson): NonNullable<RunningConfigJson['eigrp6']>[number] | undefined {
  const p = config.eigrp6?.[0];
  return p && p.as > 0 && !p.shutdown ? p : undefined;
}

/** Whether EIGRP for IPv6 runs on `i`: named mode on every IPv6 interface, classic with `ipv6 eigrp AS`. */
function eigrp6On(config: RunningConfigJson, i: RunningConfigJson['interfaces'][string]): boolean {
  const p = eigrp6Of(config);
  if (!p) return false;
  return p.name !== undefined || i.eigrp6?.[String(p.as)]?.enabled === true;
}

/** The LAN prefixes (not the tunnel's) a router advertises through `p`. */
export function advertised6(config: RunningConfigJson, p: Routing6Protocol): Prefix6[] {
  if (p === 'bgp') return config.routing?.bgp?.ipv6?.networks ?? [];
  const out: Prefix6[] = [];
  for (const i of Object.values(config.interfaces)) {
    if (i.kind === 'tunnel' || i.shutdown) continue;
    const x = i.ipv6Routing;
    const on =
      p === 'ospf' ? x?.ospf?.area !== undefined : p === 'eigrp' ? eigrp6On(config, i) : x?.rip?.enabled === true;
    if (!on) continue;
    for (const a of ipv6Of(i))
      out.push({ address: networkOf6(a.address, a.prefixLength), prefixLength: a.prefixLength });
  }
  return out;
}

/** One router's expectation: `prefix` of `origin` learned through `protocol`. */
export interface Expected6 {
  protocol: Routing6Protocol;
  receiver: RouterView;
  origin: RouterView;
  prefixes: Prefix6[];
}

/** Every (receiver, origin, protocol) with the origin's advertised prefixes. */
export function expectedRoutes6(view: LabView): Expected6[] {
  const out: Expected6[] = [];
  for (const p of ['ospf', 'rip', 'eigrp', 'bgp'] as const) {
    const routers = view.routers.filter((r) => routing6Protocols(r.config).includes(p));
    for (const receiver of routers)
      for (const origin of routers) {
        if (origin === receiver) continue;
        const prefixes = advertised6(origin.config, p);
        if (prefixes.length > 0) out.push({ protocol: p, receiver, origin, prefixes });
      }
  }
  return out;
}

type Rows = RouteTableJson['routes'];

/**
 * The route of `protocol` at the receiver for `want` (itself or a covering one), or undefined. A
 * summary's discard route (via Null0, at the router that summarises) is not a learned route.
 */
function learned(rows: Rows, p: Routing6Protocol, want: Prefix6): Rows[number] | undefined {
  return rows.find(
    (r) =>
      CODES[p].test(r.code) &&
      r.interface !== 'Null0' &&
      r.prefixLength <= want.prefixLength &&
      inPrefix6(want.address, r.prefix, r.prefixLength),
  );
}

/**
 * Reads `show ipv6 route json` of each router, until every expectation holds or `budgetMs` passes
 * (from the last configuration change, see waitEnd).
 */
export async function routing6Results(ctx: CheckContext, budgetMs: number): Promise<CheckResult[]> {
  const expected = expectedRoutes6(ctx.view);
  if (expected.length === 0) return [];
  const receivers = [...new Set(expected.map((e) => e.receiver))];
  const t0 = Date.now();
  const end = waitEnd(ctx, budgetMs, t0);
  const firstOk = new Map<Expected6, number>();
  let rows = new Map<string, Rows>();
  const ok = (e: Expected6) => e.prefixes.every((x) => learned(rows.get(e.receiver.name) ?? [], e.protocol, x));
  const upTo = `${Math.round((end - t0) / 100) / 10} s`;
  ctx.progress(`routing: waiting up to ${upTo} for ${expected.length} IPv6 route sets`);
  for (;;) {
    rows = new Map(
      await Promise.all(
        receivers.map(async (r) => {
          const j = (await controlJson(r.control, 'show ipv6 route', 3000).catch(() => undefined)) as
            | RouteTableJson
            | undefined;
          return [r.name, j?.routes ?? []] as const;
        }),
      ),
    );
    const now = Date.now();
    for (const e of expected) if (!firstOk.has(e) && ok(e)) firstOk.set(e, now);
    if (expected.every(ok) || now >= end) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return expected.map((e) => {
    const at = firstOk.get(e);
    const figures = { upAfterMs: at === undefined ? null : at - t0, prefixes: e.prefixes.length };
    const nodes = [e.receiver.name, e.origin.name];
    const have = rows.get(e.receiver.name) ?? [];
    const shown = [
      {
        node: e.receiver.name,
        command: 'show ipv6 route',
        lines: have.map((r) => `${r.code} ${r.network} via ${r.nextHop ?? r.interface ?? '?'}`),
      },
    ];
    const missing = e.prefixes.filter((x) => !learned(have, e.protocol, x));
    const name = NAME[e.protocol];
    if (missing.length > 0) {
      const list = missing.map((x) => `${x.address}/${x.prefixLength}`).join(', ');
      return result('routing', nodes, 'fail', `${e.receiver.name} has no ${name} route to ${e.origin.name}'s ${list}`, {
        figures,
        shown,
      });
    }
    const list = e.prefixes
      .map((x) => {
        const r = learned(have, e.protocol, x)!;
        return `${x.address}/${x.prefixLength} (${r.code} via ${r.nextHop ?? r.interface})`;
      })
      .join('; ');
    return result('routing', nodes, 'pass', `${e.receiver.name} learned ${e.origin.name}'s ${list} by ${name}`, {
      figures,
      shown,
    });
  });
}
