/** Test bench: NHRP engines wired together in memory on virtual time, with every packet recorded. */
import { decodeNhrp, encodeNhrp, type NhrpPacket } from '../../src/wire/nhrp/index.js';
import type { Action } from '../../src/nhrp/actions.js';
import type { NhrpEngineConfigInput } from '../../src/nhrp/config.js';
import { NhrpEngine } from '../../src/nhrp/engine.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { SimNetwork, type NetworkOptions, type SimNode } from '../../src/nhrp/sim/network.js';

export interface Sent {
  at: number;
  from: string;
  to: string;
  bytes: Uint8Array;
  p: NhrpPacket;
  lost: boolean;
}

export interface Logged {
  at: number;
  node: string;
  a: Action;
}

/** The addresses of the Cisco captures: hub .1, spokes .2 and .3. */
export const HUB = { protocol: '172.16.123.1', nbma: '192.168.123.1' };
export const SPOKE1 = { protocol: '172.16.123.2', nbma: '192.168.123.2' };
export const SPOKE2 = { protocol: '172.16.123.3', nbma: '192.168.123.3' };

/** Hub config as in the captures (`ip nhrp authentication DMVPN`, `map multicast dynamic`). */
export function hubConfig(extra: Partial<NhrpEngineConfigInput> = {}): NhrpEngineConfigInput {
  return {
    protocolAddress: HUB.protocol,
    prefixLength: 24,
    nbmaAddress: HUB.nbma,
    authentication: 'DMVPN',
    multicast: { dynamic: true },
    ...extra,
  };
}

/** Spoke config as in the captures: `ip nhrp map` + `nhs` to the hub. */
export function spokeConfig(
  self: { protocol: string; nbma: string },
  extra: Partial<NhrpEngineConfigInput> = {},
): NhrpEngineConfigInput {
  return {
    protocolAddress: self.protocol,
    prefixLength: 24,
    nbmaAddress: self.nbma,
    authentication: 'DMVPN',
    staticMaps: [{ protocol: HUB.protocol, nbma: HUB.nbma }],
    multicast: { static: [HUB.nbma] },
    nhs: [{ protocol: HUB.protocol }],
    ...extra,
  };
}

/** Routes: `local` prefixes owned, everything else in `via` over the tunnel. */
export function routesOf(local: Array<[string, number]>, via?: string): RouteLookup {
  return (dst) => {
    for (const [net, len] of local) {
      const a = dst.split('.').map(Number);
      const n = net.split('.').map(Number);
      const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      const v = (x: number[]) => ((x[0] << 24) | (x[1] << 16) | (x[2] << 8) | x[3]) >>> 0;
      if ((v(a) & m) >>> 0 === (v(n) & m) >>> 0) return { kind: 'local', prefix: net, prefixLength: len };
    }
    return via ? { kind: 'tunnel', nextHop: via } : undefined;
  };
}

export class Lab {
  readonly net: SimNetwork;
  readonly sent: Sent[] = [];
  readonly log: Logged[] = [];

  constructor(opts: NetworkOptions = {}) {
    this.net = new SimNetwork({
      ...opts,
      onPacket: (from, to, bytes, at, lost) =>
        this.sent.push({ at, from: from.name, to, bytes, p: decodeNhrp(bytes), lost }),
      onAction: (node, a, at) => this.log.push({ at, node: node.name, a }),
    });
  }

  /** Adds and boots a router now; `outside` puts it behind NAT. */
  add(name: string, config: NhrpEngineConfigInput, routes: RouteLookup = () => undefined, outside?: string): SimNode {
    const engine = new NhrpEngine(config, { routes, random: () => 0.5 });
    const node = this.net.add(name, config.nbmaAddress, engine, outside);
    this.net.boot(node);
    return node;
  }

  /** Runs until virtual second `sec`. */
  runTo(sec: number): void {
    this.net.run(sec * 1000);
  }

  get now(): number {
    return this.net.now;
  }

  /** Feeds an input to a node now (and carries out its actions). */
  input(name: string, fn: (e: NhrpEngine, now: number) => Action[]): Action[] {
    const node = this.net.node(name);
    return this.net.input(node, () => fn(node.engine, this.net.now));
  }

  engine(name: string): NhrpEngine {
    return this.net.node(name).engine;
  }

  snapshot(name: string) {
    return this.engine(name).snapshot(this.net.now);
  }

  /** Packets of one type, optionally from one node. */
  packets(type: number, from?: string): Sent[] {
    return this.sent.filter((s) => s.p.type === type && (from === undefined || s.from === from));
  }

  actions(node: string, kind: Action['kind']): Logged[] {
    return this.log.filter((l) => l.node === node && l.a.kind === kind);
  }
}

/** Re-encodes `bytes` with another request ID (IDs depend on what a router sent before). */
export function withRequestId(bytes: Uint8Array, id: number): Uint8Array {
  return encodeNhrp({ ...decodeNhrp(bytes), requestId: id });
}
