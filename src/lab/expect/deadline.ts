/**
 * How long an assertion keeps trying. Its `wait` budget lets the lab converge after a configuration
 * change, so it counts from the last change any router reports (`show running-config json`'s
 * `lastChange`, IOS's "! Last configuration change at"), not from the first try: a lab whose last
 * change is older than the budget is as converged as it will be, and one try decides. An assertion
 * that sends traffic (ping, shortcut) still gets one retry: its own packets create state on demand
 * (ARP, an NHRP resolution, a shortcut), as an IOS ping loses its first echo to ARP.
 */
import type { Expectation } from './model.js';

/** Kinds whose try sends traffic that creates state on demand. */
const STIMULUS: ReadonlySet<Expectation['kind']> = new Set(['ping', 'shortcut']);

/**
 * The time after which `e` is not tried again: its budget from the last change (`changedAtMs`, when
 * known), never later than the budget from the first try (`firstTryMs`), and for a stimulus never
 * before one retry (`everyMs`, within the budget).
 */
export function waitDeadline(
  e: Pick<Expectation, 'kind' | 'waitMs' | 'everyMs'>,
  firstTryMs: number,
  changedAtMs: number | undefined,
): number {
  const full = firstTryMs + e.waitMs;
  if (changedAtMs === undefined) return full;
  const floor = firstTryMs + (STIMULUS.has(e.kind) ? Math.min(e.everyMs, e.waitMs) : 0);
  return Math.min(full, Math.max(floor, changedAtMs + e.waitMs));
}
