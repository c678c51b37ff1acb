/**
 * The exec command tree of dmvpnd: every command a person (or the lab) may type at the router, as
 * nodes with a keyword, help text and the handler the leaf runs. A line is matched the IOS way:
 * each word may be abbreviated to any unambiguous prefix (`conf t`, `deb nh`, `clear ip nh`), and a
 * bad word gets the echoed line, a caret under it and `% Invalid input detected at '^' marker.`.
 * The `show` subtree (with its interface arguments, `json` and `| include|exclude|begin` pipes) is
 * read by ./show-parse.ts; this file matches the first word and everything else.
 */
import { childrenOf, SHOW_TREE } from './show-parse.js';
import { ExecError } from './errors.js';
import { chooseKeyword, tokenize, type RefusalKind } from './match.js';

/** What a matched leaf runs (see ./serve.ts). */
export type CommandId =
  | 'show'
  | 'configure'
  | 'configure terminal'
  | 'debug nhrp'
  | 'debug eigrp packets'
  | 'clear ip nhrp'
  | 'clear crypto isakmp'
  | 'clear crypto sa'
  | 'clear crypto ikev2 sa'
  | 'clear crypto session'
  | 'debug crypto ikev2'
  | 'debug crypto isakmp'
  | 'debug crypto ipsec'
  | 'help'
  // the interactive session's own commands (./session.ts); one-shot requests answer some of them too
  | 'enable'
  | 'disable'
  | 'exit'
  | 'ping'
  | 'traceroute'
  | 'terminal length'
  | 'terminal width'
  | 'terminal monitor'
  | 'terminal no monitor'
  | 'write memory'
  | 'copy running-config startup-config'
  | 'undebug all'
  | 'show history'
  | 'show startup-config'
  | 'show terminal';

/** One keyword of the tree. */
export interface CommandNode {
  word: string;
  /** What `?` and `help` print for it. */
  help: string;
  /** Set on a node that completes a command. */
  id?: CommandId;
  children?: CommandNode[];
  /** An argument instead of a keyword: any word that `test` accepts, shown as `name` by `?`. */
  arg?: CommandArg;
  /** The words after this node are options its handler reads (`ping A.B.C.D repeat 10`). */
  rest?: boolean;
}

/** A value word of a command (`ping A.B.C.D`, `terminal length <0-512>`). */
export interface CommandArg {
  /** What `?` prints for it: `WORD`, `A.B.C.D`, `<0-512>`. */
  name: string;
  /** The key of the value in MatchedLine.args. */
  key: string;
  test(word: string): boolean;
}

const HOST: CommandArg = { name: 'WORD', key: 'target', test: (w) => /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/.test(w) };
const LINES: CommandArg = { name: '<0-512>', key: 'number', test: (w) => /^[0-9]+$/.test(w) && Number(w) <= 512 };
const COLUMNS: CommandArg = { name: '<0-512>', key: 'number', test: (w) => /^[0-9]+$/.test(w) && Number(w) <= 512 };

/** The options after a ping target (read by ./ping-options.ts), for `?`. */
const PING_OPTIONS: CommandNode[] = [
  { word: 'repeat', help: 'specify repeat count' },
  { word: 'size', help: 'specify datagram size' },
  { word: 'source', help: 'specify source address or name' },
  { word: 'timeout', help: 'specify timeout interval' },
];

/** `clear crypto …` with its optional `peer|remote A.B.C.D|X:X::X`. */
const clearCrypto = (id: CommandId, help: string, word: 'peer' | 'remote'): CommandNode => ({
  word: id.split(' ').at(-1) === 'sa' ? 'sa' : 'session',
  help,
  id,
  children: [{ word, help: `only the SAs with this peer (${word} A.B.C.D or X:X::X)`, id, rest: true }],
});

