/** Ignoring a global command together with the lines of its sub-mode. */
import { isGlobalCommand, opensBlock } from './ios-tables.js';
import type { Cmd } from './line.js';
import type { Session } from './session.js';

/** Reports the line as not supported and collects its sub-mode lines (if any) under it. */
export function ignoreBlock(
  cmd: Cmd,
  s: Session,
  topic: string,
  status: 'unsupported' | 'inactive' = 'unsupported',
): void {
  const line = cmd.line;
  const reason = status === 'inactive' ? `recorded, not active yet (${topic})` : `not supported, ignored (${topic})`;
  const entry = s.ignore(line, reason, status);
  const words = line.tokens.map((t) => t.text.toLowerCase());
  const opener = opensBlock(words[0] === 'no' ? words.slice(1) : words);
  s.open({
    indent: line.indent,
    accepts: (w) => opener && !isGlobalCommand(w),
    line: (c) => {
      entry.children.push({ line: c.line.no, text: c.line.raw.trim() });
    },
  });
}
