/**
 * Where a line typed in configuration mode leaves the person typing it: the lines that open the
 * current sub-mode are replayed before it (`interface Tunnel0`, then `ip nhrp nhs …`), and the
 * parser's mode stack tells whether the line stayed in that sub-mode, went back to global mode (a
 * global command typed in a sub-mode, as IOS allows) or opened a sub-mode of its own.
 */
import { globalCommand } from './global.js';
import type { RouterConfig } from './model.js';
import { Session } from './session.js';

/** What a typed line did to the mode. */
export type ModeMove = 'stay' | 'global' | 'opened';

/** The lines to apply for `line` typed under `openers` (outermost first), and the typed line's number. */
export function linesInMode(openers: readonly string[], line: string): { lines: string[]; lineNo: number } {
  // the first opener and the typed line unindented (typed-in form); nested openers indented (saved form)
  const depth = Math.max(0, openers.length - 1);
  const lines = [...openers.map((o, i) => `${' '.repeat(i)}${o.trim()}`), `${' '.repeat(depth)}${line.trim()}`];
  return { lines, lineNo: lines.length };
}

/** Which way `line`, typed under `openers`, moves the mode (a dry run on a copy of `config`). */
export function modeAfter(config: RouterConfig, openers: readonly string[], line: string): ModeMove {
  const s = new Session(structuredClone(config), 'configure', true, globalCommand);
  const { lines } = linesInMode(openers, line);
  lines.slice(0, -1).forEach((l, i) => s.feed(l, i + 1));
  const before = s.current;
  s.feed(lines[lines.length - 1]!, lines.length);
  const after = s.current;
  if (after === undefined) return 'global';
  return after === before ? 'stay' : 'opened';
}
