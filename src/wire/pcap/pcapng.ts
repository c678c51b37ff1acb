/** pcapng reader (Section Header, Interface Description, Enhanced/Simple/obsolete Packet blocks). */
import { DecodeError } from '../errors.js';
import type { Capture, CaptureFrame, ReadCaptureOptions } from './types.js';

/** pcapng Section Header Block type (the first four bytes of every pcapng file). */
export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const OBSOLETE_PB = 2;
const SPB = 3;
const EPB = 6;
const OPT_TSRESOL = 9;
const OPT_TSOFFSET = 14;

interface Iface {
  linkType: number;
  /** Timestamp units per second as a numerator/denominator for exact nanoseconds. */
  unitsPerSecond: bigint;
  offsetSec: bigint;
}

/*
 * pcapng block (draft-ietf-opsawg-pcapng section 3.1)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                          Block Type                           |
 * +---------------------------------------------------------------+
 * |                      Block Total Length                       |
 * +---------------------------------------------------------------+
 * /                          Block Body                           /
 * +---------------------------------------------------------------+
 * |                      Block Total Length                       |
 * +---------------------------------------------------------------+
 * EPB body: interface id, timestamp high, timestamp low, captured length, original length, data (padded to 4), options.
 */
/**
 * Parses a pcapng file (every section; unknown blocks skipped). Throws only DecodeError (with
 * `partial`, not for a file cut short after its first section header).
 */
export function readPcapng(bytes: Uint8Array, opts: ReadCaptureOptions = {}): Capture {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: CaptureFrame[] = [];
  let ifaces: Iface[] = [];
  let firstLink = -1;
  let little = true;
  let pos = 0;
  const cut = (e: DecodeError): Capture => {
    if (!opts.partial || pos === 0) throw e;
    return { format: 'pcapng', linkType: Math.max(firstLink, 0), frames, cutShort: e };
  };
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) {
      return cut(new DecodeError('TRUNCATED', pos, `pcapng block header: ${bytes.length - pos} bytes left`));
    }
    const rawType = dv.getUint32(pos, true);
    if (rawType === PCAPNG_SHB) {
      const bom = dv.getUint32(pos + 8, true);
      if (bom === BYTE_ORDER_MAGIC) little = true;
      else if (dv.getUint32(pos + 8, false) === BYTE_ORDER_MAGIC) little = false;
      else
        throw new DecodeError(
          'BAD_VALUE',
          pos + 8,
          `pcapng byte-order magic: expected 1a2b3c4d, found ${bom.toString(16)}`,
        );
      ifaces = [];
    } else if (pos === 0) {
      throw new DecodeError(
        'BAD_VALUE',
        0,
        `pcapng: expected a Section Header Block, found type ${rawType.toString(16)}`,
      );
    }
    const type = dv.getUint32(pos, little);
    const len = dv.getUint32(pos + 4, little);
    if (len < 12 || len % 4 !== 0)
      throw new DecodeError('BAD_LENGTH', pos + 4, `pcapng block length ${len} is invalid`);
    if (pos + len > bytes.length) {
      return cut(new DecodeError('TRUNCATED', pos + 4, `pcapng block of ${len} bytes, ${bytes.length - pos} left`));
    }
    const body = pos + 8;
    const end = pos + len - 4;
    if (type === IDB) {
      need(end - body, 8, body);
      const iface: Iface = { linkType: dv.getUint16(body, little), unitsPerSecond: 1_000_000n, offsetSec: 0n };
      readOptions(dv, body + 8, end, little, (code, at, olen) => {
        if (code === OPT_TSRESOL && olen >= 1) {
          const v = bytes[at];
          iface.unitsPerSecond = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
        } else if (code === OPT_TSOFFSET && olen >= 8) {
          iface.offsetSec = dv.getBigInt64(at, little);
        }
      });
      if (firstLink < 0) firstLink = iface.linkType;
      ifaces.push(iface);
    } else if (type === EPB || type === OBSOLETE_PB) {
      need(end - body, 20, body);
      const id = type === EPB ? dv.getUint32(body, little) : dv.getUint16(body, little);
      const iface = ifaces[id];
      if (!iface)
        throw new DecodeError('BAD_VALUE', body, `pcapng packet names interface ${id}, which was not described`);
      const ts = (BigInt(dv.getUint32(body + 4, little)) << 32n) | BigInt(dv.getUint32(body + 8, little));
      const caplen = dv.getUint32(body + 12, little);
      need(end - body - 20, caplen, body + 12);
      frames.push({
        number: frames.length + 1,
        linkType: iface.linkType,
        timestampNs: iface.offsetSec * 1_000_000_000n + (ts * 1_000_000_000n) / iface.unitsPerSecond,
        originalLength: dv.getUint32(body + 16, little),
        data: bytes.subarray(body + 20, body + 20 + caplen),
      });
    } else if (type === SPB) {
      need(end - body, 4, body);
      const iface = ifaces[0];
      if (!iface) throw new DecodeError('BAD_VALUE', body, 'pcapng simple packet block before any interface');
      const orig = dv.getUint32(body, little);
      const caplen = Math.min(orig, end - body - 4);
      frames.push({
        number: frames.length + 1,
        linkType: iface.linkType,
        timestampNs: 0n,
        originalLength: orig,
        data: bytes.subarray(body + 4, body + 4 + caplen),
      });
    }
    pos += len;
  }
  return { format: 'pcapng', linkType: Math.max(firstLink, 0), frames };
}

function need(have: number, want: number, at: number): void {
  if (have < want) throw new DecodeError('TRUNCATED', at, `pcapng block body: need ${want} bytes, found ${have}`);
}

/** Walks the TLV options in [pos, end), calling `fn` for each until opt_endofopt. */
function readOptions(
  dv: DataView,
  pos: number,
  end: number,
  little: boolean,
  fn: (code: number, at: number, len: number) => void,
): void {
  while (pos + 4 <= end) {
    const code = dv.getUint16(pos, little);
    const len = dv.getUint16(pos + 2, little);
    if (code === 0 || pos + 4 + len > end) return;
    fn(code, pos + 4, len);
    pos += 4 + ((len + 3) & ~3);
  }
}
