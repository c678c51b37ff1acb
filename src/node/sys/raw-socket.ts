/** A raw IPv4 socket for one IP protocol (GRE 47, later ESP 50), with the IPv4 header stripped on receive. */
import { SysError } from './errors.js';
import { bindRaw, closeFd, MAX_SEND_BATCH, openRaw, sendBatch, sendTo } from './native.js';
import { Receiver, type ReceiverOptions } from './receiver.js';
import { parseIpv4, readIpv4 } from '../../wire/ipv4-addr.js';

/** How to open the socket: the protocol, an optional source address, the kernel buffer size. */
export interface RawSocketOptions {
  protocol: number;
  /** Source (NBMA) address to bind, e.g. the `tunnel source` address. */
  bind?: string;
  /** SO_RCVBUF/SO_SNDBUF in bytes (default 4 MiB). */
  bufferBytes?: number;
  /**
   * Queue sends and flush them with one sendmmsg when the current callback's microtasks run (or at 64).
   * The bytes handed to send() must then stay unchanged until that flush. Default true.
   */
  batchSends?: boolean;
}

/** Counters of the socket: send failures and received packets whose IPv4 header was unusable. */
export interface RawSocketStats {
  sendErrors: number;
  readErrors: number;
  malformed: number;
  lastErrno: number;
}

/** An open raw socket; satisfies the data plane's NbmaSocket (NBMA addresses as host-order numbers). */
export class RawSocket {
  readonly fd: number;
  readonly protocol: number;
  /** Writable bytes guaranteed before each payload handed to onPacket (the stripped IPv4 header). */
  readonly headroom = 20;
  readonly stats: RawSocketStats = { sendErrors: 0, readErrors: 0, malformed: 0, lastErrno: 0 };
  private rx: Receiver | undefined;
  private closed = false;
  private readonly batch: boolean;
  private readonly pendingViews: Uint8Array[] = [];
  private readonly pendingAddrs = new Uint32Array(MAX_SEND_BATCH);
  private readonly results = new Int32Array(MAX_SEND_BATCH);
  private pending = 0;
  private flushQueued = false;
  private readonly flushLater = (): void => {
    this.flushQueued = false;
    this.flush();
  };

  private constructor(fd: number, protocol: number, batch: boolean) {
    this.fd = fd;
    this.protocol = protocol;
    this.batch = batch;
  }

  /** Opens the socket (needs CAP_NET_RAW; throws the addon's errno error otherwise). */
  static open(opts: RawSocketOptions): RawSocket {
    const bindAddr = opts.bind === undefined ? undefined : parseIpv4(opts.bind);
    if (opts.bind !== undefined && bindAddr === undefined) {
      throw new SysError('BAD_ADDRESS', `raw socket bind address: expected a dotted quad, found '${opts.bind}'`);
    }
    const fd = openRaw(opts.protocol, opts.bufferBytes);
    try {
      if (bindAddr !== undefined) bindRaw(fd, bindAddr);
    } catch (err) {
      closeFd(fd);
      throw err;
    }
    return new RawSocket(fd, opts.protocol, opts.batchSends ?? true);
  }

  /** Sends `bytes` (the IP payload) to `dst`; bytes sent or queued, or -errno. Failures are counted in stats. */
  send(dst: number, bytes: Uint8Array): number {
    if (!this.batch) {
      const n = sendTo(this.fd, dst, bytes);
      if (n < 0) {
        this.stats.sendErrors++;
        this.stats.lastErrno = n;
      }
      return n;
    }
    this.pendingViews[this.pending] = bytes;
    this.pendingAddrs[this.pending++] = dst;
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
    if (sendBatch(this.fd, this.pendingViews, this.pendingAddrs, n, this.results) === n) return;
    for (let i = 0; i < n; i++) {
      if (this.results[i] < 0) {
        this.stats.sendErrors++;
        this.stats.lastErrno = this.results[i];
      }
    }
  }

  /** Delivers each received packet as (source address, IP payload); a bad IPv4 header is counted and dropped. */
  onPacket(handler: (src: number, payload: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    if (this.rx || this.closed) throw new Error(`raw socket ${this.protocol}: onPacket already set or socket closed`);
    const stats = this.stats;
    this.rx = new Receiver(
      this.fd,
      (buf, off, len) => {
        const ihl = (buf[off] & 0x0f) << 2;
        const total = (buf[off + 2] << 8) | buf[off + 3];
        if (len < 20 || buf[off] >> 4 !== 4 || ihl < 20 || ihl > len) {
          stats.malformed++;
          return;
        }
        const end = total >= ihl && total < len ? off + total : off + len;
        const src = readIpv4(buf, off + 12);
        handler(src, buf.subarray(off + ihl, end));
      },
      (errno) => {
        stats.readErrors++;
        stats.lastErrno = errno;
      },
      { maxPacket: 65_535, headroom: 0, recvmmsg: true, ...opts },
    );
  }

  /** Stops reading and closes the socket. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.rx?.stop();
    closeFd(this.fd);
  }
}
