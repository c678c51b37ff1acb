import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import type { Intent } from '../../src/tui/command.js';
import { App } from '../../src/tui/components/app.js';
import { parseDebugLine } from '../../src/tui/debug-events.js';
import { initialState, type TuiState } from '../../src/tui/model.js';
import { Store } from '../../src/tui/store.js';
import { toneStyle } from '../../src/tui/theme.js';
import { debugLines, phase3Lab, phase3Routers } from './fixtures.js';

const T0 = Date.parse(phase3Lab.createdAt);
/** The app's clock, to the minute (as the screen reads it). */
const NOW = Math.floor((T0 + 192_000) / 60_000) * 60_000;
let app: ReturnType<typeof render> | undefined;

afterEach(() => app?.unmount());

/** Renders the app on `store`; returns the frame after ink drew it, and the intents it raised. */
async function draw(
  store: Store,
): Promise<{ frame: () => string; intents: Intent[]; press: (k: string) => Promise<void> }> {
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
  const a = app;
  return {
    frame: () => a.lastFrame() ?? '',
    intents,
    press: async (k) => {
      a.stdin.write(k);
      await sleep(30);
    },
  };
}

function phase3Store(size = { cols: 80, rows: 24 }, patch: Partial<TuiState> = {}): Store {
  const store = new Store({ ...initialState(size), ...patch });
  store.dispatch({ type: 'openLab', lab: phase3Lab });
  for (const [n, v] of Object.entries(phase3Routers())) store.dispatch({ type: 'router', node: n, view: v });
  const now = T0 + 60_000;
  store.dispatch({ type: 'events', events: debugLines.flatMap((l) => parseDebugLine('spoke1', l, now) ?? []) });
  return store;
}

