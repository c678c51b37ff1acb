/** The bottom line: the command or filter being typed, else the last notice, else a hint. */
import { Text } from 'ink';
import type { TuiState } from '../model.js';
import { toneStyle } from '../theme.js';

/** One row. */
export function StatusLine({ s }: { s: TuiState }) {
  if (s.mode === 'command')
    return (
      <Text wrap="truncate">
        {`:${s.input}`}
        <Text inverse> </Text>
      </Text>
    );
  if (s.mode === 'filter')
    return (
      <Text wrap="truncate">
        {`/${s.input}`}
        <Text inverse> </Text>
      </Text>
    );
  if (s.notice) {
    const tone = s.notice.tone === 'ok' ? 'ok' : s.notice.tone === 'bad' ? 'bad' : 'plain';
    return (
      <Text wrap="truncate" {...toneStyle(tone)}>
        {s.notice.text}
      </Text>
    );
  }
  const hint =
    s.screen === 'lab'
      ? 'Tab: panes  /: filter  :: command  r: checks  c: CLI  ?: help  Esc: labs  q: quit'
      : '?: help  :: command  q: quit';
  return (
    <Text wrap="truncate" dimColor>
      {hint}
    </Text>
  );
}
