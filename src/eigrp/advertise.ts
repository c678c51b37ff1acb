/**
 * What goes out in Updates, Queries and Replies. Per interface we keep what its peers were last told
 * for each prefix; after every input the prefixes DUAL touched are compared with what the interface
 * should now say, and the differences leave in one Update (unreachable for what it must no longer
 * carry). What an interface says for a prefix (`desired`):
 *   - nothing while the route is unreachable, or for a stub router anything its stub flags do not allow;
 *   - a summary only on the interfaces configured with it, and no component of an active summary there;
 *   - split horizon (default on): nothing on the interface a successor is reached through;
 *   - next-hop-self (default on): next hop 0.0.0.0 or :: (us); with `no ip next-hop-self eigrp` a route
 *     learned on the same interface keeps its next hop (DMVPN Phase 2: the originating spoke): the
 *     first successor's, or with `no-ecmp-mode` the first successor's on this interface;
 *   - add-paths N (named mode, with no next-hop-self): up to N successors, each with its own next hop
 *     and metric, as several TLVs for the prefix in one packet (the receiver takes them as a set).
 * A new neighbor gets the interface's whole table unicast, the last packet flagged EOT.
 */
import { EigrpFlags, EigrpOpcode, type ClassicMetric, type EigrpTlv, type ExternalData } from '../wire/eigrp/index.js';
import { speaks, type EigrpInterface } from './config.js';
import type { Ctx } from './context.js';
import type { DualOutput } from './dual.js';
import { moreSpecific, prefixKey } from './ip.js';
import { unreachable } from './metric.js';
import type { Neighbor } from './neighbor.js';
import type { NeighborTable } from './neighbors.js';
import { ROUTES_PER_PACKET, type Rtp } from './rtp.js';
import type { Topology, TopoEntry } from './topology.js';

/** One advertised path of a prefix. */
interface SaidPath {
  metric: ClassicMetric;
  nextHop: string;
  external?: ExternalData;
  /** The originator's router ID (wide-metric TLVs). */
  origin?: string;
}

/** What an interface's peers were told about a prefix: one path, or several with add-paths. */
interface Said {
  prefix: string;
  prefixLength: number;
  paths: SaidPath[];
  sig: string;
}

const saidTlvs = (ctx: Ctx, s: Said): EigrpTlv[] =>
  s.paths.map((p) => ctx.routeTlv(s.prefix, s.prefixLength, p.metric, p.nextHop, p.external, p.origin));

const pathSig = (p: SaidPath): string => {
  const { metric: m, external: ext } = p;
  return `${m.delay},${m.bandwidth},${m.mtu},${m.hopCount},${m.reliability},${m.load},${m.routeTag}|${p.nextHop}|${
    ext ? `${ext.originatingRouter},${ext.protocol}` : ''
  }|${p.origin ?? ''}`;
};

