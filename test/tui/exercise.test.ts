import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { parseCommand, type Intent } from '../../src/tui/command.js';
import { App } from '../../src/tui/components/app.js';
import { exerciseLines, exerciseStatus } from '../../src/tui/components/exercise-pane.js';
import { keyAction } from '../../src/tui/keymap.js';
import { initialState, type ExercisePanel } from '../../src/tui/model.js';
import { reduce } from '../../src/tui/reducer.js';
import { Store } from '../../src/tui/store.js';
import { phase3Lab, phase3Routers } from './fixtures.js';

const T0 = Date.parse(phase3Lab.createdAt);
let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

const panel = (): ExercisePanel => ({
  id: 'ts-tunnel-key',
  title: "Ticket: spoke2's tunnel stays silent",
  task: ['# Ticket', 'spoke2 does not register.'],
  hints: ['Look one layer lower than NHRP.', 'Compare "tunnel key".'],
  hintsShown: 0,
  items: [
    { id: 'spoke2-registered', title: 'spoke2 is registered with the hub', weight: 2, status: 'pending', reason: '' },
    { id: 'host-to-host', title: 'host1 reaches host2', weight: 2, status: 'pending', reason: '' },
  ],
  full: false,
});

function exerciseStore(): Store {
  const store = new Store({ ...initialState({ cols: 100, rows: 30 }) });
  store.dispatch({ type: 'openLab', lab: phase3Lab });
  for (const [n, v] of Object.entries(phase3Routers())) store.dispatch({ type: 'router', node: n, view: v });
  store.dispatch({ type: 'exercise', panel: panel() }, { type: 'focus', pane: 'exercise' });
  return store;
}

describe('tui exercise pane: state and keys', () => {
  it('a live grade keeps what the last full grade said of the items it leaves pending', () => {
    let s = reduce(exerciseStore().get(), {
      type: 'exerciseGraded',
      full: true,
      score: 0,
      at: T0,
      durationMs: 18_000,
      items: [
        {
          ...panel().items[0]!,
          status: 'fail',
          reason: 'not registered',
          layer: 'gre (spoke2 and hub)',
          evidence: ['GRE: frame 12 (hub-eth1.pcap) from 203.0.113.1 carries key 110, hub expects key 100'],
        },
        { ...panel().items[1]!, status: 'fail', reason: 'no reply' },
      ],
    });
    s = reduce(s, { type: 'exerciseGrading', mode: 'live' });
    assert.equal(s.exercise?.grading, 'live');
    s = reduce(s, {
      type: 'exerciseGraded',
      full: false,
      score: 50,
      at: T0 + 12_000,
      durationMs: 40,
      items: [
        { ...panel().items[0]!, status: 'pass', reason: 'spoke2 registered' },
        { ...panel().items[1]!, status: 'pending', reason: 'needs traffic' },
      ],
    });
    assert.deepEqual(
      s.exercise?.items.map((i) => [i.id, i.status]),
      [
        ['spoke2-registered', 'pass'],
        ['host-to-host', 'fail'],
      ],
    );
    assert.deepEqual([s.exercise?.score, s.exercise?.full, s.exercise?.grading], [50, false, undefined]);
  });

  it('a refusal is kept until the next grade; hints show one by one, no further than there are', () => {
    let s = reduce(exerciseStore().get(), { type: 'exerciseRefused', message: 'modified beyond the task: hub x' });
    assert.match(
      exerciseLines(s.exercise!)[0]!
        .map((x) => x.text)
        .join(''),
      /^not graded: modified beyond the task/,
    );
    for (let i = 0; i < 3; i++) s = reduce(s, keyAction(s, 'h', {}).actions[0]!);
    assert.equal(s.exercise?.hintsShown, 2);
    assert.match(exerciseStatus(s.exercise!), /not graded yet {2}g: grade {2}no more hints/);
  });

  it('g grades every item now (also :grade); Tab visits the exercise pane only when an exercise runs', () => {
    const s = exerciseStore().get();
    assert.deepEqual(keyAction(s, 'g', {}).intents, [{ kind: 'grade' }]);
    assert.deepEqual(parseCommand('grade'), { kind: 'grade' });
    const plain = reduce(reduce(initialState(), { type: 'openLab', lab: phase3Lab }), {
      type: 'focus',
      pane: 'captures',
    });
    assert.deepEqual(keyAction(plain, 'g', {}).intents, []);
    assert.equal(reduce(plain, { type: 'nextPane', delta: 1 }).pane, 'nodes');
    const withEx = reduce(s, { type: 'focus', pane: 'captures' });
    assert.equal(reduce(withEx, { type: 'nextPane', delta: 1 }).pane, 'exercise');
  });
});

describe('tui exercise pane (ink-testing-library)', () => {
  it('draws the score, each item, the diagnosis, hints and the task; g and h from the keyboard', async () => {
    const store = exerciseStore();
    store.dispatch({
      type: 'exerciseGraded',
      full: true,
      score: 0,
      at: T0 + 180_000,
      durationMs: 18_000,
      items: [
        {
          ...panel().items[0]!,
          status: 'fail',
          reason: 'not registered',
          layer: 'gre (spoke2 and hub)',
          evidence: ['GRE: frame 12 (hub-eth1.pcap) from 203.0.113.1 carries key 110, hub expects key 100'],
          command: 'show interfaces Tunnel0 (on spoke2)',
        },
        { ...panel().items[1]!, status: 'pass', reason: '' },
      ],
    });
    const intents: Intent[] = [];
    app = render(
      createElement(App, {
        store,
        onIntent: (i: Intent) => intents.push(i),
        now: () => T0 + 192_000,
        followTerminal: false,
      }),
    );
    await sleep(50);
    let f = app.lastFrame() ?? '';
    assert.match(f, /\[exercise\]/);
    assert.match(f, /Exercise ts-tunnel-key 0% graded at \d\d:\d\d:\d\d in 18\.0 s {2}g: grade {2}h: hint/);
    assert.match(f, /✗ spoke2 is registered with the hub \(2 pts\)/);
    assert.match(f, /first broken layer: gre \(spoke2 and hub\)/);
    assert.match(f, /GRE: frame 12 \(hub-eth1\.pcap\) from 203\.0\.113\.1 carries key 110/);
    assert.match(f, /✓ host1 reaches host2 \(2 pts\)/);
    assert.match(f, /# Ticket/);
    assert.doesNotMatch(f, /hint 1\/2/);
    app.stdin.write('h');
    await sleep(50);
    f = app.lastFrame() ?? '';
    assert.match(f, /hint 1\/2: Look one layer lower than NHRP\./);
    app.stdin.write('g');
    await sleep(50);
    assert.deepEqual(intents, [{ kind: 'grade' }]);
    store.dispatch({ type: 'exerciseGrading', mode: 'full' });
    await sleep(50);
    assert.match(app.lastFrame() ?? '', /grading every item…/);
  });
});
