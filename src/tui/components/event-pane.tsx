/** The event pane: NHRP events from every router's debug stream, newest at the bottom, with time and node. */
import { Box } from 'ink';
import { matchesFilter } from '../debug-events.js';
import { clock, fit } from '../format.js';
import type { EventKind, TuiEvent } from '../model.js';
import type { Tone } from '../topology.js';
import { Row, Title } from './lines.js';

const TONES: Partial<Record<EventKind, Tone>> = {
  shortcut: 'accent',
  indication: 'warn',
  resolution: 'plain',
  registration: 'plain',
  error: 'bad',
  cache: 'dim',
  system: 'dim',
  fault: 'warn',
};

function tone(e: TuiEvent): Tone {
  if (e.kind === 'fault' && / FAILED/.test(e.text)) return 'bad';
  if (e.kind === 'nhs' || e.kind === 'peer') return /DOWN|down|not responding/.test(e.text) ? 'bad' : 'ok';
  return TONES[e.kind] ?? 'plain';
}

/** The events passing `filter`, the last `height - 1` of them (minus `scroll` from the end). */
export function EventPane(props: {
  events: TuiEvent[];
  filter: string;
  scroll: number;
  focused: boolean;
  height: number;
  nodeWidth: number;
}) {
  const shown = props.events.filter((e) => matchesFilter(e, props.filter));
  const rows = Math.max(1, props.height - 1);
  const end = Math.max(0, shown.length - props.scroll);
  const page = shown.slice(Math.max(0, end - rows), end);
  const matching = props.filter ? ` matching "${props.filter}"` : '';
  const scrolled = props.scroll ? ` (scrolled ${props.scroll}, j/↓ back)` : '';
  const right = `${shown.length}${matching} events${scrolled}  /: filter`;
  return (
    <Box flexDirection="column">
      <Title text="Events" focused={props.focused} right={right} />
      {page.length === 0 ? (
        <Row
          line={[
            { text: props.events.length ? 'no event matches the filter' : 'waiting for NHRP events…', tone: 'dim' },
          ]}
        />
      ) : null}
      {page.map((e, i) => (
        <Row
          // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
          key={`${e.at}-${i}`}
          line={[
            { text: `${clock(e.at)} `, tone: 'dim' },
            { text: `${fit(e.node, props.nodeWidth)} `, tone: 'plain' },
            { text: `${fit(e.kind, 12)} `, tone: tone(e) },
            { text: e.text, tone: tone(e) === 'bad' ? 'bad' : 'plain' },
          ]}
        />
      ))}
    </Box>
  );
}
