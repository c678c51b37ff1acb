/** A TAP device opened through the addon: Ethernet frames in and out of the kernel. */
import { closeFd, openTap, writeFd } from './native.js';
import { Receiver, type ReceiverOptions } from './receiver.js';

/** Counters of the device itself (errors the data plane never sees as frames). */
export interface TapStats {
  readErrors: number;
  writeErrors: number;
  lastErrno: number;
}

/** An open TAP device; satisfies the data plane's TapPort. */
export class TapDevice {
  readonly fd: number;
  readonly name: string;
  readonly mac: Uint8Array;
  readonly stats: TapStats = { readErrors: 0, writeErrors: 0, lastErrno: 0 };
  private rx: Receiver | undefined;
  private closed = false;

  private constructor(fd: number, name: string, mac: Uint8Array) {
    this.fd = fd;
    this.name = name;
    this.mac = mac;
  }

  /** Opens (or creates) TAP `name`; throws the addon's errno error (EPERM without CAP_NET_ADMIN). */
  static open(name: string): TapDevice {
    const h = openTap(name);
    return new TapDevice(h.fd, h.name, new Uint8Array(h.mac));
  }

  /** Writes one Ethernet frame into the kernel; bytes written, or -errno (counted). */
  write(frame: Uint8Array): number {
    const n = writeFd(this.fd, frame);
    if (n < 0) {
      this.stats.writeErrors++;
      this.stats.lastErrno = n;
    }
    return n;
  }

  /** Starts delivering frames the kernel sends out of the device; each view is valid only during the call. */
  onFrame(handler: (frame: Uint8Array) => void, opts: ReceiverOptions = {}): void {
    if (this.rx || this.closed) throw new Error(`TAP ${this.name}: onFrame already set or device closed`);
    this.rx = new Receiver(
      this.fd,
      (buf, off, len) => handler(buf.subarray(off, off + len)),
      (errno) => {
        this.stats.readErrors++;
        this.stats.lastErrno = errno;
      },
      { maxPacket: 65_550, ...opts },
    );
  }

  /** Stops reading and closes the fd; the kernel removes the (non-persistent) device. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rx?.stop();
    closeFd(this.fd);
  }
}
