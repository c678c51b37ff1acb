import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const run = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', main, 'simulate', ...args], { encoding: 'utf8' });

test('dmvpn-lab simulate --json reports registration, shortcuts, failover and cost', () => {
  const r = JSON.parse(
    run(
      '--hubs',
      '2',
      '--spokes',
      '30',
      '--flows',
      '40',
      '--seconds',
      '200',
      '--kill-hub',
      '1@100',
      '--registration-timeout',
      '20',
      '--json',
    ),
  );
  assert.equal(r.spokesRegistered, 30);
  assert.equal(r.options.phase, 3);
  assert.ok(r.shortcutsInstalled > 0);
  assert.equal(r.failover.hub, 1);
  assert.equal(r.failover.spokesMoved, 30);
  assert.ok(r.wallMs > 0 && r.cpuMs > 0);
});

test('dmvpn-lab simulate prints a text report; bad options exit non-zero with the reason', () => {
  const text = run('--spokes', '10', '--flows', '5', '--seconds', '60', '--phase', '2');
  assert.match(text, /^dmvpn-lab simulate: 2 hubs, 10 spokes, Phase 2/);
  assert.match(text, /Registration Request +\d+/);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'simulate', '--kill-hub', 'one'], {
    encoding: 'utf8',
  });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /expected HUB@SECONDS/);
});

test('dmvpn-lab simulate --spokes out of range (-5, 0, 100000) is the same usage error, naming the range', () => {
  const codes = ['-5', '0', '100000'].map((n) => {
    const argv = ['--import', 'tsx', main, 'simulate', '--spokes', n, '--seconds', '1'];
    const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    const said = `--spokes <n>' argument '${n}' is invalid\\. expected an integer from 1 to 65000`;
    assert.match(r.stderr, new RegExp(said), n);
    assert.equal(r.stdout, '', n);
    return r.status;
  });
  assert.notEqual(codes[0], 0);
  assert.deepEqual(codes, [codes[0], codes[0], codes[0]]);
});
