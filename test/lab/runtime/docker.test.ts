import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { stopCaptures } from '../../../src/lab/capture.js';
import { LabError } from '../../../src/lab/errors.js';
import { inspectLab } from '../../../src/lab/inspect.js';
import { downLab, upLab } from '../../../src/lab/lab.js';
import { docker } from '../../../src/lab/runtime/docker-client.js';
import { getRuntime } from '../../../src/lab/runtime/index.js';
import type { LabState } from '../../../src/lab/state.js';
import { labStatus } from '../../../src/lab/status.js';
import { netTopology } from '../fixtures/net-topology.js';
import { cli, dockerLeftovers, dockerSkipReason, labContainerNames } from '../../helpers/docker.js';
import { hostLinks, removeTemps, tempDir, tempLab, uniqueName } from '../../helpers/lab.js';

const runDir = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_RUN_DIR = runDir;
after(removeTemps);

describe('docker runtime: internet, NAT, switch and hosts as containers', {
  skip: (await dockerSkipReason()) ?? false,
}, () => {
  const name = uniqueName('td');
  let dir = '';
  let state: LabState;
  let linksBefore: string[] = [];
  let networksBefore: string[] = [];
  const docker_ = getRuntime('docker');
  const ping = (node: string, ip: string) => docker_.exec(`dl-${name}-${node}`, ['ping', '-c', '1', '-W', '2', ip]);

  before(async () => {
    linksBefore = await hostLinks();
    networksBefore = (await (await docker()).listNetworks()).map((n) => n.Name).sort();
    dir = tempLab({ 'net.clab.yml': netTopology(name) });
    state = await upLab(join(dir, 'net.clab.yml'), { runtime: 'docker', capture: true });
  });
  after(async () => {
    await downLab(name).catch(() => undefined);
  });

  it('runs every node as a labelled container of the image with no network but its links', async () => {
    assert.deepEqual(
      await labContainerNames(name),
      ['dc', 'gw', 'inet', 'priv', 'pub', 'sw'].map((n) => `dl-${name}-${n}`),
    );
    const info = await (await docker()).getContainer(`dl-${name}-gw`).inspect();
    assert.equal(info.HostConfig.NetworkMode, 'none');
    assert.deepEqual(Object.keys(info.NetworkSettings.Networks), ['none']);
    assert.deepEqual([...(info.HostConfig.CapAdd ?? [])].sort(), ['NET_ADMIN', 'NET_RAW']);
    assert.equal(info.HostConfig.Privileged, false);
    assert.equal(info.HostConfig.Devices?.[0]?.PathInContainer, '/dev/net/tun');
    const links = await docker_.exec(`dl-${name}-gw`, ['ip', '-o', 'link', 'show']);
    assert.deepEqual(
      links.stdout
        .split('\n')
        .map((l) => l.split(':')[1]!.trim().split('@')[0])
        .sort(),
      ['eth1', 'eth2', 'lo'],
    );
  });

  it('pings across the internet node and through the switch', async () => {
    assert.equal((await ping('pub', '192.0.2.10')).exitCode, 0);
    assert.equal((await ping('dc', '198.51.100.10')).exitCode, 0);
  });

  it('masquerades the inside host behind the outside address, and the capture shows it', async () => {
    assert.equal((await ping('priv', '198.51.100.10')).exitCode, 0);
    await stopCaptures(state);
    const r = await execa('tcpdump', ['-n', '-r', join(state.labDir, 'pcaps', 'inet-eth2.pcap'), 'icmp']);
    assert.match(r.stdout, /IP 203\.0\.113\.2 > 198\.51\.100\.10: ICMP echo request/);
    assert.doesNotMatch(r.stdout, /192\.168\.1\.10/);
  });

  it('keeps the NAT inside unreachable from the internet, and the lab closed', async () => {
    assert.notEqual((await ping('pub', '192.168.1.10')).exitCode, 0);
    const out = await docker_.exec(`dl-${name}-inet`, ['ip', '-4', 'route', 'show', 'default']);
    assert.equal(out.stdout.trim(), '', 'the internet node has no default route out');
    assert.deepEqual(await hostLinks(), linksBefore, 'no lab interface in the host namespace');
    assert.deepEqual(
      (await (await docker()).listNetworks()).map((n) => n.Name).sort(),
      networksBefore,
      'no Docker network was made',
    );
  });

  it('shows status and inspect like the netns runtime', async () => {
    const s = await labStatus(state);
    assert.deepEqual(s.problems, []);
    assert.equal(s.runtime, 'docker');
    assert.ok(s.nodes.every((n) => n.exists && n.processes >= 1));
    const gw = (await inspectLab(state)).nodes.find((n) => n.name === 'gw')!;
    assert.deepEqual(gw.interfaces.find((i) => i.name === 'eth1')?.addresses, ['203.0.113.2/24']);
    assert.equal(gw.interfaces.find((i) => i.name === 'eth2')?.peer, 'priv:eth1');
    const rules = await docker_.exec(`dl-${name}-gw`, ['iptables', '-t', 'nat', '-S', 'POSTROUTING']);
    assert.match(
      rules.stdout,
      new RegExp(`-s 192\\.168\\.1\\.0/24 -o eth1 -m comment --comment "?dmvpn-lab:${name}"? -j MASQUERADE`),
    );
  });

  it('runs exec and status through the CLI, with the command’s exit status', async () => {
    const env = { DMVPN_LAB_RUN_DIR: runDir };
    const ok = await cli(['exec', 'pub', '--lab', name, '--', 'ping', '-c', '1', '-W', '2', '198.51.100.254'], env);
    assert.equal(ok.exitCode, 0, ok.stderr);
    const bad = await cli(['exec', 'pub', '--lab', name, '--', 'sh', '-c', 'exit 7'], env);
    assert.equal(bad.exitCode, 7);
    const st = await cli(['status', name], env);
    assert.equal(st.exitCode, 0, st.stdout);
    assert.match(st.stdout, new RegExp(`lab ${name} \\(up, runtime docker`));
  });

  it('refuses a second lab with the same name', async () => {
    await assert.rejects(
      upLab(join(dir, 'net.clab.yml'), { runtime: 'docker' }),
      (e: unknown) => e instanceof LabError && e.code === 'LAB_EXISTS',
    );
    assert.equal((await labContainerNames(name)).length, 6, 'the refused up removed nothing of the running lab');
  });

  it('down removes every container, name and process; pcaps stay', async () => {
    await downLab(name);
    assert.deepEqual(await dockerLeftovers(name), { containers: [], netns: [], networks: [] });
    assert.deepEqual(await hostLinks(), linksBefore);
    assert.ok(existsSync(join(state.labDir, 'pcaps', 'inet-eth2.pcap')), 'pcaps stay after down');
  });
});

describe('docker runtime: crash cleanup', { skip: (await dockerSkipReason()) ?? false }, () => {
  it('down --all removes every container after dmvpn-lab is killed with SIGKILL in the middle of up', async () => {
    const name = uniqueName('tk');
    const dir = tempLab({ 'net.clab.yml': netTopology(name) });
    const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') };
    const up = cli(['up', join(dir, 'net.clab.yml'), '--runtime', 'docker'], env);
    let seen = '';
    await new Promise<void>((resolve) => {
      up.stderr!.on('data', (b: Buffer) => {
        seen += String(b);
        if (seen.includes('created 5 links')) resolve();
      });
      void up.then(() => resolve());
    });
    assert.match(seen, /created 5 links/, `up ended before the links were made:\n${seen}`);
    up.kill('SIGKILL');
    await up;
    assert.equal((await labContainerNames(name)).length, 6, 'the killed up left its containers');
    const down = await cli(['down', '--all'], env);
    assert.equal(down.exitCode, 0, down.stderr);
    assert.match(down.stdout, new RegExp(`removed ${name}`));
    assert.deepEqual(await dockerLeftovers(name), { containers: [], netns: [], networks: [] });
  });
});
