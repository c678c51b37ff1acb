/**
 * A raw IPv6 socket for one next header (GRE 47 over an IPv6 NBMA). The kernel delivers the payload
 * without the IPv6 header and the source in msg_name; peers are the handles of an Ipv6NbmaBook, so
 * the data plane sees numbers as over IPv4 (NbmaSocket). Sends are batched as RawSocket's (./raw-socket-base.ts).
 */
import type { Ipv6NbmaBook } from '../dataplane/nbma-book.js';
import { ipv6Bytes } from '../../wire/ipv6-addr.js';
import { SysError } from './errors.js';
import { bindRaw6, MAX_SEND_BATCH, openRaw6, sendBatch6, sendTo6 } from './native.js';
import { bindOrClose, RawSocketBase } from './raw-socket-base.js';
import type { ReceiverOptions } from './receiver.js';

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

/**
 * An open raw IPv6 socket; satisfies the data plane's NbmaSocket (NBMA addresses as book handles).
 * `stats.malformed` counts packets from a source the full book could not take.
 */
export class RawSocket6 extends RawSocketBase<Uint8Array> {
  /** Writable bytes kept free before each payload handed to onPacket (the data plane builds a frame there). */
  readonly headroom = 24;
  private readonly pendingAddrs = new Uint8Array(16 * MAX_SEND_BATCH);

  private constructor(
    fd: number,
    protocol: number,
    private readonly book: Ipv6NbmaBook,
    batch: boolean,
  ) {
    super(fd, protocol, batch, 'raw IPv6 socket');
  }

  /** Opens the socket (needs CAP_NET_RAW; throws the addon's errno error otherwise). */
  static open(opts: RawSocket6Options): RawSocket6 {
    const bindAddr = opts.bind === undefined ? undefined : ipv6Bytes(opts.bind);
    if (opts.bind !== undefined && bindAddr === undefined) {
      throw new SysError('BAD_ADDRESS', `raw IPv6 socket bind address: expected an IPv6 address, found '${opts.bind}'`);
    }
    const bind = bindAddr === undefined ? undefined : (fd: number) => bindRaw6(fd, bindAddr);
    const fd = bindOrClose(openRaw6(opts.protocol, opts.bufferBytes), bind);
    return new RawSocket6(fd, opts.protocol, opts.book, opts.batchSends ?? true);
  }

  /** Delivers each received packet as (source handle, payload). */
  onPacket(handler: (src: number, payload: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    const { stats, book } = this;
    const rx = this.listen(
      (buf, off, len, i) => {
        const src = book.handleOf(rx.names!, 16 * i);
        if (src === undefined) {
          stats.malformed++;
          return;
        }
        handler(src, buf.subarray(off, off + len));
      },
      { maxPacket: 65_535, headroom: this.headroom, ...opts, recvmmsg: true, sourceAddresses: true },
    );
  }

  protected addressOf(dst: number): Uint8Array | undefined {
    return this.book.bytesOf(dst);
  }

  protected sendOne(addr: Uint8Array, bytes: Uint8Array): number {
    return sendTo6(this.fd, addr, bytes);
  }

  protected queueAddress(i: number, addr: Uint8Array): void {
    this.pendingAddrs.set(addr, 16 * i);
  }

  protected sendQueued(views: Uint8Array[], n: number, results: Int32Array): number {
    return sendBatch6(this.fd, views, this.pendingAddrs, n, results);
  }
}
