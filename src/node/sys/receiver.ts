/** Batch receive loop over one fd: a reusable buffer filled by the addon, handed out packet by packet. */
import { startPoll, stopPoll, type PollHandle } from './native.js';

/** Sizes of the receive buffer; the defaults hold at least 16 maximum-size packets per batch. */
export interface ReceiverOptions {
  /** Largest packet read in one go (bytes); larger ones are truncated by the kernel. */
  maxPacket?: number;
  /** Spare bytes kept free before each packet, so a handler can prepend headers in place. */
  headroom?: number;
  /** Total buffer size in bytes. */
  bufferBytes?: number;
  /** Most packets per batch. */
  maxBatch?: number;
  /** Read a batch per system call with recvmmsg (sockets only; fixed slots of maxPacket + headroom). */
  recvmmsg?: boolean;
  /** With recvmmsg: record each packet's IPv6 source address (see `sourceOf`). */
  sourceAddresses?: boolean;
}

/**
 * Called per packet: `buf[offset, offset+length)`, valid (and writable, with headroom) only during the call;
 * `index` is the packet's place in its batch (for Receiver.names).
 */
export type PacketSink = (buf: Uint8Array, offset: number, length: number, index: number) => void;

/** Polls one fd and calls `sink` for every packet read; `onError` gets -errno for a failed read. */
export class Receiver {
  readonly buffer: Uint8Array;
  /** With `sourceAddresses`: the 16-byte source of packet `index` of the current batch at 16 * index. */
  readonly names: Uint8Array | undefined;
  private readonly meta: Int32Array;
  private handle: PollHandle | undefined;

  constructor(fd: number, sink: PacketSink, onError: (errno: number) => void, opts: ReceiverOptions = {}) {
    const maxPacket = opts.maxPacket ?? 65_536;
    const headroom = opts.headroom ?? 0;
    this.buffer = new Uint8Array(opts.bufferBytes ?? 16 * (maxPacket + headroom + 8));
    this.meta = new Int32Array(2 * (opts.maxBatch ?? 256));
    this.names = opts.sourceAddresses ? new Uint8Array(16 * (opts.maxBatch ?? 256)) : undefined;
    const { buffer, meta } = this;
    this.handle = startPoll(
      fd,
      buffer,
      meta,
      maxPacket,
      headroom,
      (count) => {
        if (count < 0) {
          onError(count);
          return;
        }
        for (let i = 0; i < count; i++) sink(buffer, meta[2 * i], meta[2 * i + 1], i);
      },
      opts.recvmmsg ?? false,
      this.names,
    );
  }

  /** Stops polling (idempotent). */
  stop(): void {
    if (this.handle) stopPoll(this.handle);
    this.handle = undefined;
  }
}
