/**
 * EigrpEngine: one `router eigrp AS` or `ipv6 router eigrp AS` process (RFC 7868, classic metrics;
 * the address family in config.family, ./family.ts) as a pure state
 * machine — no sockets, no timers, no clock of its own. The same code runs in dmvpnd, in unit tests
 * with a fake clock and in the simulator with hundreds of engines. Built like the NHRP engine
 * (src/nhrp/engine.ts).
 *
 * API:
 *
 *   const engine = new EigrpEngine(config, { debug? })
 *     config  EigrpConfigInput or EigrpConfig (./config.ts; IOS defaults filled in).
 *     debug   emit `event` actions, the `debug eigrp packets` / fsm text (default true).
 *
 *   Inputs — each returns Action[] (./actions.ts) for the driver to carry out in order; `now` is
 *   milliseconds on any monotonic clock, never going backwards:
 *     receive(now, { interface, source, destination?, bytes })  an EIGRP packet (IP payload, proto 88)
 *     tick(now)                           run every timer due; call at nextDeadline()
 *     nextDeadline(): number | undefined  when tick must next be called; re-read after every input.
 *                                         Before the first input it is 0: the engine starts on its
 *                                         first call (Hellos on every interface, own routes).
 *     configure(now, newConfig)           a live change: interfaces (shutdown, passive, bandwidth,
 *                                         delay, split horizon, next-hop-self, summaries, auth),
 *                                         networks, redistribution, static routes, stub, K values,
 *                                         `shutdown`. What resets neighbors sends a goodbye first.
 *
 *   State: snapshot(now) → EigrpSnapshot (./snapshot.ts, plain JSON; show/ renders IOS text);
 *   routes() → the EIGRP routes installed now.
 *
 * Inside (FRR eigrpd's split): receive.ts validates at the edge; hello.ts neighbors' Hellos;
 * neighbors.ts the neighbor table; rtp.ts reliable transport; dual.ts DUAL per prefix over
 * topology.ts; locals.ts and origins.ts our own routes and summaries; items.ts the routes a packet
 * carries; advertise.ts Updates/Queries/Replies per interface; routes.ts routes for the routing
 * table; timers.ts one heap of typed timers.
 */
import { EigrpFlags, EigrpOpcode, RouteFlags, type EigrpPacket } from '../wire/eigrp/index.js';
import type { Action, EigrpRoute } from './actions.js';
import { Outbox } from './advertise.js';
import { resolveConfig, speaks, type EigrpConfig, type EigrpConfigInput, type EigrpInterface } from './config.js';
import { Ctx } from './context.js';
import { Dual } from './dual.js';
import type { EigrpFamily } from './family.js';
import { Hellos } from './hello.js';
import { routeItems, type RouteItem } from './items.js';
import { prefixKey } from './ip.js';
import { unreachable } from './metric.js';
import type { Neighbor } from './neighbor.js';
import { INIT, NeighborTable } from './neighbors.js';
import { admit, type Received } from './receive.js';
import { Origins } from './origins.js';
import { RouteOutput } from './routes.js';
import { Rtp } from './rtp.js';
import { buildSnapshot, type EigrpSnapshot } from './snapshot.js';
import type { TimerKind } from './timers.js';
import { Topology } from './topology.js';

export interface EigrpEngineDeps {
  /** Emit `event` actions (debug text). Default true; the simulator turns it off. */
  debug?: boolean;
}

type RouteHandler = (n: Neighbor, p: EigrpPacket) => void;

export class EigrpEngine {
  private readonly ctx: Ctx;
  private readonly topo = new Topology();
  private readonly table: NeighborTable;
  private readonly hellos: Hellos;
  private readonly rtp: Rtp;
  private readonly dual: Dual;
  private readonly outbox: Outbox;
  private readonly rib: RouteOutput;
  private readonly origins: Origins;
  /** Timer kind → handler (FRR's event_add_timer with a callback). */
  private readonly timerHandlers: Record<TimerKind, (key: string) => void>;
  /** Reliable opcodes → handler. */
  private readonly handlers: Record<number, RouteHandler>;
  private started = false;

