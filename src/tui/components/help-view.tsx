/** The help screen: keys and `:` commands. */
import { Box, Text } from 'ink';
import { COMMANDS } from '../command.js';
import { fit } from '../format.js';
import { KEY_HELP } from '../keymap.js';

/** Keys, then commands, cut to `height` rows. */
export function HelpView({ height }: { height: number }) {
  const lines = [...KEY_HELP.map(([k, d]) => `${fit(k, 16)} ${d}`), '', ...COMMANDS.map(([c, d]) => `${c}  — ${d}`)];
  return (
    <Box flexDirection="column">
      <Text bold inverse wrap="truncate">
        ─ Help (any key closes){' '}
      </Text>
      {lines.slice(0, Math.max(1, height - 1)).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: terminal rows, keyed by their position on screen
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}
