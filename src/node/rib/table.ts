/**
 * The merged route table: sources in the order they were added (a source sees the routes of those
 * before it, to resolve next hops), their offers merged by prefix (./select.ts), listeners told of
 * every prefix whose routes changed. Pure: it runs when a source says it changed.
 */
import { RibError } from './errors.js';
import { registerRouteKind } from './kinds.js';
import { prefixKey } from './route.js';
import type { RibChange, RibListener, RibRoute, RouteKind, RouteSource } from './route.js';
import { diffSelections, forwarding, longestMatch, selectAll, type Selection } from './select.js';

/** Sources merged into one table. */
export class RouteTable {
  private readonly sources: RouteSource[] = [];
  private offers: RibRoute[][] = [];
  private selection = new Map<string, Selection>();
  private readonly listeners = new Set<RibListener>();
  /** The kind of a source's routes, by name. */
  readonly kindOf = (name: string): RouteKind | undefined => this.sources.find((s) => s.kind.name === name)?.kind;

  /**
   * Adds a source (before the source `before`, when given: it sees fewer routes) and merges its
   * routes. Registers its kind; throws ROUTE_SOURCE_DUPLICATE for a second source of a kind.
   */
  add(source: RouteSource, before?: RouteSource): RibChange[] {
    if (this.kindOf(source.kind.name)) {
      throw new RibError('ROUTE_SOURCE_DUPLICATE', `a source of "${source.kind.name}" routes is in the table already`);
    }
    registerRouteKind(source.kind);
    const at = before ? this.sources.indexOf(before) : -1;
    const index = at >= 0 ? at : this.sources.length;
    this.sources.splice(index, 0, source);
    this.offers.splice(index, 0, []);
    source.attach?.(() => this.refresh(source));
    return this.refresh(source);
  }

  /** Takes a source's routes out of the table. */
  remove(source: RouteSource): RibChange[] {
    const i = this.sources.indexOf(source);
    if (i < 0) return [];
    this.sources.splice(i, 1);
    this.offers.splice(i, 1);
    return this.merge(i);
  }

  /** Reads `source`'s routes again (and those of every source after it), merges, tells the listeners. */
  refresh(source: RouteSource): RibChange[] {
    const i = this.sources.indexOf(source);
    return i < 0 ? [] : this.merge(i);
  }

  /** Calls `listener` with every batch of changes; returns the function that stops it. */
  onChange(listener: RibListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The position of the source of `name` routes in the table (sources added first come first). */
  rank(name: string): number {
    return this.sources.findIndex((s) => s.kind.name === name);
  }

  /** Every offered route, active or not, in source order (copies). */
  routes(): RibRoute[] {
    return this.offers.flat().map((r) => ({ ...r }));
  }

  /** The merge result of one prefix. */
  selectionOf(prefix: string, prefixLength: number): Selection | undefined {
    return this.selection.get(prefixKey(prefix, prefixLength));
  }

  /** The route forwarding takes to `dst`: longest prefix, then the selection (overrides included). */
  lookup(dst: string): RibRoute | undefined {
    return longestMatch(dst, (k) => {
      const s = this.selection.get(k);
      return s && forwarding(s, this.kindOf);
    });
  }

  private merge(from: number): RibChange[] {
    for (let i = from; i < this.sources.length; i++) {
      const before = this.offers
        .slice(0, i)
        .flat()
        .filter((r) => this.usable(r));
      this.offers[i] = [...this.sources[i].routes(before)];
    }
    const after = selectAll(this.offers.flat(), this.kindOf);
    const changes = diffSelections(this.selection, after);
    this.selection = after;
    if (changes.length > 0) for (const l of this.listeners) l(changes);
    return changes;
  }

  private usable(r: RibRoute): boolean {
    const k = this.kindOf(r.source);
    return r.active && k?.listOnly !== true && k?.override !== true;
  }
}
