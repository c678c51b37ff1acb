/**
 * The ESP anti-replay window (RFC 4303 3.4.3): a sliding bitmap of the last `size` sequence numbers, with the
 * highest one seen at its right edge. `check` before the ICV is verified, `update` only after, as the RFC says.
 */

/** Result of a window check: fresh, or why it is a replay. */
export type ReplayVerdict = 'fresh' | 'zero' | 'too-old' | 'duplicate';

/** A sliding window of `size` bits (a multiple of 32, at least 64). */
export class ReplayWindow {
  readonly size: number;
  private readonly bits: Uint32Array;
  /** Highest sequence number accepted so far (0: none yet). */
  top = 0;

  constructor(size = 128) {
    if (size < 64 || size % 32 !== 0) {
      throw new RangeError(`replay window must be a multiple of 32 bits, at least 64, found ${size}`);
    }
    this.size = size;
    this.bits = new Uint32Array(size / 32);
  }

  /** Whether `seq` may be accepted (once its ICV verifies). Does not change the window. */
  check(seq: number): ReplayVerdict {
    if (seq === 0) return 'zero';
    if (seq > this.top) return 'fresh';
    if (this.top - seq >= this.size) return 'too-old';
    const i = seq % this.size;
    return this.bits[i >>> 5] & (1 << (i & 31)) ? 'duplicate' : 'fresh';
  }

  /**
   * Records `seq` as received (call after `check` said fresh and the ICV verified); slides the window right if needed.
   */
  update(seq: number): void {
    if (seq > this.top) {
      const shift = seq - this.top;
      if (shift >= this.size) this.bits.fill(0);
      else for (let s = this.top + 1; s < seq; s++) this.clear(s % this.size);
      this.top = seq;
    }
    const i = seq % this.size;
    this.bits[i >>> 5] |= 1 << (i & 31);
  }

  private clear(i: number): void {
    this.bits[i >>> 5] &= ~(1 << (i & 31));
  }
}
