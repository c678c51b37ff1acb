/**
 * The captures pane's data: each pcap of the lab with its size and packet counts, the last NHRP packets
 * decoded (the decode report module), and the decode of frames a check cites as evidence.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { running } from '../lab/capture.js';
import type { LabState } from '../lab/state.js';
import { decodeCaptureFile, type DecodeRecord } from '../cli/decode-report.js';
import { formatRecord } from '../cli/decode-text.js';
import type { CaptureRow } from './model.js';

/** Files larger than this are only sized, not decoded, on each refresh. */
const DECODE_LIMIT = 8 << 20;

interface Decoded {
  size: number;
  packets: number;
  records: DecodeRecord[];
}

/** Decodes each pcap again only when it grew. */
export class CaptureReader {
  private readonly cache = new Map<string, Decoded>();

  private decode(pcap: string): Decoded {
    let size = 0;
    try {
      size = statSync(pcap).size;
    } catch {
      return { size: 0, packets: 0, records: [] };
    }
    const old = this.cache.get(pcap);
    if (old && old.size === size) return old;
    if (size > DECODE_LIMIT) return { size, packets: old?.packets ?? 0, records: old?.records ?? [] };
    try {
      const { records, summary } = decodeCaptureFile(new Uint8Array(readFileSync(pcap)));
      const d = { size, packets: summary.frames, records };
      this.cache.set(pcap, d);
      return d;
    } catch {
      return old ?? { size, packets: 0, records: [] };
    }
  }

  /** Rows for every capture of the lab, and the last `last` NHRP packets (all captures, newest last). */
  read(state: LabState, last = 6): { captures: CaptureRow[]; packets: string[] } {
    const rows: CaptureRow[] = [];
    const nhrp: Array<{ t: string; pcap: string; r: DecodeRecord }> = [];
    for (const c of state.captures) {
      const d = this.decode(c.pcap);
      const mine = d.records.filter((r) => !('protocol' in r));
      rows.push({
        node: c.node,
        iface: c.iface,
        pcap: c.pcap,
        bytes: d.size,
        packets: d.packets,
        nhrp: mine.length,
        running: running(c),
      });
      for (const r of mine.slice(-last)) nhrp.push({ t: r.time ?? '', pcap: c.pcap, r });
    }
    nhrp.sort((a, b) => a.t.localeCompare(b.t));
    const packets = nhrp.slice(-last).flatMap(({ t, pcap, r }) => {
      const [head = '', ...rest] = formatRecord(r);
      return [`${t.slice(11, 23)} ${basename(pcap, '.pcap')} ${head}`, ...rest.slice(0, 1)];
    });
    return { captures: rows, packets };
  }
}

/** The decode of `frames` in `pcap` (what a check cites), as text lines. */
export function decodeFrames(pcap: string, frames: number[]): string[] {
  try {
    const { records } = decodeCaptureFile(new Uint8Array(readFileSync(pcap)));
    const hit = records.filter((r) => frames.includes(r.frame));
    if (hit.length === 0) return [`frames ${frames.join(', ')} of ${pcap} carry no NHRP or EIGRP packet`];
    return hit.flatMap((r) => [...formatRecord(r), '']);
  } catch (e) {
    return [`cannot decode ${pcap}: ${(e as Error).message}`];
  }
}
