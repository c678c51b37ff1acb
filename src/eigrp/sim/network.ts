/**
 * An in-memory network of EIGRP engines on virtual time: links (an Ethernet segment, or a DMVPN
 * multipoint tunnel where a spoke's multicast reaches only the hub), packet delivery with latency and
 * an optional drop rule, the routes each engine installs, and `tick` at each engine's deadline. Used
 * by the unit tests and the bench.
 */
import { MinHeap } from '../../sched/min-heap.js';
import { EIGRP_MULTICAST, type Action, type EigrpRoute } from '../actions.js';
import type { EigrpEngine } from '../engine.js';
import { EIGRP_IPV6 } from '../family.js';

/** One interface of a node on a link. */
export interface Attachment {
  iface: string;
  address: string;
  link: string;
  /** Addresses its multicast reaches (DMVPN spoke: the hub); default every other member of the link. */
  multicastTo?: string[];
}

export interface SimNode {
  name: string;
  engine: EigrpEngine;
  attachments: Attachment[];
  /** EIGRP routes installed, by "prefix/len". */
  routes: Map<string, EigrpRoute>;
  logs: string[];
  alive: boolean;
  tickAt?: number;
  /** Packets this node sent. */
  sent: number;
}

/** A packet on the wire, as the drop rule and the recorder see it. */
export interface WirePacket {
  at: number;
  from: string;
  to: string;
  iface: string;
  destination: string;
  bytes: Uint8Array;
}

export interface EigrpNetOptions {
  /** One-way delay, ms (default 1). */
  latencyMs?: number;
  /** Return true to lose this packet (per receiver). */
  drop?: (p: WirePacket) => boolean;
  onPacket?: (p: WirePacket, lost: boolean) => void;
  onAction?: (node: SimNode, a: Action, at: number) => void;
}

type Event =
  | { at: number; order: number; kind: 'tick'; node: SimNode }
  | {
      at: number;
      order: number;
      kind: 'deliver';
      node: SimNode;
      iface: string;
      source: string;
      destination: string;
      bytes: Uint8Array;
    };

export class EigrpNet {
  readonly nodes = new Map<string, SimNode>();
  private readonly queue = new MinHeap<Event>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  private order = 0;
  now = 0;
  delivered = 0;
  lost = 0;

  constructor(private readonly opts: EigrpNetOptions = {}) {}

  /** Adds a node and boots it now. */
  add(name: string, engine: EigrpEngine, attachments: Attachment[]): SimNode {
    const node: SimNode = { name, engine, attachments, routes: new Map(), logs: [], alive: true, sent: 0 };
    this.nodes.set(name, node);
    this.input(node, () => engine.tick(this.now));
    return node;
  }

  node(name: string): SimNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** Feeds an input to a node now and carries out its actions. */
  input(node: SimNode, fn: () => Action[]): Action[] {
    const actions = fn();
    for (const a of actions) this.carry(node, a);
    this.schedule(node);
    return actions;
  }

  /** Stops a node dead (no goodbye): it receives nothing and its timers stop. */
  kill(name: string): void {
    this.node(name).alive = false;
  }

  /** Runs events until virtual time `until` (ms). */
  run(until: number): void {
    for (let e = this.queue.peek(); e !== undefined && e.at <= until; e = this.queue.peek()) {
      this.queue.pop();
      this.now = e.at;
      const node = e.node;
      if (!node.alive) continue;
      if (e.kind === 'tick') {
        if (node.tickAt !== e.at) continue;
        node.tickAt = undefined;
        this.input(node, () => node.engine.tick(this.now));
      } else {
        const ev = e;
        this.delivered++;
        this.input(node, () =>
          node.engine.receive(this.now, {
            interface: ev.iface,
            source: ev.source,
            destination: ev.destination,
            bytes: ev.bytes,
          }),
        );
      }
    }
    this.now = Math.max(this.now, until);
  }

  private schedule(node: SimNode): void {
    const at = node.engine.nextDeadline();
    if (at === undefined || !node.alive) return;
    const when = Math.max(at, this.now);
    if (node.tickAt !== undefined && node.tickAt <= when) return;
    node.tickAt = when;
    this.queue.push({ at: when, order: this.order++, kind: 'tick', node });
  }

  private carry(node: SimNode, a: Action): void {
    this.opts.onAction?.(node, a, this.now);
    if (a.kind === 'log') node.logs.push(a.text);
    else if (a.kind === 'route') {
      if (a.op === 'add') node.routes.set(`${a.route.prefix}/${a.route.prefixLength}`, a.route);
      else node.routes.delete(`${a.prefix}/${a.prefixLength}`);
    } else if (a.kind === 'send') this.send(node, a);
  }

  private send(node: SimNode, a: Extract<Action, { kind: 'send' }>): void {
    node.sent++;
    const att = node.attachments.find((x) => x.iface === a.interface);
    if (!att) return;
    const members: Array<{ n: SimNode; at: Attachment }> = [];
    for (const n of this.nodes.values()) {
      if (n === node) continue;
      for (const x of n.attachments) if (x.link === att.link) members.push({ n, at: x });
    }
    const multicast = a.destination === EIGRP_MULTICAST || a.destination === EIGRP_IPV6.multicast;
    const targets = members.filter(({ at }) =>
      multicast ? (att.multicastTo ? att.multicastTo.includes(at.address) : true) : at.address === a.destination,
    );
    for (const { n, at } of targets) {
      const p: WirePacket = {
        at: this.now,
        from: node.name,
        to: n.name,
        iface: at.iface,
        destination: a.destination,
        bytes: a.bytes,
      };
      const lost = this.opts.drop?.(p) ?? false;
      this.opts.onPacket?.(p, lost);
      if (lost) {
        this.lost++;
        continue;
      }
      this.queue.push({
        at: this.now + (this.opts.latencyMs ?? 1),
        order: this.order++,
        kind: 'deliver',
        node: n,
        iface: at.iface,
        source: a.source,
        destination: a.destination,
        bytes: a.bytes,
      });
    }
  }
}
