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
  | 'debug crypto ipsec'
  | 'help';

/** One keyword of the tree. */
export interface CommandNode {
  word: string;
  /** What `?` and `help` print for it. */
  help: string;
  /** Set on a node that completes a command. */
  id?: CommandId;
  children?: CommandNode[];
  /** The rest of the line is the command's argument (read by its handler), e.g. `peer A.B.C.D`. */
  rest?: boolean;
}

/** `clear crypto …` with its optional `peer|remote A.B.C.D`. */
const clearCrypto = (id: CommandId, help: string, word: 'peer' | 'remote'): CommandNode => ({
  word: id.split(' ').at(-1) === 'sa' ? 'sa' : 'session',
  help,
  id,
  children: [{ word, help: `only the SAs with this peer (${word} A.B.C.D)`, id, rest: true }],
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
  { word: 'help', help: 'this list', id: 'help' },
  { word: 'show', help: SHOW_TREE.help ?? '', id: 'show' },
];

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
  const refuse = (kind: RefusalKind, command: string, column: number, detail: string): ExecError =>
    new ExecError(kind, command, column, detail, prompt);
  let nodes: readonly CommandNode[] = EXEC_TREE;
  let node: CommandNode | undefined;
  for (const tok of tokenize(line)) {
    if (node?.id === 'show') return 'show';
    if (node?.rest) return node.id!;
    node =
      nodes[
        chooseKeyword(
          nodes.map((n) => n.word),
          tok,
          line,
          refuse,
        )
      ]!;
    nodes = node.children ?? [];
  }
  if (node?.id === undefined) throw refuse('incomplete', line, line.length, 'the command is not complete');
  return node.id;
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
