/**
 * All of one engine's timers in a min-heap, each with a typed kind and a key (an interface name, a
 * neighbor key or a prefix key), so the driver keeps a single timer (`nextDeadline`). The engine
 * dispatches a due timer through a table of handlers by kind. Setting a timer again moves it.
 */
import { MinHeap } from '../sched/min-heap.js';

/** hello: an interface's next Hello; hold: a neighbor's hold time; rexmit: a neighbor's retransmission;
 *  active: a prefix's SIA timer. */
export type TimerKind = 'hello' | 'hold' | 'rexmit' | 'active';

interface Slot {
  at: number;
  kind: TimerKind;
  key: string;
  /** Arming generation: a slot whose generation is not the live one was cleared or moved. */
  gen: number;
}

export class Timers {
  private heap = new MinHeap<Slot>((a, b) => a.at < b.at);
  private live = new Map<string, Slot>();
  private gen = 0;

  /** Arms (or re-arms) the timer `kind`/`key` for time `at` (ms). */
  set(kind: TimerKind, key: string, at: number): void {
    const id = `${kind} ${key}`;
    const cur = this.live.get(id);
    if (cur?.at === at) return;
    const slot = { at, kind, key, gen: ++this.gen };
    this.live.set(id, slot);
    this.heap.push(slot);
    if (this.heap.size > 64 && this.heap.size > 3 * this.live.size) this.rebuild();
  }

  clear(kind: TimerKind, key: string): void {
    this.live.delete(`${kind} ${key}`);
  }

  /** When the timer fires, or undefined when it is not armed. */
  when(kind: TimerKind, key: string): number | undefined {
    return this.live.get(`${kind} ${key}`)?.at;
  }

  /** The earliest armed deadline. */
  next(): number | undefined {
    this.dropStale();
    return this.heap.peek()?.at;
  }

  /** Removes and returns the earliest timer due at `now`. */
  pop(now: number): { kind: TimerKind; key: string } | undefined {
    this.dropStale();
    const top = this.heap.peek();
    if (top === undefined || top.at > now) return undefined;
    this.heap.pop();
    this.live.delete(`${top.kind} ${top.key}`);
    return { kind: top.kind, key: top.key };
  }

  private dropStale(): void {
    for (let t = this.heap.peek(); t !== undefined && this.live.get(`${t.kind} ${t.key}`) !== t; t = this.heap.peek()) {
      this.heap.pop();
    }
  }

  private rebuild(): void {
    this.heap.clear();
    for (const s of this.live.values()) this.heap.push(s);
  }
}
