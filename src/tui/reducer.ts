/** How the TUI state changes: every input (a key, a poll, a debug line, a step of `up`) is an Action. Pure. */
import {
  MAX_EVENTS,
  PANES,
  type CaptureRow,
  type CheckRow,
  type ExerciseItemRow,
  type ExercisePanel,
  type LabEntry,
  type LabInfo,
  type Mode,
  type Notice,
  type Pane,
  type RouterView,
  type TuiEvent,
  type TuiState,
} from './model.js';

/** Everything that changes the state. */
export type Action =
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'labs'; labs: LabEntry[] }
  | { type: 'labsCursor'; delta: number }
  | { type: 'labBusy'; name: string; busy?: 'up' | 'down'; step?: string; error?: string }
  | { type: 'openLab'; lab: LabInfo }
  | { type: 'closeLab' }
  | { type: 'router'; node: string; view: RouterView }
  | { type: 'linkFaults'; faults: Record<string, 'down' | 'silent'> }
  | { type: 'events'; events: TuiEvent[] }
  | { type: 'shows'; node: string; text: string[] }
  | { type: 'focus'; pane: Pane }
  | { type: 'nextPane'; delta: number }
  | { type: 'nodeCursor'; delta: number }
  | { type: 'selectNode'; node: string }
  | { type: 'checkCursor'; delta: number }
  | { type: 'checksStart'; only?: string[] }
  | { type: 'checksStep'; step: string }
  | { type: 'checksDone'; results: CheckRow[]; summary: { pass: number; fail: number; skip: number } }
  | { type: 'checksFailed'; error: string }
  | { type: 'captures'; captures: CaptureRow[]; packets: string[] }
  | { type: 'overlay'; title: string; lines: string[] }
  | { type: 'closeOverlay' }
  | { type: 'help'; on: boolean }
  | { type: 'mode'; mode: Mode }
  | { type: 'input'; text: string }
  | { type: 'filter'; text: string }
  | { type: 'scrollEvents'; delta: number }
  | { type: 'notice'; notice?: Notice }
  | { type: 'exercise'; panel: ExercisePanel }
  | { type: 'exerciseGrading'; mode: 'live' | 'full' }
  | { type: 'exerciseGraded'; full: boolean; score: number; items: ExerciseItemRow[]; at: number; durationMs: number }
  | { type: 'exerciseRefused'; message: string }
  | { type: 'exerciseHint' };

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

function labBusy(labs: LabEntry[], a: Extract<Action, { type: 'labBusy' }>): LabEntry[] {
  return labs.map((l) => {
    if (l.name !== a.name) return l;
    const steps = a.step ? [...l.steps, a.step].slice(-6) : a.busy && l.busy !== a.busy ? [] : l.steps;
    const next: LabEntry = { ...l, steps };
    if (a.busy) next.busy = a.busy;
    else delete next.busy;
    if (a.error !== undefined) next.error = a.error;
    else if (a.busy) delete next.error;
    return next;
  });
}

