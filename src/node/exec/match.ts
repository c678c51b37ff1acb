/**
 * The one keyword matcher of the exec command line, IOS's rules: a word may be abbreviated to any
 * prefix that names one keyword; several keywords make it ambiguous; none makes it invalid, with the
 * caret under the first character that matches nothing. And the IOS text of a refused line.
 */

/** Why a line was refused. */
export type RefusalKind = 'invalid' | 'incomplete' | 'ambiguous';

/** Builds the error of a refused line (each command family has its error class and codes). */
export type Refuse = (kind: RefusalKind, command: string, column: number, detail: string) => Error;

/** A word of the line and its column. */
export interface Token {
  text: string;
  start: number;
}

/** Splits a line into words with their columns; `|` is a word of its own. */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  const re = /\||[^\s|]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

/** The index of the keyword of `words` that `tok` names (exactly, or as its only abbreviation); else throws. */
export function chooseKeyword(words: readonly string[], tok: Token, line: string, refuse: Refuse): number {
  const w = tok.text.toLowerCase();
  const exact = words.indexOf(w);
  if (exact >= 0) return exact;
  const hits = words.map((k, i) => (k.startsWith(w) ? i : -1)).filter((i) => i >= 0);
  if (hits.length === 1) return hits[0];
  const upTo = line.slice(0, tok.start + tok.text.length);
  if (hits.length > 1) {
    throw refuse('ambiguous', upTo, tok.start, `'${tok.text}' could be ${hits.map((i) => words[i]).join(', ')}`);
  }
  let common = 0;
  for (const k of words) {
    let n = 0;
    while (n < w.length && n < k.length && w[n] === k[n]) n++;
    common = Math.max(common, n);
  }
  const expected = words.length > 0 ? `one of ${words.join(', ')}` : 'the end of the command';
  throw refuse('invalid', line, tok.start + common, `expected ${expected}, found '${tok.text}'`);
}

/**
 * What IOS prints for a refused line: for invalid input the line as typed after the prompt, the
 * caret under column `column`, then `% Invalid input detected at '^' marker.`; else the one `%` line.
 */
export function refusalText(kind: RefusalKind, command: string, column: number, prompt: string): string {
  if (kind === 'ambiguous') return `% Ambiguous command:  "${command.trim()}"\n`;
  if (kind === 'incomplete') return '% Incomplete command.\n';
  return `${prompt}${command}\n${' '.repeat(prompt.length + column)}^\n% Invalid input detected at '^' marker.\n`;
}
