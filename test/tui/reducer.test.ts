import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from '../../src/tui/command.js';
import { keyAction } from '../../src/tui/keymap.js';
import { initialState, MAX_EVENTS, type TuiEvent, type TuiState } from '../../src/tui/model.js';
import { reduce, selectedNode, type Action } from '../../src/tui/reducer.js';
import { phase3Lab } from './fixtures.js';

const run = (s: TuiState, ...as: Action[]): TuiState => as.reduce(reduce, s);
const lab = (): TuiState => run(initialState(), { type: 'openLab', lab: phase3Lab });
const ev = (i: number): TuiEvent => ({ at: i, received: i, node: 'hub', kind: 'other', text: `e${i}` });

describe('tui state', () => {
  it('opens a lab, moves the cursor within its nodes, goes back to the labs', () => {
    let s = lab();
    assert.equal(s.screen, 'lab');
    s = run(s, { type: 'nodeCursor', delta: 2 }, { type: 'nodeCursor', delta: 99 });
    assert.equal(selectedNode(s), 'inet');
    s = run(s, { type: 'nodeCursor', delta: -99 });
    assert.equal(selectedNode(s), 'hub');
    s = run(s, { type: 'closeLab' });
    assert.equal(s.screen, 'labs');
    assert.equal(s.lab, undefined);
  });

  it('keeps the newest events up to the bound; a scrolled pane stays on what it showed', () => {
    let s = lab();
    s = run(s, { type: 'events', events: Array.from({ length: MAX_EVENTS + 5 }, (_, i) => ev(i)) });
    assert.equal(s.events.length, MAX_EVENTS);
    assert.equal(s.events[0]!.text, 'e5');
    s = run(s, { type: 'scrollEvents', delta: 3 }, { type: 'events', events: [ev(9999), ev(10000)] });
    assert.equal(s.eventScroll, 5);
  });

  it('a stopped router keeps its last known addresses (the drawing still names it)', () => {
    const up = {
      role: 'hub' as const,
      running: true,
      tunnel: '172.16.0.1',
      nbma: '192.0.2.1',
      nhs: [],
      peers: [],
      updatedAt: 0,
    };
    const s = run(
      lab(),
      { type: 'router', node: 'hub', view: up },
      { type: 'router', node: 'hub', view: { role: 'router', running: false, nhs: [], peers: [], updatedAt: 1 } },
    );
    assert.deepEqual(
      [s.routers.hub!.running, s.routers.hub!.role, s.routers.hub!.tunnel, s.routers.hub!.nbma],
      [false, 'hub', '172.16.0.1', '192.0.2.1'],
    );
  });

  it('Tab cycles the panes; the detail pane follows the focus', () => {
    let s = lab();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      s = run(s, { type: 'nextPane', delta: 1 });
      seen.push(`${s.pane}/${s.detail}`);
    }
    assert.deepEqual(seen, ['events/events', 'node/node', 'checks/checks', 'captures/captures', 'nodes/captures']);
  });

  it('up/down progress steps land on their lab row, errors too', () => {
    let s = run(initialState(), {
      type: 'labs',
      labs: [{ name: 'phase3', up: false, nodes: 6, routers: 3, steps: [] }],
    });
    s = run(
      s,
      { type: 'labBusy', name: 'phase3', busy: 'up' },
      { type: 'labBusy', name: 'phase3', busy: 'up', step: 'starting 3 routers' },
    );
    assert.deepEqual([s.labs[0]!.busy, s.labs[0]!.steps], ['up', ['starting 3 routers']]);
    s = run(s, { type: 'labBusy', name: 'phase3', error: 'boom' });
    assert.deepEqual([s.labs[0]!.busy, s.labs[0]!.error], [undefined, 'boom']);
    s = run(s, { type: 'labs', labs: [{ name: 'phase3', up: false, nodes: 6, routers: 3, steps: [] }] });
    assert.equal(s.labs[0]!.error, 'boom', 'a refresh of the list keeps the error in place');
  });
});

