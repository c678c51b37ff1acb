/**
 * DUAL (RFC 7868 3, 5.5): what one prefix's topology entry does when a neighbor reports a distance,
 * queries, replies or goes away, or our own origin changes.
 *
 * Passive: the feasible condition (a neighbor's reported distance below our feasible distance) picks
 * successors without asking anyone — when the neighbor with the lowest distance meets it, the route
 * stays passive (a feasible successor takes over at once). Otherwise the route goes Active: Queries to
 * every up neighbor that is not a stub, a reply status per neighbor, the SIA timer (3 minutes on IOS);
 * when the last Reply is in (or its neighbor is gone) the route goes passive on the best distance,
 * which becomes the feasible distance, and the Queries that made it active are answered.
 * Successors: every feasible path within `variance` times the best distance, at most maximum-paths.
 */
import type { ClassicMetric, ExternalData } from '../wire/eigrp/index.js';
import type { Ctx } from './context.js';
import { moreSpecific, prefixKey } from './ip.js';
import { addLink, composite, INFINITY, isUnreachable, linkMetric } from './metric.js';
import type { Neighbor } from './neighbor.js';
import type { NeighborTable } from './neighbors.js';
import { Topology, type Path, type TopoEntry } from './topology.js';

/** One route of a neighbor's packet, as DUAL records it. */
export interface PathReport {
  reported: ClassicMetric;
  /** The TLV's next-hop field. */
  nextHopField: string;
  external: ExternalData | undefined;
  /** The originator's router ID a wide-metric TLV carried. */
  origin?: string;
}

/** Where DUAL's Queries and Replies go (the outbox batches them per interface and neighbor). */
export interface DualOutput {
  query(e: TopoEntry): void;
  reply(n: string, e: TopoEntry, metric: ClassicMetric | undefined): void;
}

export class Dual {
  constructor(
    private readonly ctx: Ctx,
    private readonly topo: Topology,
    private readonly table: NeighborTable,
    private readonly output: DualOutput,
  ) {}

  /**
   * Records what `n` reports for a prefix in one packet: every path it has (one, or several with
   * add-paths, each with its own next hop), replacing what it said before; unreachable ones drop out.
   */
  setPaths(e: TopoEntry, n: Neighbor, reports: readonly PathReport[]): void {
    Topology.dropNeighbor(e, n.key);
    const iface = this.ctx.iface(n.iface);
    if (!iface) return;
    const k = this.ctx.cfg.kValues;
    for (const r of reports) {
      const { reported, nextHopField, external, origin } = r;
      if (isUnreachable(reported) || (external && external.originatingRouter === this.ctx.cfg.routerId)) continue;
      const onLink = this.ctx.family.onLink(nextHopField, iface);
      // with add-paths, a path back to ourselves is no path
      if (reports.length > 1 && nextHopField === iface.address) continue;
      const nextHop = onLink ? nextHopField : n.address;
      const key = e.paths.has(n.key) ? `${n.key}>${nextHop}` : n.key;
      if (e.paths.has(key)) continue;
      const total = addLink(reported, linkMetric(iface.bandwidth, iface.delayUs));
      e.paths.set(key, {
        key,
        neighbor: n.key,
        iface: n.iface,
        from: n.address,
        nextHop,
        reported,
        rd: composite(reported, k),
        total,
        distance: composite(total, k),
        external,
        origin,
      });
    }
  }

  /** Recomputes every path's total through an interface (its bandwidth or delay changed). */
  relink(e: TopoEntry): void {
    const byNeighbor = new Map<string, PathReport[]>();
    for (const p of e.paths.values()) {
      const list = byNeighbor.get(p.neighbor) ?? [];
      list.push({
        reported: p.reported,
        nextHopField: p.nextHop === p.from ? this.ctx.family.self : p.nextHop,
        external: p.external,
        origin: p.origin,
      });
      byNeighbor.set(p.neighbor, list);
    }
    for (const [key, reports] of byNeighbor) {
      const n = this.ctx.neighbors.get(key);
      if (n) this.setPaths(e, n, reports);
    }
  }

  /** An Update (or any change of paths or origin) for `e`: the passive-state decision. */
  evaluate(e: TopoEntry): void {
    this.ctx.dirty.add(e.key);
    if (e.state === 'active') {
      this.finishIfDone(e);
      return;
    }
    if (e.local) {
      this.install(e, [], e.local.distance, e.local.metric, e.local.external);
      e.fd = e.local.distance;
      return;
    }
    let dmin = INFINITY;
    for (const p of e.paths.values()) dmin = Math.min(dmin, p.distance);
    const had = e.metric !== undefined;
    if (dmin === INFINITY) {
      if (had) this.goActive(e);
      else this.install(e, [], INFINITY);
      return;
    }
    const fd = e.fd;
    const best = [...e.paths.values()].find((p) => p.distance === dmin && p.rd < fd);
    if (best || !had) {
      e.fd = Math.min(fd, dmin);
      this.choose(e, dmin);
    } else this.goActive(e);
  }

  /** A Query from `n`: evaluated like an Update, answered now when the route stays passive. */
  onQuery(e: TopoEntry, n: Neighbor): void {
    if (e.state === 'active') {
      if (!Topology.succeedsVia(e, n.key)) this.output.reply(n.key, e, e.queryMetric);
      else e.queryOrigins.add(n.key);
      this.evaluate(e);
      return;
    }
    this.evaluate(e);
    if (isActive(e)) e.queryOrigins.add(n.key);
    else this.output.reply(n.key, e, this.replyMetric(e, n.key));
  }

