/**
 * Transmit offload for a TAP opened with IFF_VNET_HDR and TUNSETOFFLOAD (TUN_F_CSUM | TUN_F_TSO4 |
 * TUN_F_TSO6): the kernel hands over TCP frames of up to 64 KB (one GSO packet) and frames whose
 * checksum is left partial, as it would to a NIC. This module does what the NIC would: it cuts a GSO
 * TCP frame into `gso_size` segments, each a whole frame with its own IP length, IPv4 ID and header
 * checksum, TCP sequence number, flags and TCP checksum (Linux tcp_gso_segment's rules: FIN and PSH on
 * the last segment only, CWR on the first only, IPv4 ID incremented per segment), and completes a
 * partial checksum in place. Segments are written into an arena and stay valid until the arena is
 * reset (the caller resets it once the segments it handed on have been sent).
 *
 * virtio_net_hdr (legacy, 10 bytes, little-endian on the machines we run on):
 * | flags (1) | gso_type (1) | hdr_len (2) | gso_size (2) | csum_start (2) | csum_offset (2) |
 * flags: 1 NEEDS_CSUM (the field at csum_start + csum_offset holds the pseudo-header sum; the rest of
 * the sum runs from csum_start to the end). gso_type: 0 none, 1 TCPV4, 4 TCPV6, 0x80 ECN.
 */
import { internetChecksum, onesSum } from '../../wire/checksum.js';

export const VNET_F_NEEDS_CSUM = 1;
export const VNET_GSO_NONE = 0;
export const VNET_GSO_TCPV4 = 1;
export const VNET_GSO_TCPV6 = 4;
const VNET_GSO_ECN = 0x80;

const ETH = 14;
const ARENA_BYTES = 4 << 20;

/** Counters: GSO frames cut, segments made, partial checksums completed, frames refused. */
export interface SegmentStats {
  gsoFrames: number;
  segments: number;
  checksums: number;
  malformed: number;
}

/** The fields of one virtio_net_hdr. */
export interface VnetHeader {
  flags: number;
  gsoType: number;
  gsoSize: number;
  csumStart: number;
  csumOffset: number;
}

/** Reads the virtio_net_hdr at `at` into `out` (reused to spare an allocation per frame). */
export function readVnetHeader(b: Uint8Array, at: number, out: VnetHeader): VnetHeader {
  out.flags = b[at];
  out.gsoType = b[at + 1];
  out.gsoSize = b[at + 4] | (b[at + 5] << 8);
  out.csumStart = b[at + 6] | (b[at + 7] << 8);
  out.csumOffset = b[at + 8] | (b[at + 9] << 8);
  return out;
}

/**
 * Completes a partial checksum in place: the field holds the pseudo-header sum; the checksum covers
 * frame[csumStart, end). False when the offsets fall outside the frame.
 */
export function completeChecksum(frame: Uint8Array, csumStart: number, csumOffset: number): boolean {
  const at = csumStart + csumOffset;
  if (csumStart >= frame.length || at + 2 > frame.length) return false;
  const sum = ~onesSum(frame, csumStart, frame.length) & 0xffff;
  frame[at] = sum >> 8;
  frame[at + 1] = sum & 0xff;
  return true;
}

/** Cuts GSO TCP frames into segments and completes partial checksums; see the file comment. */
export class TcpSegmenter {
  readonly stats: SegmentStats = { gsoFrames: 0, segments: 0, checksums: 0, malformed: 0 };
  private arena = new Uint8Array(ARENA_BYTES);
  private used = 0;

  /** Makes the arena's space free again: every segment handed out before is then invalid. */
  reset(): void {
    this.used = 0;
  }

