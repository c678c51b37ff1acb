/**
 * labs/dual-cloud-ipsec: two DMVPN clouds (hub1 on Tunnel0, key 100; hub2 on Tunnel1, key 200) and two spokes on
 * both, each spoke with one tunnel source and `tunnel protection ipsec profile DC-PROT shared`. Both clouds register
 * over IPsec; the spokes' tunnels share one SA database, so each pair of routers has one IKE SA (and one child SA)
 * however many clouds it talks over; traffic flows on both clouds, spoke to spoke directly. Read as a person would,
 * through the routers' control sockets.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ping } from '../../src/lab/checks/traffic.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { getRuntime } from '../../src/lab/runtime/index.js';
import type { LabState } from '../../src/lab/state.js';
import {
  controlJson,
  type Ikev2SaListJson,
  type IpsecSaJson,
  type NhrpJson,
  type NhsListJson,
} from '../../src/node/api/index.js';
import { LABS, labFile } from '../helpers/check-fixtures.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
const NBMA: Record<string, string> = {
  hub1: '192.0.2.1',
  hub2: '192.0.2.129',
  spoke1: '198.51.100.1',
  spoke2: '198.51.100.129',
};

const show = async <T>(state: LabState, node: string, command: string): Promise<T> =>
  (await controlJson(state.nodes.find((n) => n.name === node)!.control!, command, 3000)) as T;

/** Every spoke's NHS on both clouds is up: [spoke, tunnel, NHS, state]. */
async function nhsStates(state: LabState): Promise<string[][]> {
  const out: string[][] = [];
  for (const s of ['spoke1', 'spoke2']) {
    const j = await show<NhsListJson>(state, s, 'show ip nhrp nhs').catch(() => ({ interfaces: [] }));
    for (const i of j.interfaces) for (const n of i.nhs) out.push([s, i.name, n.address, n.state]);
  }
  return out;
}

/** READY IKE SAs of a router as "interface remote" (the interface that owns the SA database). */
async function ikeSas(state: LabState, node: string): Promise<string[]> {
  const j = await show<Ikev2SaListJson>(state, node, 'show crypto ikev2 sa');
  return j.sas
    .filter((s) => s.status === 'READY')
    .map((s) => `${s.interface} ${s.remote.split('/')[0]}`)
    .sort();
}

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await sleep(200);
  }
}

test('dual-cloud-ipsec: both clouds register over IPsec, one shared IKE SA per router pair, traffic on both clouds', {
  skip,
  timeout: 180_000,
}, async (t) => {
  const name = uniqueName('dci');
  const dir = join(LABS, 'dual-cloud-ipsec', `clab-${name}`);
  try {
    const state = await upLab(labFile('dual-cloud-ipsec'), { name });
    const runtime = getRuntime(state.runtime);
    const ns = (node: string): string => state.nodes.find((n) => n.name === node)!.namespace;
    const registered = [
      ['spoke1', 'Tunnel0', '172.16.0.1', 'up'],
      ['spoke1', 'Tunnel1', '172.16.1.1', 'up'],
      ['spoke2', 'Tunnel0', '172.16.0.1', 'up'],
      ['spoke2', 'Tunnel1', '172.16.1.1', 'up'],
    ];
    const ms0 = Date.now();
    await until(
      'every spoke registered on both clouds',
      async () => ((await nhsStates(state)).join('|') === registered.join('|') ? true : undefined),
      30_000,
    );
    t.diagnostic(`both clouds registered after ${Date.now() - ms0} ms`);

    // Registration went over IPsec: each spoke has one IKE SA with each hub, held by Tunnel0 (the SA database
    // Tunnel1 shares), and the hubs one with each spoke.
    for (const s of ['spoke1', 'spoke2'])
      assert.deepEqual(await ikeSas(state, s), [`Tunnel0 ${NBMA.hub1}`, `Tunnel0 ${NBMA.hub2}`], s);
    assert.deepEqual(await ikeSas(state, 'hub1'), [`Tunnel0 ${NBMA.spoke1}`, `Tunnel0 ${NBMA.spoke2}`]);
    assert.deepEqual(await ikeSas(state, 'hub2'), [`Tunnel1 ${NBMA.spoke1}`, `Tunnel1 ${NBMA.spoke2}`]);

    // Spoke to spoke on both clouds: resolution on each, then direct, over one IKE SA and one child SA.
    for (const dst of ['172.16.0.12', '172.16.1.12']) {
      const r = await ping(runtime, ns('spoke1'), dst, { count: 5, intervalMs: 200 });
      assert.ok(r.received >= 4, `spoke1 → ${dst}: ${r.received}/5 replies`);
    }
    const direct = await until(
      'spoke1 resolved spoke2 on both clouds',
      async () => {
        const j = await show<NhrpJson>(state, 'spoke1', 'show ip nhrp');
        const got = j.interfaces.flatMap((i) =>
          i.entries.filter((e) => e.nbma === NBMA.spoke2).map((e) => `${i.name} ${e.via}`),
        );
        return got.length === 2 ? got.sort() : undefined;
      },
      10_000,
    );
    assert.deepEqual(direct, ['Tunnel0 172.16.0.12', 'Tunnel1 172.16.1.12']);
    for (const [node, other] of [
      ['spoke1', 'spoke2'],
      ['spoke2', 'spoke1'],
    ] as const)
      assert.deepEqual(
        await ikeSas(state, node),
        [`Tunnel0 ${NBMA.hub1}`, `Tunnel0 ${NBMA.hub2}`, `Tunnel0 ${NBMA[other]}`],
        `${node}: one IKE SA with ${other} for both clouds`,
      );

    // Traffic on both clouds through the one child SA with spoke2: its ESP counters count both.
    const espWith = async (): Promise<{ encaps: number; decaps: number; children: number; shared: string[] }> => {
      const j = await show<IpsecSaJson>(state, 'spoke1', 'show crypto ipsec sa');
      const p = j.interfaces[0]!.peers.find((x) => x.peer === NBMA.spoke2)!;
      const shared = j.interfaces.map((i) => `${i.name}:${i.sharedWith ?? '-'}`);
      return { encaps: p.encaps, decaps: p.decaps, children: p.sas.filter((s) => s.current).length, shared };
    };
    const before = await espWith();
    assert.equal(before.children, 1, 'one current child SA with spoke2');
    assert.deepEqual(before.shared, ['Tunnel0:-', 'Tunnel1:Tunnel0']);
    for (const dst of ['172.16.0.12', '172.16.1.12']) {
      const r = await ping(runtime, ns('spoke1'), dst, { count: 5, intervalMs: 100 });
      assert.ok(r.received >= 4, `spoke1 → ${dst} directly: ${r.received}/5 replies`);
    }
    const afterPing = await espWith();
    t.diagnostic(
      `ESP with spoke2: encaps +${afterPing.encaps - before.encaps}, decaps +${afterPing.decaps - before.decaps}`,
    );
    assert.ok(afterPing.encaps - before.encaps >= 8, 'echo requests of both clouds sealed on the one SA');
    assert.ok(afterPing.decaps - before.decaps >= 8, 'echo replies of both clouds opened on the one SA');
    assert.equal(afterPing.children, 1);

    // And a LAN host to the other spoke's LAN (cloud 1, the preferred route).
    const lan = await ping(runtime, ns('host1'), '10.1.2.10', { count: 5, intervalMs: 200 });
    assert.ok(lan.received >= 4, `host1 → host2: ${lan.received}/5 replies`);
  } finally {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(await leftovers(name, dir), { namespaces: [], rules: [], processes: [] });
});
