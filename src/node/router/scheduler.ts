/**
 * The router's one timer: armed for the earliest `nextDeadline()` of all engines, re-read after every
 * input (kick). The engines own their timers; this only decides when to call tick.
 */

/** Monotonic milliseconds on the wall-clock scale (never jumps when the clock is set). */
export function monotonicMs(): number {
  return performance.timeOrigin + performance.now();
}

/** setTimeout's longest delay. */
const MAX_DELAY = 0x7fffffff;

/** One timer for many deadlines. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private at = Infinity;
  private stopped = false;

  constructor(
    private readonly clock: () => number,
    /** The earliest deadline now (undefined: nothing to wait for). */
    private readonly due: () => number | undefined,
    /** Runs whatever is due at `now`. */
    private readonly fire: (now: number) => void,
  ) {}

  /** Re-reads the deadline; re-arms only when it moved earlier (a late wake-up just re-reads). */
  kick(): void {
    if (this.stopped) return;
    const d = this.due();
    if (d === undefined) return;
    if (this.timer !== undefined && d >= this.at) return;
    this.arm(d);
  }

  /** Stops for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(deadline: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.at = deadline;
    const delay = Math.min(MAX_DELAY, Math.max(0, Math.ceil(deadline - this.clock())));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = Infinity;
      this.fire(this.clock());
      this.kick();
    }, delay);
  }
}