  /**
   * Handles one frame read from the TAP with its header: calls `emit` once per resulting frame (the
   * frame itself, completed in place, or its segments). False, counted, for a frame that cannot be
   * handled (it is then dropped).
   */
  handle(h: VnetHeader, frame: Uint8Array, emit: (frame: Uint8Array) => void): boolean {
    const gso = h.gsoType & ~VNET_GSO_ECN;
    if (gso === VNET_GSO_NONE) {
      if (h.flags & VNET_F_NEEDS_CSUM) {
        if (!completeChecksum(frame, h.csumStart, h.csumOffset)) return this.refuse();
        this.stats.checksums++;
      }
      emit(frame);
      return true;
    }
    if (gso !== VNET_GSO_TCPV4 && gso !== VNET_GSO_TCPV6) return this.refuse();
    return this.segment(gso === VNET_GSO_TCPV4, h, frame, emit);
  }

  private refuse(): false {
    this.stats.malformed++;
    return false;
  }

  private segment(v4: boolean, h: VnetHeader, f: Uint8Array, emit: (frame: Uint8Array) => void): boolean {
    const t = h.csumStart;
    const ipLen = t - ETH;
    if (h.gsoSize === 0 || ipLen < (v4 ? 20 : 40) || t + 20 > f.length) return this.refuse();
    const thl = (f[t + 12] >> 4) << 2;
    const head = t + thl;
    if (thl < 20 || head > f.length) return this.refuse();
    const payload = f.length - head;
    const mss = h.gsoSize;
    const count = Math.max(1, Math.ceil(payload / mss));
    this.reserve(count * (head + mss + 8));
    const seq0 = ((f[t + 4] << 24) | (f[t + 5] << 16) | (f[t + 6] << 8) | f[t + 7]) >>> 0;
    const flags = f[t + 13];
    const id0 = (f[ETH + 4] << 8) | f[ETH + 5];
    this.stats.gsoFrames++;
    for (let i = 0; i < count; i++) {
      const from = head + i * mss;
      const size = Math.min(mss, f.length - from);
      const start = (this.used + 7) & ~7;
      const s = this.arena.subarray(start, start + head + size);
      this.used = start + head + size;
      s.set(f.subarray(0, head));
      s.set(f.subarray(from, from + size), head);
      const seq = (seq0 + i * mss) >>> 0;
      s[t + 4] = seq >>> 24;
      s[t + 5] = (seq >> 16) & 0xff;
      s[t + 6] = (seq >> 8) & 0xff;
      s[t + 7] = seq & 0xff;
      let fl = flags;
      if (i > 0) fl &= ~0x80; // CWR on the first segment only
      if (i < count - 1) fl &= ~0x09; // FIN and PSH on the last only
      s[t + 13] = fl;
      const l4 = thl + size;
      if (v4) {
        const total = ipLen + l4;
        s[ETH + 2] = total >> 8;
        s[ETH + 3] = total & 0xff;
        const id = (id0 + i) & 0xffff;
        s[ETH + 4] = id >> 8;
        s[ETH + 5] = id & 0xff;
        s[ETH + 10] = s[ETH + 11] = 0;
        const ipSum = internetChecksum(s, ETH, t);
        s[ETH + 10] = ipSum >> 8;
        s[ETH + 11] = ipSum & 0xff;
      } else {
        const plen = ipLen - 40 + l4;
        s[ETH + 4] = plen >> 8;
        s[ETH + 5] = plen & 0xff;
      }
      // Pseudo header: addresses, protocol 6 and the TCP length; then the segment itself.
      const pseudo = v4 ? onesSum(s, ETH + 12, ETH + 20, 6 + l4) : onesSum(s, ETH + 8, ETH + 40, 6 + l4);
      s[t + 16] = s[t + 17] = 0;
      const sum = ~onesSum(s, t, s.length, pseudo) & 0xffff;
      s[t + 16] = sum >> 8;
      s[t + 17] = sum & 0xff;
      this.stats.segments++;
      emit(s);
    }
    return true;
  }

  /** Makes room for `bytes` more; a full arena is replaced (segments still held keep the old one alive). */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.arena.length) return;
    this.arena = new Uint8Array(Math.max(ARENA_BYTES, bytes));
    this.used = 0;
  }
}
