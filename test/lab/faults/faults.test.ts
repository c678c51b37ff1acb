import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { controlListening } from '../../../src/node/api/index.js';
import { nhsStates } from '../../../src/lab/status.js';
import { eventsFile, faultsInForce, readEvents } from '../../../src/lab/faults/events.js';
import { silenceScript } from '../../../src/lab/faults/silence.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import type { LabState } from '../../../src/lab/state.js';
import { labStatus, waitRegistered } from '../../../src/lab/status.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

const RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_RUN_DIR = RUN_DIR;
const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');
const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

/** `dmvpn-lab ARGS…` as a process; never throws on a non-zero exit. */
function cli(args: string[]) {
  return execa(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, DMVPN_LAB_RUN_DIR: RUN_DIR },
    reject: false,
    timeout: 120_000,
  });
}

/** Polls `ok` every 200 ms until it holds; returns the ms waited, or throws after `timeoutMs` with `what`. */
async function until(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(200);
  }
  return Date.now() - t0;
}

describe('events log', () => {
  it('folds into the faults in force: the last successful action on a target decides', () => {
    const e = (action: string, target: string, result = 'ok') => ({ time: '', action, target, result }) as never;
    const f = faultsInForce([
      e('stop', 'hub1'),
      e('start', 'hub1'),
      e('stop', 'hub2'),
      e('start', 'hub2', 'failed'),
      e('link-down', 'a:eth1 b:eth1'),
      e('link-silent', 'c:eth1 d:eth1'),
      e('link-silent', 'a:eth1 b:eth1'),
      e('link-restore', 'a:eth1 b:eth1'),
    ]);
    assert.deepEqual([...f.stopped], ['hub2']);
    assert.deepEqual([...f.down], ['a:eth1 b:eth1']);
    assert.deepEqual([...f.silent], ['c:eth1 d:eth1']);
  });

  it('silences with one rule per direction, inserted once and removed entirely', () => {
    const on = silenceScript('lab1', 'eth1', true);
    for (const m of ['INPUT -i eth1', 'OUTPUT -o eth1', 'FORWARD -i eth1', 'FORWARD -o eth1'])
      assert.ok(on.includes(`-C ${m} `) && on.includes(`-I ${m} `), m);
    assert.match(
      silenceScript('lab1', 'eth1', false),
      /while iptables -w -D INPUT -i eth1 -m comment --comment dmvpn-lab:lab1 -j DROP/,
    );
  });
});

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

