/**
 * The docker runtime's management network: an internal Docker bridge network on the planned subnet,
 * every router container on it with its address (as mgmt0), a name per router in /etc/hosts, SSH
 * (ssh2 client) to a router's management address, and all of it gone after `down`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import ssh2 from 'ssh2';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { docker, nodeImage } from '../../../src/lab/runtime/docker-client.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import type { LabState } from '../../../src/lab/state.js';
import { dockerRouterSkipReason } from '../../helpers/docker.js';
import { copyLab, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
after(removeTemps);

/** Why this cannot run here: the docker router reasons, or an image whose dmvpnd has no SSH server yet. */
async function skipReason(): Promise<string | undefined> {
  const why = await dockerRouterSkipReason();
  if (why) return why;
  const r = await execa('docker', ['run', '--rm', '--network', 'none', nodeImage(), 'dmvpnd', '--help'], {
    reject: false,
  });
  return /--ssh\b/.test(`${r.stdout}${r.stderr}`)
    ? undefined
    : `the dmvpnd in ${nodeImage()} has no SSH server (make image)`;
}

const getent = (host: string): string => spawnSync('getent', ['hosts', host], { encoding: 'utf8' }).stdout.trim();

/** Runs `command` on `host` with ssh2 (exec request as admin/admin); resolves with its output. */
function sshExec(host: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    let out = '';
    c.on('error', reject);
    c.on('ready', () =>
      c.exec(command, (err, s) => {
        if (err) return reject(err);
        s.on('data', (b: Buffer) => {
          out += b.toString();
        });
        s.on('close', () => {
          c.end();
          resolve(out);
        });
      }),
    );
    c.connect({ host, port: 22, username: 'admin', password: 'admin', readyTimeout: 30_000 });
  });
}

describe('docker runtime: the management network', { skip: (await skipReason()) ?? false }, () => {
  const name = uniqueName('cm');
  const net = `clab-${name}`;
  let state: LabState;
  const node = (n: string) => state.nodes.find((x) => x.name === n)!;

  before(async () => {
    state = await upLab(copyLab('phase2'), { name, runtime: 'docker', routerTimeoutMs: 120_000 });
  });
  after(async () => {
    await downLab(name).catch(() => undefined);
    const d = await docker();
    assert.deepEqual(
      (await d.listNetworks()).filter((n) => n.Name === net),
      [],
      'the Docker network is gone',
    );
    if (state?.mgmt) assert.equal(existsSync(`/sys/class/net/${state.mgmt.bridge}`), false, 'the bridge is gone');
    assert.equal(getent(`clab-${name}-hub`), '', 'the name is gone');
  });

  it('is an internal Docker network on the planned subnet, its bridge named as in the state', async () => {
    assert.ok(state.mgmt);
    const info = await (await docker()).getNetwork(net).inspect();
    assert.equal(info.Internal, true);
    assert.equal(info.IPAM?.Config?.[0]?.Subnet, state.mgmt.subnet);
    assert.equal(info.Options?.['com.docker.network.bridge.name'], state.mgmt.bridge);
    assert.ok(existsSync(`/sys/class/net/${state.mgmt.bridge}`));
  });

  it('puts every router on it with its mgmt address as mgmt0, with no default route through it', async () => {
    const rt = getRuntime('docker');
    for (const r of ['hub', 'spoke1', 'spoke2']) {
      const info = await (await docker()).getContainer(node(r).namespace).inspect();
      assert.equal(info.NetworkSettings.Networks[net]?.IPAMConfig?.IPv4Address, node(r).mgmtIpv4);
      const addr = await rt.exec(node(r).namespace, ['ip', '-o', '-4', 'addr', 'show', 'dev', 'mgmt0']);
      assert.match(addr.stdout, new RegExp(`inet ${node(r).mgmtIpv4!.replaceAll('.', '\\.')}/`));
      const routes = await rt.exec(node(r).namespace, ['ip', '-4', 'route', 'show', 'dev', 'mgmt0']);
      assert.doesNotMatch(routes.stdout, /default/);
    }
  });

  it('names the routers in /etc/hosts and answers SSH (ssh2) on the management address', async () => {
    assert.equal(getent(`clab-${name}-hub`).split(/\s+/)[0], node('hub').mgmtIpv4);
    const out = await sshExec(`clab-${name}-hub`, 'show dmvpn');
    assert.match(out, /Type:Hub/);
  });
});
