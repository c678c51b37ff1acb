import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, simulate, type SimReport } from '../../src/nhrp/sim/index.js';

/** A report without the figures that depend on the machine. */
function stable(r: SimReport) {
  const { wallMs: _w, cpuMs: _c, hubs, ...rest } = r;
  return { ...rest, hubs: hubs.map(({ engineMs: _e, ...h }) => h) };
}

test('Phase 3 simulation: every spoke registers, every flow direction gets a shortcut', () => {
  const r = simulate({ hubs: 2, spokes: 60, flows: 100, seconds: 300, phase: 3 });
  assert.equal(r.spokesRegistered, 60);
  assert.ok(r.allRegisteredSec !== null && r.allRegisteredSec <= 10);
  assert.ok(r.trafficIndications > 0);
  assert.equal(r.resolutionReplies, r.resolutionRequests);
  assert.equal(r.shortcutsInstalled, r.trafficIndications);
  assert.equal(r.data.lost, 0);
  assert.ok(r.data.direct > r.data.viaHub);
  assert.deepEqual(
    r.hubs.map((h) => h.registrations),
    [60, 60],
  );
  assert.equal(r.packets.errorIndication, 0);
  assert.match(formatReport(r), /spokes registered +60 \/ 60/);
});

test('the same seed gives the same run; Phase 2 resolves without Traffic Indications', () => {
  const a = simulate({ spokes: 40, flows: 60, seconds: 200, phase: 2, seed: 7 });
  const b = simulate({ spokes: 40, flows: 60, seconds: 200, phase: 2, seed: 7 });
  assert.deepEqual(stable(a), stable(b));
  assert.equal(a.trafficIndications, 0);
  assert.equal(a.shortcutsInstalled, 0);
  assert.ok(a.resolutionReplies > 0);
  const p1 = simulate({ spokes: 40, flows: 60, seconds: 200, phase: 1 });
  assert.equal(p1.packets.resolutionRequest, 0);
});

test('kill-hub: spokes fail over to the other hub within a refresh interval plus 7 s', () => {
  const r = simulate({ spokes: 50, flows: 50, seconds: 400, registrationTimeout: 30, killHub: { hub: 1, atSec: 200 } });
  assert.ok(r.failover);
  assert.equal(r.failover.spokesMoved, 50);
  assert.ok(
    r.failover.completeAfterSec !== null && r.failover.completeAfterSec <= 30 + 7 + 1,
    `${r.failover.completeAfterSec}`,
  );
  assert.deepEqual(
    r.hubs.map((h) => h.alive),
    [false, true],
  );
});

test('losing NHRP packets delays but does not prevent registration and shortcuts', () => {
  const r = simulate({ spokes: 50, flows: 100, seconds: 300, loss: 0.1, latencyMs: 20 });
  assert.equal(r.spokesRegistered, 50);
  assert.ok(r.nhrpLost > 0);
  assert.ok(r.shortcutsInstalled > 0);
});

test('bad options are refused with a code', () => {
  assert.throws(() => simulate({ killHub: { hub: 3, atSec: 1 } }), {
    code: 'BAD_OPTION',
    message: /hub 3 does not exist/,
  });
  assert.throws(() => simulate({ loss: 1 }), { code: 'BAD_OPTION' });
});
