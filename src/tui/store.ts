/**
 * The TUI's state holder: applies actions through the reducer and tells subscribers (the app) to redraw.
 * Keys redraw at once; data (polls, debug lines) redraws at most every `dataMs`, so a busy lab costs a
 * bounded number of frames.
 */
import { initialState, type TuiState } from './model.js';
import { reduce, type Action } from './reducer.js';

/** Actions that come from the lab rather than from the person at the keyboard. */
const DATA = new Set<Action['type']>(['router', 'linkFaults', 'events', 'shows', 'captures', 'labs']);

/** A tiny store (useSyncExternalStore reads it); it outlives the ink app, so the CLI can step in and out. */
export class Store {
  private state: TuiState;
  private readonly subscribers = new Set<() => void>();
  private lastNotify = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    state: TuiState = initialState(),
    private readonly dataMs = 0,
  ) {
    this.state = state;
  }

  /** The state now. */
  get = (): TuiState => this.state;

  /** Applies actions and notifies (data-only batches: at most once per `dataMs`). */
  dispatch = (...actions: Action[]): void => {
    if (actions.length === 0) return;
    for (const a of actions) this.state = reduce(this.state, a);
    const wait = this.lastNotify + this.dataMs - Date.now();
    if (actions.every((a) => DATA.has(a.type)) && wait > 0) {
      this.timer ??= setTimeout(() => this.notify(), wait);
      return;
    }
    this.notify();
  };

  private notify(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastNotify = Date.now();
    for (const s of this.subscribers) s();
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe = (fn: () => void): (() => void) => {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  };
}
