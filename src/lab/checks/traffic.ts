/** Traffic between LAN hosts for the checks: a counted ping, and a ping stream that runs while something happens. */
import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { throwIfAborted } from '../interrupt.js';
import { alive, readPid, signal } from '../process.js';
import type { Runtime } from '../runtime/types.js';

/** The outcome of a counted ping. */
export interface PingResult {
  sent: number;
  received: number;
  lost: number;
  rttAvgMs: number | null;
  /** Epoch ms when the ping started and ended. */
  startedAt: number;
  endedAt: number;
}

/** Reads the summary lines of iputils ping. */
export function parsePingSummary(text: string): { sent: number; received: number; rttAvgMs: number | null } {
  const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(text);
  const rtt = /= [\d.]+\/([\d.]+)\/[\d.]+/.exec(text);
  return { sent: Number(m?.[1] ?? 0), received: Number(m?.[2] ?? 0), rttAvgMs: rtt ? Number(rtt[1]) : null };
}

/**
 * Pings `dst` from the node in `namespace`: `count` echoes `intervalMs` apart, each waited for `waitS`
 * seconds at most; from address `source` when given (a router's loopback).
 */
export async function ping(
  runtime: Runtime,
  namespace: string,
  dst: string,
  o: { count?: number; intervalMs?: number; waitS?: number; source?: string } = {},
): Promise<PingResult> {
  const count = o.count ?? 3;
  throwIfAborted();
  const startedAt = Date.now();
  const r = await runtime.exec(
    namespace,
    [
      'ping',
      '-n',
      '-q',
      '-c',
      String(count),
      '-i',
      String((o.intervalMs ?? 200) / 1000),
      '-W',
      String(o.waitS ?? 1),
      ...(o.source !== undefined ? ['-I', o.source] : []),
      dst,
    ],
    {
      timeoutMs: 10_000 + count * ((o.intervalMs ?? 200) + 1000),
    },
  );
  throwIfAborted();
  const s = parsePingSummary(r.stdout);
  return { ...s, lost: s.sent - s.received, startedAt, endedAt: Date.now() };
}

/** What a ping stream saw: the replies with their arrival times, and the losses. */
export interface StreamResult {
  startedAt: number;
  stoppedAt: number;
  intervalMs: number;
  /** Replies by sequence number, with the epoch ms they arrived. */
  replies: Array<{ seq: number; atMs: number }>;
  /** Highest sequence number answered. */
  lastSeq: number;
  /** Echoes known to have left: up to the highest sequence number answered or reported unanswered. */
  sent: number;
  /** Echoes that got no reply: reported unanswered when the next one left (ping -O) and never answered later. */
  lost: number;
}

/** Reads `ping -D` output: `[1732363200.123456] 64 bytes from …: icmp_seq=5 …`. */
export function parsePingReplies(text: string): Array<{ seq: number; atMs: number }> {
  const out: Array<{ seq: number; atMs: number }> = [];
  for (const m of text.matchAll(/^\[(\d+\.\d+)\] \d+ bytes from [^ ]+: icmp_seq=(\d+)/gm))
    out.push({ seq: Number(m[2]), atMs: Number(m[1]) * 1000 });
  return out;
}

/** Reads `ping -O` reports of echoes still unanswered when the next one left: `no answer yet for icmp_seq=N`. */
export function parseUnanswered(text: string): number[] {
  return [...text.matchAll(/no answer yet for icmp_seq=(\d+)/g)].map((m) => Number(m[1]));
}

/** Sums up a stream from its replies and the echoes reported unanswered. */
export function streamResult(
  replies: Array<{ seq: number; atMs: number }>,
  unanswered: number[],
  startedAt: number,
  stoppedAt: number,
  intervalMs: number,
): StreamResult {
  const seqs = new Set(replies.map((r) => r.seq));
  const lost = new Set(unanswered.filter((s) => !seqs.has(s))).size;
  const lastSeq = Math.max(0, ...seqs);
  return { startedAt, stoppedAt, intervalMs, replies, lastSeq, sent: Math.max(lastSeq, ...unanswered), lost };
}

/** Longest time without a reply within [from, to] (the stream's own start and stop bound it). */
export function longestSilenceMs(s: StreamResult, from = s.startedAt, to = s.stoppedAt): number {
  const times = [from, ...s.replies.map((r) => r.atMs).filter((t) => t > from && t < to), to];
  let best = 0;
  for (let i = 1; i < times.length; i++) best = Math.max(best, times[i]! - times[i - 1]!);
  return Math.round(best);
}

/** A ping running in a node until stopped. */
export interface PingStream {
  /** The replies so far. */
  replies(): Array<{ seq: number; atMs: number }>;
  stop(): Promise<StreamResult>;
}

function readLog(log: string): string {
  try {
    return readFileSync(log, 'utf8');
  } catch {
    return '';
  }
}

/** Starts `ping -D -O -i interval dst` in the node; its output goes to `log` (removed when stopped). */
export function startPing(
  runtime: Runtime,
  namespace: string,
  dst: string,
  intervalMs: number,
  log: string,
): PingStream {
  rmSync(log, { force: true });
  const pidFile = `${log}.pid`;
  const startedAt = Date.now();
  runtime.spawn(namespace, ['ping', '-n', '-D', '-O', '-W', '1', '-i', String(intervalMs / 1000), dst], {
    log,
    pidFile,
  });
  return {
    replies: () => parsePingReplies(readLog(log)),
    async stop() {
      const stoppedAt = Date.now();
      const pid = readPid(pidFile);
      if (pid !== undefined) {
        signal([pid], 'SIGINT');
        for (let i = 0; i < 100 && alive(pid); i++) await sleep(20);
        signal([pid], 'SIGKILL');
      }
      const text = readLog(log);
      rmSync(log, { force: true });
      rmSync(pidFile, { force: true });
      return streamResult(parsePingReplies(text), parseUnanswered(text), startedAt, stoppedAt, intervalMs);
    },
  };
}
