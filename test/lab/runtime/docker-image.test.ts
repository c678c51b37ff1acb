import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { docker, findImage, nodeImage, routerHash } from '../../../src/lab/runtime/docker-client.js';
import { dockerSkipReason } from '../../helpers/docker.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const IMAGES = join(ROOT, 'images', 'dmvpn-node');

/** Stages `dist` as stage.mjs does (no cli/, lab/, tui/, no maps) and runs build.sh's own `ROUTER=…` line on it. */
async function shellRouterHash(dist: string): Promise<string> {
  const line = readFileSync(join(IMAGES, 'build.sh'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ROUTER=$('));
  assert.ok(line, 'build.sh computes ROUTER');
  const ctx = tempDir('dmvpn-lab-ctx-');
  cpSync(dist, join(ctx, 'app', 'dist'), {
    recursive: true,
    filter: (src) => !/^(cli|lab|tui)(\/|$)/.test(relative(dist, src)) && !src.endsWith('.map'),
  });
  const r = await execa('bash', ['-c', `set -euo pipefail; CTX=${ctx}; ${line}; echo "$ROUTER"`]);
  return r.stdout.trim();
}

function write(root: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
}

describe('dmvpn-node image: build inputs', () => {
  it('the router hash the runtime computes is the one build.sh labels the image with, and only router code moves it', async () => {
    const dist = join(tempDir('dmvpn-lab-image-'), 'dist');
    write(dist, {
      'node/main.js': 'a',
      'node/sys/tap.js': 'b',
      'wire/gre.js': 'c',
      'top.js': 'd',
      'cli/main.js': 'e',
      'lab/lab.js': 'f',
      'node/main.js.map': 'g',
    });
    const first = routerHash(dist);
    assert.match(first ?? '', /^[0-9a-f]{24}$/);
    assert.equal(first, await shellRouterHash(dist));
    write(dist, { 'cli/main.js': 'changed', 'lab/lab.js': 'changed', 'node/main.js.map': 'changed' });
    assert.equal(routerHash(dist), first, 'the orchestrator and source maps are not the router');
    write(dist, { 'wire/gre.js': 'changed' });
    assert.notEqual(routerHash(dist), first);
    assert.equal(routerHash(dist), await shellRouterHash(dist));
  });

  const built =
    existsSync(join(ROOT, 'dist', 'node', 'main.js')) &&
    existsSync(join(ROOT, 'native', 'build', 'Release', 'dmvpn_native.node'));
  it('stages the router without the orchestrator, its addon, and only the packages it imports', {
    skip: !built && 'needs make build (dist/ and the native addon)',
  }, async () => {
    const out = tempDir('dmvpn-lab-stage-');
    await execa(process.execPath, [join(IMAGES, 'stage.mjs'), ROOT, out]);
    const app = join(out, 'app');
    assert.deepEqual(
      readdirSync(join(app, 'dist')).filter((d) => ['cli', 'lab', 'tui'].includes(d)),
      [],
    );
    assert.ok(existsSync(join(app, 'dist', 'node', 'main.js')));
    assert.ok(existsSync(join(app, 'native', 'build', 'Release', 'dmvpn_native.node')));
    const packages = readdirSync(join(app, 'node_modules'));
    assert.ok(packages.includes('commander'), 'dmvpnd imports commander');
    assert.ok(
      !packages.includes('dockerode') && !packages.includes('zod') && !packages.includes('typescript'),
      `orchestrator and dev packages stay out: ${packages.join(' ')}`,
    );
    assert.equal(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).type, 'module');
    assert.ok(existsSync(join(out, 'Dockerfile')) && existsSync(join(out, 'bin', 'dmvpn-node')));
  });
});

describe('dmvpn-node image: contents', { skip: (await dockerSkipReason()) ?? false }, () => {
  it('carries its version, source commit and router hash, and holds Node 20, dmvpnd, iproute2, iptables, tcpdump and ping', async () => {
    const image = (await findImage(await docker()))!;
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(image.labels['org.opencontainers.image.version'], version);
    assert.match(image.labels['org.opencontainers.image.revision'] ?? '', /^[0-9a-f]{40}(-dirty)?$/);
    assert.match(image.labels['dmvpn-lab.router'] ?? '', /^[0-9a-f]{24}$/);
    const script =
      'node -v; dmvpnd --help | head -1; ip -V; iptables -V; tcpdump --version 2>&1 | head -1; ping -V | head -1';
    const r = await execa('docker', ['run', '--rm', '--network', 'none', nodeImage(), 'sh', '-c', script]);
    assert.match(r.stdout, /^v20\./m);
    assert.match(r.stdout, /Usage: dmvpnd/);
    assert.match(r.stdout, /iproute2/);
    assert.match(r.stdout, /iptables v1/);
    assert.match(r.stdout, /tcpdump version/);
    assert.match(r.stdout, /iputils/);
  });
});
