/**
 * The engine's timers: a kind, the IKE SA it belongs to (and a child SPI for child timers), a deadline. Each kind
 * has one handler in the engine's table; the driver keeps a single timer at `next()`.
 */

export type TimerKind =
  /** Resend the outstanding request (or give up). */
  | 'retransmit'
  /** Liveness check: nothing heard for the DPD interval. */
  | 'dpd'
  /** A responder's half-open SA that never saw IKE_AUTH. */
  | 'halfOpen'
  /** Rekey the IKE SA (its initiator, at 90% of the lifetime). */
  | 'ikeRekey'
  /** Rekey a child SA. */
  | 'childRekey'
  /** Hard expiry of an IKE SA or child SA. */
  | 'ikeExpire'
  | 'childExpire';

export interface Timer<K extends string = TimerKind> {
  kind: K;
  sa: number;
  /** Inbound SPI of the child SA, for child timers. */
  child?: number;
  at: number;
}

const key = (kind: string, sa: number, child?: number) => `${kind}/${sa}/${child ?? ''}`;

/** The armed timers; `K` is the engine's set of kinds (IKEv2's TimerKind by default). */
export class Timers<K extends string = TimerKind> {
  private readonly armed = new Map<string, Timer<K>>();

  set(kind: K, sa: number, at: number, child?: number): void {
    this.armed.set(key(kind, sa, child), { kind, sa, child, at });
  }

  clear(kind: K, sa: number, child?: number): void {
    this.armed.delete(key(kind, sa, child));
  }

  /** Clears every timer of one IKE SA. */
  clearSa(sa: number): void {
    for (const [k, t] of this.armed) if (t.sa === sa) this.armed.delete(k);
  }

  next(): number | undefined {
    let at: number | undefined;
    for (const t of this.armed.values()) if (at === undefined || t.at < at) at = t.at;
    return at;
  }

  /** Removes and returns the earliest timer due at `now`. */
  pop(now: number): Timer<K> | undefined {
    let best: [string, Timer<K>] | undefined;
    for (const e of this.armed) if (e[1].at <= now && (!best || e[1].at < best[1].at)) best = e;
    if (!best) return undefined;
    this.armed.delete(best[0]);
    return best[1];
  }
}
