/**
 * The `:` command line of the TUI (`:check phase`, `:cli spoke1`, `:stop hub1`, `:link spoke1 silent`,
 * `:up phase3`, `:filter text`, `:q`): parsed into an Intent. Pure.
 */

/** Something the TUI should do that needs I/O (the effects module carries it out). */
export type Intent =
  | { kind: 'up'; lab: string }
  | { kind: 'down'; lab: string }
  | { kind: 'open'; lab: string }
  | { kind: 'back' }
  | { kind: 'check'; only?: string[] }
  | { kind: 'cli'; node: string }
  | { kind: 'router'; node: string; op: 'stop' | 'start' | 'restart' | 'kill' }
  | { kind: 'link'; node: string; op: 'down' | 'up' | 'silent' | 'restore'; iface?: string }
  | { kind: 'evidence'; row: number }
  | { kind: 'grade' }
  | { kind: 'filter'; text: string }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** The commands `:help` and `?` list. */
export const COMMANDS: Array<[string, string]> = [
  [':check [NAME,…]', 'run all checks, or the named ones (registration, phase, …)'],
  [':cli NODE', "open a router's CLI (the TUI steps aside until you leave it)"],
  [':stop|start|restart|kill NODE', 'stop, start, restart or kill (SIGKILL) a router'],
  [':link NODE down|up|silent|restore [IFACE]', "a node's link (default: its Internet-facing one)"],
  [':up LAB  :down LAB  :open LAB', 'bring a lab up or down, or open it'],
  [':filter TEXT', 'filter the event pane (same as /)'],
  [':grade', 'grade the running exercise now, every item (same as g)'],
  [':q', 'quit'],
];

/** Parses a command line (without the `:`). */
export function parseCommand(line: string): Intent {
  const [word = '', ...args] = line.trim().split(/\s+/);
  const need = (what: string): Intent => ({ kind: 'error', message: `:${word} needs ${what}` });
  switch (word) {
    case '':
      return { kind: 'back' };
    case 'q':
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    case 'help':
      return { kind: 'help' };
    case 'check':
    case 'checks': {
      const only = args
        .join(',')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      return only.length ? { kind: 'check', only } : { kind: 'check' };
    }
    case 'cli':
      return args[0] ? { kind: 'cli', node: args[0] } : need('a router name');
    case 'stop':
    case 'start':
    case 'restart':
    case 'kill':
      return args[0] ? { kind: 'router', node: args[0], op: word } : need('a router name');
    case 'link': {
      const [node, op, iface] = args;
      if (!node || !op) return need('NODE and down|up|silent|restore');
      if (op !== 'down' && op !== 'up' && op !== 'silent' && op !== 'restore')
        return { kind: 'error', message: `:link: unknown operation "${op}" (down, up, silent, restore)` };
      return { kind: 'link', node, op, ...(iface ? { iface } : {}) };
    }
    case 'up':
    case 'down':
    case 'open':
      return args[0] ? { kind: word, lab: args[0] } : need('a lab name');
    case 'filter':
      return { kind: 'filter', text: args.join(' ') };
    case 'grade':
      return { kind: 'grade' };
    default:
      return { kind: 'error', message: `unknown command ":${word}" (? lists them)` };
  }
}
