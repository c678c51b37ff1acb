/**
 * The `expect` check: runs the assertions of an expectations file one after the other, each tried
 * until it holds or its wait budget is spent (counted from the last configuration change, see
 * ./deadline.ts). Each becomes one result (a JUnit test case) carrying
 * the show output that decided it; a failure names the assertion's line in the file.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { throwIfAborted } from '../interrupt.js';
import type { Check, CheckContext } from '../checks/context.js';
import { result, type CheckResult } from '../checks/model.js';
import type { ExpectFile, Expectation } from './model.js';
import type { Attempt } from './ask.js';
import { expectationBlocking } from './blocking.js';
import { waitDeadline } from './deadline.js';
import { attempt } from './probes.js';

/**
 * Tries `e` every `everyMs` until it holds or its deadline has passed (once at least, the last try at
 * the deadline): `waitMs` from `since` (the last change, or the lab last seen converging), else from
 * the first try. With `blocking` (configuration mistakes waiting cannot fix) it is tried as in a
 * settled lab.
 */
export async function runExpectation(
  ctx: CheckContext,
  e: Expectation,
  opts: { since?: number; blocking?: string[] } = {},
): Promise<CheckResult> {
  const t0 = Date.now();
  const blocking = opts.blocking ?? [];
  const deadline = waitDeadline(e, t0, blocking.length > 0 ? Number.NEGATIVE_INFINITY : opts.since);
  let tries = 0;
  let last: Attempt;
  for (;;) {
    throwIfAborted();
    tries++;
    last = await attempt(ctx, e).catch(
      (err: Error): Attempt => ({ ok: false, found: `could not ask: ${err.message.split('\n')[0]}`, output: '' }),
    );
    const remaining = deadline - Date.now();
    if (last.ok || remaining <= 0) break;
    await sleep(Math.min(e.everyMs, remaining));
  }
  const waitedMs = Date.now() - t0;
  const figures = { tries, waitedMs, ...last.figures };
  const more = { step: e.title, figures, evidence: last.evidence ?? [] };
  const spent =
    `${tries} ${tries === 1 ? 'try' : 'tries'} in ${(waitedMs / 1000).toFixed(1)} s` +
    (blocking.length > 0 ? `; not waited for, waiting cannot fix: ${blocking.join('; ')}` : '');
  const r = last.ok
    ? result('expect', e.nodes, 'pass', e.spec.pass ? `${e.spec.pass}: ${last.found}` : last.found, more)
    : result(
        'expect',
        e.nodes,
        'fail',
        `${e.where}: ${e.spec.fail ? `${e.spec.fail}: ` : ''}${last.found} (${spent})`,
        more,
      );
  return last.output ? { ...r, output: last.output } : r;
}

/** The check that runs the assertions of `file`. */
export function expectCheck(file: ExpectFile): Check {
  return {
    name: 'expect',
    summary: `the assertions of ${file.file}`,
    notApplicable: () => undefined,
    async run(ctx) {
      const out: CheckResult[] = [];
      // An assertion that held only after failing saw the lab still converging: the next ones get
      // their budgets from then, as if the lab had changed at that moment.
      let since = ctx.waitsFromChanges ? ctx.view.configChangedAt : undefined;
      for (const e of file.items) {
        ctx.progress(`expect ${e.nodes.join(' → ')}: ${e.title}`);
        const blocking = ctx.waitsFromChanges ? expectationBlocking(ctx, e) : [];
        const r = await runExpectation(ctx, e, { ...(since !== undefined ? { since } : {}), blocking });
        if (since !== undefined && r.status === 'pass' && Number(r.figures?.tries ?? 1) > 1)
          since = Math.max(since, Date.now());
        out.push(r);
      }
      return out;
    },
  };
}
