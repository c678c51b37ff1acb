/** libpcap files (microsecond and nanosecond, either byte order): reader and writer. */
import { DecodeError } from '../errors.js';
import type { Capture, CaptureFrame, ReadCaptureOptions } from './types.js';

/** libpcap magic numbers: microsecond and nanosecond timestamps. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

/*
 * libpcap global header (24 bytes), then per packet a 16-byte record header and the data
 * +---------------+---------------+---------------+---------------+
 * |     magic (a1b2c3d4 = µs, a1b23c4d = ns, in writer's order)   |
 * | version major | version minor |         thiszone (s32)        |
 * |   sigfigs     |   snaplen     |   linktype (low 16 bits)      |
 * +---------------+---------------+---------------+---------------+
 * | ts_sec | ts_usec or ts_nsec | incl_len | orig_len | data ...   |
 * +---------------+---------------+---------------+---------------+
 */
/** Parses a libpcap file. Throws only DecodeError (with `partial`, not for a file cut short after its header). */
export function readPcap(bytes: Uint8Array, opts: ReadCaptureOptions = {}): Capture {
  if (bytes.length < 24) throw new DecodeError('TRUNCATED', 0, `pcap header: need 24 bytes, found ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  let little: boolean;
  let nano: boolean;
  if (be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS) [little, nano] = [false, be === PCAP_MAGIC_NS];
  else if (le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS) [little, nano] = [true, le === PCAP_MAGIC_NS];
  else throw new DecodeError('BAD_VALUE', 0, `pcap magic: expected a1b2c3d4 or a1b23c4d, found ${be.toString(16)}`);
  const major = dv.getUint16(4, little);
  if (major !== 2) throw new DecodeError('BAD_VERSION', 4, `pcap version: expected 2, found ${major}`);
  const linkType = dv.getUint32(20, little) & 0xffff;
  const frames: CaptureFrame[] = [];
  let pos = 24;
  const cut = (e: DecodeError): Capture => {
    if (!opts.partial) throw e;
    return { format: 'pcap', linkType, frames, cutShort: e };
  };
  while (pos < bytes.length) {
    if (pos + 16 > bytes.length) {
      return cut(new DecodeError('TRUNCATED', pos, `pcap record header: need 16 bytes, ${bytes.length - pos} left`));
    }
    const sec = dv.getUint32(pos, little);
    const frac = dv.getUint32(pos + 4, little);
    const incl = dv.getUint32(pos + 8, little);
    const orig = dv.getUint32(pos + 12, little);
    if (pos + 16 + incl > bytes.length) {
      const left = bytes.length - pos - 16;
      const what = `pcap record ${frames.length + 1}: ${incl} bytes, ${left} left`;
      return cut(new DecodeError('TRUNCATED', pos + 8, what));
    }
    frames.push({
      number: frames.length + 1,
      linkType,
      timestampNs: BigInt(sec) * 1_000_000_000n + BigInt(frac) * (nano ? 1n : 1000n),
      originalLength: orig,
      data: bytes.subarray(pos + 16, pos + 16 + incl),
    });
    pos += 16 + incl;
  }
  return { format: 'pcap', linkType, frames };
}

/** Options for writePcap. */
export interface WritePcapOptions {
  linkType: number;
  /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds. */
  nanosecond?: boolean;
  snaplen?: number;
}

/** One frame to write: its data and capture time (nanoseconds since the epoch; 0 when absent). */
export interface PcapRecord {
  data: Uint8Array;
  timestampNs?: bigint;
  originalLength?: number;
}

/** Serializes frames as a little-endian libpcap file. */
export function writePcap(records: PcapRecord[], opts: WritePcapOptions): Uint8Array {
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, opts.nanosecond ? PCAP_MAGIC_NS : PCAP_MAGIC_US, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, opts.snaplen ?? 262144, true);
  dv.setUint32(20, opts.linkType, true);
  let pos = 24;
  for (const r of records) {
    const ts = r.timestampNs ?? 0n;
    dv.setUint32(pos, Number(ts / 1_000_000_000n), true);
    const frac = ts % 1_000_000_000n;
    dv.setUint32(pos + 4, Number(opts.nanosecond ? frac : frac / 1000n), true);
    dv.setUint32(pos + 8, r.data.length, true);
    dv.setUint32(pos + 12, r.originalLength ?? r.data.length, true);
    out.set(r.data, pos + 16);
    pos += 16 + r.data.length;
  }
  return out;
}