  constructor(config: EigrpConfig | EigrpConfigInput, deps: EigrpEngineDeps = {}) {
    const ctx = new Ctx(resolveConfig(config), deps.debug ?? true);
    this.ctx = ctx;
    this.table = new NeighborTable(ctx);
    this.hellos = new Hellos(ctx, this.table);
    this.rtp = new Rtp(
      ctx,
      (n, reason) => this.table.down(n, reason),
      (n) => this.maybeUp(n),
    );
    this.outbox = new Outbox(ctx, this.topo, this.table, this.rtp);
    this.dual = new Dual(ctx, this.topo, this.table, this.outbox);
    this.rib = new RouteOutput(ctx, this.topo);
    this.origins = new Origins(ctx, this.topo, this.dual);
    this.table.greet = (iface, n) => {
      this.hellos.send(iface, n.address);
      this.rtp.unicast(iface, n, INIT.opcode, [], INIT.flags);
    };
    this.table.onDown = (n) => this.dual.neighborDown(n);
    this.timerHandlers = {
      hello: (k) => this.hellos.onTimer(k),
      hold: (k) => this.table.onHoldTimer(k),
      rexmit: (k) => this.rtp.onTimer(k),
      active: (k) => this.dual.onActiveTimer(k),
    };
    this.handlers = {
      [EigrpOpcode.Update]: (n, p) => {
        for (const rs of byPrefix(p, this.ctx.family)) this.dual.evaluate(this.report(n, rs));
      },
      [EigrpOpcode.Query]: (n, p) => {
        for (const rs of byPrefix(p, this.ctx.family)) this.dual.onQuery(this.report(n, rs), n);
      },
      [EigrpOpcode.Reply]: (n, p) => {
        for (const rs of byPrefix(p, this.ctx.family)) this.dual.onReply(this.report(n, rs), n);
      },
      [EigrpOpcode.SiaQuery]: (n, p) => this.answerSiaQuery(n, p),
    };
  }

  get config(): EigrpConfig {
    return this.ctx.cfg;
  }

  receive(now: number, packet: Received): Action[] {
    return this.run(now, () => this.dispatch(packet));
  }

  tick(now: number): Action[] {
    return this.run(now, () => {
      for (let guard = 0; guard < 1_000_000; guard++) {
        const t = this.ctx.timers.pop(this.ctx.now);
        if (!t) return;
        this.timerHandlers[t.kind](t.key);
      }
    });
  }

  nextDeadline(): number | undefined {
    return this.started ? this.ctx.timers.next() : 0;
  }

  configure(now: number, newConfig: EigrpConfig | EigrpConfigInput): Action[] {
    return this.run(now, () => this.reconfigure(resolveConfig(newConfig)));
  }

  snapshot(now: number): EigrpSnapshot {
    this.ctx.now = now;
    return buildSnapshot(this.ctx, this.topo, this.outbox);
  }

  routes(): EigrpRoute[] {
    return this.rib.routes();
  }

  /** Sets the clock, starts on the first input, runs `fn`, then sends and installs what changed. */
  private run(now: number, fn: () => void): Action[] {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.out = [];
    if (!this.started) {
      this.started = true;
      if (!ctx.cfg.shutdown) this.start();
    }
    fn();
    this.settle();
    const out = ctx.out;
    ctx.out = [];
    return out;
  }

  private start(): void {
    for (const i of this.ctx.cfg.interfaces) if (speaks(i)) this.hellos.send(i);
    this.origins.sync();
  }

  /** Summaries follow their components; then Updates, Queries, Replies and routes leave. */
  private settle(): void {
    const ctx = this.ctx;
    const keys = new Set<string>();
    for (let round = 0; round < 4 && ctx.dirty.size > 0; round++) {
      const now = [...ctx.dirty];
      ctx.dirty.clear();
      for (const k of now) keys.add(k);
      this.origins.resummarize(now);
    }
    for (const k of ctx.dirty) keys.add(k);
    ctx.dirty.clear();
    this.outbox.flush(keys);
    this.rib.flush(keys);
    for (const k of keys) this.topo.collect(k);
  }

  private dispatch(r: Received): void {
    const ctx = this.ctx;
    const ok = admit(ctx, r);
    if (!ok) return;
    const { iface, p } = ok;
    if (p.opcode === EigrpOpcode.Hello) {
      if (p.ack === 0) {
        this.hellos.onHello(iface, r.source, p);
        return;
      }
      const n = this.table.get(iface.name, r.source);
      if (n) {
        this.table.heard(n);
        this.rtp.onAck(n, p.ack);
      }
      return;
    }
    let n = this.table.get(iface.name, r.source);
    if (!n) {
      ctx.counters.drop('notNeighbor');
      return;
    }
    this.table.heard(n);
    if (p.ack !== 0) this.rtp.onAck(n, p.ack);
    if (p.opcode === EigrpOpcode.Update && p.flags & EigrpFlags.Init) {
      if (n.initReceived && p.sequence !== n.lastSequence) {
        this.table.down(n, 'peer restarted');
        n = this.table.create(iface, r.source, iface.holdTime);
      }
      if (!this.rtp.accept(iface, n, p)) return;
      n.initReceived = true;
      this.maybeUp(n);
      return;
    }
    if (!n.initReceived) {
      ctx.counters.drop('notNeighbor');
      return;
    }
    if (!this.rtp.accept(iface, n, p)) return;
    this.handlers[p.opcode]?.(n, p);
  }

  /** The INIT exchange is complete both ways: the neighbor gets our table and every later Update. */
  private maybeUp(n: Neighbor): void {
    if (n.up || !n.initAcked || !n.initReceived) return;
    n.up = true;
    this.outbox.startup(n);
  }

