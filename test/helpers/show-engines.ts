/** Test bench: real NHRP engines wired in memory on a fake clock, and ShowStates built from them. */
import type { Action } from '../../src/nhrp/actions.js';
import type { NhrpEngineConfigInput } from '../../src/nhrp/config.js';
import { NhrpEngine } from '../../src/nhrp/engine.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { parseConfig } from '../../src/node/config/parse.js';
import type { RouterConfig } from '../../src/node/config/model.js';
import type { RouteView, ShowState } from '../../src/node/show/index.js';

/** The addresses of the Cisco captures: hub .1, spokes .2 and .3. */
export const HUB = { protocol: '172.16.123.1', nbma: '192.168.123.1' };
export const SPOKE1 = { protocol: '172.16.123.2', nbma: '192.168.123.2' };
export const SPOKE2 = { protocol: '172.16.123.3', nbma: '192.168.123.3' };

/** Hub engine config: an NHS with `ip nhrp map multicast dynamic`. */
export function hubConfig(extra: Partial<NhrpEngineConfigInput> = {}): NhrpEngineConfigInput {
  return {
    protocolAddress: HUB.protocol,
    prefixLength: 24,
    nbmaAddress: HUB.nbma,
    multicast: { dynamic: true },
    ...extra,
  };
}

/** Spoke engine config: static map and NHS to the hub. */
export function spokeConfig(
  self: { protocol: string; nbma: string },
  extra: Partial<NhrpEngineConfigInput> = {},
): NhrpEngineConfigInput {
  return {
    protocolAddress: self.protocol,
    prefixLength: 24,
    nbmaAddress: self.nbma,
    staticMaps: [{ protocol: HUB.protocol, nbma: HUB.nbma }],
    multicast: { static: [HUB.nbma] },
    nhs: [{ protocol: HUB.protocol }],
    ...extra,
  };
}

interface Node {
  name: string;
  /** The address others see it at (its NAT outside address, or its own). */
  nbma: string;
  engine: NhrpEngine;
  /** Shortcut routes the engine installed, with the time they were installed. */
  routes: Map<string, { prefix: string; prefixLength: number; nextHop: string; at: number }>;
}

/** Engines exchanging their `send` actions with no delay; time moves only in run(). */
export class Net {
  now = 0;
  private readonly nodes = new Map<string, Node>();
  private readonly queue: Array<{ from: string; to: string; bytes: Uint8Array }> = [];

  /** Adds a router; with `outside` it sits behind a NAT that shows it as that address. */
  add(
    name: string,
    config: NhrpEngineConfigInput,
    routes: RouteLookup = () => undefined,
    outside?: string,
  ): NhrpEngine {
    const engine = new NhrpEngine(config, { routes, random: () => 0.5, debug: false });
    this.nodes.set(name, { name, nbma: outside ?? config.nbmaAddress, engine, routes: new Map() });
    return engine;
  }

  engine(name: string): NhrpEngine {
    return this.node(name).engine;
  }

  /** Feeds one input to a node now and carries out what it asks for. */
  input(name: string, fn: (e: NhrpEngine, now: number) => Action[]): void {
    const n = this.node(name);
    this.apply(n, fn(n.engine, this.now));
    this.deliver();
  }

  /** Runs every packet and timer up to `sec` seconds, then stops the clock there. */
  runTo(sec: number): void {
    const until = sec * 1000;
    for (let guard = 0; guard < 100_000; guard++) {
      this.deliver();
      let next: Node | undefined;
      let at = Infinity;
      for (const n of this.nodes.values()) {
        const d = n.engine.nextDeadline();
        if (d !== undefined && d < at) [next, at] = [n, d];
      }
      if (!next || at > until) break;
      this.now = Math.max(this.now, at);
      this.apply(next, next.engine.tick(this.now));
    }
    this.now = until;
  }

  /** The shortcut routes of a node as `show ip route` rows. */
  shortcutRoutes(name: string, iface = 'Tunnel0'): RouteView[] {
    return [...this.node(name).routes.values()].map((r) => ({
      prefix: r.prefix,
      prefixLength: r.prefixLength,
      protocol: 'H',
      nextHop: r.nextHop,
      interface: iface,
      ageSec: Math.floor((this.now - r.at) / 1000),
    }));
  }

  private node(name: string): Node {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  private apply(n: Node, actions: Action[]): void {
    for (const a of actions) {
      if (a.kind === 'send') this.queue.push({ from: n.nbma, to: a.nbma, bytes: a.bytes });
      else if (a.kind === 'routeAdd') n.routes.set(`${a.prefix}/${a.prefixLength}`, { ...a, at: this.now });
      else if (a.kind === 'routeRemove') n.routes.delete(`${a.prefix}/${a.prefixLength}`);
    }
  }

  private deliver(): void {
    for (let p = this.queue.shift(); p; p = this.queue.shift()) {
      const to = [...this.nodes.values()].find((n) => n.nbma === p!.to);
      if (to) this.apply(to, to.engine.receive(this.now, p.bytes, p.from));
    }
  }
}

/** Parses an IOS config (throws on errors so a broken fixture is loud). */
export function ios(text: string): RouterConfig {
  const r = parseConfig(text, { file: 'test.cfg' });
  if (r.errors.length > 0) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.config;
}

/** A ShowState for one router: its config, and the engine's snapshot on Tunnel0. */
export function showState(config: RouterConfig, net: Net, name: string, extra: Partial<ShowState> = {}): ShowState {
  const tunnel = config.interfaces.Tunnel0;
  return {
    config,
    interfaces: tunnel ? [{ config: tunnel, snapshot: net.engine(name).snapshot(net.now) }] : [],
    routes: net.shortcutRoutes(name),
    now: net.now,
    uptimeSec: Math.floor(net.now / 1000),
    ...extra,
  };
}
