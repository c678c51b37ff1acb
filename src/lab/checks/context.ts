/** What a check gets to work with, and what a check is: a name, when it applies, and how it runs. */
import { setTimeout as sleep } from 'node:timers/promises';
import { settle } from '../capture.js';
import type { Meter, Progress } from '../progress.js';
import type { Runtime } from '../runtime/types.js';
import type { CheckName, CheckResult } from './model.js';
import { readAllPackets, type Packet } from './packets.js';
import type { LabView } from './view.js';

/** The running lab, its captures, and the means to act on it. */
export interface CheckContext {
  view: LabView;
  runtime: Runtime;
  progress: Progress;
  /** The pcaps of the Internet-facing links. */
  pcaps: string[];
  /** A folder for the checks' own files (ping logs). */
  workDir: string;
  /** Reads the configurations again (after a live change); returns the new view. */
  refresh(): Promise<LabView>;
  /** Test every ordered pair of hosts (reachability) instead of a sample that covers every host. */
  allPairs?: boolean;
  /** Reports how far a long step is: `done` of `total` (a live counter on a terminal). */
  meter?: Meter;
  /**
   * Wait budgets count from the lab's last configuration change (`view.configChangedAt`), not from
   * the first try: false while a check stops or reconfigures routers (see expect/deadline.ts).
   */
  waitsFromChanges?: boolean;
}

/** A check of the catalogue. */
export interface Check {
  name: CheckName;
  /** One line on what it verifies (for `--help` and the README). */
  summary: string;
  /** Why it does not apply to this lab, or undefined when it does. */
  notApplicable(view: LabView): string | undefined;
  run(ctx: CheckContext): Promise<CheckResult[]>;
}

/** Waits until the captures stop growing (≤ 1 s), then reads every packet in them. */
export async function capturedPackets(pcaps: string[]): Promise<Packet[]> {
  await settle(pcaps);
  return readAllPackets(pcaps);
}

/**
 * When a wait of `budgetMs` that began at `startMs` ends: the budget counts from the lab's last
 * configuration change when the run says so (a lab changed long ago has converged as far as it will:
 * one look decides), never later than the budget from `startMs`.
 */
export function waitEnd(
  ctx: Pick<CheckContext, 'view' | 'waitsFromChanges'>,
  budgetMs: number,
  startMs: number,
): number {
  const full = startMs + budgetMs;
  const changed = ctx.waitsFromChanges ? ctx.view.configChangedAt : undefined;
  return changed === undefined ? full : Math.min(full, Math.max(startMs, changed + budgetMs));
}

/** Polls `probe` every `everyMs` until it returns a value other than undefined, or `timeoutMs` passes (then undefined). */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) return undefined;
    await sleep(everyMs);
  }
}