  /**
   * An SIA-Query (RFC 7868 5.5.1): the neighbor still waits for us. Answered at once with an
   * SIA-Reply carrying our distance, flagged Active while we are still computing; DUAL is untouched.
   */
  private answerSiaQuery(n: Neighbor, p: EigrpPacket): void {
    const iface = this.ctx.iface(n.iface);
    if (!iface) return;
    const tlvs = routeItems(p, this.ctx.family).map((r) => {
      const e = this.topo.get(prefixKey(r.prefix, r.prefixLength));
      const active = e?.state === 'active';
      const m = (active ? e.queryMetric : e?.metric) ?? unreachable();
      return this.ctx.routeTlv(
        r.prefix,
        r.prefixLength,
        { ...m, flags: active ? RouteFlags.Active : 0 },
        this.ctx.family.self,
        e?.external,
        e?.origin,
      );
    });
    this.rtp.unicast(iface, n, EigrpOpcode.SiaReply, tlvs);
  }

  /** Records what `n` reports for one prefix (one route, or several with add-paths) and returns its entry. */
  private report(n: Neighbor, rs: RouteItem[]) {
    const key = prefixKey(rs[0].prefix, rs[0].prefixLength);
    const e = this.topo.obtain(key, key.slice(0, key.lastIndexOf('/')), rs[0].prefixLength);
    this.dual.setPaths(
      e,
      n,
      rs.map((r) => ({ reported: r.metric, nextHopField: r.nextHop, external: r.external, origin: r.origin })),
    );
    return e;
  }

  private reconfigure(next: EigrpConfig): void {
    const ctx = this.ctx;
    const old = ctx.cfg;
    if (!this.started) {
      ctx.cfg = next;
      return;
    }
    const wasOn = !old.shutdown;
    const on = !next.shutdown;
    const reset =
      old.as !== next.as ||
      old.routerId !== next.routerId ||
      old.kValues.join() !== next.kValues.join() ||
      JSON.stringify(old.stub) !== JSON.stringify(next.stub);
    if (wasOn && (!on || reset)) {
      for (const i of old.interfaces) if (speaks(i)) this.hellos.goodbye(i);
      const why = !on
        ? 'process shutdown'
        : old.kValues.join() !== next.kValues.join()
          ? 'metric changed'
          : 'route configuration changed';
      this.stop(why);
      ctx.cfg = next;
      if (on) this.start();
      return;
    }
    ctx.cfg = next;
    if (!on) return;
    if (!wasOn) {
      this.start();
      return;
    }
    for (const oi of old.interfaces) {
      const ni = next.interfaces.find((i) => i.name === oi.name);
      if (!speaks(oi) || (ni && speaks(ni) && ni.address === oi.address)) continue;
      ctx.cfg = old;
      this.hellos.goodbye(oi);
      ctx.cfg = next;
      const why =
        !ni || ni.shutdown ? 'interface down' : ni.passive ? 'interface passive' : 'route configuration changed';
      for (const n of this.table.all()) if (n.iface === oi.name) this.table.down(n, why);
      ctx.timers.clear('hello', oi.name);
      this.outbox.forget(oi.name);
    }
    for (const ni of next.interfaces) {
      const oi = old.interfaces.find((i) => i.name === ni.name);
      if (speaks(ni) && !(oi && speaks(oi) && oi.address === ni.address)) this.hellos.send(ni);
      else if (speaks(ni) && oi && oi.helloInterval !== ni.helloInterval) this.hellos.send(ni);
    }
    for (const e of this.topo.entries.values()) this.dual.relink(e);
    for (const e of this.topo.entries.values()) this.dual.evaluate(e);
    this.origins.sync();
  }

  /** Every neighbor down, the table and the routes gone (process shutdown or reset). */
  private stop(reason: string): void {
    const ctx = this.ctx;
    for (const n of this.table.all()) {
      ctx.neighbors.delete(n.key);
      ctx.timers.clear('hold', n.key);
      ctx.timers.clear('rexmit', n.key);
      ctx.nbrChange(n.address, n.iface, `down: ${reason}`);
    }
    for (const e of this.topo.entries.values()) ctx.timers.clear('active', e.key);
    for (const i of ctx.cfg.interfaces) {
      ctx.timers.clear('hello', i.name);
      this.outbox.forget(i.name);
    }
    this.topo.entries.clear();
    ctx.dirty.clear();
    this.rib.clear();
  }
}

/**
 * A packet's routes grouped by prefix, in order of first appearance. Several routes for one prefix in
 * one packet are add-paths: the neighbor's whole set of paths to it, each with its own next hop.
 */
function byPrefix(p: EigrpPacket, fam: EigrpFamily): RouteItem[][] {
  const groups = new Map<string, RouteItem[]>();
  for (const r of routeItems(p, fam)) {
    const k = prefixKey(r.prefix, r.prefixLength);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

export type { EigrpInterface };