/** The exec tree; the words after `show` are SHOW_TREE's (./show-parse.ts). */
export const EXEC_TREE: readonly CommandNode[] = [
  {
    word: 'clear',
    help: 'Reset functions',
    children: [
      { word: 'ip', help: 'IP', children: [{ word: 'nhrp', help: 'drop dynamic NHRP entries', id: 'clear ip nhrp' }] },
      {
        word: 'crypto',
        help: 'IKE and IPsec SAs',
        children: [
          { word: 'isakmp', help: 'delete every ISAKMP (IKEv1) SA, Deletes sent', id: 'clear crypto isakmp' },
          clearCrypto('clear crypto sa', 'delete IPsec SAs (with their IKE SA; traffic brings them back)', 'peer'),
          {
            word: 'ikev2',
            help: 'IKEv2',
            children: [clearCrypto('clear crypto ikev2 sa', 'delete IKEv2 SAs', 'remote')],
          },
          clearCrypto('clear crypto session', 'delete crypto sessions', 'remote'),
        ],
      },
    ],
  },
  {
    word: 'configure',
    help: "configuration lines follow (the request's further lines), applied live",
    id: 'configure',
    children: [{ word: 'terminal', help: 'Configure from the terminal', id: 'configure terminal' }],
  },
  {
    word: 'debug',
    help: 'Debugging functions',
    children: [
      { word: 'nhrp', help: 'NHRP events until the client disconnects', id: 'debug nhrp' },
      {
        word: 'crypto',
        help: 'Cryptographic subsystem',
        children: [
          { word: 'ikev2', help: 'IKEv2 exchanges until the client disconnects', id: 'debug crypto ikev2' },
          { word: 'isakmp', help: 'ISAKMP (IKEv1) exchanges until the client disconnects', id: 'debug crypto isakmp' },
          { word: 'ipsec', help: 'IPsec SAs and ESP errors until the client disconnects', id: 'debug crypto ipsec' },
        ],
      },
      {
        word: 'eigrp',
        help: 'EIGRP debugging',
        children: [{ word: 'packets', help: 'EIGRP packets until the client disconnects', id: 'debug eigrp packets' }],
      },
    ],
  },
  {
    word: 'copy',
    help: 'Copy from one file to another',
    children: [
      {
        word: 'running-config',
        help: 'Copy from current system configuration',
        children: [
          { word: 'startup-config', help: 'Copy to startup configuration', id: 'copy running-config startup-config' },
        ],
      },
    ],
  },
  { word: 'disable', help: 'Turn off privileged commands', id: 'disable' },
  { word: 'enable', help: 'Turn on privileged commands', id: 'enable' },
  { word: 'exit', help: 'Exit from the EXEC', id: 'exit' },
  { word: 'help', help: 'Description of the interactive help system', id: 'help' },
  { word: 'logout', help: 'Exit from the EXEC', id: 'exit' },
  {
    word: 'ping',
    help: 'Send echo messages',
    children: [
      {
        word: 'ipv6',
        help: 'IPv6 echo',
        children: [
          {
            word: 'WORD',
            help: 'Ping destination address (X:X:X:X::X) or hostname',
            arg: HOST,
            id: 'ping',
            rest: true,
            children: PING_OPTIONS,
          },
        ],
      },
      {
        word: 'WORD',
        help: 'Ping destination address or hostname',
        arg: HOST,
        id: 'ping',
        rest: true,
        children: PING_OPTIONS,
      },
    ],
  },
  { word: 'quit', help: 'Exit from the EXEC', id: 'exit' },
  { word: 'show', help: SHOW_TREE.help ?? '', id: 'show' },
  {
    word: 'terminal',
    help: 'Set terminal line parameters',
    children: [
      {
        word: 'length',
        help: 'Set number of lines on a screen',
        children: [
          { word: '<0-512>', help: 'Number of lines on screen (0 for no pausing)', arg: LINES, id: 'terminal length' },
        ],
      },
      { word: 'monitor', help: 'Copy debug output to the current terminal line', id: 'terminal monitor' },
      {
        word: 'no',
        help: 'Negate a command or set its defaults',
        children: [
          { word: 'monitor', help: 'Copy debug output to the current terminal line', id: 'terminal no monitor' },
        ],
      },
      {
        word: 'width',
        help: 'Set width of the display terminal',
        children: [
          { word: '<0-512>', help: 'Number of characters on a screen line', arg: COLUMNS, id: 'terminal width' },
        ],
      },
    ],
  },
  {
    word: 'traceroute',
    help: 'Trace route to destination',
    children: [{ word: 'WORD', help: 'Trace route to destination address or hostname', arg: HOST, id: 'traceroute' }],
  },
  {
    word: 'undebug',
    help: "Disable debugging functions (see also 'debug')",
    children: [{ word: 'all', help: 'Disable all debugging', id: 'undebug all' }],
  },
  {
    word: 'write',
    help: 'Write running configuration to memory, network, or terminal',
    id: 'write memory',
    children: [{ word: 'memory', help: 'Write to NV memory', id: 'write memory' }],
  },
];

/**
 * Show commands of the session itself (its history, the saved config, the terminal settings): `?`
 * lists them with the show tree's words; ./session.ts answers them (matchSessionShow).
 */
export const SESSION_SHOW: readonly CommandNode[] = [
  { word: 'history', help: 'Display the session command history', id: 'show history' },
  { word: 'startup-config', help: 'Contents of startup configuration', id: 'show startup-config' },
  { word: 'terminal', help: 'Display terminal configuration parameters', id: 'show terminal' },
];

/**
 * The session show command a `show` line names, if any: its second word must abbreviate one of
 * SESSION_SHOW's words and no word of the show tree (`sh hist`, `sh start`, `show term`).
 */
