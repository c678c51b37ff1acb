/**
 * The router's IPv6 routing table (`show ipv6 route`): connected and local routes of the interfaces'
 * `ipv6 address` lines, static routes (`ipv6 route`), NHRP shortcut routes of the IPv6 engines
 * (code H, kernel proto 250 metric 0, as for IPv4), and EIGRP for IPv6's routes (D, EX; a summary's
 * Null0 route is a kernel blackhole). The kernel follows it through `ip route` (the
 * family is the addresses'); the IPv6 engines' RouteLookup is a longest-prefix match over it.
 * Kept apart from the IPv4 table (./rib.ts) so that IPv4 behaves as before. The IPv6 routing
 * protocols' routes (FRR's OSPFv3, BGP IPv6, RIPng) join through setProtocolRoutes; zebra installs
 * those in the kernel, so the sync here leaves them alone.
 */
import type { RouteLookup } from '../../nhrp/routes.js';
import { inPrefix6, longestMatch6, networkOf6 } from '../../wire/ipv6-addr.js';
import type { RouterConfig } from '../config/model.js';
import { ipBatch, type IpCommand } from '../sys/iproute.js';
import { hasIpv6 } from './engine6-config.js';
import { NHRP_PROTO } from './kernel-routes.js';
import { routeKind } from '../rib/kinds.js';
import { ipv6Code } from '../show/route6.js';
import type { RibRoute } from '../rib/route.js';
import type { EigrpRoute } from '../../eigrp/index.js';

/** The kernel protocol number of EIGRP routes (as for IPv4). */
const EIGRP_PROTO = routeKind('eigrp')?.kernel?.proto ?? '192';

/** One IPv6 route as `show ipv6 route` lists it. */
export interface Rib6Route {
  /** C, L, S, H, or a routing protocol's code (O, B, R). */
  code: string;
  protocol: 'connected' | 'local' | 'static' | 'nhrp' | 'ospf' | 'bgp' | 'rip' | 'eigrp';
  prefix: string;
  prefixLength: number;
  nextHop?: string;
  interface?: string;
  device?: string;
  distance: number;
  metric: number;
  /** Clock ms when it was installed (shortcuts). */
  since?: number;
}

/** A tunnel's IPv6 facts the static routes need: its device and its first IPv6 NHS. */
export interface Tunnel6Info {
  device: string;
  nhs?: string;
}

