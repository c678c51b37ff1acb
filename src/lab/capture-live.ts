/**
 * Live capture to this process's stdout (`dmvpn-lab capture NODE:IF -w - | wireshark -k -i -`): tcpdump
 * writes pcap to its stdout inside the node, packet by packet. A link already captured to a pcap file
 * is not captured twice: that file is followed instead, from its start, as tcpdump writes it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { running, type CaptureTarget } from './capture.js';
import { LabError } from './errors.js';
import type { Runtime } from './runtime/types.js';
import type { CaptureState, LabState } from './state.js';

/** The running capture of the link `t` is on (on this end or the far one), if any. */
export function capturedLink(state: LabState, t: CaptureTarget): CaptureState | undefined {
  const n = state.nodes.find((x) => x.name === t.node);
  const peer = n?.interfaces.find((i) => i.name === t.iface)?.peer;
  const [farNode = '', farWritten = ''] = peer?.split(':') ?? [];
  const farIface = state.nodes.find((x) => x.name === farNode)?.interfaces.find((i) => i.written === farWritten)?.name;
  const ends = [t, ...(farIface ? [{ node: farNode, iface: farIface }] : [])];
  return state.captures.find((c) => running(c) && ends.some((e) => e.node === c.node && e.iface === c.iface));
}

/** tcpdump writing pcap to stdout, a packet at a time; `count` packets, or until stopped. */
export function liveArgv(iface: string, count?: number): string[] {
  const limit = count !== undefined ? ['-c', String(count)] : [];
  return ['tcpdump', '-i', iface, '-n', '--immediate-mode', '-U', '-w', '-', ...limit];
}

/** Runs tcpdump in the node with its stdout on ours; resolves with its exit status. */
export async function captureToStdout(
  runtime: Runtime,
  state: LabState,
  t: CaptureTarget,
  count?: number,
): Promise<number> {
  const n = state.nodes.find((x) => x.name === t.node)!;
  const r = await runtime.exec(n.namespace, liveArgv(t.iface, count), { inherit: true });
  return r.exitCode;
}

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
const MAGICS = [0xa1b2c3d4, 0xa1b23c4d];

/**
 * Copies the pcap file of capture `c` to `out` from its start, then what tcpdump appends, whole
 * records only; ends after `count` packets, when the capture stops, or when `out` closes. Returns the
 * packets copied.
 */
export async function followCapture(c: CaptureState, out: NodeJS.WritableStream, count?: number): Promise<number> {
  const fd = openSync(c.pcap, 'r');
  let closed = false;
  out.on('error', () => (closed = true));
  out.on('close', () => (closed = true));
  try {
    let read = 0;
    let buf = Buffer.alloc(0);
    let big: boolean | undefined;
    let packets = 0;
    for (;;) {
      const size = statSync(c.pcap).size;
      if (size > read) {
        const chunk = Buffer.alloc(size - read);
        read += readSync(fd, chunk, 0, chunk.length, read);
        buf = Buffer.concat([buf, chunk]);
      }
      let take = 0;
      if (big === undefined && buf.length >= PCAP_HEADER) {
        if (MAGICS.includes(buf.readUInt32LE(0))) big = false;
        else if (MAGICS.includes(buf.readUInt32BE(0))) big = true;
        else throw new LabError('CAPTURE_FAILED', `${c.pcap} is not a pcap file`);
        take = PCAP_HEADER;
      }
      while (big !== undefined && (count === undefined || packets < count) && buf.length >= take + RECORD_HEADER) {
        const len = big ? buf.readUInt32BE(take + 8) : buf.readUInt32LE(take + 8);
        if (buf.length < take + RECORD_HEADER + len) break;
        take += RECORD_HEADER + len;
        packets++;
      }
      if (take > 0) {
        out.write(buf.subarray(0, take));
        buf = buf.subarray(take);
      }
      if (closed || (count !== undefined && packets >= count)) return packets;
      if (!running(c) && statSync(c.pcap).size === read) return packets;
      await sleep(100);
    }
  } finally {
    closeSync(fd);
  }
}
