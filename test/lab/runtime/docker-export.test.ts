import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  CONTAINER_CONFIG,
  CONTAINER_CONTROL,
  CONTAINER_SETUP,
  writeContainerlabExport,
} from '../../../src/lab/docker/clab-export.js';
import { clabDeploy, clabDestroy, clabExec } from '../../helpers/docker-clab.js';
import { cli, dockerRouterSkipReason } from '../../helpers/docker.js';
import { removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');

interface Exported {
  name: string;
  topology: {
    defaults: Record<string, string>;
    nodes: Record<string, { env: Record<string, string>; binds: string[]; labels: Record<string, string> }>;
    links: Array<{ endpoints: string[] }>;
  };
}

/** A copy of shipped lab `lab` under a name of its own. */
function copyLab(lab: string, name: string): string {
  const dir = join(tempDir('dmvpn-lab-export-'), lab);
  cpSync(join(LABS, lab), dir, { recursive: true });
  const file = join(dir, `${lab}.clab.yml`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return file;
}

describe('export --format containerlab', () => {
  it('writes linux nodes of the image with no management network, the links by Linux name, and every bound file', () => {
    const out = join(tempDir('dmvpn-lab-export-'), 'p3.clab.yml');
    const r = writeContainerlabExport(join(LABS, 'phase3', 'phase3.clab.yml'), { out, image: 'example/dmvpn-node:1' });
    assert.equal(r.topology, out);
    const doc = parse(readFileSync(out, 'utf8')) as Exported;
    assert.equal(doc.name, 'phase3');
    assert.deepEqual(doc.topology.defaults, { kind: 'linux', image: 'example/dmvpn-node:1', 'network-mode': 'none' });
    assert.deepEqual(Object.keys(doc.topology.nodes).sort(), ['host1', 'host2', 'hub', 'inet', 'spoke1', 'spoke2']);
    assert.deepEqual(doc.topology.links[0]!.endpoints, ['hub:eth1', 'inet:eth1']);
    assert.deepEqual(doc.topology.links[2]!.endpoints, ['spoke1:eth2', 'host1:eth1']);
    const spoke1 = doc.topology.nodes.spoke1!;
    assert.equal(spoke1.env.DMVPN_IFACES, 'eth1 eth2');
    assert.deepEqual(spoke1.binds, [
      `spoke1/setup.sh:${CONTAINER_SETUP}:ro`,
      `spoke1/startup-config.cfg:${CONTAINER_CONFIG}:ro`,
    ]);
    assert.deepEqual(
      doc.topology.nodes.host1!.binds,
      [`host1/setup.sh:${CONTAINER_SETUP}:ro`],
      'a host has no router config',
    );
    for (const node of Object.values(doc.topology.nodes)) {
      for (const b of node.binds)
        assert.ok(existsSync(join(out, '..', b.split(':')[0]!)), `bound file ${b} was written`);
    }
    assert.equal(
      readFileSync(join(out, '..', 'spoke1', 'startup-config.cfg'), 'utf8'),
      readFileSync(join(LABS, 'phase3', 'spoke1.cfg'), 'utf8'),
    );
    assert.match(readFileSync(join(out, '..', 'inet', 'setup.sh'), 'utf8'), /addr add 192\.0\.2\.254\/24 dev eth1/);
  });

  it('names the file after the lab inside a folder given with -o, and refuses an unknown format', async () => {
    const dir = tempDir('dmvpn-lab-export-');
    const ok = await cli(['export', join(LABS, 'nat', 'nat.clab.yml'), '--format', 'containerlab', '-o', dir]);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.ok(existsSync(join(dir, 'nat.clab.yml')));
    assert.ok(existsSync(join(dir, 'nat1', 'setup.sh')));
    assert.match(
      readFileSync(join(dir, 'nat1', 'setup.sh'), 'utf8'),
      /iptables -w -t nat -A POSTROUTING -s 192\.168\.1\.0\/24 -o eth1/,
    );
    const bad = await cli(['export', join(LABS, 'nat', 'nat.clab.yml'), '--format', 'gns3']);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /unknown export format "gns3".*\[BAD_ARGUMENT\]/);
  });
});

describe('export --format containerlab: deployed as containerlab deploys it', {
  skip: (await dockerRouterSkipReason()) ?? false,
}, () => {
  const name = uniqueName('cx');
  after(async () => {
    await clabDestroy(name);
  });

  it('the NAT lab comes up from the exported file alone: spokes register through their NAT, hosts ping across', async () => {
    const dir = tempDir('dmvpn-lab-export-');
    const { topology } = writeContainerlabExport(copyLab('nat', name), { out: dir });
    await clabDeploy(topology);
    // `show ip nhrp nhs`: the NHS line says R (Responding) once spoke1 is registered.
    const registered = /^172\.16\.0\.1\s+R\s/m;
    let nhs = '';
    for (let i = 0; i < 40 && !registered.test(nhs); i++) {
      nhs = (await clabExec(name, 'spoke1', ['dmvpnd', 'ctl', CONTAINER_CONTROL, 'show ip nhrp nhs'])).stdout;
      if (!registered.test(nhs)) await sleep(250);
    }
    assert.match(nhs, registered, `spoke1's NHS list: ${nhs}`);
    const hub = await clabExec(name, 'hub', ['dmvpnd', 'ctl', CONTAINER_CONTROL, 'show dmvpn']);
    assert.match(
      hub.stdout,
      /198\.51\.100\.1 .*172\.16\.0\.11 +UP/,
      `the hub sees spoke1 at its NAT's address:\n${hub.stdout}`,
    );
    let ping = await clabExec(name, 'host1', ['ping', '-c', '1', '-W', '1', '10.1.2.10']);
    for (let i = 0; i < 10 && ping.exitCode !== 0; i++)
      ping = await clabExec(name, 'host1', ['ping', '-c', '1', '-W', '1', '10.1.2.10']);
    assert.equal(ping.exitCode, 0, ping.stdout);
  });
});
