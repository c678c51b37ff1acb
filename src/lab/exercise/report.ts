/** How a grade is shown: a ✓/✗ line per item with feedback and diagnosis, JSON, or JUnit XML. */
import type { ExerciseError } from './errors.js';
import type { Grade } from './grade.js';

/** The terminal form: one line per item, the feedback, the first broken layer with evidence and command. */
export function gradeText(g: Grade): string {
  const lines: string[] = [];
  for (const i of g.items) {
    lines.push(`${i.status === 'pass' ? '✓' : '✗'} ${i.title} (${i.weight} pt${i.weight === 1 ? '' : 's'})`);
    if (i.feedback) lines.push(`    ${i.feedback}`);
    if (i.status === 'fail') {
      lines.push(`    found: ${i.reason}`);
      const d = i.diagnosis;
      if (d?.broken) {
        const f = d.findings.find((x) => x.layer === d.broken)!;
        lines.push(`    first broken layer between ${d.pair.join(' and ')}: ${d.broken}`);
        lines.push(`      evidence: ${f.evidence}`);
        if (f.capture) lines.push(`      frames:   ${f.capture.text}`);
        for (const l of f.shown ?? []) lines.push(`      shown:    ${l.trim()}`);
        lines.push(`      see it:   ${f.command} (on ${d.pair[0]})`);
      } else if (d) lines.push(`    every layer between ${d.pair.join(' and ')} looks fine`);
    }
  }
  const passed = g.items.filter((i) => i.status === 'pass').length;
  lines.push(
    `score ${g.score}% (${passed}/${g.items.length} items)${g.complete ? ': complete' : ''} in ${(g.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON form (for a learning platform). */
export function gradeJson(g: Grade): string {
  return `${JSON.stringify(g, null, 2)}\n`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one test case per item. */
export function gradeJunit(g: Grade): string {
  const fails = g.items.filter((i) => i.status === 'fail').length;
  const cases = g.items.map((i) => {
    const head = `    <testcase classname="exercise.${esc(g.exercise)}" name="${esc(i.id)}: ${esc(i.title)}" time="${(
      i.durationMs / 1000
    ).toFixed(3)}"`;
    if (i.status === 'pass') return `${head}/>`;
    const d = i.diagnosis;
    const layer = d?.broken ? `\nfirst broken layer: ${d.broken} (${d.pair.join(' and ')})` : '';
    return `${head}>\n      <failure message="${esc(i.feedback || i.reason)}">${esc(i.reason + layer)}</failure>\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="exercise ${esc(g.exercise)}" tests="${g.items.length}" failures="${fails}" time="${(
    g.durationMs / 1000
  ).toFixed(3)}">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

/** The JSON record of a grade refused (lab down, modified beyond the task): no score, the reason and the changes. */
export function refusalJson(exercise: string, e: ExerciseError): string {
  const status = e.code === 'EXERCISE_MODIFIED' ? 'modified' : e.code === 'EXERCISE_LAB_DOWN' ? 'down' : 'error';
  const out = { exercise, status, code: e.code, message: e.message, modifications: e.modifications ?? [] };
  return `${JSON.stringify(out, null, 2)}\n`;
}
