/**
 * An in-memory NBMA network of NHRP engines on virtual time: carries their `send` actions to each
 * other (with optional latency, loss and NAT), keeps the shortcut routes they install, and calls
 * `tick` at each engine's deadline. Used by the simulator and by the unit tests.
 */
import type { Action } from '../actions.js';
import type { NhrpEngine } from '../engine.js';
import { networkOf } from '../../wire/ipv4-addr.js';
import { EventQueue } from './queue.js';

export interface ShortcutRoute {
  prefix: string;
  prefixLength: number;
  nextHop: string;
  nbma: string;
}

export interface SimNode {
  name: string;
  /** The node's own NBMA address (its inside address when behind NAT). */
  nbma: string;
  engine: NhrpEngine;
  /** Shortcut routes installed by routeAdd, by "prefix/len". */
  routes: Map<string, ShortcutRoute>;
  /** Prefix lengths present in `routes`, longest first. */
  routeLengths: number[];
  /** false: the node stops answering (killed): receives nothing, its timers stop. */
  alive: boolean;
  /** Milliseconds of real time spent inside this node's engine. */
  engineMs: number;
  /** Engine calls made. */
  calls: number;
  tickAt?: number;
}

export interface NetworkOptions {
  /** One-way delay of every packet, ms (default 0). */
  latencyMs?: number;
  /** Probability that a packet is lost (default 0). */
  loss?: number;
  random?: () => number;
  /** Sees every action of every node (tests record them). */
  onAction?: (node: SimNode, a: Action, at: number) => void;
  /** Sees every packet handed to the network, lost or not. */
  onPacket?: (from: SimNode, to: string, bytes: Uint8Array, at: number, lost: boolean) => void;
}

export class SimNetwork {
  readonly queue = new EventQueue();
  readonly nodes: SimNode[] = [];
  /** Reachable address (outside address for NATed nodes) → node. */
  private byAddress = new Map<string, SimNode>();
  /** Inside NBMA → outside NBMA, for nodes behind NAT. */
  private nat = new Map<string, string>();
  private readonly latency: number;
  private readonly loss: number;
  private readonly random: () => number;
  /** NHRP packets sent, by ar$op.type; and lost. */
  readonly packetsByType = new Map<number, number>();
  lost = 0;

  constructor(private readonly opts: NetworkOptions = {}) {
    this.latency = opts.latencyMs ?? 0;
    this.loss = opts.loss ?? 0;
    this.random = opts.random ?? Math.random;
  }

  get now(): number {
    return this.queue.now;
  }

  /** Adds an engine at `nbma`; with `outside`, it sits behind a NAT that shows it as `outside`. */
  add(name: string, nbma: string, engine: NhrpEngine, outside?: string): SimNode {
    const node: SimNode = {
      name,
      nbma,
      engine,
      routes: new Map(),
      routeLengths: [],
      alive: true,
      engineMs: 0,
      calls: 0,
    };
    this.nodes.push(node);
    if (outside) this.nat.set(nbma, outside);
    this.byAddress.set(outside ?? nbma, node);
    return node;
  }

  /** Starts a node's engine at time `at` (its first tick). */
  boot(node: SimNode, at = this.now): void {
    this.queue.at(at, () => this.input(node, () => node.engine.tick(this.now)));
  }

  node(name: string): SimNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no node named ${name}`);
    return n;
  }

  /** Runs one engine input now, carries out its actions and re-arms the node's tick. */
  input(node: SimNode, fn: () => Action[]): Action[] {
    if (!node.alive) return [];
    const t0 = performance.now();
    const actions = fn();
    node.engineMs += performance.now() - t0;
    node.calls++;
    this.apply(node, actions);
    this.arm(node);
    return actions;
  }

  private arm(node: SimNode): void {
    const d = node.engine.nextDeadline();
    if (d === undefined || d === node.tickAt) return;
    node.tickAt = d;
    this.queue.at(d, () => {
      if (node.tickAt !== d) return;
      node.tickAt = undefined;
      this.input(node, () => node.engine.tick(this.now));
    });
  }

  private apply(node: SimNode, actions: Action[]): void {
    const now = this.now;
    for (const a of actions) {
      this.opts.onAction?.(node, a, now);
      if (a.kind === 'send') this.send(node, a.nbma, a.bytes);
      else if (a.kind === 'routeAdd') {
        node.routes.set(`${a.prefix}/${a.prefixLength}`, a);
        if (!node.routeLengths.includes(a.prefixLength))
          node.routeLengths = [...node.routeLengths, a.prefixLength].sort((x, y) => y - x);
      } else if (a.kind === 'routeRemove') node.routes.delete(`${a.prefix}/${a.prefixLength}`);
    }
  }

  private send(from: SimNode, to: string, bytes: Uint8Array): void {
    const type = bytes[17];
    this.packetsByType.set(type, (this.packetsByType.get(type) ?? 0) + 1);
    const lost = this.loss > 0 && this.random() < this.loss;
    this.opts.onPacket?.(from, to, bytes, this.now, lost);
    if (lost) {
      this.lost++;
      return;
    }
    const src = this.addressOf(from);
    this.queue.at(this.now + this.latency, () => {
      const dst = this.byAddress.get(to);
      if (dst) this.input(dst, () => dst.engine.receive(this.now, bytes, src));
    });
  }

  /** The node's shortcut route for `dst` (longest prefix), as its kernel would pick it. */
  shortcut(node: SimNode, dst: string): ShortcutRoute | undefined {
    if (node.routes.size === 0) return undefined;
    for (const len of node.routeLengths) {
      const r = node.routes.get(`${networkOf(dst, len)}/${len}`);
      if (r) return r;
    }
    return undefined;
  }

  /** The node at a reachable NBMA address. */
  at(nbma: string): SimNode | undefined {
    return this.byAddress.get(nbma);
  }

  /** The address others see `node` at (its NAT outside address, if any). */
  addressOf(node: SimNode): string {
    return this.nat.get(node.nbma) ?? node.nbma;
  }

  /** Runs the network until virtual time `until` (ms). */
  run(until: number): void {
    this.queue.runUntil(until);
  }
}
