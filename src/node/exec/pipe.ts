/**
 * Output modifiers after `|` on any exec command, as IOS: `include`, `exclude`, `begin`, `section`
 * (a matching line and the indented lines under it) and `count`. The show parser keeps its own
 * `| json`; a line is split here before it reaches a command.
 */
import { chooseKeyword, tokenize } from './match.js';

/** An output modifier. */
export interface Pipe {
  kind: 'include' | 'exclude' | 'begin' | 'section' | 'count';
  pattern: RegExp;
}

/** A line without its modifier, or the IOS message of a bad modifier. */
export type SplitPipe = { command: string; pipe?: Pipe } | { error: string };

const KINDS = ['begin', 'count', 'exclude', 'include', 'section'] as const;

/**
 * Splits `line` at its first `|`. `| json` (and anything after `|` that abbreviates no modifier but
 * `json`) stays on the command for the show parser.
 */
export function splitPipe(line: string, promptLength: number): SplitPipe {
  const toks = tokenize(line);
  const bar = toks.findIndex((t) => t.text === '|');
  if (bar < 0) return { command: line };
  const what = toks[bar + 1];
  if (what === undefined) return { error: '% Incomplete command.\n' };
  if ('json'.startsWith(what.text.toLowerCase())) return { command: line };
  let kind: Pipe['kind'];
  try {
    kind =
      KINDS[chooseKeyword(KINDS, what, line, (k, _c, column) => Object.assign(new Error(k), { kind: k, column }))]!;
  } catch (e) {
    const { kind: k, column } = e as { kind: string; column: number };
    if (k === 'ambiguous')
      return { error: `% Ambiguous command:  "${line.slice(0, what.start + what.text.length)}"\n` };
    return { error: `${' '.repeat(promptLength + column)}^\n% Invalid input detected at '^' marker.\n` };
  }
  const rx = toks[bar + 2];
  if (rx === undefined) return { error: '% Incomplete command.\n' };
  const source = line.slice(rx.start).trim();
  try {
    return { command: line.slice(0, toks[bar]!.start).trimEnd(), pipe: { kind, pattern: new RegExp(source) } };
  } catch {
    return { error: `${' '.repeat(promptLength + rx.start)}^\n% Invalid input detected at '^' marker.\n` };
  }
}

/** Applies a modifier to a command's output text. */
export function applyPipe(text: string, pipe: Pipe | undefined): string {
  if (!pipe) return text;
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const m = (l: string): boolean => pipe.pattern.test(l);
  let kept: string[];
  switch (pipe.kind) {
    case 'include':
      kept = lines.filter(m);
      break;
    case 'exclude':
      kept = lines.filter((l) => !m(l));
      break;
    case 'begin': {
      const at = lines.findIndex(m);
      kept = at < 0 ? [] : lines.slice(at);
      break;
    }
    case 'section':
      kept = section(lines, m);
      break;
    case 'count':
      return `Number of lines which match regexp = ${lines.filter(m).length}\n`;
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

/** A line that matches and the lines indented under it (the lines of its sub-mode). */
function section(lines: string[], m: (l: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s/.test(l) || !m(l)) {
      if (/^\s/.test(l) && m(l) && !out.includes(l)) out.push(l);
      continue;
    }
    out.push(l);
    while (i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) out.push(lines[++i]!);
  }
  return out;
}