export class Outbox implements DualOutput {
  /** Interface → prefix key → what its peers were told. */
  private readonly said = new Map<string, Map<string, Said>>();
  private readonly queries = new Set<TopoEntry>();
  private readonly replies = new Map<string, Map<string, ClassicMetric | undefined>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly topo: Topology,
    private readonly table: NeighborTable,
    private readonly rtp: Rtp,
  ) {}

  query(e: TopoEntry): void {
    this.queries.add(e);
  }

  reply(n: string, e: TopoEntry, metric: ClassicMetric | undefined): void {
    let m = this.replies.get(n);
    if (!m) {
      m = new Map();
      this.replies.set(n, m);
    }
    m.set(e.key, metric);
  }

  /** Forgets what an interface said (its peers are gone, or it stopped speaking). */
  forget(iface: string): void {
    this.said.delete(iface);
  }

  /** How many prefixes an interface carries (`show ip eigrp interfaces` "Pending Routes" is 0 here). */
  carried(iface: string): number {
    return this.said.get(iface)?.size ?? 0;
  }

  /** Sends what changed for `keys` on every interface, then the queued Queries and Replies. */
  flush(keys: Iterable<string>): void {
    const ctx = this.ctx;
    const list = [...keys];
    const fam = ctx.family;
    for (const iface of ctx.cfg.interfaces) {
      if (!speaks(iface) || ctx.cfg.shutdown) continue;
      const said = this.saidOn(iface.name);
      const tlvs: EigrpTlv[][] = [];
      const suppress = this.activeSummaries(iface);
      for (const key of list) {
        const e = this.topo.get(key);
        if (e?.state === 'active') continue;
        const want = e ? this.desired(e, iface, suppress) : undefined;
        const had = said.get(key);
        if (!want) {
          if (had) {
            const p = had.paths[0];
            const gone = unreachable(p.metric);
            tlvs.push([ctx.routeTlv(had.prefix, had.prefixLength, gone, fam.self, p.external, p.origin)]);
            said.delete(key);
          }
        } else if (had?.sig !== want.sig) {
          tlvs.push(saidTlvs(ctx, want));
          said.set(key, want);
        }
      }
      this.sendGroups(iface, this.table.upOn(iface.name), tlvs);
    }
    this.flushQueries();
    this.flushReplies();
  }

  /** The startup Update of a new neighbor: the interface's whole table, EOT on the last packet. */
  startup(n: Neighbor): void {
    const iface = this.ctx.iface(n.iface);
    if (!iface) return;
    const packets = chunk([...this.saidOn(iface.name).values()].map((s) => saidTlvs(this.ctx, s)));
    if (packets.length === 0) packets.push([]);
    packets.forEach((tlvs, i) =>
      this.rtp.unicast(iface, n, EigrpOpcode.Update, tlvs, i === packets.length - 1 ? EigrpFlags.EndOfTable : 0),
    );
  }

  private saidOn(iface: string): Map<string, Said> {
    let m = this.said.get(iface);
    if (!m) {
      m = new Map();
      this.said.set(iface, m);
    }
    return m;
  }

  /** Update TLVs grouped by prefix: a prefix's add-paths stay in one packet. */
  private sendGroups(iface: EigrpInterface, peers: Neighbor[], groups: EigrpTlv[][]): void {
    if (peers.length === 0) return;
    for (const tlvs of chunk(groups)) this.rtp.send(iface, peers, EigrpOpcode.Update, tlvs);
  }

  private sendChunks(iface: EigrpInterface, peers: Neighbor[], opcode: number, tlvs: EigrpTlv[]): void {
    if (peers.length === 0) return;
    for (let i = 0; i < tlvs.length; i += ROUTES_PER_PACKET) {
      this.rtp.send(iface, peers, opcode, tlvs.slice(i, i + ROUTES_PER_PACKET));
    }
  }

  private flushQueries(): void {
    if (this.queries.size === 0) return;
    const entries = [...this.queries];
    const fam = this.ctx.family;
    this.queries.clear();
    for (const iface of this.ctx.cfg.interfaces) {
      if (!speaks(iface)) continue;
      const peers = this.table.upOn(iface.name).filter((n) => !n.stub);
      const asked = entries.filter((e) => e.state === 'active' && peers.some((n) => e.replyStatus.has(n.key)));
      const tlvs = asked.map((e) =>
        this.ctx.routeTlv(e.prefix, e.prefixLength, e.queryMetric ?? unreachable(), fam.self, e.external, e.origin),
      );
      this.sendChunks(iface, peers, EigrpOpcode.Query, tlvs);
    }
  }

  private flushReplies(): void {
    const fam = this.ctx.family;
    for (const [key, m] of this.replies) {
      const n = this.ctx.neighbors.get(key);
      const iface = n && this.ctx.iface(n.iface);
      if (!n || !iface) continue;
      const tlvs: EigrpTlv[] = [];
      for (const [pk, metric] of m) {
        const e = this.topo.get(pk);
        const slash = pk.lastIndexOf('/');
        const prefix = pk.slice(0, slash);
        const len = pk.slice(slash + 1);
        const m = metric ?? unreachable(e?.metric);
        tlvs.push(this.ctx.routeTlv(prefix, Number(len), m, fam.self, e?.external, e?.origin));
      }
      for (let i = 0; i < tlvs.length; i += ROUTES_PER_PACKET) {
        this.rtp.unicast(iface, n, EigrpOpcode.Reply, tlvs.slice(i, i + ROUTES_PER_PACKET));
      }
    }
    this.replies.clear();
  }

  /** Summaries configured on `iface` that are currently advertised (their components are suppressed). */
  private activeSummaries(iface: EigrpInterface): Array<{ prefix: string; prefixLength: number }> {
    return iface.summaries.filter((s) => this.topo.get(prefixKey(s.prefix, s.prefixLength))?.local?.kind === 'summary');
  }

  /** What `iface` should say about `e` (see the header), or undefined. */
  private desired(
    e: TopoEntry,
    iface: EigrpInterface,
    suppress: Array<{ prefix: string; prefixLength: number }>,
  ): Said | undefined {
    if (e.metric === undefined) return undefined;
    const stub = this.ctx.cfg.stub;
    const l = e.local;
    if (stub) {
      if (stub.receiveOnly || !l) return undefined;
      if (l.kind === 'connected' && !stub.connected) return undefined;
      if (l.kind === 'summary' && !stub.summary) return undefined;
      if (l.kind === 'redistributed') {
        const isStatic = l.external?.protocol === 3;
        if (!(stub.redistributed || (isStatic ? stub.static : stub.connected))) return undefined;
      }
    }
    if (l?.kind === 'summary' && !l.summaryOn?.includes(iface.name)) return undefined;
    if (
      l?.kind !== 'summary' &&
      suppress.some((s) => moreSpecific(e.prefix, e.prefixLength, s.prefix, s.prefixLength))
    ) {
      return undefined;
    }
    const paths = e.successors.map((k) => e.paths.get(k)).filter((p) => p !== undefined);
    if (iface.splitHorizon && paths.some((p) => p.iface === iface.name)) return undefined;
    const m = e.metric;
    const ext = e.external;
    const origin = e.origin;
    let said: SaidPath[] = [{ metric: m, nextHop: this.ctx.family.self, external: ext, origin }];
    if (!iface.nextHopSelf && !l) {
      const here = paths.filter((p) => p.iface === iface.name);
      if (iface.addPaths > 0 && here.length > 0) {
        said = here
          .slice(0, iface.addPaths)
          .map((p) => ({ metric: p.total, nextHop: p.nextHop, external: p.external, origin: p.origin }));
        said = said.filter((p, i) => said.findIndex((q) => q.nextHop === p.nextHop) === i);
      } else {
        const first = iface.noEcmpMode ? here[0] : paths[0]?.iface === iface.name ? paths[0] : undefined;
        if (first) said = [{ metric: m, nextHop: first.nextHop, external: ext, origin }];
      }
    }
    const sig = said.map(pathSig).join(';');
    return { prefix: e.prefix, prefixLength: e.prefixLength, paths: said, sig };
  }
}

/** Packets of at most ROUTES_PER_PACKET TLVs (more when one prefix's group is larger), groups kept whole. */
function chunk(groups: EigrpTlv[][]): EigrpTlv[][] {
  const out: EigrpTlv[][] = [];
  let cur: EigrpTlv[] = [];
  for (const g of groups) {
    if (cur.length > 0 && cur.length + g.length > ROUTES_PER_PACKET) {
      out.push(cur);
      cur = [];
    }
    cur.push(...g);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
