/**
 * What the raw IPv4 and IPv6 sockets (./raw-socket.ts, ./raw-socket6.ts) share: sends queued and
 * flushed with one sendmmsg when the current callback's microtasks run (or at MAX_SEND_BATCH), the
 * counters, the receive loop and close. A family says how a peer number becomes its address, and how
 * one payload and one batch go out.
 */
import { closeFd, MAX_SEND_BATCH } from './native.js';
import { Receiver, type PacketSink, type ReceiverOptions } from './receiver.js';

/** Counters of the socket: send failures and received packets whose header or source was unusable. */
export interface RawSocketStats {
  sendErrors: number;
  readErrors: number;
  malformed: number;
  lastErrno: number;
}

const EINVAL = -22;

/** Binds a just-opened fd with `bind` (if any), closing it again when that throws; returns the fd. */
export function bindOrClose(fd: number, bind: ((fd: number) => void) | undefined): number {
  try {
    bind?.(fd);
  } catch (err) {
    closeFd(fd);
    throw err;
  }
  return fd;
}

/** An open raw socket of one family (`A` is its address), peers known by number (the data plane's NbmaSocket). */
export abstract class RawSocketBase<A> {
  readonly fd: number;
  readonly protocol: number;
  /** Writable bytes before each payload handed to onPacket. */
  abstract readonly headroom: number;
  readonly stats: RawSocketStats = { sendErrors: 0, readErrors: 0, malformed: 0, lastErrno: 0 };
  private rx: Receiver | undefined;
  private closed = false;
  private readonly pendingViews: Uint8Array[] = [];
  private readonly results = new Int32Array(MAX_SEND_BATCH);
  private pending = 0;
  private flushQueued = false;
  private readonly flushLater = (): void => {
    this.flushQueued = false;
    this.flush();
  };

  protected constructor(
    fd: number,
    protocol: number,
    private readonly batch: boolean,
    /** `raw socket`, `raw IPv6 socket`: how errors name it. */
    private readonly what: string,
  ) {
    this.fd = fd;
    this.protocol = protocol;
  }

  /** Sends `bytes` (the IP payload) to peer `dst`; bytes sent or queued, or -errno. Failures are counted in stats. */
  send(dst: number, bytes: Uint8Array): number {
    const addr = this.addressOf(dst);
    if (addr === undefined) return this.failed(EINVAL);
    if (!this.batch) {
      const n = this.sendOne(addr, bytes);
      return n < 0 ? this.failed(n) : n;
    }
    this.pendingViews[this.pending] = bytes;
    this.queueAddress(this.pending++, addr);
    if (this.pending === MAX_SEND_BATCH) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flushLater);
    }
    return bytes.length;
  }

  /** Sends everything queued now (one sendmmsg). */
  flush(): void {
    const n = this.pending;
    if (n === 0 || this.closed) return;
    this.pending = 0;
    if (this.sendQueued(this.pendingViews, n, this.results) === n) return;
    for (let i = 0; i < n; i++) if (this.results[i] < 0) this.failed(this.results[i]);
  }

  /** Stops reading and closes the socket. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.rx?.stop();
    closeFd(this.fd);
  }

  /** Starts the one receive loop with `sink`; read errors are counted. */
  protected listen(sink: PacketSink, opts: ReceiverOptions): Receiver {
    if (this.rx || this.closed) throw new Error(`${this.what} ${this.protocol}: onPacket already set or socket closed`);
    const stats = this.stats;
    this.rx = new Receiver(
      this.fd,
      sink,
      (errno) => {
        stats.readErrors++;
        stats.lastErrno = errno;
      },
      opts,
    );
    return this.rx;
  }

  private failed(errno: number): number {
    this.stats.sendErrors++;
    this.stats.lastErrno = errno;
    return errno;
  }

  /** The address of peer `dst`, or undefined when there is none (the send fails with EINVAL). */
  protected abstract addressOf(dst: number): A | undefined;
  /** Sends one payload now; bytes sent or -errno. */
  protected abstract sendOne(addr: A, bytes: Uint8Array): number;
  /** Puts the address of queued payload `i` where sendQueued reads it. */
  protected abstract queueAddress(i: number, addr: A): void;
  /** Sends the first `n` queued payloads (one sendmmsg); messages sent, results[i] bytes or -errno. */
  protected abstract sendQueued(views: Uint8Array[], n: number, results: Int32Array): number;
}
