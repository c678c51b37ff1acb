/**
 * Receive offload for a TAP opened with IFF_VNET_HDR: consecutive in-order TCP/IPv4 segments of one
 * flow, written into the TAP back to back, are merged into one large frame that the kernel takes as
 * a GSO packet (virtio_net_hdr: NEEDS_CSUM, GSO_TCPV4, gso_size = the segments' size), so its TCP
 * stack handles one packet instead of many. The kernel re-segments it if it forwards it. The rules
 * follow Linux's tcp_gro_receive: same addresses, ports, ACK, TTL, TOS, DF and TCP options, flags ACK
 * (+PSH) only, sequence contiguous, equal-sized segments (the last may be shorter). Every merged
 * segment's TCP checksum is verified first, since the merged frame is handed over as checked.
 *
 * virtio_net_hdr (legacy, 10 bytes, little-endian on the machines we run on):
 * | flags (1) | gso_type (1) | hdr_len (2) | gso_size (2) | csum_start (2) | csum_offset (2) |
 */
import { internetChecksum, onesSum } from '../../wire/checksum.js';

/** Bytes of the virtio_net_hdr a IFF_VNET_HDR TAP puts before every frame. */
export const VNET_HDR_LEN = 10;
/** The header of a frame with no offload. */
export const PLAIN_VNET_HDR = new Uint8Array(VNET_HDR_LEN);

const ETH = 14;
const MAX_IP = 65_535;

/** Where merged frames go: (virtio_net_hdr, frame) -> bytes written or -errno. */
export type VnetSink = (hdr: Uint8Array, frame: Uint8Array) => number;

/** Counters: segments merged into an earlier one, frames written, failed writes, segments refused for a bad checksum. */
export interface CoalesceStats {
  merged: number;
  frames: number;
  writeErrors: number;
  badChecksum: number;
  lastErrno: number;
}

/** TCP header offset when `f` is a mergeable TCP/IPv4 segment with payload, else -1. */
function tcpOffset(f: Uint8Array): number {
  const len = f.length;
  if (len < ETH + 40 || f[12] !== 0x08 || f[13] !== 0x00 || f[14] !== 0x45) return -1;
  if (f[23] !== 6 || ((f[20] & 0x3f) | f[21]) !== 0 || ((f[16] << 8) | f[17]) !== len - ETH) return -1;
  const t = ETH + 20;
  const thl = (f[t + 12] >> 4) << 2;
  const flags = f[t + 13];
  if (thl < 20 || t + thl >= len || (flags & ~0x18) !== 0 || (flags & 0x10) === 0) return -1;
  return t;
}

