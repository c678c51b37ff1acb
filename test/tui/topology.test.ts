import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabInfo, RouterView } from '../../src/tui/model.js';
import { drawTopology, type Line } from '../../src/tui/topology.js';
import { phase3Lab, phase3Routers } from './fixtures.js';

const text = (lines: Line[]): string[] => lines.map((l) => l.map((s) => s.text).join(''));
const spoke = (tunnel: string, nhs: Array<[string, boolean]>): RouterView => ({
  role: 'spoke',
  running: true,
  tunnel,
  nhs: nhs.map(([address, up]) => ({ address, state: up ? 'up' : 'down', up })),
  peers: [],
  updatedAt: 0,
});

describe('tui topology drawing', () => {
  it('phase3: the hub above the Internet, both spokes below with their NHS, the shortcut dashed', () => {
    const t = text(drawTopology(phase3Lab, phase3Routers(), 80));
    assert.match(t[0]!, /^ +hub 2\/2$/);
    assert.match(t[2]!, /┬.*┴.*┬.*Internet \(inet\)/);
    assert.match(t[4]!, /spoke1 +spoke2/);
    assert.match(t[5]!, /▲hub +▲hub/);
    assert.match(t[6]!, /└╌+┘ shortcut/);
    for (const l of t) assert.ok(l.length <= 80);
    const tones = drawTopology(phase3Lab, phase3Routers(), 80).flat();
    assert.equal(tones.find((s) => s.text.includes('╌'))?.tone, 'accent');
    assert.equal(tones.find((s) => s.text.includes('spoke1'))?.tone, 'ok');
  });

  it('before the first poll: names only, no shortcut, dim', () => {
    const lines = drawTopology(phase3Lab, {}, 80);
    assert.ok(!text(lines).some((l) => l.includes('shortcut')));
    assert.equal(lines.flat().find((s) => s.text.includes('spoke1'))?.tone, 'dim');
  });

  it('a spoke behind NAT is drawn under its gateway', () => {
    const lab: LabInfo = {
      name: 'nat',
      runtime: 'netns',
      labDir: '/x',
      createdAt: '2026-12-01T00:00:00Z',
      nodes: [
        { name: 'hub', kind: 'dmvpn', router: true, peers: ['inet:eth1'] },
        { name: 'nat1', kind: 'nat', router: false, peers: ['inet:eth2', 'spoke1:GigabitEthernet0/1'] },
        { name: 'spoke1', kind: 'dmvpn', router: true, peers: ['nat1:eth2'] },
        { name: 'spoke2', kind: 'dmvpn', router: true, peers: ['inet:eth3'] },
        { name: 'inet', kind: 'internet', router: false, peers: [] },
      ],
    };
    const t = text(
      drawTopology(
        lab,
        { spoke1: spoke('172.16.0.11', [['172.16.0.1', true]]), spoke2: spoke('172.16.0.12', [['172.16.0.1', false]]) },
        80,
      ),
    );
    const natRow = t.findIndex((l) => l.includes('[nat1]'));
    const spokeRow = t.findIndex((l) => l.includes('spoke1'));
    assert.ok(natRow > 2 && spokeRow > natRow, t.join('\n'));
    assert.match(t[spokeRow + 1]!, /▲172\.16\.0\.1 +▼172\.16\.0\.1/);
  });

  it('fifty spokes: as many as fit, then how many more', () => {
    const nodes = [
      { name: 'hub', kind: 'dmvpn', router: true, peers: [] },
      ...Array.from({ length: 50 }, (_, i) => ({ name: `spoke${i + 1}`, kind: 'dmvpn', router: true, peers: [] })),
    ];
    const t = text(drawTopology({ name: 'g', runtime: 'netns', labDir: '/x', createdAt: '', nodes }, {}, 80));
    assert.match(t.join('\n'), /\+\d+ more/);
    for (const l of t) assert.ok(l.length <= 80, l);
  });
});
