/** Draws lines of toned segments (the topology, tables), one terminal row each, cut at the width. */
import { Box, Text } from 'ink';
import { toneStyle } from '../theme.js';
import type { Line } from '../topology.js';

/** One row of segments. */
export function Row({ line, inverse }: { line: Line; inverse?: boolean }) {
  return (
    <Text wrap="truncate" inverse={inverse === true}>
      {line.length === 0
        ? ' '
        : line.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
            <Text key={i} {...toneStyle(s.tone)}>
              {s.text}
            </Text>
          ))}
    </Text>
  );
}

/** Rows of segments. */
export function Lines({ lines }: { lines: Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Row key={i} line={l} />
      ))}
    </Box>
  );
}

/** A pane title bar; inverse when the pane has the focus. */
export function Title({ text, focused, right }: { text: string; focused: boolean; right?: string }) {
  return (
    <Text wrap="truncate" inverse={focused} bold>
      {`─ ${text} `}
      {right ? <Text dimColor={!focused}>{right}</Text> : null}
    </Text>
  );
}
