/** A titled pane of plain text lines (the node's show commands, the captures, an overlay), cut to its height. */
import { Box } from 'ink';
import type { Line } from '../topology.js';
import { Row, Title } from './lines.js';

/** Shows the first `height - 1` lines. */
export function TextPane(props: {
  title: string;
  right?: string;
  lines: Array<string | Line>;
  focused: boolean;
  height: number;
}) {
  const rows = props.lines.slice(0, Math.max(0, props.height - 1));
  return (
    <Box flexDirection="column">
      <Title text={props.title} focused={props.focused} {...(props.right ? { right: props.right } : {})} />
      {rows.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Row key={i} line={typeof l === 'string' ? [{ text: l, tone: 'plain' }] : l} />
      ))}
    </Box>
  );
}
