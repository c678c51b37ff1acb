import type { Command } from 'commander';
import {
  applySolution,
  currentRunning,
  exerciseIds,
  exerciseJsonSchema,
  exercisesRoot,
  findExercise,
  gradeExercise,
  gradeJson,
  gradeJunit,
  gradeText,
  labUp,
  readProgress,
  recordGrade,
  startExercise,
  statusOf,
  stopExercise,
} from '../../lab/exercise/index.js';
import { type ExerciseError, refusalJson } from '../../lab/exercise/index.js';
import { stepPrinter } from '../../lab/progress.js';
import { writeReport } from '../../lab/report/write.js';

/** Runs `fn`, printing a typed error as `dmvpn-lab exercise: message [CODE]` with its exit status (default 2). */
async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const e = err as { code?: string; message?: string; exitCode?: number };
    process.stderr.write(`dmvpn-lab exercise: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
    process.exitCode = e.exitCode ?? 2;
  }
}

/**
 * `dmvpn-lab exercise list|start|grade|hint|solution|reset|stop`: certification practice, graded by
 * the checks; progress (best score, attempts, time) is kept under the user's state directory.
 */
export function registerExercise(program: Command): void {
  const ex = program
    .command('exercise')
    .description('certification exercises: a lab with a task, graded items, hints and a reference solution');

  ex.command('list')
    .description('every exercise: id, title, topics, level, time estimate, your status')
    .action(() =>
      guarded(async () => {
        const p = readProgress();
        const rows = exerciseIds().map((id) => {
          try {
            const e = findExercise(id);
            const running = p.current?.id === id && labUp(p.current.lab);
            return [id, e.title, e.topics.join(','), e.level, `${e.minutes} min`, statusOf(p.exercises[id], running)];
          } catch (err) {
            return [id, `(invalid: ${(err as Error).message.split('\n')[0]})`, '', '', '', ''];
          }
        });
        if (rows.length === 0) {
          process.stdout.write(`no exercises in ${exercisesRoot()}\n`);
          return;
        }
        const head = ['ID', 'TITLE', 'TOPICS', 'LEVEL', 'TIME', 'STATUS'];
        const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        for (const r of [head, ...rows])
          process.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ')}\n`);
      }),
    );

  ex.command('start <id>')
    .description('bring the exercise lab up (lab "ex" unless --name) and print the task')
    .option('--name <lab>', 'lab name')
    .option('--runtime <name>', 'netns or docker')
    .option('--quiet', 'no progress lines')
    .action((id: string, o: { name?: string; runtime?: string; quiet?: boolean }) =>
      guarded(async () => {
        const e = findExercise(id);
        const c = await startExercise(e, {
          ...(o.name ? { lab: o.name } : {}),
          ...(o.runtime ? { runtime: o.runtime } : {}),
          progress: stepPrinter(o.quiet === true),
        });
        process.stdout.write(
          `${e.task.trimEnd()}\n\nlab ${c.lab} is up. "dmvpn-lab exercise grade" grades your work.\n`,
        );
      }),
    );

  ex.command('grade')
    .description('grade the running exercise: ✓/✗ per item, feedback, score; exit 0 only when complete')
    .option('--json <file>', 'write the grade as JSON')
    .option('--junit <file>', 'write the grade as JUnit XML')
    .option('--quiet', 'no progress lines')
    .action((o: { json?: string; junit?: string; quiet?: boolean }) =>
      guarded(async () => {
        const { current, state } = currentRunning();
        const e = findExercise(current.id);
        const g = await gradeExercise(e, state, {
          progress: stepPrinter(o.quiet === true),
          workDir: current.workDir,
        }).catch((err: ExerciseError) => {
          // Not graded: a learning platform still gets a record of why.
          if (o.json !== undefined && err.code !== undefined) writeReport('JSON', o.json, refusalJson(e.id, err));
          throw err;
        });
        const p = recordGrade(e.id, g.score, g.complete);
        process.stdout.write(gradeText(g));
        process.stdout.write(`best ${p.bestScore}%, ${p.attempts} attempt${p.attempts === 1 ? '' : 's'}\n`);
        process.exitCode = g.complete ? 0 : 1;
        const failed = [
          o.json !== undefined ? writeReport('JSON', o.json, gradeJson(g)) : undefined,
          o.junit !== undefined ? writeReport('JUnit', o.junit, gradeJunit(g)) : undefined,
        ].filter((m): m is string => m !== undefined);
        for (const m of failed) process.stderr.write(`dmvpn-lab exercise: ${m} [REPORT_UNWRITABLE]\n`);
        if (failed.length > 0) process.exitCode = 2;
      }),
    );

  ex.command('hint [n]')
    .description('the hints of the running exercise, up to the Nth (default: the first)')
    .action((n: string | undefined) =>
      guarded(async () => {
        const e = findExercise(currentId());
        const k = Math.max(1, Math.min(e.hints.length, n === undefined ? 1 : Number.parseInt(n, 10) || 1));
        if (e.hints.length === 0) process.stdout.write('this exercise has no hints\n');
        for (const [i, h] of e.hints.slice(0, k).entries())
          process.stdout.write(`hint ${i + 1}/${e.hints.length}: ${h}\n`);
      }),
    );

  ex.command('solution')
    .description('print the reference solution of the running exercise; --apply configures it on the routers')
    .option('--apply', 'send the lines to the routers (configure through their control sockets)')
    .action((o: { apply?: boolean }) =>
      guarded(async () => {
        if (o.apply) {
          const { current } = currentRunning();
          const e = findExercise(current.id);
          const done = await applySolution(e, current.lab, stepPrinter(false));
          process.stdout.write(`solution applied on ${done.join(', ')}\n`);
          return;
        }
        const e = findExercise(currentId());
        for (const [r, lines] of Object.entries(e.solution))
          process.stdout.write(`! ${r}\nconfigure terminal\n${lines.join('\n')}\nend\n`);
      }),
    );

  ex.command('reset')
    .description('start the running exercise again from its starting configs')
    .option('--quiet', 'no progress lines')
    .action((o: { quiet?: boolean }) =>
      guarded(async () => {
        const p = readProgress().current;
        if (!p) throw Object.assign(new Error('no exercise is started'), { code: 'EXERCISE_NOT_RUNNING' });
        const progress = stepPrinter(o.quiet === true);
        await stopExercise(progress);
        await startExercise(findExercise(p.id), { lab: p.lab, progress });
        process.stdout.write(`exercise ${p.id} is back at its start in lab ${p.lab}\n`);
      }),
    );

  ex.command('schema')
    .description('print the JSON schema of exercise files (schema/exercise.schema.json)')
    .action(() => {
      process.stdout.write(exerciseJsonSchema());
    });

  ex.command('stop')
    .description('take the running exercise lab down (progress is kept)')
    .action(() =>
      guarded(async () => {
        const id = await stopExercise(stepPrinter(false));
        process.stdout.write(id ? `exercise ${id} stopped\n` : 'no exercise was running\n');
      }),
    );
}

function currentId(): string {
  const c = readProgress().current;
  if (!c)
    throw Object.assign(new Error('no exercise is started: "dmvpn-lab exercise start ID"'), {
      code: 'EXERCISE_NOT_RUNNING',
    });
  return c.id;
}
