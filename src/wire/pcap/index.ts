/** Capture files: detect pcap or pcapng and read it; write pcap. */
import { DecodeError } from '../errors.js';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US, readPcap } from './pcap.js';
import { PCAPNG_SHB, readPcapng } from './pcapng.js';
import type { Capture, ReadCaptureOptions } from './types.js';

export * from './types.js';
export { readPcap, writePcap, type PcapRecord, type WritePcapOptions } from './pcap.js';
export { readPcapng } from './pcapng.js';
export { linkPayload, type LinkPayload } from './link.js';

/** Reads a libpcap or pcapng file, chosen by its magic number. Throws only DecodeError (see ReadCaptureOptions). */
export function readCapture(bytes: Uint8Array, opts: ReadCaptureOptions = {}): Capture {
  if (bytes.length < 4)
    throw new DecodeError('TRUNCATED', 0, `capture file: need at least 4 bytes, found ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  if (be === PCAPNG_SHB) return readPcapng(bytes, opts);
  const pcap = [PCAP_MAGIC_US, PCAP_MAGIC_NS];
  if (pcap.includes(be) || pcap.includes(le)) return readPcap(bytes, opts);
  throw new DecodeError('UNSUPPORTED', 0, `not a pcap or pcapng file (magic ${be.toString(16).padStart(8, '0')})`);
}
