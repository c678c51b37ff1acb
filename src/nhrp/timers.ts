/**
 * All of one engine's timers: named deadlines in a min-heap, so the driver keeps a single timer
 * (`nextDeadline`) however many cache entries and NHSs there are. Setting a name again moves it.
 */
import { MinHeap } from './heap.js';

interface Slot {
  at: number;
  name: string;
}

export class Timers {
  private heap = new MinHeap<Slot>((a, b) => a.at < b.at);
  private live = new Map<string, number>();

  /** Arms (or re-arms) `name` for time `at` (ms). */
  set(name: string, at: number): void {
    if (this.live.get(name) === at) return;
    this.live.set(name, at);
    this.heap.push({ at, name });
    if (this.heap.size > 64 && this.heap.size > 3 * this.live.size) this.rebuild();
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
    return this.heap.peek()?.at;
  }

  /** Removes and returns the earliest timer due at `now`, or undefined. */
  pop(now: number): string | undefined {
    this.dropStale();
    const top = this.heap.peek();
    if (top === undefined || top.at > now) return undefined;
    this.heap.pop();
    this.live.delete(top.name);
    return top.name;
  }

  /** Drops heap slots of timers that were cleared or re-armed since they were pushed. */
  private dropStale(): void {
    for (let top = this.heap.peek(); top !== undefined && this.live.get(top.name) !== top.at; top = this.heap.peek()) this.heap.pop();
  }

  private rebuild(): void {
    this.heap.clear();
    for (const [name, at] of this.live) this.heap.push({ at, name });
  }
}
