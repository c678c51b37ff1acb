/**
 * A counted ping sent by a router itself, as a person would type it at its exec prompt, through its
 * control socket: `ping DST repeat N timeout 1 source SRC`. Read from IOS's summary line
 * (`Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms`).
 */
import { sendControl } from '../../node/api/index.js';
import { throwIfAborted } from '../interrupt.js';
import type { PingResult } from './traffic.js';

/** Reads IOS ping's summary: echoes sent and answered, and the average round trip. */
export function parseIosPing(text: string): { sent: number; received: number; rttAvgMs: number | null } {
  const m = /Success rate is \d+ percent \((\d+)\/(\d+)\)/.exec(text);
  const rtt = /round-trip min\/avg\/max = \d+\/(\d+)\/\d+ ms/.exec(text);
  return { sent: Number(m?.[2] ?? 0), received: Number(m?.[1] ?? 0), rttAvgMs: rtt ? Number(rtt[1]) : null };
}

/** Pings `dst` from the router behind `control`, sourced from its address `source`: `count` echoes, 1 s timeout. */
export async function routerPing(
  control: string,
  dst: string,
  o: { count: number; source: string },
): Promise<PingResult> {
  throwIfAborted();
  const startedAt = Date.now();
  const text = await sendControl(
    control,
    `ping ${dst} repeat ${o.count} timeout 1 source ${o.source}`,
    [],
    undefined,
    10_000 + o.count * 1500,
  );
  throwIfAborted();
  const s = parseIosPing(text);
  return { ...s, lost: s.sent - s.received, startedAt, endedAt: Date.now() };
}
