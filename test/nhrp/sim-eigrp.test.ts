/**
 * `simulate` with routing eigrp: EIGRP engines beside the NHRP ones on the same virtual time, their
 * multicast following NHRP registrations. Every router ends with its routes; a stopped hub's spokes
 * move to the other hub within EIGRP's hold time (15 s).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/nhrp/sim/index.js';

test('Phase 3, 2 hubs, 40 spokes: every spoke has the summary, every hub every spoke LAN', () => {
  const r = simulate({ routing: 'eigrp', hubs: 2, spokes: 40, flows: 20, seconds: 60 });
  const e = r.eigrp!;
  assert.ok(e.convergedSec !== null, 'converged');
  // Spokes boot within 10 s; the last one's adjacencies and routes follow within a second.
  assert.ok(e.convergedSec! >= 5 && e.convergedSec! <= 11, `converged at ${e.convergedSec} s`);
  assert.deepEqual(
    e.hubs.map((h) => [h.name, h.neighbors, h.routes]),
    [
      ['hub1', 40, 41],
      ['hub2', 40, 41],
    ],
    '40 spoke LANs and the summary’s Null0 route on each hub',
  );
  assert.ok(e.hubs.every((h) => h.sent > 0 && h.received > 0 && h.engineMs >= 0));
  assert.equal(e.undeliverable, 0);
  assert.equal(r.spokesRegistered, 40, 'NHRP ran as before');
  assert.equal(simulate({ hubs: 2, spokes: 40, flows: 20, seconds: 60 }).eigrp, undefined, 'no EIGRP unless asked');
});

test('Phase 2: every spoke learns every other spoke LAN', () => {
  const e = simulate({ routing: 'eigrp', phase: 2, hubs: 1, spokes: 25, flows: 10, seconds: 40 }).eigrp!;
  assert.ok(e.convergedSec !== null && e.convergedSec <= 11, `converged at ${e.convergedSec}`);
  assert.deepEqual(
    e.hubs.map((h) => [h.neighbors, h.routes]),
    [[25, 25]],
  );
});

test('hub 1 stops: every spoke declares it down and routes through hub 2 within the hold time', () => {
  const r = simulate({
    routing: 'eigrp',
    hubs: 2,
    spokes: 30,
    flows: 10,
    seconds: 150,
    killHub: { hub: 1, atSec: 100 },
  });
  const f = r.eigrp!.failoverSec;
  assert.ok(f !== null && f > 0 && f <= 15, `failover after ${f} s`);
  assert.equal(r.eigrp!.hubs[0].neighbors, 0);
  assert.equal(r.eigrp!.hubs[1].neighbors, 30);
});

test('dmvpn-lab simulate --routing eigrp prints the EIGRP section; --routing ospf is refused', () => {
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const run = (...a: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', main, 'simulate', ...a], { encoding: 'utf8', stdio: 'pipe' });
  const text = run('--routing', 'eigrp', '--spokes', '10', '--flows', '5', '--seconds', '30');
  assert.match(text, /^EIGRP beside NHRP/m);
  assert.match(text, /converged after +\d+\.\d+ s \(virtual\)/);
  assert.match(text, /^ +hub1 +10 +11 /m);
  assert.throws(() => run('--routing', 'ospf'), /expected none or eigrp, found 'ospf'/);
});
