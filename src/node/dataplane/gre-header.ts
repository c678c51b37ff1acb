/**
 * The GRE header on the forwarding path, read and written in place without allocating
 * (src/wire/gre.ts is the full codec; tests check the two agree).
 *
 * RFC 2784 section 2 with the RFC 2890 key and sequence fields:
 * |C| |K|S| Reserved0 | Ver (3) | Protocol Type (16) |
 * | Checksum (16, if C) | Reserved1 (16, if C) |
 * | Key (32, if K) |
 * | Sequence Number (32, if S) |
 */
import { onesSum } from '../../wire/checksum.js';
import type { DataplaneDropReason } from './counters.js';

/** Length of the header we send: 4 bytes, 8 with a key (no checksum, no sequence numbers). */
export function greHeaderLengthFor(key: number | undefined): number {
  return key === undefined ? 4 : 8;
}

/** Writes our GRE header for `protocolType` at `b[at..]`. */
export function writeGreHeader(b: Uint8Array, at: number, protocolType: number, key: number | undefined): void {
  b[at] = key === undefined ? 0 : 0x20;
  b[at + 1] = 0;
  b[at + 2] = protocolType >>> 8;
  b[at + 3] = protocolType & 0xff;
  if (key !== undefined) {
    b[at + 4] = key >>> 24;
    b[at + 5] = (key >>> 16) & 0xff;
    b[at + 6] = (key >>> 8) & 0xff;
    b[at + 7] = key & 0xff;
  }
}

/** Reason codes parseGreHeader returns (as negative numbers) for a header it rejects. */
export const GRE_REJECT: readonly DataplaneDropReason[] = [
  'greTruncated',
  'greTruncated',
  'greUnsupported',
  'greBadChecksum',
  'greKeyMissing',
  'greKeyMismatch',
  'greKeyUnexpected',
];

/**
 * Validates the GRE header of `b` against the tunnel key (undefined = no key configured) and returns
 * the payload offset, or -i for the drop reason GRE_REJECT[i]. The protocol type is `b[2] << 8 | b[3]`.
 */
export function parseGreHeader(b: Uint8Array, key: number | undefined): number {
  if (b.length < 4) return -1;
  const f = b[0];
  // Version must be 0 and the RFC 1701 routing bit clear.
  if ((b[1] & 0x07) !== 0 || (f & 0x40) !== 0) return -2;
  let off = 4;
  if (f & 0x80) {
    if (b.length < 8) return -1;
    if (onesSum(b) !== 0xffff) return -3;
    off += 4;
  }
  if (f & 0x20) {
    if (b.length < off + 4) return -1;
    if (key === undefined) return -6;
    const k = ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
    if (k !== key >>> 0) return -5;
    off += 4;
  } else if (key !== undefined) {
    return -4;
  }
  if (f & 0x10) {
    if (b.length < off + 4) return -1;
    off += 4;
  }
  return off;
}
