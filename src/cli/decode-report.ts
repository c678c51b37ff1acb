/** `dmvpn-lab decode`: turns a capture file into one record per NHRP packet plus a summary (pure, no I/O). */
import { decodeFrameNhrp } from '../wire/frame.js';
import { encodeNhrp } from '../wire/nhrp/encode.js';
import { nhrpChecksumOk } from '../wire/nhrp/decode.js';
import { nhrpToJson, type NhrpPacketJson } from '../wire/nhrp/json.js';
import { readCapture } from '../wire/pcap/index.js';

/** Where an NHRP packet travelled: frame number, time, outer IPv4 (NBMA) addresses and GRE key. */
export interface FrameInfo {
  frame: number;
  /** Capture time, ISO 8601 (UTC); null when the file's timestamp is out of range. */
  time: string | null;
  nbmaSrc: string | null;
  nbmaDst: string | null;
  /** GRE key, null when the key bit is clear. */
  greKey: number | null;
}

/** A decoded NHRP packet with its checksum verdict and whether re-encoding reproduces its bytes. */
export type NhrpRecord = FrameInfo & NhrpPacketJson & { checksumValid: boolean; reencodes: boolean };

/** A frame that should have held NHRP but did not decode. */
export type MalformedRecord = FrameInfo & { error: { layer: 'ipv4' | 'gre' | 'nhrp'; code: string; offset: number; message: string } };

/** One printed line (or block) of the decode output. */
export type DecodeRecord = NhrpRecord | MalformedRecord;

/** Frame counts for the final summary line. */
export interface DecodeSummary {
  frames: number;
  nhrp: number;
  malformed: number;
  other: number;
}

/** ISO 8601 text of a nanosecond timestamp, or null when no Date can hold it. */
function isoTime(ns: bigint): string | null {
  const d = new Date(Number(ns / 1_000_000n));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Reads a pcap or pcapng file's bytes and decodes every NHRP packet in it. Throws DecodeError only for a bad file. */
export function decodeCaptureFile(bytes: Uint8Array): { records: DecodeRecord[]; summary: DecodeSummary } {
  const cap = readCapture(bytes);
  const records: DecodeRecord[] = [];
  const summary: DecodeSummary = { frames: cap.frames.length, nhrp: 0, malformed: 0, other: 0 };
  for (const f of cap.frames) {
    const d = decodeFrameNhrp(f.linkType, f.data);
    const base: FrameInfo = {
      frame: f.number,
      time: isoTime(f.timestampNs),
      nbmaSrc: null,
      nbmaDst: null,
      greKey: null,
    };
    if (d.kind === 'other') {
      summary.other++;
      continue;
    }
    if (d.kind === 'malformed') {
      summary.malformed++;
      const e = d.error;
      records.push({ ...base, error: { layer: d.layer, code: e.code, offset: e.offset, message: e.message } });
      continue;
    }
    base.nbmaSrc = d.ip.src;
    base.nbmaDst = d.ip.dst;
    base.greKey = d.gre.key ?? null;
    if (!d.nhrp.ok) {
      summary.malformed++;
      const e = d.nhrp.error;
      records.push({ ...base, error: { layer: 'nhrp', code: e.code, offset: e.offset, message: e.message } });
      continue;
    }
    summary.nhrp++;
    const pktsz = (d.nhrpBytes[10] << 8) | d.nhrpBytes[11];
    records.push({
      ...base,
      ...nhrpToJson(d.nhrp.value),
      checksumValid: nhrpChecksumOk(d.nhrpBytes),
      reencodes: same(encodeNhrp(d.nhrp.value), d.nhrpBytes.subarray(0, pktsz)),
    });
  }
  return { records, summary };
}

/** The summary line: "12 frames: 4 NHRP, 0 malformed, 8 other (not NHRP)". */
export function formatSummary(s: DecodeSummary): string {
  return `${s.frames} frames: ${s.nhrp} NHRP, ${s.malformed} malformed, ${s.other} other (not NHRP)`;
}
