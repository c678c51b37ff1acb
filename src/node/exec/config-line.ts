/**
 * What IOS prints for one line typed in configuration mode, from the parser's result for the
 * replayed lines (../config/live-mode.ts): the caret under the bad word and the `%` message, or a
 * note that the line was recognised but is not acted on by dmvpnd; nothing when it took effect.
 */
import type { ApplyResult } from '../config/apply.js';

/** The messages about line `lineNo` (the typed one) of an apply, the caret placed after a prompt of `promptLength`. */
export function typedLineOutput(
  r: Pick<ApplyResult, 'errors' | 'ignored' | 'warnings'>,
  lineNo: number,
  indent: number,
  promptLength: number,
): string {
  const out: string[] = [];
  for (const e of r.errors.filter((x) => x.line === lineNo)) {
    if (e.code === 'CONFIG_INVALID_INPUT')
      out.push(`${' '.repeat(Math.max(0, promptLength + e.column - 1 - indent))}^`);
    out.push(e.ios);
  }
  for (const x of r.ignored.filter((i) => i.line === lineNo)) out.push(`% Note: ${x.reason}`);
  for (const w of r.warnings.filter((x) => x.line === lineNo)) out.push(`%Warning: ${w.message}`);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
