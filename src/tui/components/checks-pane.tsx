/** The checks pane: each step as it runs, then the results table with reasons and cited frames. */
import { Box } from 'ink';
import { fit } from '../format.js';
import type { CheckRun } from '../model.js';
import type { Line, Tone } from '../topology.js';
import { Row, Title } from './lines.js';

const STATUS: Record<string, Tone> = { pass: 'ok', fail: 'bad', skip: 'dim' };

/** Lines of the pane: steps while running (and errors), then one row per result. */
export function checkLines(run: CheckRun | undefined, cursor: number): Array<{ line: Line; selected: boolean }> {
  if (!run)
    return [
      {
        line: [{ text: 'no checks run yet: r runs every check, :check phase runs one', tone: 'dim' }],
        selected: false,
      },
    ];
  const out: Array<{ line: Line; selected: boolean }> = [];
  if (run.running || run.results.length === 0)
    for (const s of run.steps) out.push({ line: [{ text: `· ${s}`, tone: 'dim' }], selected: false });
  if (run.error) out.push({ line: [{ text: `could not run: ${run.error}`, tone: 'bad' }], selected: false });
  run.results.forEach((r, i) => {
    const who = r.nodes.join('→') + (r.step ? ` ${r.step}` : '');
    const ev = r.evidence.reduce((n, e) => n + e.frames.length, 0);
    out.push({
      line: [
        { text: `${fit(r.status.toUpperCase(), 4)} `, tone: STATUS[r.status] ?? 'plain' },
        { text: `${fit(r.name, 12)} ${fit(who, 22)} `, tone: 'plain' },
        { text: ev ? `[${ev} fr] ` : '', tone: 'accent' },
        { text: r.reason, tone: 'plain' },
      ],
      selected: i === cursor,
    });
  });
  return out;
}

/** The pane; keeps the cursor row in view. */
export function ChecksPane(props: { run: CheckRun | undefined; cursor: number; focused: boolean; height: number }) {
  const all = checkLines(props.run, props.cursor);
  const rows = Math.max(1, props.height - 1);
  const sel = all.findIndex((l) => l.selected);
  const top = props.run?.running
    ? Math.max(0, all.length - rows)
    : Math.max(0, Math.min(sel - rows + 1, all.length - rows));
  const s = props.run?.summary;
  const right = props.run?.running
    ? 'running…'
    : s
      ? `${s.pass} pass, ${s.fail} fail, ${s.skip} skip  Enter: decode cited frames`
      : 'r: run all  :check NAME';
  return (
    <Box flexDirection="column">
      <Title text="Checks" focused={props.focused} right={right} />
      {all.slice(top, top + rows).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Row key={i} line={l.line} inverse={l.selected && props.focused} />
      ))}
    </Box>
  );
}
