/**
 * Routes the router puts in the kernel, and nothing else: every active route of a kind with a kernel
 * `proto` — static routes as `proto static` with metric = IOS distance (a floating route waits in the
 * kernel), NHRP shortcuts as `proto 250` metric 0 (so a shortcut overrides a route for the same
 * prefix, as IOS's next-hop override does), a routing protocol's with its proto and metric = distance
 * (the kernel then prefers what the table selects). Connected and local routes the kernel has itself.
 * It follows the table prefix by prefix (apply, from the table's change events); every change goes
 * through one serial queue, so an add and a later remove of a route reach the kernel in that order;
 * removeAll() removes everything it installed.
 */
import { NHRP, STATIC } from '../rib/kinds.js';
import { prefixKey, type RibChange, type RibRoute, type RouteKind } from '../rib/route.js';
import type { KindOf } from '../rib/select.js';
import { describeError } from './errors.js';
import { ipBatch, type IpCommand } from '../sys/iproute.js';
import type { Rib } from './rib.js';

/** The `proto` number of NHRP shortcut routes (IOS gives NHRP routes distance 250). */
export const NHRP_PROTO = NHRP.kernel!.proto;

/** `ip route replace` arguments (after `route replace`) of a route; undefined when it stays out of the kernel. */
export function routeArgs(r: RibRoute, kind: RouteKind | undefined): string[] | undefined {
  if (!r.active || !kind?.kernel) return undefined;
  const dst = `${r.prefix}/${r.prefixLength}`;
  const tail = ['proto', kind.kernel.proto, 'metric', String(kind.kernel.metric ?? r.distance)];
  if (r.discard) return ['blackhole', dst, ...tail];
  if (r.device === undefined) return undefined;
  const via = r.gateway ?? r.nextHop;
  return [dst, ...(via !== undefined ? ['via', via] : []), 'dev', r.device, ...tail];
}

/** `ip route replace` arguments of a static route; undefined when inactive. */
export function staticRouteArgs(r: RibRoute): string[] | undefined {
  return routeArgs(r, STATIC);
}

/** `ip route replace` arguments of an NHRP shortcut route. */
export function shortcutArgs(prefix: string, prefixLength: number, nextHop: string, device: string): string[] {
  const r: RibRoute = {
    source: NHRP.name,
    prefix,
    prefixLength,
    nextHop,
    device,
    distance: NHRP.distance,
    metric: NHRP.metric,
    active: true,
  };
  return routeArgs(r, NHRP)!;
}

/** The kernel's static routes as the route table wants them now (active ones only). */
export function wantedStatics(rib: Rib): string[][] {
  return rib
    .list()
    .filter((r) => r.source === STATIC.name)
    .map((r) => staticRouteArgs(r))
    .filter((a): a is string[] => a !== undefined);
}

/** What the kernel should have, by prefix: the arguments of every route of the table that goes there. */
export type KernelWants = Map<string, string[][]>;

/** Every prefix's kernel routes as the table wants them now. */
export function wantedRoutes(rib: Rib): KernelWants {
  return wants(rib.list(), (n) => rib.kind(n));
}

/** The kernel routes of the prefixes a batch of table changes touched (none: remove what is there). */
export function wantedAfter(changes: readonly RibChange[], kindOf: KindOf): KernelWants {
  const out: KernelWants = new Map(changes.map((c) => [prefixKey(c.prefix, c.prefixLength), []]));
  for (const [k, args] of wants(
    changes.flatMap((c) => c.active),
    kindOf,
  ))
    out.set(k, args);
  return out;
}

function wants(routes: readonly RibRoute[], kindOf: KindOf): KernelWants {
  const out: KernelWants = new Map();
  for (const r of routes) {
    const a = routeArgs(r, kindOf(r.source));
    if (!a) continue;
    const k = prefixKey(r.prefix, r.prefixLength);
    out.set(k, [...(out.get(k) ?? []), a]);
  }
  return out;
}

/** Outcome of one kernel change, for the log. */
export type KernelReport = (line: string) => void;

/** The routes this router installed, by prefix and arguments, and the queue that changes them. */
export class KernelRoutes {
  private readonly routes = new Map<string, Map<string, string[]>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes that failed (iproute2 refused them). */
  failures = 0;

  constructor(private readonly report: KernelReport) {}

  /** Makes the installed routes of each prefix in `wanted` equal to its list (other prefixes stay). */
  apply(wanted: KernelWants): Promise<void> {
    return this.enqueue(() => this.change(wanted));
  }

  /** Makes every installed route equal to `wanted`: prefixes it lacks lose their routes (retries failed ones). */
  syncAll(wanted: KernelWants): Promise<void> {
    return this.enqueue(() => {
      const all: KernelWants = new Map([...this.routes.keys()].map((k) => [k, []]));
      for (const [k, a] of wanted) all.set(k, a);
      return this.change(all);
    });
  }

  /** Forgets the routes through a device the kernel removed with the device itself. */
  forgetDevice(device: string): void {
    for (const m of this.routes.values()) {
      for (const [k, a] of m) if (a.includes('dev') && a[a.indexOf('dev') + 1] === device) m.delete(k);
    }
  }

  /** What is installed now, as `ip route` arguments (for show and tests). */
  installed(): string[] {
    return [...this.routes.values()].flatMap((m) => [...m.keys()]);
  }

  /** Waits for every queued change. */
  settled(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Removes every route this router installed. */
  removeAll(): Promise<void> {
    return this.enqueue(async () => {
      const all = [...this.routes.values()].flatMap((m) => [...m.values()]);
      const cmds: IpCommand[] = all.map((a) => ['route', 'del', ...a]);
      this.routes.clear();
      await this.run(cmds);
    });
  }

  private async change(wanted: KernelWants): Promise<void> {
    const dels: IpCommand[] = [];
    const adds: Array<[string, string, string[]]> = [];
    for (const [prefix, list] of wanted) {
      const have = this.routes.get(prefix) ?? new Map<string, string[]>();
      const want = new Map(list.map((a) => [a.join(' '), a]));
      for (const [k, a] of have) {
        if (want.has(k)) continue;
        dels.push(['route', 'del', ...a]);
        have.delete(k);
      }
      for (const [k, a] of want) if (!have.has(k)) adds.push([prefix, k, a]);
      if (have.size > 0) this.routes.set(prefix, have);
      else this.routes.delete(prefix);
    }
    const out = await this.run([...dels, ...adds.map(([, , a]) => ['route', 'replace', ...a])]);
    adds.forEach(([prefix, k, a], i) => {
      if (out[dels.length + i] !== undefined) return;
      const m = this.routes.get(prefix) ?? new Map<string, string[]>();
      m.set(k, a);
      this.routes.set(prefix, m);
    });
  }

  private async run(cmds: IpCommand[]): Promise<Array<string | undefined>> {
    const out = await ipBatch(cmds);
    out.forEach((o, i) => {
      if (o === undefined) return;
      // A route that is already gone is what a delete wanted.
      if (cmds[i][1] === 'del' && /No such process|not found/i.test(o)) return;
      this.failures++;
      this.report(`%ROUTE-3-FAILED: ip ${cmds[i].join(' ')}: ${o}`);
    });
    return out;
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.queue.then(fn).catch((err: unknown) => {
      this.failures++;
      this.report(`%ROUTE-3-FAILED: ${describeError(err)}`);
    });
    this.queue = next;
    return next;
  }
}