describe('faults on demand: dual-hub on the netns runtime', { skip }, () => {
  const name = uniqueName('flt');
  let state: LabState;
  const sock = (node: string) => state.nodes.find((n) => n.name === node)!.control!;
  const ns = (node: string) => `dl-${name}-${node}`;
  /** True when every spoke has NHS `hub` (tunnel address) in state up (`want`) or not up. */
  const spokesSee = (hub: string, want: boolean) => async () => {
    const rows = await Promise.all(['spoke1', 'spoke2', 'spoke3'].map((s) => nhsStates(sock(s)).catch(() => [])));
    return rows.every((r) => r.some((x) => x.nhs === hub && x.registered === want));
  };
  const HUB1 = '172.16.0.1';
  const HUB2 = '172.16.0.2';

  before(async () => {
    state = await upLab(join(LABS, 'dual-hub', 'dual-hub.clab.yml'), { name });
    await waitRegistered(state, 30_000);
  });
  after(async () => {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    const left = await leftovers(name, `/ctl/${name}/`);
    removeTemps();
    assert.deepEqual(left, { namespaces: [], rules: [], processes: [] });
  });

  it('stop hub1: spokes move to hub2, status says stopped (not dead); start hub1: they come back', async () => {
    const stop = await cli(['stop', 'hub1', '--lab', name]);
    assert.equal(stop.exitCode, 0, stop.stderr);
    assert.match(stop.stdout, /hub1: dmvpnd \(pid \d+\) stopped/);
    assert.equal(await controlListening(sock('hub1')), false);
    const failedOver = await until(
      'spokes see hub1 down and hub2 up',
      async () => (await spokesSee(HUB1, false)()) && (await spokesSee(HUB2, true)()),
      20_000,
    );
    const nhs = JSON.parse((await cli(['cli', 'spoke1', '--lab', name, 'show ip nhrp nhs json'])).stdout) as unknown;
    assert.ok(JSON.stringify(nhs).includes(HUB2));
    const st = await labStatus(state);
    const hub1 = st.nodes.find((n) => n.name === 'hub1')!;
    assert.equal(hub1.state, 'stopped');
    assert.ok(!st.problems.some((p) => p.startsWith('hub1:')), st.problems.join('; '));
    const text = await cli(['status', name]);
    assert.match(text.stdout, /hub1 +dmvpn +stopped .*stopped \(dmvpn-lab start hub1\)/);

    const start = await cli(['start', 'hub1', '--lab', name]);
    assert.equal(start.exitCode, 0, start.stderr);
    assert.match(start.stdout, /hub1: dmvpnd started \(pid \d+\)/);
    const back = await until('spokes registered with hub1 again', spokesSee(HUB1, true), 40_000);
    assert.equal((await labStatus(state)).nodes.find((n) => n.name === 'hub1')!.state, 'running');
    const events = readEvents(state).filter((e) => e.target === 'hub1');
    assert.deepEqual(
      events.map((e) => [e.action, e.result]),
      [
        ['stop', 'ok'],
        ['start', 'ok'],
      ],
    );
    for (const e of events) assert.ok(!Number.isNaN(Date.parse(e.time)), e.time);
    process.stderr.write(
      `  hub1 stopped -> spokes on hub2 after ${failedOver} ms; started -> registered again after ${back} ms\n`,
    );
  });

  it('graph draws the running lab by its name', async () => {
    const r = await cli(['graph', name]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^lab ${name}: 9 nodes, 8 links`));
    assert.match(r.stdout, /eth1 ── GigabitEthernet0\/1 {2}hub1 \[hub\]/);
  });

  it('refuses to stop a node that runs no router, and says what to do instead', async () => {
    const r = await cli(['stop', 'host1', '--lab', name]);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /host1 is a host node: there is no process to stop.*dmvpn-lab link down host1:eth1/);
  });

  it('link down takes both veth ends down, status shows it, link up restores it', async () => {
    const operstate = async (node: string, dev: string) =>
      (
        JSON.parse((await execa('ip', ['-n', ns(node), '-j', 'link', 'show', 'dev', dev])).stdout) as Array<{
          operstate: string;
          flags: string[];
        }>
      )[0]!;
    const down = await cli(['link', 'down', 'hub2:GigabitEthernet0/1', 'inet:eth2', '--lab', name]);
    assert.equal(down.exitCode, 0, down.stderr);
    assert.ok(!(await operstate('hub2', 'eth1')).flags.includes('UP'));
    assert.ok(!(await operstate('inet', 'eth2')).flags.includes('UP'));
    const link = 'hub2:GigabitEthernet0/1 inet:eth2';
    assert.equal((await labStatus(state)).links.find((l) => l.link === link)?.state, 'down');
    assert.match((await cli(['status', name])).stdout, new RegExp(`link ${link}: down`));
    const wrong = await cli(['link', 'down', 'hub2:Gi0/1', 'inet:eth1', '--lab', name]);
    assert.match(wrong.stderr, /hub2:GigabitEthernet0\/1 is linked to inet:eth2, not to inet:eth1/);
    const up = await cli(['link', 'up', 'inet:eth2', '--lab', name]);
    assert.equal(up.exitCode, 0, up.stderr);
    assert.equal((await operstate('hub2', 'eth1')).operstate, 'UP');
    assert.equal((await operstate('inet', 'eth2')).operstate, 'UP');
    assert.equal((await labStatus(state)).links.find((l) => l.link === link)?.state, 'up');
  });

  it('link silent drops every packet while the link stays up; restore carries again', async () => {
    const ping = () =>
      execa('ip', ['netns', 'exec', ns('hub2'), 'ping', '-c', '1', '-W', '1', '192.0.2.254'], { reject: false });
    assert.equal((await ping()).exitCode, 0);
    const silent = await cli(['link', 'silent', 'hub2:Gi0/1', '--lab', name]);
    assert.equal(silent.exitCode, 0, silent.stderr);
    assert.notEqual((await ping()).exitCode, 0);
    const show = JSON.parse(
      (await execa('ip', ['-n', ns('hub2'), '-j', 'link', 'show', 'dev', 'eth1'])).stdout,
    ) as Array<{ operstate: string }>;
    assert.equal(show[0]!.operstate, 'UP');
    assert.equal(
      (await labStatus(state)).links.find((l) => l.link === 'hub2:GigabitEthernet0/1 inet:eth2')?.state,
      'silent',
    );
    await cli(['link', 'silent', 'hub2:Gi0/1', '--lab', name]);
    const restore = await cli(['link', 'restore', 'hub2:Gi0/1', '--lab', name]);
    assert.equal(restore.exitCode, 0, restore.stderr);
    assert.equal((await ping()).exitCode, 0);
    const rules = await execa('ip', ['netns', 'exec', ns('hub2'), 'iptables', '-S']);
    assert.doesNotMatch(rules.stdout, /DROP/);
    const lines = readFileSync(eventsFile(state), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(lines.at(-1)!).slice(0, 4), ['time', 'action', 'target', 'result']);
  });
});