  /** A Reply from `n` (its path already recorded). */
  onReply(e: TopoEntry, n: Neighbor): void {
    e.replyStatus.delete(n.key);
    this.evaluate(e);
  }

  /** `n` is gone: its paths leave every entry, and it owes no more Replies. */
  neighborDown(n: Neighbor): void {
    for (const e of [...this.topo.entries.values()]) {
      const had = Topology.dropNeighbor(e, n.key);
      const owed = e.replyStatus.delete(n.key);
      e.queryOrigins.delete(n.key);
      if (had || owed) this.evaluate(e);
    }
  }

  /** The SIA timer of a prefix fired: the neighbors that never replied are reset (IOS "stuck in active"). */
  onActiveTimer(key: string): void {
    const e = this.topo.get(key);
    if (e?.state !== 'active') return;
    const ctx = this.ctx;
    ctx.counters.siaActive++;
    ctx.log(`%DUAL-3-SIA: Route ${e.key} stuck-in-active state in IP-EIGRP(0) ${ctx.cfg.as}.  Cleaning up`);
    for (const k of [...e.replyStatus]) {
      const n = ctx.neighbors.get(k);
      if (n) this.table.down(n, 'stuck in active');
    }
    e.replyStatus.clear();
    this.evaluate(e);
  }

  /** What we tell `n` in a Reply: unreachable when it is our successor (poison) or we are a stub. */
  replyMetric(e: TopoEntry, n: string): ClassicMetric | undefined {
    if (e.metric === undefined || Topology.succeedsVia(e, n)) return undefined;
    if (this.ctx.cfg.stub && !e.local) return undefined;
    if (this.suppressedToward(e, n)) return undefined;
    return e.metric;
  }

  /**
   * `e` is a component of a summary active on neighbor `n`'s interface: Replies there say
   * unreachable, as Updates do.
   */
  private suppressedToward(e: TopoEntry, n: string): boolean {
    if (e.local?.kind === 'summary') return false;
    const iface = this.ctx.iface(this.ctx.neighbors.get(n)?.iface ?? '');
    return (iface?.summaries ?? []).some(
      (s) =>
        this.topo.get(prefixKey(s.prefix, s.prefixLength))?.local?.kind === 'summary' &&
        moreSpecific(e.prefix, e.prefixLength, s.prefix, s.prefixLength),
    );
  }

  private goActive(e: TopoEntry): void {
    const ctx = this.ctx;
    const current = e.successors.map((k) => e.paths.get(k)).filter((p): p is Path => p !== undefined);
    current.sort((a, b) => a.distance - b.distance);
    e.fd = current[0]?.distance ?? INFINITY;
    e.queryMetric = current[0]?.total;
    e.state = 'active';
    e.activeSince = ctx.now;
    e.replyStatus = new Set(
      this.table
        .all()
        .filter((n) => n.up && !n.stub)
        .map((n) => n.key),
    );
    ctx.event(() => `DUAL: ${e.key} going active, ${e.replyStatus.size} queries`);
    if (e.replyStatus.size > 0) {
      this.output.query(e);
      if (ctx.cfg.activeTimeMs > 0) ctx.timers.set('active', e.key, ctx.now + ctx.cfg.activeTimeMs);
    }
    this.finishIfDone(e);
  }

  private finishIfDone(e: TopoEntry): void {
    if (e.replyStatus.size > 0) return;
    const ctx = this.ctx;
    ctx.timers.clear('active', e.key);
    e.state = 'passive';
    e.queryMetric = undefined;
    let dmin = e.local?.distance ?? INFINITY;
    for (const p of e.paths.values()) dmin = Math.min(dmin, p.distance);
    e.fd = dmin;
    if (e.local) this.install(e, [], e.local.distance, e.local.metric, e.local.external);
    else this.choose(e, dmin);
    ctx.event(() => `DUAL: ${e.key} passive, FD ${e.fd === INFINITY ? 'Inaccessible' : e.fd}`);
    for (const k of e.queryOrigins) this.output.reply(k, e, this.replyMetric(e, k));
    e.queryOrigins.clear();
  }

  /** Successors among the feasible paths, within variance of `dmin`. */
  private choose(e: TopoEntry, dmin: number): void {
    if (dmin === INFINITY) {
      this.install(e, [], INFINITY);
      return;
    }
    const cfg = this.ctx.cfg;
    const limit = dmin * Math.max(1, cfg.variance);
    const succ = [...e.paths.values()]
      .filter((p) => p.distance === dmin || (p.distance <= limit && p.rd < e.fd))
      .sort((a, b) => a.distance - b.distance || a.from.localeCompare(b.from) || a.nextHop.localeCompare(b.nextHop))
      .slice(0, Math.max(1, cfg.maximumPaths));
    this.install(e, succ, dmin, succ[0].total, succ[0].external);
  }

  private install(e: TopoEntry, succ: Path[], _d: number, metric?: ClassicMetric, external?: ExternalData): void {
    e.successors = succ.map((p) => p.key);
    e.metric = metric;
    e.external = external;
    e.origin = succ[0]?.origin;
    this.ctx.dirty.add(e.key);
  }
}

/** Read through a function: DUAL calls change the state behind the type checker's narrowing. */
function isActive(e: TopoEntry): boolean {
  return e.state === 'active';
}
