/** Finding the frames that decide a result, and citing them: pcap file, Wireshark frame numbers, what they show. */
import { NhrpType } from '../../wire/index.js';
import type { Evidence } from './model.js';
import type { Packet } from './packets.js';

/** A time window in epoch milliseconds; `to` open-ended when absent. */
export interface Window {
  from: number;
  to?: number;
}

/** NHRP packet types by name. */
export { NhrpType };

const inWindow = (p: Packet, w?: Window): boolean =>
  !w || (p.timeMs >= w.from && (w.to === undefined || p.timeMs <= w.to));

/** What to match on a packet; every field given must match. */
export interface Match {
  src?: string;
  dst?: string;
  window?: Window;
}

/** NHRP packets of `type` (outer addresses and window filters). */
export function nhrpOf(ps: Packet[], type: number, m: Match = {}): Packet[] {
  return ps.filter(
    (p) =>
      p.kind === 'nhrp' &&
      p.nhrp!.type === type &&
      (m.src === undefined || p.src === m.src) &&
      (m.dst === undefined || p.dst === m.dst) &&
      inWindow(p, m.window),
  );
}

/** GRE data packets; `innerSrc`/`innerDst` match the carried IPv4 or IPv6 packet (IPv6 in canonical text). */
export function dataOf(
  ps: Packet[],
  m: Match & { innerSrc?: string; innerDst?: string; icmpType?: number } = {},
): Packet[] {
  return ps.filter(
    (p) =>
      p.kind === 'data' &&
      (m.src === undefined || p.src === m.src) &&
      (m.dst === undefined || p.dst === m.dst) &&
      (m.innerSrc === undefined || p.inner?.src === m.innerSrc) &&
      (m.innerDst === undefined || p.inner?.dst === m.innerDst) &&
      (m.icmpType === undefined || p.inner?.icmp?.type === m.icmpType) &&
      inWindow(p, m.window),
  );
}

/** How many different echoes (ICMP id and sequence) are among packets that may show one echo on several links. */
export function echoCount(ps: Packet[]): number {
  return new Set(ps.map((p) => (p.inner?.icmp ? `${p.inner.icmp.id}/${p.inner.icmp.seq}` : `${p.pcap}#${p.frame}`)))
    .size;
}

/** Evidence entries for packets: one per pcap, frames in order. */
export function cite(what: string, ps: Array<Pick<Packet, 'pcap' | 'frame'> | undefined>): Evidence[] {
  const byPcap = new Map<string, number[]>();
  for (const p of ps) if (p) byPcap.set(p.pcap, [...(byPcap.get(p.pcap) ?? []), p.frame]);
  return [...byPcap].map(([pcap, frames]) => ({ pcap, frames: [...new Set(frames)].sort((a, b) => a - b), what }));
}

/** Milliseconds between two packets (rounded to 0.1 ms), or null when either is missing. */
export function gapMs(a: Packet | undefined, b: Packet | undefined): number | null {
  return a && b ? Math.round((b.timeMs - a.timeMs) * 10) / 10 : null;
}

/** Where a frame is: `file.pcap#12`, for reasons. */
export function where(p: Packet): string {
  return `${p.pcap.split('/').pop()}#${p.frame}`;
}