/** The IPv6 table and its kernel routes. */
export class Rib6 {
  private routes: Rib6Route[] = [];
  private readonly shortcuts = new Map<string, Rib6Route>();
  /** The routing protocols' routes (FRR's IPv6 sources); zebra has them in the kernel already. */
  private protocols: Rib6Route[] = [];
  /** EIGRP for IPv6's routes (ours: installed in the kernel here). */
  private eigrp: Rib6Route[] = [];
  private installed = new Map<string, string[]>();
  /** IPv6 NHSs the engines last reported down, as `device|address`: static routes through them are withdrawn. */
  private readonly downNhs = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: (line: string) => void) {}

  /** Rebuilds connected, local and static routes from the config (shortcuts kept). */
  setConfig(config: RouterConfig, tunnels: ReadonlyMap<string, Tunnel6Info>): void {
    const out: Rib6Route[] = [];
    for (const i of Object.values(config.interfaces)) {
      if (!hasIpv6(i) || i.shutdown) continue;
      for (const a of i.ipv6!.addresses) {
        const base = { interface: i.name, device: i.linuxName, distance: 0, metric: 0 };
        out.push({
          ...base,
          code: 'C',
          protocol: 'connected',
          prefix: networkOf6(a.address, a.prefixLength),
          prefixLength: a.prefixLength,
        });
        out.push({ ...base, code: 'L', protocol: 'local', prefix: a.address, prefixLength: 128 });
      }
    }
    const connected = out.filter((r) => r.code === 'C');
    for (const s of config.ipv6?.routes ?? []) {
      const iface = s.interface !== undefined ? config.interfaces[s.interface] : undefined;
      let nextHop = s.nextHop;
      let device = iface?.linuxName;
      const t = s.interface !== undefined ? tunnels.get(s.interface) : undefined;
      if (nextHop === undefined && t) nextHop = t.nhs;
      if (nextHop !== undefined && device === undefined)
        device = connected.find((c) => inPrefix6(nextHop!, c.prefix, c.prefixLength))?.device;
      if (device === undefined) continue;
      out.push({
        code: 'S',
        protocol: 'static',
        prefix: s.prefix.address,
        prefixLength: s.prefix.prefixLength,
        ...(nextHop !== undefined ? { nextHop } : {}),
        ...(s.interface !== undefined ? { interface: s.interface } : {}),
        device,
        distance: s.distance,
        metric: 0,
      });
    }
    this.routes = out;
  }

  /** Adds (or replaces) a shortcut route from an IPv6 engine. */
  addShortcut(
    prefix: string,
    prefixLength: number,
    nextHop: string,
    iface: string,
    device: string,
    since: number,
  ): void {
    const r: Rib6Route = {
      code: 'H',
      protocol: 'nhrp',
      prefix,
      prefixLength,
      nextHop,
      interface: iface,
      device,
      distance: 250,
      metric: 255,
      since,
    };
    this.shortcuts.set(`${prefix}/${prefixLength}`, r);
    void this.sync();
  }

  /** Removes a shortcut route; false when there was none. */
  removeShortcut(prefix: string, prefixLength: number): boolean {
    if (!this.shortcuts.delete(`${prefix}/${prefixLength}`)) return false;
    void this.sync();
    return true;
  }

  /** Replaces the routing protocols' routes (OSPFv3, BGP IPv6, RIPng from zebra). */
  setProtocolRoutes(routes: readonly RibRoute[]): void {
    this.protocols = routes
      .filter((r) => r.active)
      .map((r) => ({
        code: ipv6Code(routeKind(r.source)?.code ?? '?', r.codeSuffix),
        protocol: r.source as Rib6Route['protocol'],
        prefix: r.prefix,
        prefixLength: r.prefixLength,
        ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
        ...(r.interface !== undefined ? { interface: r.interface } : {}),
        ...(r.device !== undefined ? { device: r.device } : {}),
        distance: r.distance,
        metric: r.metric,
        ...(r.since !== undefined ? { since: r.since } : {}),
      }));
  }

  /** Replaces EIGRP for IPv6's routes (one entry per next hop; `device` maps IOS names to Linux ones). */
  setEigrpRoutes(routes: readonly EigrpRoute[], device: (iface: string) => string | undefined): void {
    this.eigrp = routes.flatMap((r) =>
      r.nextHops.map((h) => ({
        code: r.code === 'D EX' ? 'EX' : 'D',
        protocol: 'eigrp' as const,
        prefix: r.prefix,
        prefixLength: r.prefixLength,
        ...(h.address !== undefined ? { nextHop: h.address } : {}),
        interface: h.interface,
        ...(h.interface !== 'Null0' && device(h.interface) !== undefined ? { device: device(h.interface) } : {}),
        distance: r.distance,
        metric: r.metric,
      })),
    );
    void this.sync();
  }

  /** Records an IPv6 NHS state an engine reported; true when it changed (then `sync` brings the kernel along). */
  setNhsState(device: string, nhs: string, state: 'down' | 'probe' | 'up'): boolean {
    const key = `${device}|${nhs}`;
    const down = state === 'down';
    if (down === this.downNhs.has(key)) return false;
    if (down) this.downNhs.add(key);
    else this.downNhs.delete(key);
    return true;
  }

  /** Whether a static route goes through an NHS that is down (withdrawn, so a floating route takes over). */
  private withdrawn(r: Rib6Route): boolean {
    return r.code === 'S' && r.nextHop !== undefined && this.downNhs.has(`${r.device}|${r.nextHop}`);
  }

  /** Whether `prefix/len` is a connected network here. */
  isConnected(prefix: string, prefixLength: number): boolean {
    return this.routes.some((r) => r.code === 'C' && r.prefix === prefix && r.prefixLength === prefixLength);
  }

  /** Every route, by prefix then code. */
  list(): Rib6Route[] {
    const all = [...this.routes.filter((r) => !this.withdrawn(r)), ...this.protocols, ...this.shortcuts.values()];
    // an EIGRP route shows only where nothing with a lower distance has the prefix (as IOS selects)
    const better = (r: Rib6Route): boolean =>
      all.some((x) => x.prefix === r.prefix && x.prefixLength === r.prefixLength && x.distance < r.distance);
    return [...all, ...this.eigrp.filter((r) => !better(r))].sort(
      (a, b) => a.prefix.localeCompare(b.prefix) || a.prefixLength - b.prefixLength || a.distance - b.distance,
    );
  }

  /** The route `dst` takes: longest prefix; a shortcut overrides a static for the same prefix. */
  lookup(dst: string): Rib6Route | undefined {
    const all = this.list().filter((r) => r.code !== 'L' || r.prefix === dst);
    const best = longestMatch6(dst, all);
    if (!best) return undefined;
    const same = all.filter((r) => r.prefix === best.prefix && r.prefixLength === best.prefixLength);
    return same.find((r) => r.code === 'C') ?? same.find((r) => r.code === 'H') ?? same[0];
  }

  /** The IPv6 engine's view for the tunnel on `device`. */
  lookupFor(device: string): RouteLookup {
    return (dst) => {
      const r = this.lookup(dst);
      if (!r) return undefined;
      if (r.code === 'C' || r.code === 'L') return { kind: 'local', prefix: r.prefix, prefixLength: r.prefixLength };
      if (r.device === device && r.nextHop !== undefined) return { kind: 'tunnel', nextHop: r.nextHop };
      return { kind: 'other' };
    };
  }

  /** Brings the kernel's static and shortcut IPv6 routes to the table (serially). */
  sync(): Promise<void> {
    const run = this.queue.then(() => this.syncNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Removes every route it installed. */
  removeAll(): Promise<void> {
    const run = this.queue.then(async () => {
      await ipBatch([...this.installed.values()].map((a) => ['route', 'del', ...a]));
      this.installed.clear();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncNow(): Promise<void> {
    const want = new Map<string, string[]>();
    const eigrpDone = new Set<string>();
    for (const r of this.list()) {
      if (r.protocol === 'eigrp') {
        // one next hop per prefix in the kernel (the first successor)
        const args = eigrpKernelArgs(r);
        const k = `${r.prefix}/${r.prefixLength}`;
        if (args && !eigrpDone.has(k)) want.set(args.join(' '), args);
        eigrpDone.add(k);
        continue;
      }
      if (r.code !== 'S' && r.code !== 'H') continue;
      const args = [
        `${r.prefix}/${r.prefixLength}`,
        ...(r.nextHop !== undefined ? ['via', r.nextHop] : []),
        'dev',
        r.device!,
        'proto',
        r.code === 'H' ? NHRP_PROTO : 'static',
        // the kernel reads IPv6 metric 0 as 1024: shortcuts get 1 and statics distance + 1, so a
        // shortcut still overrides a static route for the same prefix (as IPv4's metric 0)
        'metric',
        String(r.code === 'H' ? 1 : r.distance + 1),
      ];
      want.set(args.join(' '), args);
    }
    const cmds: IpCommand[] = [];
    for (const [k, a] of this.installed) if (!want.has(k)) cmds.push(['route', 'del', ...a]);
    for (const [k, a] of want) if (!this.installed.has(k)) cmds.push(['route', 'replace', ...a]);
    if (cmds.length === 0) return;
    const out = await ipBatch(cmds);
    out.forEach((o, i) => {
      if (o !== undefined && !(cmds[i][1] === 'del' && /No such process|not found/i.test(o)))
        this.log(`%IPV6-4-ROUTE: ip ${cmds[i].join(' ')}: ${o}`);
    });
    this.installed = want;
  }
}

/** `ip -6 route` arguments of an EIGRP route: via its next hop, or a blackhole for a summary's Null0. */
function eigrpKernelArgs(r: Rib6Route): string[] | undefined {
  const dst = `${r.prefix}/${r.prefixLength}`;
  const tail = ['proto', EIGRP_PROTO, 'metric', String(r.distance + 1)];
  if (r.interface === 'Null0') return ['blackhole', dst, ...tail];
  if (r.device === undefined || r.nextHop === undefined) return undefined;
  return [dst, 'via', r.nextHop, 'dev', r.device, ...tail];
}
