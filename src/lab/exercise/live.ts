/**
 * The live grade the TUI refreshes while the student works: cheap enough to run every few seconds
 * because it sends no traffic and starts no capture. It grades only the items that router state
 * decides — registration (each spoke's NHS table) and the show, route, nhrp and adjacency assertions,
 * each tried once — and leaves the items that need traffic (ping, shortcut, the phase, reachability and
 * nat checks) pending until a full grade. A lab that is down or modified beyond the task is refused
 * as in a full grade.
 */
import { stringify } from 'yaml';
import { silent } from '../progress.js';
import type { CheckContext } from '../checks/context.js';
import { readNhs } from '../checks/routers.js';
import { buildView } from '../checks/view.js';
import { parseExpectations } from '../expect/load.js';
import { attempt } from '../expect/probes.js';
import { getRuntime } from '../runtime/index.js';
import type { LabState } from '../state.js';
import { routersOf } from './diagnose.js';
import { assertGradable } from './grade.js';
import type { Exercise, Item } from './load.js';

/** One item as the live grade sees it: passed, failed, or pending (it needs traffic: a full grade decides). */
export interface LiveItem {
  id: string;
  title: string;
  weight: number;
  status: 'pass' | 'fail' | 'pending';
  reason: string;
}

/** A live grade: the score counts only items passed now (pending ones count as not yet). */
export interface LiveGrade {
  score: number;
  items: LiveItem[];
  durationMs: number;
}

/** Items a live grade leaves to a full one: they send traffic. */
export function needsTraffic(item: Item): boolean {
  if (item.kind === 'check') return item.check !== 'registration';
  return item.assertionKind === 'ping' || item.assertionKind === 'shortcut';
}

/** Grades what router state decides, once each; throws as a full grade does for a lab down or modified. */
export async function liveGrade(ex: Exercise, state: LabState): Promise<LiveGrade> {
  const t0 = Date.now();
  await assertGradable(ex, state);
  const view = await buildView(state);
  const ctx: CheckContext = {
    view,
    runtime: getRuntime(state.runtime),
    progress: silent,
    pcaps: [],
    workDir: state.labDir,
    refresh: async () => view,
  };
  const asserts = ex.items.filter((i) => i.kind === 'assert' && !needsTraffic(i));
  const text = stringify({
    expect: asserts.map((i) => ({ name: i.id, ...(i.kind === 'assert' ? i.assertion : {}) })),
  });
  const expectations = asserts.length > 0 ? parseExpectations(text, `${ex.file} (live)`, ex.topology).items : [];
  const items = await Promise.all(
    ex.items.map(async (item): Promise<LiveItem> => {
      const base = { id: item.id, title: item.title, weight: item.weight };
      if (needsTraffic(item)) return { ...base, status: 'pending', reason: 'needs traffic: a full grade (g) decides' };
      if (item.kind === 'check') {
        const spokes = routersOf(view, item.nodes).filter((r) => r.role === 'spoke');
        const targets = spokes.length > 0 ? spokes : view.spokes;
        const down: string[] = [];
        for (const s of targets) {
          const rows = await readNhs(s.control).catch(() => []);
          const bad = rows.filter((r) => !r.up);
          if (rows.length === 0) down.push(`${s.name}: no NHS`);
          for (const r of bad) down.push(`${s.name}: NHS ${r.address} ${r.state}`);
        }
        return down.length === 0
          ? { ...base, status: 'pass', reason: `${targets.map((s) => s.name).join(', ')} registered` }
          : { ...base, status: 'fail', reason: down.join('; ') };
      }
      const e = expectations[asserts.indexOf(item)]!;
      const a = await attempt(ctx, e).catch((err: Error) => ({ ok: false, found: err.message.split('\n')[0]! }));
      return { ...base, status: a.ok ? 'pass' : 'fail', reason: a.found };
    }),
  );
  const total = items.reduce((n, i) => n + i.weight, 0);
  const got = items.filter((i) => i.status === 'pass').reduce((n, i) => n + i.weight, 0);
  return { score: total === 0 ? 0 : Math.floor((100 * got) / total), items, durationMs: Date.now() - t0 };
}