export function matchSessionShow(line: string): CommandId | undefined {
  const toks = tokenize(line);
  if (toks.length !== 2 || !isShow(line)) return undefined;
  const w = toks[1]!.text.toLowerCase();
  const showWords = childrenOf(SHOW_TREE).map((n) => n.word);
  const hits = SESSION_SHOW.filter((n) => n.word.startsWith(w));
  if (hits.length !== 1 || showWords.some((x) => x.startsWith(w))) return undefined;
  return hits[0]!.id;
}

/** What matchLine returns for a line the tree accepts: the command, its argument values and option words. */
export interface MatchedLine {
  ok: true;
  id: CommandId;
  args: Record<string, string>;
  /** The words after a `rest` node (ping options). */
  rest: string[];
}

/** Matches a line like matchCommand, also returning argument values (`ping 10.0.0.1` → target). */
export function matchLine(line: string, prompt = ''): MatchedLine | RefusedCommand {
  try {
    return { ok: true, ...walkArgs(line, prompt) };
  } catch (err) {
    if (err instanceof ExecError) return { ok: false, message: err.output };
    throw err;
  }
}

/** The node a keyword token or an argument token selects among `nodes` (throws the IOS refusal). */
export function chooseNode(
  nodes: readonly CommandNode[],
  tok: { text: string; start: number },
  line: string,
  refuse: (kind: RefusalKind, command: string, column: number, detail: string) => Error,
): CommandNode {
  const keywords = nodes.filter((n) => n.arg === undefined);
  const w = tok.text.toLowerCase();
  const hits = keywords.filter((n) => n.word.startsWith(w));
  const arg = nodes.find((n) => n.arg?.test(tok.text));
  if (arg && !hits.some((n) => n.word === w) && hits.length === 0) return arg;
  return keywords[
    chooseKeyword(
      keywords.map((n) => n.word),
      tok,
      line,
      refuse,
    )
  ]!;
}

function walkArgs(line: string, prompt: string): Omit<MatchedLine, 'ok'> {
  const refuse = (kind: RefusalKind, command: string, column: number, detail: string): ExecError =>
    new ExecError(kind, command, column, detail, prompt);
  let nodes: readonly CommandNode[] = EXEC_TREE;
  let node: CommandNode | undefined;
  const args: Record<string, string> = {};
  const toks = tokenize(line);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (node?.id === 'show') return { id: 'show', args, rest: [] };
    if (node?.rest) return { id: node.id!, args, rest: toks.slice(i).map((t) => t.text) };
    node = chooseNode(nodes, tok, line, refuse);
    if (node.arg) args[node.arg.key] = tok.text;
    nodes = node.rest ? [] : (node.children ?? []);
  }
  if (node?.id === undefined) throw refuse('incomplete', line, line.length, 'the command is not complete');
  return { id: node.id, args, rest: [] };
}

/** A matched command: its id (for `show`, the line goes on to the show parser). */
export interface MatchedCommand {
  ok: true;
  id: CommandId;
}

/** A refused command, with its IOS message. */
export interface RefusedCommand {
  ok: false;
  message: string;
}

/** Whether a line is a show command (its first word abbreviates `show`). */
export function isShow(line: string): boolean {
  const first = line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return first.length > 0 && 'show'.startsWith(first);
}

/** Matches one command line against EXEC_TREE; `prompt` (e.g. `hub#`) is echoed before the caret line. */
export function matchCommand(line: string, prompt = ''): MatchedCommand | RefusedCommand {
  try {
    return { ok: true, id: walk(line, prompt) };
  } catch (err) {
    if (err instanceof ExecError) return { ok: false, message: err.output };
    throw err;
  }
}

function walk(line: string, prompt: string): CommandId {
  return walkArgs(line, prompt).id;
}

/** A node of either tree, as the help text walks it. */
interface HelpNode {
  word: string;
  help?: string;
  id?: string;
  iface?: boolean;
  ifaceRequired?: boolean;
  children?: readonly HelpNode[] | (() => readonly HelpNode[]);
}

/** The help text: every complete command of the tree (the show commands included) with its help. */
export function helpText(): string {
  const out = ['Exec commands:'];
  const visit = (n: HelpNode, path: string): void => {
    let p = path === '' ? n.word : `${path} ${n.word}`;
    if (n.iface) p += n.ifaceRequired ? ' NAME' : ' [NAME]';
    if (n.id !== undefined) out.push(`  ${p.padEnd(36)}${n.help ?? ''}`);
    const kids = typeof n.children === 'function' ? n.children() : (n.children ?? []);
    for (const c of kids) visit(c, p);
  };
  for (const n of EXEC_TREE) {
    if (n.word === 'show') for (const c of childrenOf(SHOW_TREE)) visit(c, 'show');
    else visit(n, '');
  }
  out.push(
    '  (each word may be abbreviated; a show command ends in "json" for its JSON form;',
    '   "| include|exclude|begin REGEX" filters show output)',
  );
  return `${out.join('\n')}\n`;
}