describe('tui lab screen (ink-testing-library)', () => {
  it('draws topology, node table and events from real router JSON within 80×24', async () => {
    const { frame } = await draw(phase3Store());
    const f = frame();
    const lines = f.split('\n');
    assert.ok(lines.length <= 24, `${lines.length} rows`);
    for (const l of lines) assert.ok(l.length <= 80, `too wide: ${l}`);
    assert.match(f, /lab tux3 netns/);
    assert.match(f, /hub 2\/2/, 'the hub has both spokes up');
    assert.match(f, /Internet \(inet\)/);
    assert.match(f, /└╌+┘ shortcut/, 'a dashed spoke-to-spoke line');
    assert.match(f, /spoke1 +spoke +running +198\.51\.100\.1 +172\.16\.0\.11 +UP 1\/1 +2\/2 +1/);
    assert.match(f, /spoke2 +spoke +running +203\.0\.113\.1 +172\.16\.0\.12 +UP 1\/1/);
    assert.match(f, /host1 +host +up/);
    assert.match(f, /22:44:5\d\.\d{3} spoke1 +\w+/);
  });

  it('a stopped hub is drawn as such and its spokes lose their NHS', async () => {
    const store = phase3Store({ cols: 100, rows: 30 });
    const r = phase3Routers();
    store.dispatch({ type: 'router', node: 'hub', view: { ...r.hub!, running: false, peers: [] } });
    for (const s of ['spoke1', 'spoke2']) {
      store.dispatch({
        type: 'router',
        node: s,
        view: { ...r[s]!, nhs: r[s]!.nhs.map((n) => ({ ...n, state: 'down', up: false })) },
      });
    }
    const { frame } = await draw(store);
    assert.match(frame(), /hub STOPPED/);
    assert.match(frame(), /▼hub/);
    assert.match(frame(), /hub +\w+ +STOPPED/);
    assert.match(frame(), /spoke1 .*DOWN 0\/1/);
  });

  it('a node with a silenced link says so in its state', async () => {
    const store = phase3Store();
    store.dispatch({ type: 'linkFaults', faults: { spoke1: 'silent', inet: 'silent' } });
    const { frame } = await draw(store);
    assert.match(frame(), /spoke1 +spoke +SILENT/);
    assert.match(frame(), /inet +inet +SILENT/);
    assert.match(frame(), /spoke2 +spoke +running/);
  });

  it('the filter keeps only matching events; Tab moves the focus to the next pane', async () => {
    const store = phase3Store({ cols: 100, rows: 40 });
    const ui = await draw(store);
    await ui.press('/');
    for (const ch of 'shortcut') await ui.press(ch);
    await ui.press('\r');
    const f = ui.frame();
    const events = f.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));
    assert.ok(events.length > 0);
    assert.ok(
      events.every((l) => /shortcut/i.test(l)),
      events.join('\n'),
    );
    assert.match(f, /matching "shortcut"/);
    await ui.press('\t');
    assert.equal(store.get().pane, 'node');
    assert.match(ui.frame(), /Node hub/);
  });

  it('c on a router asks for its CLI; :check phase asks for the phase check', async () => {
    const store = phase3Store();
    const ui = await draw(store);
    await ui.press('j');
    await ui.press('c');
    await ui.press(':');
    for (const ch of 'check phase') await ui.press(ch);
    assert.match(ui.frame(), /:check phase/);
    await ui.press('\r');
    assert.deepEqual(ui.intents, [
      { kind: 'cli', node: 'spoke1' },
      { kind: 'check', only: ['phase'] },
    ]);
  });

  it('the checks pane lists results with status, reason and cited frames', async () => {
    const store = phase3Store({ cols: 120, rows: 40 });
    store.dispatch(
      { type: 'checksStart', only: ['phase'] },
      { type: 'focus', pane: 'checks' },
      { type: 'checksStep', step: 'check phase' },
      {
        type: 'checksDone',
        summary: { pass: 1, fail: 1, skip: 0 },
        results: [
          {
            name: 'phase',
            nodes: ['spoke1', 'spoke2'],
            status: 'pass',
            reason: 'shortcut after a Traffic Indication',
            evidence: [{ pcap: '/x.pcap', frames: [7, 8], what: 'TI' }],
          },
          { name: 'phase', nodes: ['spoke2', 'spoke1'], status: 'fail', reason: 'no Resolution Reply', evidence: [] },
        ],
      },
    );
    const { frame } = await draw(store);
    assert.match(frame(), /PASS phase +spoke1→spoke2 +\[2 fr\] shortcut after a Traffic Indication/);
    assert.match(frame(), /FAIL phase +spoke2→spoke1 +no Resolution Reply/);
    assert.match(frame(), /1 pass, 1 fail, 0 skip/);
  });

  it('the labs screen lists labs with state, size and progress steps in place', async () => {
    const store = new Store(initialState({ cols: 80, rows: 24 }));
    store.dispatch({
      type: 'labs',
      labs: [
        {
          name: 'tux3',
          up: true,
          nodes: 6,
          routers: 3,
          runtime: 'netns',
          createdAt: new Date(NOW - 192_000).toISOString(),
          file: '/l/phase3.clab.yml',
          steps: [],
        },
        { name: 'dual-hub', up: false, nodes: 9, routers: 5, file: '/l/dual-hub.clab.yml', steps: [] },
      ],
    });
    store.dispatch(
      { type: 'labBusy', name: 'tux3', busy: 'down', step: 'removing namespaces' },
      { type: 'labBusy', name: 'dual-hub', error: 'NOT_ROOT' },
    );
    const ui = await draw(store);
    assert.match(ui.frame(), /tux3 +down… +6 nodes, 3 routers +netns +3m +\/l/);
    assert.match(ui.frame(), /· removing namespaces/);
    assert.match(ui.frame(), /dual-hub +down +9 nodes, 5 routers/);
    assert.match(ui.frame(), /✗ NOT_ROOT/);
    await ui.press('j');
    await ui.press('\r');
    assert.deepEqual(ui.intents, [{ kind: 'up', lab: 'dual-hub' }]);
  });

  it('? shows the keys and commands', async () => {
    const ui = await draw(phase3Store());
    await ui.press('?');
    assert.match(ui.frame(), /Help/);
    assert.match(ui.frame(), /:check \[NAME/);
  });
});

describe('tui colours', () => {
  it('named colours normally, none under NO_COLOR', () => {
    assert.equal(toneStyle('ok', {}).color, 'green');
    assert.equal(toneStyle('ok', { NO_COLOR: '1' }).color, undefined);
    assert.equal(toneStyle('bad', { NO_COLOR: '1' }).bold, true);
    assert.equal(toneStyle('ok', { NO_COLOR: '' }).color, 'green');
  });
});