/** Applies one action. */
export function reduce(s: TuiState, a: Action): TuiState {
  switch (a.type) {
    case 'resize':
      return { ...s, size: { cols: a.cols, rows: a.rows } };
    case 'labs': {
      const busy = new Map(s.labs.map((l) => [l.name, l]));
      const labs = a.labs.map((l) => {
        const old = busy.get(l.name);
        return old
          ? {
              ...l,
              steps: old.steps,
              ...(old.busy ? { busy: old.busy } : {}),
              ...(old.error ? { error: old.error } : {}),
            }
          : l;
      });
      const was = s.labs[s.labsCursor]?.name;
      const at = labs.findIndex((l) => l.name === was);
      return { ...s, labs, labsCursor: at >= 0 ? at : clamp(s.labsCursor, 0, Math.max(0, labs.length - 1)) };
    }
    case 'labsCursor':
      return { ...s, labsCursor: clamp(s.labsCursor + a.delta, 0, Math.max(0, s.labs.length - 1)) };
    case 'labBusy':
      return { ...s, labs: labBusy(s.labs, a) };
    case 'openLab':
      return {
        ...s,
        screen: 'lab',
        lab: a.lab,
        routers: {},
        linkFaults: {},
        events: [],
        nodeCursor: 0,
        captures: [],
        packets: [],
        eventScroll: 0,
      };
    case 'closeLab': {
      const { lab: _lab, shows: _shows, checks: _checks, overlay: _o, exercise: _e, ...rest } = s;
      return { ...rest, screen: 'labs', routers: {}, events: [], captures: [], packets: [] };
    }
    case 'router': {
      // a stopped router answers nothing: keep what it was (role, addresses) so the screens still name it
      const old = s.routers[a.node];
      const view = { ...a.view };
      if (view.tunnel === undefined && old?.tunnel !== undefined) view.tunnel = old.tunnel;
      if (view.nbma === undefined && old?.nbma !== undefined) view.nbma = old.nbma;
      if (view.role === 'router' && old && old.role !== 'router') view.role = old.role;
      return { ...s, routers: { ...s.routers, [a.node]: view } };
    }
    case 'linkFaults':
      return { ...s, linkFaults: a.faults };
    case 'events': {
      const events = [...s.events, ...a.events].slice(-MAX_EVENTS);
      const eventScroll = s.eventScroll > 0 ? Math.min(s.eventScroll + a.events.length, events.length - 1) : 0;
      return { ...s, events, eventScroll };
    }
    case 'shows':
      return { ...s, shows: { node: a.node, text: a.text } };
    case 'focus':
      return { ...s, pane: a.pane, ...(a.pane !== 'nodes' ? { detail: a.pane } : {}) };
    case 'nextPane': {
      const panes = PANES.filter((p) => p !== 'exercise' || s.exercise);
      const i = (panes.indexOf(s.pane) + a.delta + panes.length) % panes.length;
      return reduce(s, { type: 'focus', pane: panes[i]! });
    }
    case 'nodeCursor': {
      const n = s.lab?.nodes.length ?? 0;
      return { ...s, nodeCursor: clamp(s.nodeCursor + a.delta, 0, Math.max(0, n - 1)) };
    }
    case 'selectNode': {
      const i = s.lab?.nodes.findIndex((n) => n.name === a.node) ?? -1;
      return i < 0 ? s : { ...s, nodeCursor: i };
    }
    case 'checkCursor':
      return { ...s, checkCursor: clamp(s.checkCursor + a.delta, 0, Math.max(0, (s.checks?.results.length ?? 1) - 1)) };
    case 'checksStart':
      return {
        ...s,
        checks: { ...(a.only ? { only: a.only } : {}), running: true, steps: [], results: [] },
        checkCursor: 0,
      };
    case 'checksStep':
      return s.checks ? { ...s, checks: { ...s.checks, steps: [...s.checks.steps, a.step].slice(-50) } } : s;
    case 'checksDone':
      return s.checks ? { ...s, checks: { ...s.checks, running: false, results: a.results, summary: a.summary } } : s;
    case 'checksFailed':
      return s.checks ? { ...s, checks: { ...s.checks, running: false, error: a.error } } : s;
    case 'captures':
      return { ...s, captures: a.captures, packets: a.packets };
    case 'overlay':
      return { ...s, overlay: { title: a.title, lines: a.lines } };
    case 'closeOverlay': {
      const { overlay: _o, ...rest } = s;
      return rest;
    }
    case 'help':
      return { ...s, help: a.on };
    case 'mode':
      return { ...s, mode: a.mode, input: '' };
    case 'input':
      return { ...s, input: a.text };
    case 'filter':
      return { ...s, filter: a.text, eventScroll: 0 };
    case 'scrollEvents':
      return { ...s, eventScroll: clamp(s.eventScroll + a.delta, 0, Math.max(0, s.events.length - 1)) };
    case 'exercise':
      return { ...s, exercise: a.panel };
    case 'exerciseGrading':
      return s.exercise ? { ...s, exercise: { ...s.exercise, grading: a.mode } } : s;
    case 'exerciseGraded': {
      if (!s.exercise) return s;
      // a live grade keeps what the last full grade said of the items it leaves pending
      const old = new Map(s.exercise.items.map((i) => [i.id, i]));
      const items = a.full
        ? a.items
        : a.items.map((i) => (i.status === 'pending' && old.get(i.id)?.status !== 'pending' ? old.get(i.id)! : i));
      const { grading: _g, refusal: _r, ...rest } = s.exercise;
      return {
        ...s,
        exercise: { ...rest, items, score: a.score, full: a.full, gradedAt: a.at, durationMs: a.durationMs },
      };
    }
    case 'exerciseRefused': {
      if (!s.exercise) return s;
      const { grading: _g, ...rest } = s.exercise;
      return { ...s, exercise: { ...rest, refusal: a.message } };
    }
    case 'exerciseHint':
      return s.exercise
        ? {
            ...s,
            exercise: { ...s.exercise, hintsShown: Math.min(s.exercise.hints.length, s.exercise.hintsShown + 1) },
            detail: 'exercise',
          }
        : s;
    case 'notice': {
      if (a.notice) return { ...s, notice: a.notice };
      const { notice: _n, ...rest } = s;
      return rest;
    }
  }
}

/** The node under the cursor of the node table. */
export function selectedNode(s: TuiState): string | undefined {
  return s.lab?.nodes[s.nodeCursor]?.name;
}
