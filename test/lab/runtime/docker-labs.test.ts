import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, dockerLeftovers, dockerRouterSkipReason } from '../../helpers/docker.js';
import { removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');

/**
 * Each shipped lab, its hub, and the checks run on it here: registration, reachability, and the phase
 * and NAT checks where they are quick. Left to the netns suite (the same check code; the runtime only
 * creates nodes and runs commands): phase3's and dual-hub's phase check, which waits 60 s for a
 * shortcut to expire, phase1's transition, and dual-hub's failover, which takes minutes.
 */
const SHIPPED: Array<{ lab: string; hub: string; only: string; expect: RegExp[] }> = [
  {
    lab: 'phase1',
    hub: 'hub',
    only: 'registration,phase,reachability',
    expect: [/PASS +phase +spoke1 → spoke2 \[Phase 1\]/],
  },
  {
    lab: 'phase2',
    hub: 'hub',
    only: 'registration,phase,reachability',
    expect: [/PASS +phase +spoke1 → spoke2 \[Phase 2\]/],
  },
  { lab: 'phase3', hub: 'hub', only: 'registration,reachability', expect: [/PASS +reachability +host1 → host2/] },
  { lab: 'dual-hub', hub: 'hub1', only: 'registration,reachability', expect: [/PASS +registration +spoke3 → hub2/] },
  {
    lab: 'nat',
    hub: 'hub',
    only: 'registration,reachability,nat',
    expect: [/PASS +nat +spoke1 → nat1 \[outside address\]/],
  },
  {
    // FRR's zebra and ospfd inside each router container, started by dmvpnd
    lab: 'ospf-phase3',
    hub: 'hub',
    only: 'registration,routing',
    expect: [/PASS +routing +spoke1 → hub \[OSPF FULL\]/, /PASS +routing +spoke1 → spoke2 \[OSPF routes\]/],
  },
];

describe('shipped labs on the docker runtime, through the CLI', {
  skip: (await dockerRouterSkipReason()) ?? false,
}, () => {
  const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') };
  for (const { lab, hub, only, expect } of SHIPPED) {
    it(`${lab}: up --runtime docker, check --only ${only} passes, down leaves nothing`, async () => {
      const name = uniqueName(lab.replace('-', '').slice(0, 6));
      try {
        const up = await cli(
          ['up', join(LABS, lab, `${lab}.clab.yml`), '--runtime', 'docker', '--name', name, '--wait', '60'],
          env,
        );
        assert.equal(up.exitCode, 0, up.stderr);
        assert.match(up.stderr, /every spoke registered/);
        const status = await cli(['status', name, '--json'], env);
        assert.equal(status.exitCode, 0, status.stdout);
        const s = JSON.parse(status.stdout) as { runtime: string; nodes: Array<{ router?: { running: boolean } }> };
        assert.equal(s.runtime, 'docker');
        assert.ok(s.nodes.filter((n) => n.router).every((n) => n.router!.running));
        const show = await cli(['cli', hub, '--lab', name, 'show dmvpn'], env);
        assert.match(show.stdout, /Type:Hub/, show.stderr);
        const check = await cli(['check', name, '--only', only], env);
        assert.equal(check.exitCode, 0, `${check.stdout}\n${check.stderr}`);
        assert.match(check.stdout, / 0 failed/);
        for (const e of expect) assert.match(check.stdout, e);
      } finally {
        const down = await cli(['down', name, '--cleanup'], env);
        assert.equal(down.exitCode, 0, down.stderr);
      }
      assert.deepEqual(await dockerLeftovers(name), { containers: [], netns: [], networks: [] });
    });
  }
});
