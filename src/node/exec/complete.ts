/**
 * `?` and Tab, read from the command trees: the exec tree (./commands.ts, with the show subtree of
 * ./show-parse.ts under `show`) and the configuration keywords (./config-words.ts). IOS's rules:
 * `show ip ?` lists the next words with their help (and `<cr>` where the command may end),
 * `sh ip nh?` lists the words the partial word may become, Tab completes a word that names one
 * keyword, and after `|` come the output modifiers.
 */
import { EXEC_TREE, SESSION_SHOW, type CommandArg, type CommandNode } from './commands.js';
import type { ConfigWord } from './config-words.js';
import { tokenize } from './match.js';
import { childrenOf, SHOW_TREE, type ShowNode } from './show-parse.js';

/** One word a line may continue with. */
export interface HelpNode {
  word: string;
  help: string;
  /** The command may end after this word (`<cr>`). */
  complete?: boolean;
  arg?: CommandArg;
  children(): HelpNode[];
}

const IFACE: CommandArg = { name: 'WORD', key: 'interface', test: (w) => /^[A-Za-z]/.test(w) };
const ADDRESS: CommandArg = { name: 'A.B.C.D', key: 'address', test: (w) => /^[0-9.]+$/.test(w) };

const PIPES: HelpNode[] = [
  ['begin', 'Begin with the line that matches'],
  ['count', 'Count number of lines which match regexp'],
  ['exclude', 'Exclude lines that match'],
  ['include', 'Include lines that match'],
  ['section', 'Filter a section of output'],
].map(([word, help]) => ({
  word: word!,
  help: help!,
  children: () => [{ word: 'LINE', help: 'Regular Expression', complete: true, arg: LINE_ARG, children: () => [] }],
}));
const LINE_ARG: CommandArg = { name: 'LINE', key: 'regex', test: () => true };

function fromShow(n: ShowNode): HelpNode {
  return {
    word: n.word,
    help: n.help ?? '',
    complete: n.id !== undefined && n.ifaceRequired !== true,
    children: () => {
      const kids = childrenOf(n).map(fromShow);
      if (n.iface) {
        const name = {
          word: 'WORD',
          help: 'Interface name (Tunnel0, GigabitEthernet0/1 …)',
          complete: true,
          arg: IFACE,
        };
        kids.push({ ...name, children: () => [] });
      }
      if (n.address)
        kids.push({ word: 'A.B.C.D', help: 'Network to display', complete: true, arg: ADDRESS, children: () => [] });
      return kids;
    },
  };
}

function fromExec(n: CommandNode): HelpNode {
  if (n.word === 'show') {
    return {
      word: n.word,
      help: n.help,
      children: () => [...childrenOf(SHOW_TREE).map(fromShow), ...SESSION_SHOW.map(fromExec)].sort(byWord),
    };
  }
  return {
    word: n.word,
    help: n.help,
    complete: n.id !== undefined,
    ...(n.arg ? { arg: n.arg } : {}),
    children: () => (n.children ?? []).map(fromExec),
  };
}

function fromConfig(n: ConfigWord): HelpNode {
  return { word: n.word, help: n.help, children: () => (n.children ?? []).map(fromConfig) };
}

const byWord = (a: HelpNode, b: HelpNode): number => a.word.localeCompare(b.word);

/** The exec tree as help nodes (`user` leaves out what needs privileged mode). */
export function execHelpNodes(user = false): HelpNode[] {
  const userWords = new Set([
    'disable',
    'enable',
    'exit',
    'help',
    'logout',
    'ping',
    'quit',
    'show',
    'terminal',
    'traceroute',
  ]);
  return EXEC_TREE.filter((n) => !user || userWords.has(n.word)).map(fromExec);
}

/** A configuration mode's keywords as help nodes. */
export function configHelpNodes(words: readonly ConfigWord[]): HelpNode[] {
  return words.map(fromConfig);
}

/** Where a line stands in a tree: the nodes the next word may be, and the partial word typed. */
interface Position {
  nodes: HelpNode[];
  partial: string;
  /** The command may end here. */
  complete: boolean;
  /** A word before the last did not match (column of the bad word). */
  bad?: number;
  /** Past the end of what the tree knows (arguments the parser reads). */
  beyond: boolean;
}

function locate(line: string, roots: HelpNode[]): Position {
  const toks = tokenize(line);
  const endsWithSpace = line === '' || /\s$/.test(line);
  const whole = endsWithSpace ? toks : toks.slice(0, -1);
  const partial = endsWithSpace ? '' : (toks[toks.length - 1]?.text ?? '');
  let nodes = roots;
  let complete = false;
  let beyond = false;
  for (const t of whole) {
    if (t.text === '|') {
      nodes = PIPES;
      complete = false;
      beyond = false;
      continue;
    }
    if (beyond) continue;
    const w = t.text.toLowerCase();
    const keywords = nodes.filter((n) => !n.arg);
    const hits = keywords.filter((n) => n.word.startsWith(w));
    const exact = keywords.find((n) => n.word === w);
    const chosen =
      exact ?? (hits.length === 1 ? hits[0] : hits.length === 0 ? nodes.find((n) => n.arg?.test(t.text)) : undefined);
    if (!chosen) {
      if (nodes.length === 0) {
        beyond = true;
        continue;
      }
      return { nodes: [], partial, complete: false, bad: t.start, beyond: false };
    }
    complete = chosen.complete === true;
    nodes = chosen.children();
    if (chosen.arg?.key === 'regex') beyond = true;
  }
  return { nodes, partial, complete, beyond };
}

/**
 * What `?` prints for `line` (the text before the `?`): the candidate words with help text,
 * or, after a partial word, the words it may become. Ends with a newline.
 */
export function helpFor(line: string, roots: HelpNode[], promptLength: number): string {
  const p = locate(line, roots);
  if (p.bad !== undefined) return `${' '.repeat(promptLength + p.bad)}^\n% Invalid input detected at '^' marker.\n`;
  const lower = p.partial.toLowerCase();
  if (p.partial !== '') {
    const words = p.nodes.filter((n) => (n.arg ? n.arg.test(p.partial) : n.word.startsWith(lower)));
    if (words.length === 0) return '% Unrecognized command\n';
    return `${words.map((n) => (n.arg ? n.arg.name : n.word)).join('  ')}  \n`;
  }
  if (p.beyond) return '  LINE    <the rest of the line is read when it is entered>\n  <cr>\n';
  const rows = p.nodes.map((n) => [n.arg ? n.arg.name : n.word, n.help] as const);
  if (p.complete || (p.nodes.length === 0 && line.trim() !== '')) rows.push(['<cr>', '']);
  if (rows.length === 0) return '% Unrecognized command\n';
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return `${rows.map(([w, h]) => `  ${w.padEnd(width)}${h}`.trimEnd()).join('\n')}\n`;
}

/** Tab: the line with its last word completed, when it names exactly one keyword (else undefined). */
export function completeLine(line: string, roots: HelpNode[]): string | undefined {
  const p = locate(line, roots);
  if (p.bad !== undefined || p.partial === '') return undefined;
  const lower = p.partial.toLowerCase();
  const hits = p.nodes.filter((n) => !n.arg && n.word.startsWith(lower));
  const exact = hits.find((n) => n.word === lower);
  const hit = exact ?? (hits.length === 1 ? hits[0] : undefined);
  if (!hit) return undefined;
  return `${line.slice(0, line.length - p.partial.length)}${hit.word} `;
}
