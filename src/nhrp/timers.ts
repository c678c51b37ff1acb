/**
 * All of one engine's timers: typed deadlines in a min-heap, so the driver keeps a single timer
 * (`nextDeadline`) however many cache entries and NHSs there are. A timer is a kind and the thing
 * it is for (FRR's `event_add_timer`, wireguard-go's `NewTimer(fn)`); the engine dispatches a due
 * one through a table of handlers, one per kind. Setting a timer again moves it.
 */
import { MinHeap } from '../sched/min-heap.js';

/** One timer: its kind and what it is for. */
export type TimerKey =
  /** Registration with NHS `nhs` (tunnel address): refresh, or retransmit an unanswered request. */
  | { kind: 'nhs-register'; nhs: string }
  /** Cache entry `entry` ("addr/len"): its holding time ran out. */
  | { kind: 'cache-expire'; entry: string }
  /** Resolved cache entry `entry` ("addr/len") is about to expire: resolve it again if in use. */
  | { kind: 'resolve-refresh'; entry: string }
  /** The Resolution Request for `dst` is unanswered: retransmit or give up. */
  | { kind: 'resolve-retry'; dst: string }
  /** The Purge Request `requestId` is unanswered: retransmit or give up. */
  | { kind: 'purge-retry'; requestId: number };

/** The kinds of timer. */
export type TimerKind = TimerKey['kind'];
/** The key of a timer of kind K. */
export type TimerOf<K extends TimerKind> = Extract<TimerKey, { kind: K }>;
/** One handler per kind of timer. */
export type TimerHandlers = { [K in TimerKind]: (t: TimerOf<K>) => void };

/** Runs the handler of `t`'s kind. */
export function fireTimer<K extends TimerKind>(handlers: TimerHandlers, t: TimerOf<K>): void {
  (handlers[t.kind] as (t: TimerOf<K>) => void)(t);
}

/** What tells timers of one kind apart. */
function idOf(t: TimerKey): string | number {
  switch (t.kind) {
    case 'nhs-register':
      return t.nhs;
    case 'cache-expire':
    case 'resolve-refresh':
      return t.entry;
    case 'resolve-retry':
      return t.dst;
    case 'purge-retry':
      return t.requestId;
  }
}

/** An armed timer. */
interface Armed {
  key: TimerKey;
  at: number;
}

/** A heap slot: stale once its timer was cleared or moved to another time. */
interface Slot {
  at: number;
  key: TimerKey;
}

export class Timers {
  private heap = new MinHeap<Slot>((a, b) => a.at < b.at);
  private readonly live: { [K in TimerKind]: Map<string | number, Armed> } = {
    'nhs-register': new Map(),
    'cache-expire': new Map(),
    'resolve-refresh': new Map(),
    'resolve-retry': new Map(),
    'purge-retry': new Map(),
  };
  /** Every armed timer, in the order it was first armed. */
  private readonly armed = new Set<Armed>();

  /** Arms (or re-arms) `key` for time `at` (ms). */
  set(key: TimerKey, at: number): void {
    const byId = this.live[key.kind];
    const id = idOf(key);
    const a = byId.get(id);
    if (a !== undefined) {
      if (a.at === at) return;
      a.at = at;
    } else {
      const fresh = { key, at };
      byId.set(id, fresh);
      this.armed.add(fresh);
    }
    this.heap.push({ at, key });
    if (this.heap.size > 64 && this.heap.size > 3 * this.armed.size) this.rebuild();
  }

  /** Disarms `key` (nothing when it is not armed). */
  clear(key: TimerKey): void {
    const byId = this.live[key.kind];
    const id = idOf(key);
    const a = byId.get(id);
    if (a === undefined) return;
    byId.delete(id);
    this.armed.delete(a);
  }

  /** When `key` fires, or undefined when it is not armed. */
  when(key: TimerKey): number | undefined {
    return this.live[key.kind].get(idOf(key))?.at;
  }

  /** The earliest armed deadline. */
  next(): number | undefined {
    this.dropStale();
    return this.heap.peek()?.at;
  }

  /** Removes and returns the earliest timer due at `now`, or undefined. */
  pop(now: number): TimerKey | undefined {
    this.dropStale();
    const top = this.heap.peek();
    if (top === undefined || top.at > now) return undefined;
    this.heap.pop();
    this.clear(top.key);
    return top.key;
  }

  /** Drops heap slots of timers that were cleared or re-armed since they were pushed. */
  private dropStale(): void {
    for (let top = this.heap.peek(); top !== undefined && this.when(top.key) !== top.at; top = this.heap.peek()) {
      this.heap.pop();
    }
  }

  private rebuild(): void {
    this.heap.clear();
    for (const a of this.armed) this.heap.push({ at: a.at, key: a.key });
  }
}