describe('tui keys and commands', () => {
  it('parses : commands', () => {
    assert.deepEqual(parseCommand('check phase'), { kind: 'check', only: ['phase'] });
    assert.deepEqual(parseCommand('check'), { kind: 'check' });
    assert.deepEqual(parseCommand('cli spoke1'), { kind: 'cli', node: 'spoke1' });
    assert.deepEqual(parseCommand('kill hub1'), { kind: 'router', node: 'hub1', op: 'kill' });
    assert.deepEqual(parseCommand('link spoke1 silent'), { kind: 'link', node: 'spoke1', op: 'silent' });
    assert.equal(parseCommand('link spoke1 wobble').kind, 'error');
    assert.equal(parseCommand('cli').kind, 'error');
    assert.equal(parseCommand('frobnicate').kind, 'error');
    assert.deepEqual(parseCommand('q'), { kind: 'quit' });
  });

  it(': then typing then Enter runs the command', () => {
    let s = lab();
    const type = (input: string, key = {}): ReturnType<typeof keyAction> => {
      const r = keyAction(s, input, key);
      s = run(s, ...r.actions);
      return r;
    };
    type(':');
    assert.equal(s.mode, 'command');
    for (const ch of 'cli spoke1') type(ch);
    const r = type('', { return: true });
    assert.deepEqual(r.intents, [{ kind: 'cli', node: 'spoke1' }]);
    assert.equal(s.mode, 'normal');
  });

  it('/ filters the events as one types; Esc leaves the filter as it was', () => {
    let s = lab();
    for (const [i, k] of [
      ['/', {}],
      ['h', {}],
      ['u', {}],
      ['', { escape: true }],
    ] as const)
      s = run(s, ...keyAction(s, i, k).actions);
    assert.equal(s.filter, '');
    for (const [i, k] of [
      ['/', {}],
      ['h', {}],
      ['u', {}],
      ['', { return: true }],
    ] as const)
      s = run(s, ...keyAction(s, i, k).actions);
    assert.deepEqual([s.filter, s.mode, s.pane], ['hu', 'normal', 'events']);
  });

  it('l silences the selected node’s link, or restores it when it is silent', () => {
    let s = run(lab(), { type: 'nodeCursor', delta: 1 });
    assert.deepEqual(keyAction(s, 'l', {}).intents, [{ kind: 'link', node: 'spoke1', op: 'silent' }]);
    s = run(s, { type: 'linkFaults', faults: { spoke1: 'silent', inet: 'silent' } });
    assert.deepEqual(keyAction(s, 'l', {}).intents, [{ kind: 'link', node: 'spoke1', op: 'restore' }]);
  });

  it('keys on a node: c opens the CLI of a router, s stops a running one and starts a stopped one', () => {
    let s = run(lab(), { type: 'nodeCursor', delta: 1 });
    assert.deepEqual(keyAction(s, 'c', {}).intents, [{ kind: 'cli', node: 'spoke1' }]);
    assert.deepEqual(keyAction(s, 's', {}).intents, [{ kind: 'router', node: 'spoke1', op: 'stop' }]);
    s = run(s, {
      type: 'router',
      node: 'spoke1',
      view: { role: 'spoke', running: false, nhs: [], peers: [], updatedAt: 0 },
    });
    assert.deepEqual(keyAction(s, 's', {}).intents, [{ kind: 'router', node: 'spoke1', op: 'start' }]);
    s = run(s, { type: 'nodeCursor', delta: 1 });
    assert.deepEqual(keyAction(s, 'c', {}).intents, [], 'host1 has no router CLI');
    assert.deepEqual(keyAction(s, 'q', {}).intents, [{ kind: 'quit' }]);
    assert.deepEqual(keyAction(s, '', { escape: true }).intents, [{ kind: 'back' }]);
  });
});
