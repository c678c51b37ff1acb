import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { LAB_CHECKS, validateLab, type LabCheck } from '../../../src/lab/validate/index.js';
import { removeTemps, tempLab } from '../../helpers/lab.js';

after(removeTemps);
const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');
const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const cli = (args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', CLI, ...args], { reject: false, timeout: 120_000 });

const TOPOLOGY = `name: val
topology:
  nodes:
    hub: { kind: dmvpn, startup-config: hub.cfg }
    spoke1: { kind: dmvpn, startup-config: spoke1.cfg }
    spoke2: { kind: dmvpn, startup-config: missing.cfg }
    inet: { kind: internet, interfaces: { eth1: 192.0.2.254/24, eth2: 198.51.100.254/24, eth3: 203.0.113.254/24 } }
  links:
    - endpoints: ["hub:GigabitEthernet0/1", "inet:eth1"]
    - endpoints: ["spoke1:GigabitEthernet0/1", "inet:eth2"]
    - endpoints: ["spoke2:GigabitEthernet0/1", "inet:eth3"]
`;

describe('validate', { skip: !dmvpndAvailable() && 'dmvpnd not available' }, () => {
  it('passes a shipped lab: topology and every router config, exit 0', async () => {
    const r = await cli(['validate', join(LABS, 'phase1', 'phase1.clab.yml')]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /topology and 3 router configs: 0 errors/);
  });

  it('reports each bad config line and a missing config with file:line, exit 1', async () => {
    const dir = tempLab({ 'lab.clab.yml': TOPOLOGY });
    copyFileSync(join(LABS, 'phase1', 'hub.cfg'), join(dir, 'hub.cfg'));
    const spoke = readFileSync(join(LABS, 'phase1', 'spoke1.cfg'), 'utf8').split('\n');
    const at = spoke.findIndex((l) => /^\s*ip nhrp nhs /.test(l));
    assert.ok(at >= 0);
    spoke[at] = ' ip nhrp nhs 10.0.0.300';
    writeFileSync(join(dir, 'spoke1.cfg'), spoke.join('\n'));
    const r = await cli(['validate', join(dir, 'lab.clab.yml')]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `spoke1\\.cfg:${at + 1}:\\d+: error: ip nhrp nhs: expected .*found '10\\.0\\.0\\.300' \\[CONFIG_INVALID_INPUT\\]`,
      ),
    );
    assert.match(
      r.stdout,
      /lab\.clab\.yml:6:\d+: error: .*startup-config not found: .*missing\.cfg \[TOPOLOGY_INVALID\]/,
    );
    assert.doesNotMatch(r.stdout, /hub\.cfg:\d+: error/);
    assert.match(r.stdout, /topology and 2 router configs: 2 errors/);
  });

  it('reports topology problems with file:line, exit 1', async () => {
    const dir = tempLab({ 'lab.clab.yml': TOPOLOGY.replace('kind: internet', 'kind: internet, gatway: 1.2.3.4') });
    const r = await cli(['validate', join(dir, 'lab.clab.yml')]);
    assert.equal(r.exitCode, 1);
    assert.match(
      r.stdout,
      /lab\.clab\.yml:7:\d+: error: .*unknown field "gatway" \(did you mean "gateway"\?\) \[TOPOLOGY_INVALID\]/,
    );
  });

  it('reports an address used twice on one segment (the check up runs), exit 1', async () => {
    const dir = tempLab({ 'lab.clab.yml': TOPOLOGY.replace('missing.cfg', 'spoke2.cfg') });
    for (const n of ['hub', 'spoke1']) copyFileSync(join(LABS, 'phase1', `${n}.cfg`), join(dir, `${n}.cfg`));
    const spoke1 = readFileSync(join(LABS, 'phase1', 'spoke1.cfg'), 'utf8');
    const tunnel = /interface Tunnel0[\s\S]*?ip address (\S+) /.exec(spoke1)![1]!;
    writeFileSync(
      join(dir, 'spoke2.cfg'),
      readFileSync(join(LABS, 'phase1', 'spoke2.cfg'), 'utf8').replace(
        /(interface Tunnel0[\s\S]*?ip address )\S+/,
        `$1${tunnel}`,
      ),
    );
    const r = await cli(['validate', join(dir, 'lab.clab.yml')]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    const said = `spoke2\\.cfg:\\d+:\\d+: error: node spoke2 interface Tunnel0: address ${tunnel.replace(/\./g, '\\.')} is already spoke1's`;
    assert.match(r.stdout, new RegExp(`${said}.*\\[ADDRESS_DUPLICATE\\]`));
  });

  it('exits 2 when the file cannot be read', async () => {
    const r = await cli(['validate', '/nonexistent/lab.clab.yml']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /cannot read topology file/);
  });

  it('runs every check of the list over the loaded lab (the place to plug more checks in)', async () => {
    const seen: string[] = [];
    const extra: LabCheck = {
      name: 'test',
      run: ({ topology, configs }) => {
        seen.push(topology.name, ...configs.keys());
        return [{ file: topology.file, line: 1, severity: 'error', code: 'TEST', message: 'from the extra check' }];
      },
    };
    const v = await validateLab(join(LABS, 'phase1', 'phase1.clab.yml'), [...LAB_CHECKS, extra]);
    assert.deepEqual(seen, ['phase1', 'hub', 'spoke1', 'spoke2']);
    assert.deepEqual(
      v.problems.map((p) => p.code),
      ['TEST'],
    );
  });
});

describe('validate: the IPv6 overlay', { skip: !dmvpndAvailable() && 'dmvpnd not available' }, () => {
  it('passes the shipped ipv6-phase3 lab, and reports a link-local address used twice on one tunnel', async () => {
    const ok = await validateLab(join(LABS, 'ipv6-phase3', 'ipv6-phase3.clab.yml'));
    assert.deepEqual(
      ok.problems.filter((p) => p.severity === 'error'),
      [],
    );
    const dir = tempLab({});
    for (const f of ['ipv6-phase3.clab.yml', 'hub.cfg', 'spoke1.cfg', 'spoke2.cfg'])
      copyFileSync(join(LABS, 'ipv6-phase3', f), join(dir, f));
    const s2 = join(dir, 'spoke2.cfg');
    writeFileSync(
      s2,
      readFileSync(s2, 'utf8').replace('ipv6 address FE80::12 link-local', 'ipv6 address FE80::11 link-local'),
    );
    const v = await validateLab(join(dir, 'ipv6-phase3.clab.yml'));
    const dup = v.problems.filter((p) => p.code === 'ADDRESS_DUPLICATE');
    assert.equal(dup.length, 1, JSON.stringify(v.problems));
    assert.match(dup[0]!.message, /address fe80::11 is already spoke1's address on Tunnel0/);
    assert.match(dup[0]!.file, /spoke2\.cfg$/);
  });
});
