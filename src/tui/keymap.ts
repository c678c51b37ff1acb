/**
 * Keys: what a key press does in the current state — state changes (Actions) and things to do (Intents).
 * Pure; the app feeds it ink's input and key flags.
 */
import { parseCommand, type Intent } from './command.js';
import type { TuiState } from './model.js';
import { selectedNode, type Action } from './reducer.js';

/** The key flags the map reads (a subset of ink's Key). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
}

/** What a key does. */
export interface KeyResult {
  actions: Action[];
  intents: Intent[];
}

const none: KeyResult = { actions: [], intents: [] };
const act = (...actions: Action[]): KeyResult => ({ actions, intents: [] });
const want = (...intents: Intent[]): KeyResult => ({ actions: [], intents });

/** The help lines of the keys. */
export const KEY_HELP: Array<[string, string]> = [
  ['?', 'help (any key closes it)'],
  [':', 'command mode (:check phase, :cli spoke1, :stop hub1 …)'],
  ['/', 'filter the events: words must all match node, kind or text; -word excludes (e.g. -cache)'],
  ['Tab / Shift-Tab', 'next / previous pane: nodes, events, node, checks, captures'],
  ['↑ ↓  j k', 'move in the focused list; PgUp/PgDn scroll the events'],
  ['Enter', 'labs: open (or bring up); nodes: show the node pane; checks: decode the cited frames'],
  ['u / d', 'labs screen: bring the lab under the cursor up / down'],
  ['c', 'open the selected router’s CLI'],
  ['r', 'run every check'],
  ['g / h', 'exercise lab: grade every item now / show the next hint'],
  ['s / x', 'stop or start / kill (SIGKILL) the selected router'],
  ['l / L', 'silence the selected node’s Internet link, or restore it when silent / restore'],
  ['Esc', 'back (close overlay, leave a mode, lab → labs)'],
  ['q', 'quit'],
];

function typing(s: TuiState, input: string, key: KeyFlags): KeyResult {
  if (key.escape) return act({ type: 'mode', mode: 'normal' });
  if (key.return) {
    if (s.mode === 'filter') return act({ type: 'filter', text: s.input }, { type: 'mode', mode: 'normal' });
    return { actions: [{ type: 'mode', mode: 'normal' }], intents: [parseCommand(s.input)] };
  }
  if (key.backspace || key.delete) {
    if (s.input === '' && s.mode === 'command') return act({ type: 'mode', mode: 'normal' });
    return act({ type: 'input', text: s.input.slice(0, -1) });
  }
  if (key.ctrl || key.tab || key.upArrow || key.downArrow || input === '') return none;
  return act({ type: 'input', text: s.input + input });
}

function labsKeys(s: TuiState, input: string, key: KeyFlags): KeyResult {
  const lab = s.labs[s.labsCursor];
  if (key.upArrow || input === 'k') return act({ type: 'labsCursor', delta: -1 });
  if (key.downArrow || input === 'j') return act({ type: 'labsCursor', delta: 1 });
  if (!lab) return none;
  if (key.return) return want(lab.up ? { kind: 'open', lab: lab.name } : { kind: 'up', lab: lab.name });
  if (input === 'u') return want({ kind: 'up', lab: lab.name });
  if (input === 'd') return want({ kind: 'down', lab: lab.name });
  return none;
}

function labKeys(s: TuiState, input: string, key: KeyFlags): KeyResult {
  const node = selectedNode(s);
  const down = key.downArrow || input === 'j';
  const up = key.upArrow || input === 'k';
  if (key.pageUp) return act({ type: 'scrollEvents', delta: 5 });
  if (key.pageDown) return act({ type: 'scrollEvents', delta: -5 });
  if (down || up) {
    const delta = down ? 1 : -1;
    if (s.pane === 'events') return act({ type: 'scrollEvents', delta: -delta });
    if (s.pane === 'checks') return act({ type: 'checkCursor', delta });
    return act({ type: 'nodeCursor', delta });
  }
  if (key.return) {
    if (s.pane === 'checks') return want({ kind: 'evidence', row: s.checkCursor });
    return act({ type: 'focus', pane: 'node' });
  }
  if (input === 'r') return want({ kind: 'check' });
  if (s.exercise && input === 'g')
    return { actions: [{ type: 'focus', pane: 'exercise' }], intents: [{ kind: 'grade' }] };
  if (s.exercise && input === 'h') return act({ type: 'exerciseHint' });
  if (!node) return none;
  const router = s.lab?.nodes[s.nodeCursor]?.router === true;
  if (input === 'c' && router) return want({ kind: 'cli', node });
  if (input === 's' && router)
    return want({ kind: 'router', node, op: s.routers[node]?.running === false ? 'start' : 'stop' });
  if (input === 'x' && router) return want({ kind: 'router', node, op: 'kill' });
  if (input === 'l') return want({ kind: 'link', node, op: s.linkFaults[node] === 'silent' ? 'restore' : 'silent' });
  if (input === 'L') return want({ kind: 'link', node, op: 'restore' });
  return none;
}

/** What `input` (with `key`) does in state `s`. */
export function keyAction(s: TuiState, input: string, key: KeyFlags): KeyResult {
  if (s.mode !== 'normal') return typing(s, input, key);
  if (s.help) return act({ type: 'help', on: false });
  if (s.overlay) return key.escape || input === 'q' || key.return ? act({ type: 'closeOverlay' }) : none;
  if (key.ctrl && input === 'c') return want({ kind: 'quit' });
  if (input === 'q') return want({ kind: 'quit' });
  if (input === '?') return act({ type: 'help', on: true });
  if (input === ':') return act({ type: 'mode', mode: 'command' });
  if (key.escape) {
    if (s.notice) return act({ type: 'notice' });
    return s.screen === 'lab' ? want({ kind: 'back' }) : none;
  }
  if (s.screen === 'labs') return labsKeys(s, input, key);
  if (input === '/') return act({ type: 'mode', mode: 'filter' }, { type: 'focus', pane: 'events' });
  if (key.tab) return act({ type: 'nextPane', delta: key.shift ? -1 : 1 });
  return labKeys(s, input, key);
}

/** Keys typed faster than the terminal reads arrive together ("jj\r"): one key each, Enter and Tab included. */
export function splitKeys(input: string, key: KeyFlags & { meta?: boolean }): Array<[string, KeyFlags]> {
  if (input.length <= 1 || key.ctrl || key.meta || key.escape || input.includes('\x1b')) return [[input, key]];
  return [...input].map((ch): [string, KeyFlags] =>
    ch === '\r' || ch === '\n' ? ['', { return: true }] : ch === '\t' ? ['', { tab: true }] : [ch, {}],
  );
}
