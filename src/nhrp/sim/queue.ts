/** Virtual time for the simulator and tests: a clock that jumps from one scheduled event to the next. */

import { MinHeap } from '../../sched/min-heap.js';

interface Event {
  at: number;
  seq: number;
  run: () => void;
}

export class EventQueue {
  /** Virtual now, ms. */
  now = 0;
  private heap = new MinHeap<Event>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  /** Events run so far. */
  processed = 0;

  get size(): number {
    return this.heap.size;
  }

  /** Runs `run` at virtual time `at` (not before now); equal times run in scheduling order. */
  at(at: number, run: () => void): void {
    this.heap.push({ at: Math.max(at, this.now), seq: this.seq++, run });
  }

  /** Runs events in time order until none is left at or before `until`; the clock ends at `until`. */
  runUntil(until: number): void {
    for (let top = this.heap.peek(); top !== undefined && top.at <= until; top = this.heap.peek()) {
      this.heap.pop();
      this.now = top.at;
      this.processed++;
      top.run();
    }
    this.now = Math.max(this.now, until);
  }
}