function tcpChecksumOk(f: Uint8Array): boolean {
  const tcpLen = f.length - ETH - 20;
  return onesSum(f, ETH + 20, f.length, onesSum(f, 26, 34, 6 + tcpLen)) === 0xffff;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Merges TCP segments between flush() calls; every other frame passes through in order. */
export class TcpCoalescer {
  readonly stats: CoalesceStats = { merged: 0, frames: 0, writeErrors: 0, badChecksum: 0, lastErrno: 0 };
  private readonly buf = new Uint8Array(ETH + MAX_IP);
  private readonly hdr = new Uint8Array(VNET_HDR_LEN);
  /** The pending segment when it is alone (not copied yet), else undefined and the frame is in `buf`. */
  private first: Uint8Array | undefined;
  private len = 0;
  private count = 0;
  private thl = 0;
  private gsoSize = 0;
  private lastSize = 0;
  private nextSeq = 0;

  constructor(private readonly sink: VnetSink) {}

  /**
   * Takes one frame: merged into the pending one, or (after flushing that) written or kept pending.
   * Returns the frame's length, or -errno when it was written at once and failed. A frame kept
   * pending must stay unchanged until flush().
   */
  write(frame: Uint8Array): number {
    const t = tcpOffset(frame);
    if (t < 0) {
      this.flush();
      return this.emit(PLAIN_VNET_HDR, frame);
    }
    if (this.count > 0 && this.canMerge(frame, t)) {
      if (tcpChecksumOk(frame) && (this.first === undefined || this.adoptFirst())) {
        this.append(frame, t);
        return frame.length;
      }
      this.stats.badChecksum++;
    }
    this.flush();
    this.first = frame;
    this.len = frame.length;
    this.count = 1;
    this.thl = (frame[t + 12] >> 4) << 2;
    this.gsoSize = this.lastSize = frame.length - t - this.thl;
    this.nextSeq = (u32(frame, t + 4) + this.gsoSize) >>> 0;
    return frame.length;
  }

  /** Writes the pending frame, merged or not. */
  flush(): void {
    if (this.count === 0) return;
    const count = this.count;
    this.count = 0;
    if (count === 1) {
      const f = this.first ?? this.buf.subarray(0, this.len);
      this.first = undefined;
      this.emit(PLAIN_VNET_HDR, f);
      return;
    }
    const b = this.buf;
    const ipLen = this.len - ETH;
    b[16] = ipLen >> 8;
    b[17] = ipLen & 0xff;
    b[24] = b[25] = 0;
    const ipSum = internetChecksum(b, ETH, ETH + 20);
    b[24] = ipSum >> 8;
    b[25] = ipSum & 0xff;
    // CHECKSUM_PARTIAL: the TCP checksum field holds the pseudo-header sum, the kernel adds the rest.
    const pseudo = onesSum(b, 26, 34, 6 + ipLen - 20);
    b[ETH + 20 + 16] = pseudo >> 8;
    b[ETH + 20 + 17] = pseudo & 0xff;
    const h = this.hdr;
    h[0] = 1; // VIRTIO_NET_HDR_F_NEEDS_CSUM
    h[1] = 1; // VIRTIO_NET_HDR_GSO_TCPV4
    const put16 = (at: number, v: number): void => {
      h[at] = v & 0xff;
      h[at + 1] = v >> 8;
    };
    put16(2, ETH + 20 + this.thl);
    put16(4, this.gsoSize);
    put16(6, ETH + 20);
    put16(8, 16);
    this.emit(h, b.subarray(0, this.len));
  }

  private emit(hdr: Uint8Array, frame: Uint8Array): number {
    const n = this.sink(hdr, frame);
    if (n < 0) {
      this.stats.writeErrors++;
      this.stats.lastErrno = n;
    } else {
      this.stats.frames++;
    }
    return n;
  }

  private canMerge(f: Uint8Array, t: number): boolean {
    const p = this.first ?? this.buf;
    const thl = (f[t + 12] >> 4) << 2;
    const size = f.length - t - thl;
    if (thl !== this.thl || this.lastSize !== this.gsoSize || size > this.gsoSize || this.len + size > ETH + MAX_IP)
      return false;
    if (u32(f, t + 4) !== this.nextSeq) return false;
    // TOS, DF, TTL, addresses; ports and ACK; TCP options.
    if (p[t + 13] & 0x08) return false; // a PSH segment ends the merge, as in Linux GRO
    if (f[15] !== p[15] || (f[20] & 0x40) !== (p[20] & 0x40) || f[22] !== p[22]) return false;
    for (let i = 26; i < 34; i++) if (f[i] !== p[i]) return false;
    for (let i = t; i < t + 4; i++) if (f[i] !== p[i]) return false;
    for (let i = t + 8; i < t + 12; i++) if (f[i] !== p[i]) return false;
    for (let i = t + 20; i < t + thl; i++) if (f[i] !== p[i]) return false;
    return true;
  }

  /** Copies the lone pending segment into the merge buffer once a second one joins it. */
  private adoptFirst(): boolean {
    const f = this.first!;
    if (!tcpChecksumOk(f)) return false;
    this.buf.set(f, 0);
    this.first = undefined;
    return true;
  }

  private append(f: Uint8Array, t: number): void {
    const start = t + this.thl;
    const size = f.length - start;
    this.buf.set(f.subarray(start), this.len);
    this.len += size;
    this.count++;
    this.lastSize = size;
    this.nextSeq = (this.nextSeq + size) >>> 0;
    this.buf[ETH + 20 + 13] |= f[t + 13] & 0x08; // PSH
    this.stats.merged++;
  }
}
