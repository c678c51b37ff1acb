/**
 * The router's output: syslog-style lines (`%DMVPN-5-NHRP_NHS_UP: …`) to the log (stdout), to the
 * log buffer that `show logging` prints (a ring bounded in bytes, as IOS `logging buffered`) and to
 * every `debug nhrp` subscriber; debug lines (engine events) to the subscribers only — and to the
 * log as well when dmvpnd runs with --debug. Lines carry IOS timestamps
 * (`service timestamps log datetime msec`): `*Dec  1 22:10:42.123:`, the `*` saying that the clock
 * is not set by NTP.
 */

/** Receives one line (no newline). */
export type LineSink = (line: string) => void;

/** IOS's default `logging buffered` size on the routers people practise on. */
export const LOG_BUFFER_BYTES = 8192;

/** What `show logging` reads. */
export interface LogBufferView {
  /** Size of the buffer, bytes. */
  bufferBytes: number;
  /** Syslog lines logged since the start (also those the ring has since dropped). */
  messagesLogged: number;
  /** Lines pushed out of the ring by newer ones. */
  overwritten: number;
  /** The lines the buffer holds, oldest first, each with its timestamp. */
  lines: string[];
}

/** How a log is set up. */
export interface RouterLogOptions {
  /** Wall clock for timestamps, ms since 1970 (default Date.now). */
  now?: () => number;
  /** Log buffer size, bytes (default LOG_BUFFER_BYTES). */
  bufferBytes?: number;
}

/** Log and debug fan-out, and the log buffer. */
export class RouterLog {
  private readonly subscribers = new Set<LineSink>();
  private readonly now: () => number;
  private readonly bufferBytes: number;
  private ring: string[] = [];
  private ringStart = 0;
  private ringBytes = 0;
  private logged = 0;
  private overwritten = 0;

  constructor(
    private readonly out: (text: string) => void,
    private readonly debugToLog = false,
    opts: RouterLogOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.bufferBytes = opts.bufferBytes ?? LOG_BUFFER_BYTES;
  }

  /** A syslog line: always logged and buffered, and shown to debug subscribers. */
  info(line: string): void {
    const l = `${iosStamp(this.now())} ${line}`;
    this.out(`${l}\n`);
    this.keep(l);
    for (const s of this.subscribers) s(l);
  }

  /** Whether anyone reads debug lines (so callers can skip building them). */
  get debugging(): boolean {
    return this.subscribers.size > 0 || this.debugToLog;
  }

  /** A debug line (an engine event). */
  debug(line: string): void {
    if (!this.debugging) return;
    const l = `${iosStamp(this.now())} ${line}`;
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

  /** The log buffer now (a copy). */
  buffer(): LogBufferView {
    return {
      bufferBytes: this.bufferBytes,
      messagesLogged: this.logged,
      overwritten: this.overwritten,
      lines: this.ring.slice(this.ringStart),
    };
  }

  /** Adds a line to the ring, dropping the oldest until it fits. */
  private keep(line: string): void {
    this.logged++;
    const size = Buffer.byteLength(line) + 1;
    if (size > this.bufferBytes) return void this.overwritten++;
    this.ring.push(line);
    this.ringBytes += size;
    while (this.ringBytes > this.bufferBytes) {
      this.ringBytes -= Buffer.byteLength(this.ring[this.ringStart]) + 1;
      this.ringStart++;
      this.overwritten++;
    }
    if (this.ringStart > 256 && this.ringStart * 2 > this.ring.length) {
      this.ring = this.ring.slice(this.ringStart);
      this.ringStart = 0;
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** IOS log timestamp (`service timestamps log datetime msec`, UTC, clock not from NTP): `*Dec  1 22:10:42.123:`. */
export function iosStamp(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const msec = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `*${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${msec}:`;
}
