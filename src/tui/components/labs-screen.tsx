/** The labs screen: shipped and running labs, node counts, runtime and uptime; up/down progress in place. */
import { Box, Text } from 'ink';
import { duration, fit } from '../format.js';
import type { LabEntry } from '../model.js';
import type { Line } from '../topology.js';
import { Row, Title } from './lines.js';

function row(l: LabEntry, now: number): Line {
  const state = l.busy ? `${l.busy}…` : l.up ? 'UP' : 'down';
  const age = l.up && l.createdAt ? duration(now - Date.parse(l.createdAt)) : '';
  return [
    { text: `${fit(l.name, 14)} `, tone: 'plain' },
    { text: `${fit(state, 6)} `, tone: l.busy ? 'warn' : l.up ? 'ok' : 'dim' },
    {
      text: `${fit(`${l.nodes} nodes, ${l.routers} routers`, 21)} ${fit(l.runtime ?? '', 6)} ${fit(age, 6)} `,
      tone: 'plain',
    },
    { text: l.file ?? '', tone: 'dim' },
  ];
}

/** The list; the lab under the cursor shows its last progress steps and error. */
export function LabsScreen(props: { labs: LabEntry[]; cursor: number; height: number; now: number }) {
  const lines: Array<{ line: Line; selected: boolean }> = [];
  props.labs.forEach((l, i) => {
    lines.push({ line: row(l, props.now), selected: i === props.cursor });
    const steps = l.busy || i === props.cursor ? l.steps : [];
    for (const s of steps) lines.push({ line: [{ text: `    · ${s}`, tone: 'dim' }], selected: false });
    if (l.error) lines.push({ line: [{ text: `    ✗ ${l.error}`, tone: 'bad' }], selected: false });
  });
  const rows = Math.max(1, props.height - 2);
  const sel = lines.findIndex((l) => l.selected);
  const top = Math.max(0, Math.min(sel - 2, lines.length - rows));
  return (
    <Box flexDirection="column">
      <Title text="Labs" focused right="Enter: open (or bring up)  u: up  d: down  ?: help  q: quit" />
      <Text
        dimColor
        wrap="truncate"
      >{`${fit('NAME', 14)} ${fit('STATE', 6)} ${fit('SIZE', 21)} ${fit('RUN', 6)} ${fit('UPTIME', 6)} TOPOLOGY`}</Text>
      {lines.length === 0 ? <Text dimColor>no labs: none shipped, none up</Text> : null}
      {lines.slice(top, top + rows).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Row key={i} line={l.line} inverse={l.selected} />
      ))}
    </Box>
  );
}
