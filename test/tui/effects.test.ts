import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Effects } from '../../src/tui/effects.js';
import { initialState } from '../../src/tui/model.js';
import { Store } from '../../src/tui/store.js';

function setup(): { store: Store; effects: Effects; quits: () => number } {
  let quits = 0;
  const store = new Store(initialState());
  const effects = new Effects(store, { stepAside: async (fn) => fn(), quit: () => void quits++ });
  return { store, effects, quits: () => quits };
}

describe('tui effects', () => {
  it('q quits at once when nothing runs', async () => {
    const { effects, quits } = setup();
    await effects.run({ kind: 'quit' });
    assert.equal(quits(), 1);
  });

  it('q while a lab comes up only warns; q again quits', async () => {
    const { store, effects, quits } = setup();
    store.dispatch({ type: 'labs', labs: [{ name: 'p3', up: false, nodes: 6, routers: 3, steps: [] }] });
    store.dispatch({ type: 'labBusy', name: 'p3', busy: 'up' });
    await effects.run({ kind: 'quit' });
    assert.equal(quits(), 0);
    assert.match(store.get().notice?.text ?? '', /p3 up still running: q again quits anyway/);
    await effects.run({ kind: 'quit' });
    assert.equal(quits(), 1);
  });

  it('a command that needs an open lab says so', async () => {
    const { store, effects } = setup();
    await effects.run({ kind: 'router', node: 'hub', op: 'stop' });
    assert.deepEqual(store.get().notice, {
      text: 'open a lab first (Enter on the labs screen, or :open LAB)',
      tone: 'bad',
    });
    await effects.run({ kind: 'error', message: 'unknown command ":x"' });
    assert.equal(store.get().notice?.text, 'unknown command ":x"');
  });
});
