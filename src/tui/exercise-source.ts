/**
 * The exercise of the open lab, for the TUI: whether the lab is the running exercise's, its panel
 * (task, hints, items), the live grade refreshed every few seconds (router state only: no traffic,
 * no capture, see lab/exercise/live.ts) and the full grade `g` runs. Outcomes come back as store actions.
 */
import type { ExerciseItemRow, ExercisePanel } from './model.js';
import type { Store } from './store.js';

/** How often the live grade runs while the exercise pane is shown (ms). */
export const LIVE_EVERY_MS = 12_000;

const firstLine = (e: unknown): string => ((e as Error).message ?? String(e)).split('\n')[0]!;

/** The running exercise's panel when `lab` is its lab, else undefined. */
export async function exerciseFor(lab: string): Promise<ExercisePanel | undefined> {
  const { readProgress, findExercise } = await import('../lab/exercise/index.js');
  const current = readProgress().current;
  if (!current || current.lab !== lab) return undefined;
  const ex = findExercise(current.id);
  return {
    id: ex.id,
    title: ex.title,
    task: ex.task.trimEnd().split('\n'),
    hints: ex.hints,
    hintsShown: 0,
    items: ex.items.map((i) => ({ id: i.id, title: i.title, weight: i.weight, status: 'pending', reason: '' })),
    full: false,
  };
}

/** Grades the running exercise of `lab`: live (router state) or full (every item, with the diagnosis). */
export async function gradeInto(store: Store, lab: string, full: boolean): Promise<void> {
  const s = store.get().exercise;
  if (!s || s.grading) return;
  store.dispatch({ type: 'exerciseGrading', mode: full ? 'full' : 'live' });
  try {
    const x = await import('../lab/exercise/index.js');
    const { current, state } = x.currentRunning();
    if (current.lab !== lab) throw new Error(`lab ${lab} is not the exercise's lab (${current.lab})`);
    const ex = x.findExercise(current.id);
    if (!full) {
      const g = await x.liveGrade(ex, state);
      store.dispatch({
        type: 'exerciseGraded',
        full: false,
        score: g.score,
        items: g.items,
        at: Date.now(),
        durationMs: g.durationMs,
      });
      return;
    }
    const g = await x.gradeExercise(ex, state, { workDir: current.workDir });
    x.recordGrade(ex.id, g.score, g.complete);
    const items = g.items.map((i): ExerciseItemRow => {
      const d = i.diagnosis;
      const f = d?.findings.find((y) => y.layer === d.broken);
      return {
        id: i.id,
        title: i.title,
        weight: i.weight,
        status: i.status,
        reason: i.status === 'pass' ? i.feedback : [i.feedback, i.reason].filter(Boolean).join(' — '),
        ...(d?.broken && f
          ? {
              layer: `${d.broken} (${d.pair.join(' and ')})`,
              evidence: [f.evidence, ...(f.capture ? [f.capture.text] : [])],
              command: `${f.command} (on ${d.pair[0]})`,
            }
          : {}),
      };
    });
    store.dispatch({
      type: 'exerciseGraded',
      full: true,
      score: g.score,
      items,
      at: Date.now(),
      durationMs: g.durationMs,
    });
  } catch (e) {
    store.dispatch({ type: 'exerciseRefused', message: (e as Error).message ?? firstLine(e) });
  }
}
