/**
 * The orchestrator as a container image (`make image-cli`, images/dmvpn-lab/): built (or reused when up to date),
 * then `check --only registration` on the phase3 lab from inside it, with the flags docs/ci.md gives; exit 0,
 * the JSON report written to the bound folder, and nothing left behind (namespaces, containers).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { isRoot, removeTemps, SHIPPED_LABS, tempDir, uniqueName } from '../helpers/lab.js';

const REPO = join(import.meta.dirname, '..', '..');
const IMAGE = 'dmvpn-lab/dmvpn-lab:latest';
const docker = (() => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
})();
const built = (() => {
  try {
    execFileSync('test', ['-f', join(REPO, 'dist', 'cli', 'main.js')]);
    return true;
  } catch {
    return false;
  }
})();
const skip = !isRoot
  ? 'needs root'
  : !docker
    ? 'no Docker daemon answers'
    : !built && 'dist/ is not built (make build)';

/** The flags the netns runtime needs from inside a container (docs/ci.md explains each). */
const RUN_FLAGS = [
  ['--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_ADMIN', '--cap-add', 'NET_RAW', '--device', '/dev/net/tun'],
  ['--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined'],
  ['--security-opt', 'systempaths=unconfined', '--pid=host', '--network=host'],
  ['-v', '/run/netns:/run/netns:shared'],
].flat();

describe('dmvpn-lab as a container image', { skip, timeout: 600_000 }, () => {
  after(() => removeTemps());
  it('make image-cli builds it; check --only registration on phase3 passes from the container', async () => {
    const b = await execa(join(REPO, 'images', 'dmvpn-lab', 'build.sh'), { reject: false, timeout: 550_000 });
    assert.equal(b.exitCode, 0, String(b.stderr));
    const work = tempDir('dmvpn-lab-image-');
    cpSync(join(SHIPPED_LABS, 'phase3'), join(work, 'phase3'), { recursive: true });
    const name = uniqueName('ci');
    execFileSync('mkdir', ['-p', '/run/netns']);
    const r = await execa(
      'docker',
      ['run', '--rm', ...RUN_FLAGS, '-v', `${work}:/work`, IMAGE, 'check', '/work/phase3/phase3.clab.yml'].concat([
        '--name',
        name,
        '--only',
        'registration',
        '--json',
        '/work/report.json',
        '--quiet',
      ]),
      { reject: false, timeout: 300_000 },
    );
    assert.equal(r.exitCode, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(String(r.stdout), /^\d+ passed, 0 failed, 0 skipped in /);
    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
    assert.equal(report.lab, name);
    assert.ok(report.summary.pass >= 2 && report.summary.fail === 0, JSON.stringify(report.summary));
    assert.ok(report.results.every((x: { name: string }) => x.name === 'registration'));
    const ns = String(execFileSync('ip', ['netns', 'list']));
    assert.doesNotMatch(ns, new RegExp(`dl-${name}-`), 'no namespace of the lab is left');
    const ps = String(execFileSync('docker', ['ps', '-aq', '--filter', `ancestor=${IMAGE}`]));
    assert.equal(ps.trim(), '', 'no container is left');
  });
});
