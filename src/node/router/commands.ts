/**
 * The control commands other than `show`, matched the IOS way: each word may be abbreviated to any
 * unambiguous prefix (`conf t`, `deb nh`, `clear ip nh`), and a bad word gets
 * `% Invalid input detected at '^' marker.` with the caret under it.
 */

/** Command ids of everything but `show` (which src/node/show parses and renders). */
export type CommandId = 'configure' | 'configure terminal' | 'debug nhrp' | 'clear ip nhrp' | 'help';

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CommandId[] = ['configure', 'configure terminal', 'debug nhrp', 'clear ip nhrp', 'help'];

/** Whether a line is a show command (its first word abbreviates `show`). */
export function isShow(line: string): boolean {
  const first = line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return first.length > 0 && 'show'.startsWith(first);
}

/** A matched command. */
export interface MatchedCommand {
  ok: true;
  id: CommandId;
}

/** A refused command, with its IOS message. */
export interface RefusedCommand {
  ok: false;
  message: string;
}

/** Matches one command line. */
export function matchCommand(line: string): MatchedCommand | RefusedCommand {
  const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return { ok: false, message: '% Incomplete command.\n' };
  const patterns = COMMANDS.map((id) => ({ id, words: id.split(' ') }));
  let live = patterns;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i].toLowerCase();
    const next = live.filter((p) => p.words.length > i && p.words[i].startsWith(w));
    if (next.length === 0) return invalid(line, i);
    const distinct = new Set(next.map((p) => p.words[i]));
    const exact = next.filter((p) => p.words[i] === w);
    if (distinct.size > 1 && exact.length === 0) return { ok: false, message: `% Ambiguous command:  "${words.slice(0, i + 1).join(' ')}"\n` };
    live = exact.length > 0 ? exact : next;
  }
  const complete = live.find((p) => p.words.length === words.length);
  if (!complete) return { ok: false, message: '% Incomplete command.\n' };
  return { ok: true, id: complete.id };
}

/** IOS's refusal with the caret under word `index` of the line. */
function invalid(line: string, index: number): RefusedCommand {
  const re = /\S+/g;
  let column = line.trimEnd().length;
  for (let k = 0, m = re.exec(line); m; k++, m = re.exec(line)) {
    if (k === index) {
      column = m.index;
      break;
    }
  }
  return { ok: false, message: `% Invalid input detected at '^' marker.\n  ${line.trimEnd()}\n  ${' '.repeat(column)}^\n` };
}
