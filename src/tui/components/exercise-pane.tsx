/**
 * The exercise pane: the score (live, refreshed as the student works, or from a full grade), each
 * graded item with its status and, for a failure, the first broken layer with its evidence, then the
 * hints shown so far and the task text.
 */
import { Box } from 'ink';
import type { ExercisePanel } from '../model.js';
import type { Line, Tone } from '../topology.js';
import { Row, Title } from './lines.js';

const MARK: Record<string, { text: string; tone: Tone }> = {
  pass: { text: '✓', tone: 'ok' },
  fail: { text: '✗', tone: 'bad' },
  pending: { text: '·', tone: 'dim' },
};

/** The pane's lines: items (with diagnosis), hints shown, the task. */
export function exerciseLines(e: ExercisePanel): Line[] {
  const out: Line[] = [];
  if (e.refusal)
    for (const [i, l] of e.refusal.split('\n').entries())
      out.push([{ text: i === 0 ? `not graded: ${l}` : l, tone: 'bad' }]);
  for (const i of e.items) {
    const m = MARK[i.status]!;
    out.push([
      { text: `${m.text} `, tone: m.tone },
      { text: `${i.title} (${i.weight} pt${i.weight === 1 ? '' : 's'})`, tone: 'plain' },
    ]);
    if (i.status !== 'pass' && i.reason) out.push([{ text: `    ${i.reason}`, tone: 'dim' }]);
    if (i.layer) out.push([{ text: `    first broken layer: ${i.layer}`, tone: 'bad' }]);
    for (const ev of i.evidence ?? []) out.push([{ text: `      ${ev}`, tone: 'accent' }]);
    if (i.command) out.push([{ text: `      see it: ${i.command}`, tone: 'dim' }]);
  }
  if (e.hintsShown > 0) {
    out.push([]);
    for (const [n, h] of e.hints.slice(0, e.hintsShown).entries())
      out.push([{ text: `hint ${n + 1}/${e.hints.length}: ${h}`, tone: 'accent' }]);
  }
  out.push([]);
  for (const l of e.task) out.push([{ text: l, tone: l.startsWith('#') ? 'accent' : 'plain' }]);
  return out;
}

/** The time of day of `ms` (local), `14:03:12`: the screen ticks by the minute, a clock time needs no tick. */
const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

/** What the title bar's right side says: the score, how it was graded and when, the keys. */
export function exerciseStatus(e: ExercisePanel): string {
  const grading = e.grading === 'full' ? 'grading every item… ' : e.grading === 'live' ? 'live… ' : '';
  const score =
    e.score === undefined
      ? 'not graded yet'
      : `${e.score}% ${e.full ? 'graded' : 'live'} at ${clock(e.gradedAt ?? 0)} in ${(
          (e.durationMs ?? 0) / 1000
        ).toFixed(1)} s`;
  const hint = e.hintsShown < e.hints.length ? 'h: hint' : 'no more hints';
  return `${grading}${score}  g: grade  ${hint}`;
}

/** The pane, cut to `height` rows. */
export function ExercisePane(props: { e: ExercisePanel; focused: boolean; height: number }) {
  const lines = exerciseLines(props.e).slice(0, Math.max(0, props.height - 1));
  return (
    <Box flexDirection="column">
      <Title text={`Exercise ${props.e.id}`} focused={props.focused} right={exerciseStatus(props.e)} />
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Row key={i} line={l} />
      ))}
    </Box>
  );
}
