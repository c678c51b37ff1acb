import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { exerciseIds, exercisesRoot, findExercise } from '../../../src/lab/exercise/catalog.js';
import { ExerciseError } from '../../../src/lab/exercise/errors.js';
import type { Grade } from '../../../src/lab/exercise/grade.js';
import { loadExercise } from '../../../src/lab/exercise/load.js';
import { readProgress, recordGrade, statusOf, writeProgress } from '../../../src/lab/exercise/progress.js';
import { gradeJunit, gradeText } from '../../../src/lab/exercise/report.js';
import { exerciseJsonSchema } from '../../../src/lab/exercise/schema.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** A copy of exercise `id` whose exercise.yml is `text`. */
function variant(id: string, edit: (text: string) => string): string {
  const dir = join(tempDir('dmvpn-lab-ex-'), id);
  cpSync(join(exercisesRoot(), id), dir, { recursive: true });
  const f = join(dir, 'exercise.yml');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

function issuesOf(dir: string): string[] {
  try {
    loadExercise(dir);
  } catch (e) {
    assert.ok(e instanceof ExerciseError);
    assert.equal(e.code, 'EXERCISE_INVALID');
    return e.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message}`);
  }
  assert.fail('the exercise loaded');
}

describe('exercise files', () => {
  it('every exercise of exercises/ loads, with items, hints and a solution', () => {
    const ids = exerciseIds();
    assert.ok(ids.length >= 4, `exercises: ${ids.join(', ')}`);
    for (const id of ids) {
      const e = findExercise(id);
      assert.equal(e.id, id, `${id}: the id is the folder name`);
      assert.ok(e.items.length > 0 && e.hints.length > 0 && Object.keys(e.solution).length > 0, id);
      assert.ok(e.task.startsWith('# '), `${id}: task.md has a title`);
    }
  });

  it('an unknown exercise names the known ones', () => {
    assert.throws(
      () => findExercise('nope'),
      (e: ExerciseError) => e.code === 'EXERCISE_UNKNOWN' && /ts-nhrp-auth/.test(e.message),
    );
  });

  it('names the line, column and field of a misspelt top-level field', () => {
    const dir = variant('ts-nhrp-auth', (t) => t.replace('level: intermediate', 'level: intermediate\nminuets: 3'));
    const text = issuesOf(dir).join('\n');
    assert.match(text, /^6:1 minuets: unknown field "minuets" \(did you mean "minutes"\?\)/m);
  });

  it('reports item, assertion and solution mistakes with their fields', () => {
    const dir = variant('ts-nhrp-auth', (t) =>
      t
        .replace('check: registration\n    nodes: [spoke1]', 'check: registrashun\n    nodes: [spoke1]')
        .replace('assert: { ping: host2, from: host1 }', 'assert: { ping: host2, from: host9 }')
        .replace('solution:\n  spoke2:', 'solution:\n  host1: [x]\n  spoke2:'),
    );
    const text = issuesOf(dir).join('\n');
    assert.match(text, /^11:5 items\[0\]\.check: .*found "registrashun"/m);
    assert.match(text, /^23:28 items\[2\]\.assert\.from: no node "host9"/m);
    assert.match(text, /^31:3 solution\.host1: "host1" is no router/m);
  });

  it('publishes the JSON schema generated from the validator', () => {
    assert.equal(
      readFileSync(join(ROOT, 'schema', 'exercise.schema.json'), 'utf8'),
      exerciseJsonSchema(),
      'schema/exercise.schema.json is stale: run dmvpn-lab exercise schema > schema/exercise.schema.json',
    );
  });
});

describe('exercise progress', () => {
  it('keeps the best score, counts attempts and marks completion', () => {
    process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');
    writeProgress({
      current: { id: 'a', lab: 'ex', startedAt: new Date(1000).toISOString(), workDir: '/nowhere' },
      exercises: {},
    });
    recordGrade('a', 40, false, new Date(61_000));
    const p = recordGrade('a', 20, false, new Date(91_000));
    assert.deepEqual([p.bestScore, p.attempts, p.completed, p.lastScore, p.timeSpentMs], [40, 2, false, 20, 90_000]);
    assert.equal(statusOf(p, false), 'best 40%');
    const done = recordGrade('a', 100, true, new Date(100_000));
    assert.equal(statusOf(done, true), 'done (running)');
    assert.equal(readProgress().exercises.a?.attempts, 3);
    assert.equal(statusOf(undefined, false), 'new');
  });
});

describe('grade reports', () => {
  const g: Grade = {
    exercise: 'x',
    lab: 'ex',
    score: 33,
    complete: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    items: [
      {
        id: 'a',
        title: 'A holds',
        weight: 1,
        status: 'pass',
        feedback: 'good',
        reason: 'ok',
        nodes: [],
        durationMs: 5,
      },
      {
        id: 'b',
        title: 'B <holds>',
        weight: 2,
        status: 'fail',
        feedback: 'look at NHRP',
        reason: 'not registered',
        nodes: ['spoke2'],
        durationMs: 7,
        diagnosis: {
          pair: ['spoke2', 'hub'],
          broken: 'nhrp',
          findings: [
            { layer: 'underlay', ok: true, evidence: '1 received', command: 'ping 192.0.2.1' },
            { layer: 'nhrp', ok: false, evidence: 'authentication differs', command: 'show ip nhrp nhs detail' },
          ],
        },
      },
    ],
  };
  it('text: ✓/✗ per item, the feedback, the first broken layer with evidence and command, the score', () => {
    const t = gradeText(g);
    assert.match(t, /^✓ A holds \(1 pt\)$/m);
    assert.match(t, /^✗ B <holds> \(2 pts\)\n {4}look at NHRP\n {4}found: not registered$/m);
    assert.match(
      t,
      /first broken layer between spoke2 and hub: nhrp\n.*evidence: authentication differs\n.*show ip nhrp nhs detail/,
    );
    assert.match(t, /^score 33% \(1\/2 items\) in 1\.2 s$/m);
  });
  it('JUnit: one test case per item, the failure with its layer, escaped', () => {
    const x = gradeJunit(g);
    assert.match(x, /tests="2" failures="1"/);
    assert.match(x, /name="b: B &lt;holds&gt;"/);
    assert.match(x, /first broken layer: nhrp \(spoke2 and hub\)/);
  });
});
