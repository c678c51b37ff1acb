import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { isRoot, removeTemps, SHIPPED_LABS, tempDir } from '../helpers/lab.js';

const REPO = join(import.meta.dirname, '..', '..');
const hasSetpriv = (() => {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs argv as user nobody with no groups (the way a non-root user would). */
const asNobody = (argv: string[], env: Record<string, string> = {}) =>
  execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv], {
    reject: false,
    cwd: '/tmp',
    env,
    timeout: 60_000,
  });

const skip = !isRoot ? 'needs root (to become nobody)' : !hasSetpriv && 'no setpriv';

describe('a non-root user gets a clear NOT_ROOT, not a silent failure', { skip }, () => {
  // A dist built from this tree, inside node_modules/ so that its imports resolve, readable by everyone.
  let dist = '';
  let socketServer: Server | undefined;
  before(() => {
    dist = mkdtempSync(join(REPO, 'node_modules', '.cache-dmvpn-lab-dist-'));
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', dist]);
    chmodSync(dist, 0o755);
  });
  after(() => {
    socketServer?.close();
    rmSync(dist, { recursive: true, force: true });
    removeTemps();
  });

  const phase3 = join(SHIPPED_LABS, 'phase3', 'phase3.clab.yml');
  const commands = [
    ['up', phase3],
    ['down', 'x'],
    ['check', phase3],
    ['exec', 'host1', '--', 'true'],
    ['cli', 'hub', 'show dmvpn'],
    ['status'],
    ['inspect', 'x'],
    ['capture', 'x', '--all'],
  ];
  for (const args of commands) {
    it(`dmvpn-lab ${args[0]} says it needs root`, async () => {
      const r = await asNobody([process.execPath, join(dist, 'cli', 'main.js'), ...args]);
      const cmd = `dmvpn-lab ${args[0]}`;
      const said = `${cmd} needs root .*run it as root, e\\.g\\. "sudo ${cmd} …" \\[NOT_ROOT\\]`;
      assert.match(String(r.stderr), new RegExp(said));
      assert.doesNotMatch(String(r.stderr), /runtime (netns|docker)/, 'nothing is tried before the refusal');
      assert.equal(r.exitCode, 3);
    });
  }

  it('commands that need no root still run for a non-root user', async () => {
    const args = ['simulate', '--spokes', '3', '--seconds', '5', '--flows', '1'];
    const r = await asNobody([process.execPath, join(dist, 'cli', 'main.js'), ...args]);
    assert.equal(r.exitCode, 0, String(r.stderr));
  });

  it('dmvpnd run says it needs root (or CAP_NET_ADMIN and CAP_NET_RAW)', async () => {
    const args = ['--config', join(SHIPPED_LABS, 'phase3', 'hub.cfg'), '--control', '/tmp/nobody-hub.sock'];
    const r = await asNobody([process.execPath, join(dist, 'node', 'main.js'), ...args]);
    assert.match(String(r.stderr), /dmvpnd: needs root \(or CAP_NET_ADMIN and CAP_NET_RAW\).*\[NOT_ROOT\]/);
    assert.equal(r.exitCode, 1);
  });

  it("make install puts wrappers on PATH that run the tree's dist for anyone", async () => {
    const prefix = tempDir('dmvpn-lab-prefix-');
    chmodSync(prefix, 0o755);
    const m = await execa('make', ['-s', '-C', REPO, 'install', `PREFIX=${prefix}`, `DIST=${dist}`], { reject: false });
    assert.equal(m.exitCode, 0, String(m.stderr));
    const r = await asNobody([join(prefix, 'bin', 'dmvpn-lab'), 'up', phase3], { PATH: '/usr/bin:/bin' });
    assert.match(String(r.stderr), /\[NOT_ROOT\]/);
    const v = await asNobody([join(prefix, 'bin', 'dmvpn-lab'), '--version'], { PATH: '/usr/bin:/bin' });
    assert.equal(v.exitCode, 0);
  });

  it('npm runs no build when the package is used (no prepare script writing into a root-owned tree)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.prepare, undefined);
    assert.match(readFileSync(join(REPO, 'Makefile'), 'utf8'), /^build: deps\n\tnpm run build/m);
  });

  it('the Docker socket refusing a user is named as such, not as "no daemon"', async () => {
    const dir = tempDir('dmvpn-lab-docker-');
    chmodSync(dir, 0o755);
    const sock = join(dir, 'docker.sock');
    socketServer = createServer((c) => c.end());
    await new Promise<void>((res) => socketServer!.listen(sock, res));
    chmodSync(sock, 0o600);
    const client = JSON.stringify(join(dist, 'lab', 'runtime', 'docker-client.js'));
    const script =
      `import(${client}).then((m) => m.requireDaemon(2000))` +
      '.catch((e) => { process.stderr.write(e.message); process.exit(3); })';
    const r = await asNobody([process.execPath, '-e', script], { DOCKER_HOST: `unix://${sock}` });
    assert.equal(r.exitCode, 3);
    const said = `permission denied on the Docker socket ${sock}: run as root or join the docker group`;
    assert.equal(String(r.stderr), said);
  });
});
