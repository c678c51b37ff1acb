/**
 * Routes the router puts in the kernel, and nothing else: static routes (`proto static`, metric =
 * IOS distance) and NHRP shortcuts (`proto 250`, metric 0, so a shortcut overrides a static route
 * for the same prefix as IOS's next-hop override does). Every change goes through one serial queue,
 * so an add and a later remove of the same route reach the kernel in that order; stop() removes
 * everything it installed.
 */
import { describeError } from './errors.js';
import { ipBatch, type IpCommand } from '../sys/iproute.js';
import type { Rib, RibRoute } from './rib.js';

/** The `proto` number of NHRP shortcut routes (IOS gives NHRP routes distance 250). */
export const NHRP_PROTO = '250';

/** `ip route replace` arguments (after `route replace`) of a static route; undefined when inactive. */
export function staticRouteArgs(r: RibRoute): string[] | undefined {
  if (!r.active) return undefined;
  const dst = `${r.prefix}/${r.prefixLength}`;
  const tail = ['proto', 'static', 'metric', String(r.distance)];
  if (r.discard) return ['blackhole', dst, ...tail];
  if (r.device === undefined) return undefined;
  return [dst, ...(r.gateway !== undefined ? ['via', r.gateway] : []), 'dev', r.device, ...tail];
}

/** The kernel's static routes as the route table wants them now (active ones only). */
export function wantedStatics(rib: Rib): string[][] {
  return rib
    .list()
    .filter((r) => r.source === 'static')
    .map((r) => staticRouteArgs(r))
    .filter((a): a is string[] => a !== undefined);
}

/** `ip route replace` arguments of an NHRP shortcut route. */
export function shortcutArgs(prefix: string, prefixLength: number, nextHop: string, device: string): string[] {
  return [`${prefix}/${prefixLength}`, 'via', nextHop, 'dev', device, 'proto', NHRP_PROTO, 'metric', '0'];
}

/** Outcome of one kernel change, for the log. */
export type KernelReport = (line: string) => void;

/** The routes this router installed, by key, and the queue that changes them. */
export class KernelRoutes {
  private readonly statics = new Map<string, string[]>();
  private readonly shortcuts = new Map<string, string[]>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes that failed (iproute2 refused them). */
  failures = 0;

  constructor(private readonly report: KernelReport) {}

  /** Makes the installed static routes equal to `wanted` (arguments as staticRouteArgs returns them). */
  syncStatics(wanted: readonly string[][]): Promise<void> {
    return this.enqueue(async () => {
      const want = new Map(wanted.map((a) => [a.join(' '), a]));
      const cmds: IpCommand[] = [];
      const added: Array<[string, string[]]> = [];
      for (const [k, a] of this.statics) if (!want.has(k)) cmds.push(['route', 'del', ...a]);
      for (const [k, a] of want) {
        if (this.statics.has(k)) continue;
        cmds.push(['route', 'replace', ...a]);
        added.push([k, a]);
      }
      for (const k of [...this.statics.keys()]) if (!want.has(k)) this.statics.delete(k);
      const out = await this.run(cmds);
      const firstAdd = cmds.length - added.length;
      added.forEach(([k, a], i) => {
        if (out[firstAdd + i] === undefined) this.statics.set(k, a);
      });
    });
  }

  /** Installs (replaces) a shortcut route. */
  addShortcut(args: string[]): Promise<void> {
    return this.enqueue(async () => {
      const key = args[0];
      const old = this.shortcuts.get(key);
      const out = await this.run([['route', 'replace', ...args]]);
      if (out[0] === undefined) this.shortcuts.set(key, args);
      else if (old) this.shortcuts.delete(key);
    });
  }

  /** Removes the shortcut route for `prefix/len` if this router installed it. */
  removeShortcut(prefix: string, prefixLength: number): Promise<void> {
    return this.enqueue(async () => {
      const key = `${prefix}/${prefixLength}`;
      const args = this.shortcuts.get(key);
      if (!args) return;
      this.shortcuts.delete(key);
      await this.run([['route', 'del', ...args]]);
    });
  }

  /** Forgets shortcut routes through a device the kernel removed with the device itself. */
  forgetDevice(device: string): void {
    for (const [k, a] of this.shortcuts) if (a[a.indexOf('dev') + 1] === device) this.shortcuts.delete(k);
    for (const [k, a] of this.statics) if (a.includes('dev') && a[a.indexOf('dev') + 1] === device) this.statics.delete(k);
  }

  /** What is installed now (for show and tests). */
  installed(): { statics: string[]; shortcuts: string[] } {
    return { statics: [...this.statics.keys()], shortcuts: [...this.shortcuts.values()].map((a) => a.join(' ')) };
  }

  /** Waits for every queued change. */
  settled(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Removes every route this router installed. */
  removeAll(): Promise<void> {
    return this.enqueue(async () => {
      const cmds: IpCommand[] = [...this.shortcuts.values(), ...this.statics.values()].map((a) => ['route', 'del', ...a]);
      this.shortcuts.clear();
      this.statics.clear();
      await this.run(cmds);
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
