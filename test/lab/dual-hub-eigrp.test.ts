/**
 * labs/dual-hub-eigrp: the spokes route through hub1 by EIGRP (hub2's tunnel delay is higher); when
 * hub1 goes silent (its Hellos stop, no goodbye) every spoke's EIGRP route moves to hub2 within the
 * hold time hub1 advertised (6 s), and back when it answers again; when hub1's router stops (it says
 * goodbye) the move is at once. Read as a person would: `show ip route json` on the spokes.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { setSilent } from '../../src/lab/faults/silence.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { stopRouter } from '../../src/lab/router-ops.js';
import { getRuntime } from '../../src/lab/runtime/index.js';
import type { LabState } from '../../src/lab/state.js';
import { controlJson, type RouteTableJson } from '../../src/node/api/index.js';
import { inPrefix } from '../../src/wire/ipv4-addr.js';
import { labFile, LABS } from '../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
const HUB1 = '172.16.0.1';
const HUB2 = '172.16.0.2';
/** `ip hold-time eigrp 100 6` on the hubs' tunnels: what the spokes wait before declaring hub1 dead. */
const HOLD_MS = 6000;
/** Polling (100 ms) and one route's way from the engine to `show ip route`. */
const SLACK_MS = 1000;
const SPOKES = [1, 2, 3];

type Route = RouteTableJson['routes'][number];

async function eigrpRoutes(state: LabState, spoke: number): Promise<Route[]> {
  const control = state.nodes.find((n) => n.name === `spoke${spoke}`)!.control!;
  const t = (await controlJson(control, 'show ip route', 3000)) as RouteTableJson;
  return t.routes.filter((r) => r.protocol === 'eigrp');
}

/** The spoke's EIGRP routes to every other spoke's LAN host go via `hub` (and no longer via the other). */
async function routesVia(state: LabState, spoke: number, hub: string): Promise<Route[] | undefined> {
  const routes = await eigrpRoutes(state, spoke).catch((): Route[] => []);
  const covering = SPOKES.filter((k) => k !== spoke).map((k) =>
    routes.filter((r) => inPrefix(`10.1.${k}.10`, r.prefix, r.prefixLength)),
  );
  return covering.every((rs) => rs.length > 0 && rs.every((r) => r.nextHop === hub))
    ? [...new Set(covering.flat())]
    : undefined;
}

/** Ms from t0 until every spoke routes via `hub`; fails after `timeoutMs`. */
async function untilVia(state: LabState, hub: string, t0: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const all = await Promise.all(SPOKES.map((k) => routesVia(state, k, hub)));
    const ms = Date.now() - t0;
    if (all.every((r) => r !== undefined)) return ms;
    if (ms > timeoutMs) {
      const now = await Promise.all(SPOKES.map((k) => eigrpRoutes(state, k).catch(() => [])));
      assert.fail(`not every spoke routes via ${hub} after ${ms} ms: ${JSON.stringify(now)}`);
    }
    await sleep(100);
  }
}

test('dual-hub-eigrp: the spokes’ EIGRP routes move to hub2 within the hold time', {
  skip,
  timeout: 180_000,
}, async (t) => {
  const name = uniqueName('dhe');
  const dir = join(LABS, 'dual-hub-eigrp', `clab-${name}`);
  try {
    const state = await upLab(labFile('dual-hub-eigrp'), { name });
    await untilVia(state, HUB1, Date.now(), 30_000);
    const before = (await routesVia(state, 1, HUB1))!;
    assert.deepEqual(
      before.map((r) => [r.network, r.code, r.distance, r.interface]),
      [['10.1.0.0/16', 'D', 90, 'Tunnel0']],
      'one summary route from hub1',
    );

    const hub1 = state.nodes.find((n) => n.name === 'hub1')!;
    const runtime = getRuntime(state.runtime);
    let t0 = Date.now();
    await setSilent(runtime, hub1.namespace, 'eth1', name, true);
    const silentMs = await untilVia(state, HUB2, t0, HOLD_MS + 10_000);
    t.diagnostic(`hub1 silent: every spoke via hub2 after ${silentMs} ms`);
    assert.ok(silentMs <= HOLD_MS + SLACK_MS, `moved after ${silentMs} ms, hold time ${HOLD_MS} ms`);
    const moved = (await routesVia(state, 1, HUB2))!;
    assert.deepEqual(
      moved.map((r) => [r.network, r.code, r.distance, r.nextHop, r.interface]),
      [['10.1.0.0/16', 'D', 90, HUB2, 'Tunnel0']],
    );

    t0 = Date.now();
    await setSilent(runtime, hub1.namespace, 'eth1', name, false);
    t.diagnostic(`hub1 back: every spoke via hub1 again after ${await untilVia(state, HUB1, t0, 30_000)} ms`);

    t0 = Date.now();
    await stopRouter(state, 'hub1');
    const stoppedMs = await untilVia(state, HUB2, t0, HOLD_MS + 10_000);
    t.diagnostic(`hub1 stopped: every spoke via hub2 after ${stoppedMs} ms`);
    // dmvpnd says goodbye as it stops: the spokes do not wait for the hold time.
    assert.ok(stoppedMs <= HOLD_MS / 3, `moved after ${stoppedMs} ms: no goodbye from hub1?`);
  } finally {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(await leftovers(name, dir), { namespaces: [], rules: [], processes: [] });
});
