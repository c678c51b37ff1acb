/**
 * A lab's event log: `clab-<name>/events.jsonl`, one JSON object a line, appended by every fault
 * (stop, start, link down …): when, what, on what, and how it went. `status` folds it into the
 * faults in force; people and scripts can read it as it is.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabState } from '../state.js';

/** What was done. */
export type FaultAction = 'stop' | 'start' | 'restart' | 'link-down' | 'link-up' | 'link-silent' | 'link-restore';

/** One line of the log. */
export interface LabEvent {
  /** ISO 8601, when the action finished. */
  time: string;
  action: FaultAction;
  /** A node name, or a link as `node:iface node:iface` (names as written in the topology). */
  target: string;
  /** ok: done (or already so); failed: not done, `message` says why. */
  result: 'ok' | 'failed';
  message?: string;
  /** How long the action took. */
  ms?: number;
}

/** The event log of a lab. */
export function eventsFile(state: Pick<LabState, 'labDir'>): string {
  return join(state.labDir, 'events.jsonl');
}

/** Appends one event (time set now). */
export function recordEvent(state: Pick<LabState, 'labDir'>, e: Omit<LabEvent, 'time'>): LabEvent {
  const event: LabEvent = { time: new Date().toISOString(), ...e };
  mkdirSync(state.labDir, { recursive: true });
  appendFileSync(eventsFile(state), `${JSON.stringify(event)}\n`);
  return event;
}

/** Every event of the lab, oldest first (lines that do not parse are skipped). */
export function readEvents(state: Pick<LabState, 'labDir'>): LabEvent[] {
  let text: string;
  try {
    text = readFileSync(eventsFile(state), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as LabEvent];
    } catch {
      return [];
    }
  });
}

/** The faults in force after `events`: routers stopped on purpose, links down, links silent. */
export interface FaultsInForce {
  stopped: Set<string>;
  down: Set<string>;
  silent: Set<string>;
}

/** Folds the log: the last successful action on each target decides. */
export function faultsInForce(events: LabEvent[]): FaultsInForce {
  const f: FaultsInForce = { stopped: new Set(), down: new Set(), silent: new Set() };
  for (const e of events) {
    if (e.result !== 'ok') continue;
    if (e.action === 'stop') f.stopped.add(e.target);
    else if (e.action === 'start' || e.action === 'restart') f.stopped.delete(e.target);
    else if (e.action === 'link-down') f.down.add(e.target);
    else if (e.action === 'link-up') f.down.delete(e.target);
    else if (e.action === 'link-silent') f.silent.add(e.target);
    else if (e.action === 'link-restore') f.silent.delete(e.target);
  }
  return f;
}

/** Runs `body` and records how it went (ok with its message, or failed with the error's first line); rethrows. */
export async function recorded<T extends { message: string }>(
  state: Pick<LabState, 'labDir'>,
  action: FaultAction,
  target: string,
  body: () => Promise<T>,
): Promise<T & { ms: number }> {
  const t0 = Date.now();
  try {
    const r = await body();
    const ms = Date.now() - t0;
    recordEvent(state, { action, target, result: 'ok', message: r.message, ms });
    return { ...r, ms };
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    recordEvent(state, { action, target, result: 'failed', message, ms: Date.now() - t0 });
    throw e;
  }
}
