/**
 * All of one engine's timers: named deadlines in a min-heap, so the driver keeps a single timer
 * (`nextDeadline`) however many cache entries and NHSs there are. Setting a name again moves it.
 */
interface Slot {
  at: number;
  name: string;
}

export class Timers {
  private heap: Slot[] = [];
  private live = new Map<string, number>();

  /** Arms (or re-arms) `name` for time `at` (ms). */
  set(name: string, at: number): void {
    if (this.live.get(name) === at) return;
    this.live.set(name, at);
    this.push({ at, name });
    if (this.heap.length > 64 && this.heap.length > 3 * this.live.size) this.rebuild();
  }

  clear(name: string): void {
    this.live.delete(name);
  }

  /** When `name` fires, or undefined when it is not armed. */
  when(name: string): number | undefined {
    return this.live.get(name);
  }

  /** The earliest armed deadline. */
  next(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest timer due at `now`, or undefined. */
  pop(now: number): string | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (top === undefined || top.at > now) return undefined;
    this.shift();
    this.live.delete(top.name);
    return top.name;
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0].name) !== this.heap[0].at) this.shift();
  }

  private rebuild(): void {
    this.heap = [];
    for (const [name, at] of this.live) this.push({ at, name });
  }

  private push(s: Slot): void {
    const h = this.heap;
    h.push(s);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].at <= s.at) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = s;
  }

  private shift(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r].at < h[l].at ? r : l;
      if (h[c].at >= last.at) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
}
