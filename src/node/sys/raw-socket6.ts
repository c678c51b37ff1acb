/**
 * A raw IPv6 socket for one next header (GRE 47 over an IPv6 NBMA). The kernel delivers the payload
 * without the IPv6 header and the source in msg_name; peers are the handles of an Ipv6NbmaBook, so
 * the data plane sees numbers as over IPv4 (NbmaSocket). Sends are batched as RawSocket's.
 */
import type { Ipv6NbmaBook } from '../dataplane/nbma-book.js';
import { ipv6Bytes } from '../../wire/ipv6-addr.js';
import { SysError } from './errors.js';
import { bindRaw6, closeFd, MAX_SEND_BATCH, openRaw6, sendBatch6, sendTo6 } from './native.js';
import type { RawSocketStats } from './raw-socket.js';
import { Receiver, type ReceiverOptions } from './receiver.js';

/** How to open the socket: the next header, the source address, the book of peer handles. */
export interface RawSocket6Options {
  protocol: number;
  /** Source (NBMA) address to bind, e.g. the `tunnel source` IPv6 address. */
  bind?: string;
  /** Hands out the numbers peers are known by (shared with the data plane). */
  book: Ipv6NbmaBook;
  /** SO_RCVBUF/SO_SNDBUF in bytes (default 4 MiB). */
  bufferBytes?: number;
  /** Queue sends and flush them with one sendmmsg after the current callback (or at 64). Default true. */
  batchSends?: boolean;
}

const EINVAL = -22;

/** An open raw IPv6 socket; satisfies the data plane's NbmaSocket (NBMA addresses as book handles). */
export class RawSocket6 {
  readonly fd: number;
  readonly protocol: number;
  /** Writable bytes kept free before each payload handed to onPacket (the data plane builds a frame there). */
  readonly headroom = 24;
  /** `malformed` counts packets from a source the full book could not take. */
  readonly stats: RawSocketStats = { sendErrors: 0, readErrors: 0, malformed: 0, lastErrno: 0 };
  private rx: Receiver | undefined;
  private closed = false;
  private readonly pendingViews: Uint8Array[] = [];
  private readonly pendingAddrs = new Uint8Array(16 * MAX_SEND_BATCH);
  private readonly results = new Int32Array(MAX_SEND_BATCH);
  private pending = 0;
  private flushQueued = false;
  private readonly flushLater = (): void => {
    this.flushQueued = false;
    this.flush();
  };

  private constructor(
    fd: number,
    protocol: number,
    private readonly book: Ipv6NbmaBook,
    private readonly batch: boolean,
  ) {
    this.fd = fd;
    this.protocol = protocol;
  }

  /** Opens the socket (needs CAP_NET_RAW; throws the addon's errno error otherwise). */
  static open(opts: RawSocket6Options): RawSocket6 {
    const bindAddr = opts.bind === undefined ? undefined : ipv6Bytes(opts.bind);
    if (opts.bind !== undefined && bindAddr === undefined) {
      throw new SysError('BAD_ADDRESS', `raw IPv6 socket bind address: expected an IPv6 address, found '${opts.bind}'`);
    }
    const fd = openRaw6(opts.protocol, opts.bufferBytes);
    try {
      if (bindAddr !== undefined) bindRaw6(fd, bindAddr);
    } catch (err) {
      closeFd(fd);
      throw err;
    }
    return new RawSocket6(fd, opts.protocol, opts.book, opts.batchSends ?? true);
  }

  /** Sends `bytes` (the IPv6 payload) to the peer with handle `dst`; bytes sent or queued, or -errno. */
  send(dst: number, bytes: Uint8Array): number {
    const addr = this.book.bytesOf(dst);
    if (addr === undefined) return this.failed(EINVAL);
    if (!this.batch) {
      const n = sendTo6(this.fd, addr, bytes);
      return n < 0 ? this.failed(n) : n;
    }
    this.pendingViews[this.pending] = bytes;
    this.pendingAddrs.set(addr, 16 * this.pending++);
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
    if (sendBatch6(this.fd, this.pendingViews, this.pendingAddrs, n, this.results) === n) return;
    for (let i = 0; i < n; i++) if (this.results[i] < 0) this.failed(this.results[i]);
  }

  /** Delivers each received packet as (source handle, payload). */
  onPacket(handler: (src: number, payload: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    if (this.rx || this.closed)
      throw new Error(`raw IPv6 socket ${this.protocol}: onPacket already set or socket closed`);
    const { stats, book } = this;
    const rx = new Receiver(
      this.fd,
      (buf, off, len, i) => {
        const src = book.handleOf(rx.names!, 16 * i);
        if (src === undefined) {
          stats.malformed++;
          return;
        }
        handler(src, buf.subarray(off, off + len));
      },
      (errno) => {
        stats.readErrors++;
        stats.lastErrno = errno;
      },
      { maxPacket: 65_535, headroom: this.headroom, ...opts, recvmmsg: true, sourceAddresses: true },
    );
    this.rx = rx;
  }

  /** Stops reading and closes the socket. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.rx?.stop();
    closeFd(this.fd);
  }

  private failed(errno: number): number {
    this.stats.sendErrors++;
    this.stats.lastErrno = errno;
    return errno;
  }
}
