import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routerView, shortcutCount, spokePairs } from '../../src/tui/router-view.js';
import { phase3Routers } from './fixtures.js';

describe('tui router view', () => {
  it('reads role, addresses, NHS, peers and counters from real show JSON', () => {
    const r = phase3Routers();
    assert.equal(r.hub!.role, 'hub');
    assert.equal(r.spoke1!.role, 'spoke');
    assert.equal(r.spoke1!.nbma, '198.51.100.1');
    assert.equal(r.spoke1!.tunnel, '172.16.0.11');
    assert.deepEqual(
      r.spoke1!.nhs.map((n) => [n.address, n.up]),
      [['172.16.0.1', true]],
    );
    assert.equal(r.hub!.nhs.length, 0);
    assert.equal(r.hub!.peers.filter((p) => p.up).length, 2);
    assert.equal(typeof r.spoke1!.packetsIn, 'number');
  });

  it('counts shortcut routes and finds the spoke-to-spoke pair', () => {
    const r = phase3Routers();
    assert.equal(shortcutCount(r.spoke1!), 1);
    assert.equal(shortcutCount(r.hub!), 0);
    assert.deepEqual(spokePairs(r), [['spoke1', 'spoke2']]);
  });

  it('a stopped spoke draws no shortcut; a router that answered nothing has no peers', () => {
    const r = phase3Routers();
    r.spoke1 = { ...r.spoke1!, running: false };
    r.spoke2 = { ...r.spoke2!, peers: r.spoke2!.peers.filter((p) => p.tunnel === '172.16.0.1') };
    assert.deepEqual(spokePairs(r), []);
    const empty = routerView({}, { running: false }, 0);
    assert.deepEqual([empty.role, empty.peers, empty.nhs, empty.running], ['router', [], [], false]);
  });
});
