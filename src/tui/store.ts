/** The TUI's state holder: applies actions through the reducer and tells subscribers (the app) to redraw. */
import { initialState, type TuiState } from './model.js';
import { reduce, type Action } from './reducer.js';

/** A tiny store (useSyncExternalStore reads it); it outlives the ink app, so the CLI can step in and out. */
export class Store {
  private state: TuiState;
  private readonly subscribers = new Set<() => void>();

  constructor(state: TuiState = initialState()) {
    this.state = state;
  }

  /** The state now. */
  get = (): TuiState => this.state;

  /** Applies actions and notifies once. */
  dispatch = (...actions: Action[]): void => {
    if (actions.length === 0) return;
    for (const a of actions) this.state = reduce(this.state, a);
    for (const s of this.subscribers) s();
  };

  /** Adds a listener; returns the function that removes it. */
  subscribe = (fn: () => void): (() => void) => {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  };
}
