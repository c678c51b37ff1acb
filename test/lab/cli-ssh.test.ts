/**
 * A person at the routers of a real lab (phase 2, real dmvpnd): OpenSSH from the host over the
 * management network (exec request, wrong password, a pty session that shuts a tunnel and saves),
 * and `dmvpn-lab cli NODE` as an interactive session fed through a pipe.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sendControl } from '../../src/node/api/index.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import type { LabState } from '../../src/lab/state.js';
import { waitRegistered } from '../../src/lab/status.js';
import { dmvpnLab } from '../helpers/cli.js';
import { assertNothingLeft, copyLab, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { askpassEnv, PtyTerminal, sshArgs, sshRun } from '../helpers/openssh.js';

/** What `getent hosts NAME` prints ('' when the name does not resolve). */
const getent = (host: string): string => spawnSync('getent', ['hosts', host], { encoding: 'utf8' }).stdout.trim();

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

describe('router CLI over SSH and the local console', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  const name = uniqueName('cs');
  let file: string;
  let state: LabState;
  const node = (n: string) => state.nodes.find((x) => x.name === n)!;

  before(async () => {
    file = copyLab('phase2');
    // the routers run from src through tsx when the tests do: slow on a loaded machine
    state = await upLab(file, { name, routerTimeoutMs: 120_000 });
    await waitRegistered(state, 60_000);
  });
  after(async () => {
    await downLab(name).catch(() => undefined);
    if (state?.mgmt) assert.equal(existsSync(`/sys/class/net/${state.mgmt.bridge}`), false, 'the bridge is gone');
    assert.equal(getent(`clab-${name}-hub`), '', 'the name is gone from /etc/hosts after down');
    assert.doesNotMatch(readFileSync('/etc/hosts', 'utf8'), new RegExp(`dmvpn-lab ${name}\\b`));
    await assertNothingLeft(name, file);
    removeTemps();
  });

  it('gives every router a management address the host reaches', () => {
    assert.ok(state.mgmt, 'the lab has a management network');
    assert.match(state.mgmt.subnet, /^172\.20\.\d+\.0\/24$/);
    for (const r of ['hub', 'spoke1', 'spoke2']) assert.match(node(r).mgmtIpv4 ?? '', /^172\.20\.\d+\.\d+$/);
  });

  it('names every router clab-<lab>-<node> in /etc/hosts', () => {
    for (const r of ['hub', 'spoke1', 'spoke2']) {
      assert.equal(getent(`clab-${name}-${r}`).split(/\s+/)[0], node(r).mgmtIpv4);
    }
  });

  it('OpenSSH: an exec request answers; a wrong password is refused and logged', async () => {
    const hub = node('hub').mgmtIpv4!;
    const ok = await sshRun([...sshArgs(22, 'admin', hub), 'show dmvpn'], 'admin');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Type:Hub/);
    const bad = await sshRun([...sshArgs(22, 'admin', hub), 'show dmvpn'], 'nope');
    assert.equal(bad.code, 255);
    const log = await sendControl(node('hub').control!, 'show logging');
    assert.match(log, /%SEC_LOGIN-4-LOGIN_FAILED: Login failed \[user: admin\] \[Source: 172\.20\.\d+\.1\]/);
  });

  it('OpenSSH on a pty: shut a spoke tunnel, see it in show dmvpn, write memory', async () => {
    const spoke = node('spoke1');
    const term = new PtyTerminal(`ssh -tt ${sshArgs(22, 'admin', spoke.mgmtIpv4!).join(' ')}`, askpassEnv('admin'));
    try {
      await term.expect(/spoke1#$/, 15_000);
      term.send('sh dmvpn | inc UP\r');
      await term.expect(/172\.16\.0\.1\s+UP[\s\S]*spoke1#$/);
      term.send('conf t\r');
      await term.expect(/spoke1\(config\)#$/);
      term.send('int tu0\r');
      await term.expect(/spoke1\(config-if\)#$/);
      term.send('shut\r');
      await term.expect(/spoke1\(config-if\)#$/);
      term.send('\x1a');
      await term.expect(/spoke1#$/);
      term.send('show dmvpn | inc Peers\r');
      await term.expect(/NHRP Peers:0,[\s\S]*spoke1#$/);
      term.send('wr\r');
      await term.expect(/\[OK\][\s\S]*spoke1#$/);
      term.send('exit\r');
      assert.equal(await term.exited, 0);
    } finally {
      term.kill();
    }
    assert.match(readFileSync(spoke.config!, 'utf8'), /^interface Tunnel0\n(?: .*\n)* shutdown$/m);
  });

  it('dmvpn-lab cli NODE with no command: an interactive session, here fed through a pipe', async () => {
    const r = await dmvpnLab(['cli', 'hub', '--lab', name], { input: 'sh ip nh br\rsh hist\rexit\r' });
    assert.equal(r.exitCode, 0, String(r.stderr));
    const out = String(r.stdout).replace(/\r/g, '');
    assert.match(out, /^hub>sh ip nh br\n.*172\.16\.0\.1[12]\/32/ms);
    assert.match(out, /hub>sh hist\n {2}sh ip nh br\n {2}sh hist\nhub>exit/);
  });
});
