/**
 * The router's output: syslog-style lines (`%DMVPN-5-NHRP_NHS_UP: …`) to the log (stdout) and to
 * every `debug nhrp` subscriber, and debug lines (engine events) to the subscribers only — and to the
 * log as well when dmvpnd runs with --debug.
 */

/** Receives one line (no newline). */
export type LineSink = (line: string) => void;

/** Log and debug fan-out. */
export class RouterLog {
  private readonly subscribers = new Set<LineSink>();

  constructor(
    private readonly out: (text: string) => void,
    private readonly debugToLog = false,
  ) {}

  /** A syslog line: always logged, and shown to debug subscribers. */
  info(line: string): void {
    const l = `${stamp()} ${line}`;
    this.out(`${l}\n`);
    for (const s of this.subscribers) s(l);
  }

  /** Whether anyone reads debug lines (so callers can skip building them). */
  get debugging(): boolean {
    return this.subscribers.size > 0 || this.debugToLog;
  }

  /** A debug line (an engine event). */
  debug(line: string): void {
    if (!this.debugging) return;
    const l = `${stamp()} ${line}`;
    if (this.debugToLog) this.out(`${l}\n`);
    for (const s of this.subscribers) s(l);
  }

  /** Adds a debug subscriber; returns the function that removes it. */
  subscribe(sink: LineSink): () => void {
    this.subscribers.add(sink);
    return () => void this.subscribers.delete(sink);
  }

  /** Number of debug subscribers. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }
}

/** IOS-like timestamp: `*2024-05-01 12:00:00.123`. */
function stamp(): string {
  const d = new Date();
  return `*${d.toISOString().replace('T', ' ').replace('Z', '')}:`;
}
