/** A raw IPv4 socket for one IP protocol (GRE 47, later ESP 50), with the IPv4 header stripped on receive. */
import { SysError } from './errors.js';
import { bindRaw, MAX_SEND_BATCH, openRaw, sendBatch, sendTo } from './native.js';
import { bindOrClose, RawSocketBase } from './raw-socket-base.js';
import type { ReceiverOptions } from './receiver.js';
import { parseIpv4, readIpv4 } from '../../wire/ipv4-addr.js';

export type { RawSocketStats } from './raw-socket-base.js';

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

/** An open raw socket; satisfies the data plane's NbmaSocket (NBMA addresses as host-order numbers). */
export class RawSocket extends RawSocketBase<number> {
  /** Writable bytes guaranteed before each payload handed to onPacket (the stripped IPv4 header). */
  readonly headroom = 20;
  private readonly pendingAddrs = new Uint32Array(MAX_SEND_BATCH);

  private constructor(fd: number, protocol: number, batch: boolean) {
    super(fd, protocol, batch, 'raw socket');
  }

  /** Opens the socket (needs CAP_NET_RAW; throws the addon's errno error otherwise). */
  static open(opts: RawSocketOptions): RawSocket {
    const bindAddr = opts.bind === undefined ? undefined : parseIpv4(opts.bind);
    if (opts.bind !== undefined && bindAddr === undefined) {
      throw new SysError('BAD_ADDRESS', `raw socket bind address: expected a dotted quad, found '${opts.bind}'`);
    }
    const bind = bindAddr === undefined ? undefined : (fd: number) => bindRaw(fd, bindAddr);
    const fd = bindOrClose(openRaw(opts.protocol, opts.bufferBytes), bind);
    return new RawSocket(fd, opts.protocol, opts.batchSends ?? true);
  }

  /** Delivers each received packet as (source address, IP payload); a bad IPv4 header is counted and dropped. */
  onPacket(handler: (src: number, payload: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    const stats = this.stats;
    this.listen(
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
      { maxPacket: 65_535, headroom: 0, recvmmsg: true, ...opts },
    );
  }

  protected addressOf(dst: number): number {
    return dst;
  }

  protected sendOne(addr: number, bytes: Uint8Array): number {
    return sendTo(this.fd, addr, bytes);
  }

  protected queueAddress(i: number, addr: number): void {
    this.pendingAddrs[i] = addr;
  }

  protected sendQueued(views: Uint8Array[], n: number, results: Int32Array): number {
    return sendBatch(this.fd, views, this.pendingAddrs, n, results);
  }
}
