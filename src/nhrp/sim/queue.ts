/** Virtual time for the simulator and tests: a clock that jumps from one scheduled event to the next. */

interface Event {
  at: number;
  seq: number;
  run: () => void;
}

export class EventQueue {
  /** Virtual now, ms. */
  now = 0;
  private heap: Event[] = [];
  private seq = 0;
  /** Events run so far. */
  processed = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` at virtual time `at` (not before now); equal times run in scheduling order. */
  at(at: number, run: () => void): void {
    const e: Event = { at: Math.max(at, this.now), seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], e)) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
  }

  /** Runs events in time order until none is left at or before `until`; the clock ends at `until`. */
  runUntil(until: number): void {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > until) break;
      this.pop();
      this.now = top.at;
      this.processed++;
      top.run();
    }
    this.now = Math.max(this.now, until);
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r], h[l]) ? r : l;
      if (before(last, h[c])) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
}

function before(a: Event, b: Event): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
