/** Lets an event through once per key per interval; bounded, forgetting everything when full. */
export class RateLimiter<K> {
  private readonly last = new Map<K, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 4096,
  ) {}

  /** True (and remembers `now`) when `key` has not passed within the interval. */
  allow(key: K, now: number): boolean {
    const t = this.last.get(key);
    if (t !== undefined && now - t < this.intervalMs) return false;
    if (t === undefined && this.last.size >= this.maxKeys) this.last.clear();
    this.last.set(key, now);
    return true;
  }

  /** Forgets a key, so its next event passes. */
  forget(key: K): void {
    this.last.delete(key);
  }
}
