/**
 * How the diagnosis cites frames: what a grade captured, a finding about one layer, the pcap of a
 * router's NBMA link, and frame lists as a student reads them (`frames 12, 15 (hub-eth1.pcap)`).
 */
import type { IkeFrame } from '../checks/ike-frames.js';
import type { Evidence } from '../checks/model.js';
import type { Packet } from '../checks/packets.js';
import type { LabView, RouterView } from '../checks/view.js';
import { allLinkTargets } from '../capture.js';

/** What the grade captured: the classified packets and the IKE frames of its pcaps. */
export interface CapturedFrames {
  packets: Packet[];
  ike: IkeFrame[];
}

/** What the frames say about one layer: a sentence, the frames cited, and maybe a better command and show lines. */
export interface FrameFinding {
  text: string;
  frames: Evidence[];
  command?: string;
  shown?: string[];
}

/** Frames cited per finding, at most. */
export const MAX = 4;
/** The file name of a pcap. */
export const file = (pcap: string) => pcap.split('/').pop() ?? pcap;

/** `frames 12, 15 (hub-eth1.pcap)`, or `frame 12 (…)`: the first few, of one pcap. */
export function frameList(ps: Array<{ frame: number; pcap: string }>, word = 'frame'): string {
  const shown = ps.slice(0, MAX);
  const more = ps.length > MAX ? ` and ${ps.length - MAX} more` : '';
  const n = shown.map((p) => p.frame).join(', ');
  return `${word}${shown.length === 1 ? '' : 's'} ${n}${more} (${file(shown[0]!.pcap)})`;
}

/** The pcap of router `r`'s NBMA link, when it is captured. */
export function linkPcap(view: LabView, r: RouterView, pcaps: string[]): string | undefined {
  const state = view.state;
  const node = state.nodes.find((n) => n.name === r.name);
  const written = node?.interfaces.find((i) => i.name === r.nbmaIface)?.written;
  const targets = allLinkTargets(state);
  const i = state.links.findIndex((l) => l.a === `${r.name}:${written}` || l.b === `${r.name}:${written}`);
  const t = targets[i];
  // captures are named <node>-<iface>.pcap (src/lab/capture.ts)
  return t ? pcaps.find((p) => file(p) === `${t.node}-${t.iface}.pcap`) : undefined;
}

/** Packets of one pcap (the preferred one when it has any, else the first pcap that has some). */
export function onePcap<T extends { pcap: string }>(ps: T[], prefer: Array<string | undefined>): T[] {
  for (const p of prefer) {
    const mine = ps.filter((x) => x.pcap === p);
    if (p !== undefined && mine.length > 0) return mine;
  }
  const first = ps[0]?.pcap;
  return ps.filter((x) => x.pcap === first);
}

/** The verb for one frame or several (`carries`/`carry`). */
export const verb = (ps: unknown[], one: string, many: string) => (ps.length === 1 ? one : many);

/** `key 100`, or `no key`. */
export const keyText = (k: number | undefined) => (k === undefined ? 'no key' : `key ${k}`);
