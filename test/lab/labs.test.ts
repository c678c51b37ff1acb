import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { controlJson } from '../../src/node/api/index.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { getRuntime } from '../../src/lab/runtime/index.js';
import type { LabState } from '../../src/lab/state.js';
import { peerStates, waitRegistered } from '../../src/lab/status.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
const LABS = join(import.meta.dirname, '..', '..', 'labs');

/** Each shipped lab, how many LAN hosts it has, and whether spoke1 should end with a direct peer to spoke2. */
const SHIPPED: Array<{ lab: string; hosts: number; spokeToSpoke?: string }> = [
  { lab: 'phase1', hosts: 2 },
  { lab: 'phase2', hosts: 2, spokeToSpoke: '203.0.113.1' },
  { lab: 'phase3', hosts: 2, spokeToSpoke: '203.0.113.1' },
  { lab: 'dual-hub', hosts: 3 },
  { lab: 'nat', hosts: 2, spokeToSpoke: '203.0.113.1' },
];

/** Pings `ip` from `node` until one answer comes back (the first packets may wait for NHRP), at most `tries` times. */
async function pingUntil(state: LabState, node: string, ip: string, tries = 10): Promise<boolean> {
  const ns = state.nodes.find((n) => n.name === node)!.namespace;
  for (let i = 0; i < tries; i++) {
    if ((await getRuntime().exec(ns, ['ping', '-c', '1', '-W', '1', ip])).exitCode === 0) return true;
  }
  return false;
}

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

describe('shipped labs with dmvpnd', { skip }, () => {
  for (const { lab, hosts, spokeToSpoke } of SHIPPED) {
    it(`${lab}: every spoke registers, LAN hosts ping each other, down leaves nothing`, async () => {
      const name = uniqueName(lab.replace('-', '').slice(0, 6));
      let state: LabState | undefined;
      try {
        state = await upLab(join(LABS, lab, `${lab}.clab.yml`), { name });
        await waitRegistered(state, 60_000);
        // A healthy start: every spoke's first Registration Request was answered.
        for (const n of state.nodes.filter((x) => x.control !== undefined)) {
          const nhs = (await controlJson(n.control!, 'show ip nhrp nhs detail')) as {
            interfaces: Array<{ nhs: Array<{ requestsFailed: number }> }>;
          };
          const traffic = (await controlJson(n.control!, 'show ip nhrp traffic')) as {
            interfaces: Array<{ dropped: { reasons: { unexpectedReply: number } } }>;
          };
          for (const i of nhs.interfaces)
            for (const x of i.nhs) assert.equal(x.requestsFailed, 0, `${n.name}: req-failed ${JSON.stringify(i.nhs)}`);
          for (const i of traffic.interfaces)
            assert.equal(i.dropped.reasons.unexpectedReply, 0, `${n.name}: unexpected replies`);
        }
        for (let a = 1; a <= hosts; a++) {
          for (let b = 1; b <= hosts; b++) {
            if (a !== b)
              assert.ok(
                await pingUntil(state, `host${a}`, `10.1.${b}.10`),
                `host${a} cannot ping host${b} (10.1.${b}.10)`,
              );
          }
        }
        if (spokeToSpoke) {
          const sock = state.nodes.find((n) => n.name === 'spoke1')!.control!;
          let peers = await peerStates(sock);
          for (let i = 0; i < 20 && !peers.some((p) => p.nbma === spokeToSpoke && p.up); i++) {
            await pingUntil(state, 'host1', '10.1.2.10', 1);
            await sleep(250);
            peers = await peerStates(sock);
          }
          assert.ok(
            peers.some((p) => p.nbma === spokeToSpoke && p.up),
            `spoke1 has no direct peer ${spokeToSpoke}: ${JSON.stringify(peers)}`,
          );
          // Resolutions finish: no incomplete entry is left to show as an UNKNOWN peer in show dmvpn.
          const unresolved = async () => {
            const cache = (await controlJson(sock, 'show ip nhrp')) as {
              interfaces: Array<{ entries: Array<{ network: string; type: string }> }>;
            };
            return cache.interfaces
              .flatMap((i) => i.entries)
              .filter((e) => e.type === 'incomplete' || e.type === 'negative');
          };
          let pending = await unresolved();
          for (let i = 0; i < 40 && pending.length > 0; i++) {
            await sleep(250);
            pending = await unresolved();
          }
          assert.deepEqual(pending, [], 'spoke1 keeps no incomplete entry once its shortcuts are up');
        }
      } finally {
        await downLab(name, { cleanup: true }).catch(() => undefined);
        rmSync(join(LABS, lab, `clab-${name}`), { recursive: true, force: true });
      }
      assert.deepEqual(await leftovers(name, state?.labDir ?? name), { namespaces: [], rules: [], processes: [] });
    });
  }
});
