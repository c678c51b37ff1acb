/** A TAP device opened through the addon: Ethernet frames in and out of the kernel. */
import { closeFd, openTap, writeFd, writevFd } from './native.js';
import { Receiver, type ReceiverOptions } from './receiver.js';
import { TcpCoalescer, VNET_HDR_LEN, type CoalesceStats } from '../dataplane/tcp-coalesce.js';
import { readVnetHeader, TcpSegmenter, type SegmentStats, type VnetHeader } from '../dataplane/tcp-segment.js';

/** Counters of the device itself (errors the data plane never sees as frames). */
export interface TapStats {
  readErrors: number;
  writeErrors: number;
  lastErrno: number;
  /** With offload: segments merged and frames written (see TcpCoalescer). */
  coalesce?: CoalesceStats;
  /** With transmit offload: GSO frames cut into segments and partial checksums completed (see TcpSegmenter). */
  segment?: SegmentStats;
}

/** How to open the device. */
export interface TapOptions {
  /**
   * Receive offload: open with IFF_VNET_HDR and merge in-order TCP segments written back to back
   * into one GSO frame (flushed when the current callback's microtasks run). Frames passed to
   * write() must then stay unchanged until that flush. Default false.
   */
  offload?: boolean;
  /**
   * Transmit offload (with `offload`): the kernel hands over TCP frames of up to 64 KB and partial
   * checksums, which are cut into segments and completed here, as a NIC would. Default: `offload`.
   */
  tso?: boolean;
}

/** An open TAP device; satisfies the data plane's TapPort. */
export class TapDevice {
  readonly fd: number;
  readonly name: string;
  readonly mac: Uint8Array;
  readonly offload: boolean;
  readonly tso: boolean;
  readonly stats: TapStats = { readErrors: 0, writeErrors: 0, lastErrno: 0 };
  private rx: Receiver | undefined;
  private closed = false;
  private readonly coalescer: TcpCoalescer | undefined;
  private readonly segmenter: TcpSegmenter | undefined;
  private flushQueued = false;
  private readonly flushLater = (): void => {
    this.flushQueued = false;
    if (!this.closed) this.coalescer?.flush();
  };

  private constructor(fd: number, name: string, mac: Uint8Array, offload: boolean, tso: boolean) {
    this.fd = fd;
    this.name = name;
    this.mac = mac;
    this.offload = offload;
    this.tso = tso;
    if (tso) {
      this.segmenter = new TcpSegmenter();
      this.stats.segment = this.segmenter.stats;
    }
    if (offload) {
      const views: Uint8Array[] = [];
      this.coalescer = new TcpCoalescer((hdr, frame) => {
        views[0] = hdr;
        views[1] = frame;
        return writevFd(fd, views);
      });
      this.stats.coalesce = this.coalescer.stats;
    }
  }

  /** Opens (or creates) TAP `name`; throws the addon's errno error (EPERM without CAP_NET_ADMIN). */
  static open(name: string, opts: TapOptions = {}): TapDevice {
    const offload = opts.offload ?? false;
    const tso = offload && (opts.tso ?? true);
    const h = openTap(name, offload, tso);
    return new TapDevice(h.fd, h.name, new Uint8Array(h.mac), offload, tso);
  }

  /** Writes one Ethernet frame into the kernel; bytes written (or queued for merging), or -errno (counted). */
  write(frame: Uint8Array): number {
    if (this.coalescer) {
      const n = this.coalescer.write(frame);
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(this.flushLater);
      }
      return n;
    }
    const n = writeFd(this.fd, frame);
    if (n < 0) {
      this.stats.writeErrors++;
      this.stats.lastErrno = n;
    }
    return n;
  }

  /**
   * Starts delivering frames the kernel sends out of the device. Each view is valid only during the call
   * and the microtasks it queues (a segment of a GSO frame: until the next batch of reads).
   */
  onFrame(handler: (frame: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    if (this.rx || this.closed) throw new Error(`TAP ${this.name}: onFrame already set or device closed`);
    const skip = this.offload ? VNET_HDR_LEN : 0;
    const seg = this.segmenter;
    const h: VnetHeader = { flags: 0, gsoType: 0, gsoSize: 0, csumStart: 0, csumOffset: 0 };
    this.rx = new Receiver(
      this.fd,
      (buf, off, len, index) => {
        if (len <= skip) return;
        if (seg === undefined) return handler(buf.subarray(off + skip, off + len));
        if (index === 0) seg.reset();
        seg.handle(readVnetHeader(buf, off, h), buf.subarray(off + skip, off + len), handler);
      },
      (errno) => {
        this.stats.readErrors++;
        this.stats.lastErrno = errno;
      },
      { maxPacket: 65_550 + skip, ...opts },
    );
  }

  /** Stops reading and closes the fd; the kernel removes the (non-persistent) device. */
  close(): void {
    if (this.closed) return;
    this.coalescer?.flush();
    this.closed = true;
    this.rx?.stop();
    closeFd(this.fd);
  }
}
