/**
 * Our own origins in the topology table, kept in line with the configuration (connected and
 * redistributed routes, src/eigrp/locals.ts) and with the table (a summary exists while a component
 * is reachable). Each change goes through DUAL like any other.
 */
import type { Ctx } from './context.js';
import type { Dual } from './dual.js';
import { moreSpecific } from './ip.js';
import { configuredOrigins, configuredSummaries, summaryOrigin } from './locals.js';
import type { LocalOrigin, Topology } from './topology.js';

export class Origins {
  constructor(
    private readonly ctx: Ctx,
    private readonly topo: Topology,
    private readonly dual: Dual,
  ) {}

  /** Recomputes the summaries that cover any of `keys`. */
  resummarize(keys: string[]): void {
    const summaries = configuredSummaries(this.ctx.cfg);
    for (const [key, s] of summaries) {
      const touched = keys.some((k) => {
        const slash = k.lastIndexOf('/');
        return k === key || moreSpecific(k.slice(0, slash), Number(k.slice(slash + 1)), s.prefix, s.prefixLength);
      });
      if (!touched) continue;
      const origin = summaryOrigin(this.topo, s, this.ctx.cfg);
      const e = this.topo.obtain(key, s.prefix, s.prefixLength);
      if (sameOrigin(e.local, origin)) continue;
      e.local = origin;
      this.dual.evaluate(e);
    }
  }

  /** Our connected and redistributed routes, and summaries, brought in line with the configuration. */
  sync(): void {
    const cfg = this.ctx.cfg;
    const want = configuredOrigins(cfg);
    const summaries = configuredSummaries(cfg);
    for (const e of this.topo.entries.values()) {
      const l = e.local;
      if (l && (l.kind === 'summary' ? !summaries.has(e.key) : !want.has(e.key))) {
        e.local = undefined;
        this.dual.evaluate(e);
      }
    }
    for (const [key, o] of want) {
      const e = this.topo.obtain(key, o.prefix, o.prefixLength);
      const { prefix: _p, prefixLength: _l, ...origin } = o;
      if (sameOrigin(e.local, origin)) continue;
      e.local = origin;
      this.dual.evaluate(e);
    }
    for (const e of this.topo.entries.values()) this.ctx.dirty.add(e.key);
    for (const key of summaries.keys()) this.ctx.dirty.add(key);
  }
}

function sameOrigin(a: LocalOrigin | undefined, b: LocalOrigin | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
