/**
 * The per-interface sockets of an EIGRP host (./eigrp-host.ts), one link per interface name: kept
 * while the interface's key (its device and address) stays, reopened when it changes, closed when the
 * interface no longer runs EIGRP.
 */
import { describeError } from './errors.js';

/** What a link needs: to be closed. */
export interface Closable {
  close(): void;
}

/** An interface that should have a link: its name, what its link depends on, and how to open one. */
export interface WantedLink<L extends Closable> {
  name: string;
  key: string;
  open: () => L;
}

/** The links of one host, by interface name (in the order they were opened). */
export class EigrpLinks<L extends Closable> {
  private readonly byName = new Map<string, { key: string; link: L }>();

  /** Opens the links `wanted` is missing (a failure is a problem, the interface stays without), closes the rest. */
  sync(wanted: Iterable<WantedLink<L>>, problems: string[]): void {
    const names = new Set<string>();
    for (const w of wanted) {
      names.add(w.name);
      const old = this.byName.get(w.name);
      if (old?.key === w.key) continue;
      old?.link.close();
      this.byName.delete(w.name);
      try {
        this.byName.set(w.name, { key: w.key, link: w.open() });
      } catch (err) {
        problems.push(`%EIGRP-4-SOCKET: ${w.name}: ${describeError(err)}`);
      }
    }
    for (const [name, l] of this.byName) {
      if (names.has(name)) continue;
      l.link.close();
      this.byName.delete(name);
    }
  }

  get(name: string): L | undefined {
    return this.byName.get(name)?.link;
  }

  *[Symbol.iterator](): IterableIterator<L> {
    for (const l of this.byName.values()) yield l.link;
  }

  /** Closes every link. */
  close(): void {
    for (const l of this.byName.values()) l.link.close();
    this.byName.clear();
  }
}
