/** The capture model shared by the pcap and pcapng codecs. */
import type { DecodeError } from '../errors.js';

/** Link-layer header types (tcpdump.org/linktypes.html) the lab reads. */
export const LinkType = {
  Null: 0,
  Ethernet: 1,
  Raw: 101,
  LinuxSll: 113,
  Ipv4: 228,
  LinuxSll2: 276,
} as const;

/** One captured frame. */
export interface CaptureFrame {
  /** 1-based frame number in the file, as Wireshark counts. */
  number: number;
  /** Link-layer type of the interface the frame came from. */
  linkType: number;
  /** Capture time in nanoseconds since the Unix epoch. */
  timestampNs: bigint;
  /** Length of the frame on the wire (may exceed data.length when the capture was truncated). */
  originalLength: number;
  data: Uint8Array;
}

/** A whole capture file. */
export interface Capture {
  format: 'pcap' | 'pcapng';
  /** Link type of the first interface (pcap has exactly one). */
  linkType: number;
  frames: CaptureFrame[];
  /** Read with `partial`: the file ends in the middle of a record (the frames before it are in `frames`). */
  cutShort?: DecodeError;
}

/** How to read a capture: `partial` returns the complete frames of a file cut short instead of throwing. */
export interface ReadCaptureOptions {
  partial?: boolean;
}
