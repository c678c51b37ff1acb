import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RouterLog } from '../../../src/node/router/log.js';
import { startSsh } from '../../../src/node/vty/ssh.js';
import { vtyAccess } from '../../../src/node/vty/vty-login.js';
import { FakeRouter } from '../../helpers/exec-session.js';
import { askpassEnv, PtyTerminal, sshArgs, sshRun } from '../../helpers/openssh.js';

async function server(cfg?: string) {
  const router = new FakeRouter(cfg);
  const lines: string[] = [];
  const log = new RouterLog((t) => void lines.push(t));
  const dir = mkdtempSync(join(tmpdir(), 'ssh-test-'));
  const ssh = await startSsh({
    port: 0,
    host: '127.0.0.1',
    hostKeyPath: join(dir, 'host_key'),
    backend: router,
    access: () => vtyAccess(router.config.access),
    exec: async (req) => router.show(req.command),
    log,
  });
  return { router, ssh, lines, dir };
}

test('OpenSSH: exec request with the lab default user, wrong password refused and logged, host key kept', async () => {
  const { router, ssh, lines, dir } = await server();
  try {
    const ok = await sshRun([...sshArgs(ssh.port, 'admin', '127.0.0.1'), 'show ip nhrp'], 'admin');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'output of show ip nhrp\n');
    const bad = await sshRun([...sshArgs(ssh.port, 'admin', '127.0.0.1'), 'show ip nhrp'], 'wrong');
    assert.equal(bad.code, 255);
    assert.match(bad.stderr, /Permission denied/);
    assert.equal(ssh.failures(), 1);
    assert.match(lines.join(''), /%SEC_LOGIN-4-LOGIN_FAILED: Login failed \[user: admin\] \[Source: 127\.0\.0\.1\]/);
    assert.match(lines.join(''), /%SEC_LOGIN-5-LOGIN_SUCCESS/);
    assert.match(readFileSync(join(dir, 'host_key'), 'utf8'), /BEGIN EC PRIVATE KEY/);
    assert.deepEqual(router.shows, ['show ip nhrp']);
  } finally {
    await ssh.close();
  }
});

test('OpenSSH on a pty: login from the config, modes, ? and Tab, a config change, exit', async () => {
  const cfg =
    'hostname R\nusername ops privilege 15 secret s3cret\ninterface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n';
  const { router, ssh } = await server(cfg);
  const term = new PtyTerminal(`ssh -tt ${sshArgs(ssh.port, 'ops', '127.0.0.1').join(' ')}`, askpassEnv('s3cret'));
  try {
    await term.expect(/R#$/);
    term.send('show ip ?');
    await term.expect(/nhrp\s+NHRP cache[\s\S]*R#show ip $/);
    term.send('\x15sh ip nh\t');
    await term.expect(/sh ip nhrp $/);
    term.send('br\r');
    await term.expect(/output of sh ip nhrp br\nR#$/);
    term.send('conf t\r');
    await term.expect(/R\(config\)#$/);
    term.send('int tu0\r');
    await term.expect(/R\(config-if\)#$/);
    term.send('ip nhrp network-id 9\r');
    await term.expect(/R\(config-if\)#$/);
    term.send('ip nhrp bogus\r');
    await term.expect(/\^\n% Invalid input detected at '\^' marker\.\nR\(config-if\)#$/);
    term.send('end\r');
    await term.expect(/R#$/);
    assert.equal(router.config.interfaces.Tunnel0?.nhrp?.networkId, 9);
    term.send('exit\r');
    assert.equal(await term.exited, 0);
  } finally {
    term.kill();
    await ssh.close();
  }
});

test('OpenSSH: transport input none refuses SSH; a user-level login gets R>', async () => {
  const none = await server('hostname R\nline vty 0 4\n transport input none\n');
  try {
    const r = await sshRun([...sshArgs(none.ssh.port, 'admin', '127.0.0.1'), 'show x'], 'admin');
    assert.equal(r.code, 255);
    assert.deepEqual(none.router.shows, []);
  } finally {
    await none.ssh.close();
  }
  const user = await server('hostname R\nusername u secret p\n');
  const term = new PtyTerminal(`ssh -tt ${sshArgs(user.ssh.port, 'u', '127.0.0.1').join(' ')}`, askpassEnv('p'));
  try {
    await term.expect(/R>$/);
    term.send('conf t\r');
    await term.expect(/\^\n% Invalid input detected at '\^' marker\.\nR>$/);
    term.send('enable\r');
    await term.expect(/% No password set\nR>$/);
    const ex = await sshRun([...sshArgs(user.ssh.port, 'u', '127.0.0.1'), 'configure terminal'], 'p');
    assert.equal(ex.code, 1, 'privilege 1: exec requests run show and ping only');
  } finally {
    term.kill();
    await user.ssh.close();
  }
});

test('ssh2 clients: a hundred logins at once, busy lines refused, garbage and hang-ups mid-output cleaned up', async () => {
  const { default: ssh2 } = await import('ssh2');
  const { router, ssh } = await server();
  router.showText = () => `${'x'.repeat(70)}\n`.repeat(2000);
  const shell = (): Promise<{ text: string; end: () => void; write: (s: string) => void }> =>
    new Promise((resolve, reject) => {
      const c = new ssh2.Client();
      c.on('error', reject);
      c.on('ready', () =>
        c.shell({ rows: 1, cols: 1 }, (err, s) => {
          if (err) return reject(err);
          const r = { text: '', end: () => c.end(), write: (x: string) => void s.write(x) };
          s.on('data', (b: Buffer) => {
            r.text += b.toString('latin1');
            if (/R#$|busy/.test(r.text)) resolve(r);
          });
        }),
      );
      c.connect({ host: '127.0.0.1', port: ssh.port, username: 'admin', password: 'admin', readyTimeout: 60_000 });
    });
  try {
    const all = await Promise.all(Array.from({ length: 100 }, () => shell()));
    const busy = all.filter((r) => /All vty lines are busy/.test(r.text)).length;
    assert.equal(busy, 100 - 16, 'sixteen vty lines');
    assert.equal(ssh.sessions(), 16);
    const open = all.filter((r) => !/busy/.test(r.text));
    for (const r of open)
      r.write(`\x00\xff\x1b[99;99;99x${String.fromCharCode(...Array.from({ length: 64 }, (_, i) => i))}`);
    for (const r of open) r.write('\x15terminal length 1000\rshow run\r');
    await new Promise((r) => setTimeout(r, 200));
    for (const r of all) r.end();
    const until = Date.now() + 10_000;
    while (ssh.sessions() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.equal(ssh.sessions(), 0, 'every session is cleaned up');
    const after = await sshRun([...sshArgs(ssh.port, 'admin', '127.0.0.1'), 'show ok'], 'admin');
    assert.equal(after.code, 0, 'the server still answers');
  } finally {
    await ssh.close();
  }
});
