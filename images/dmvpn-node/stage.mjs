#!/usr/bin/env node
// Stages the dmvpn-node build context: the router's compiled code (dist/ without the orchestrator's
// cli/, lab/ and tui/), its native addon, and only the npm packages that code imports (with their
// dependencies), plus the Dockerfile and the container scripts. Usage: stage.mjs REPO OUT
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [repo, out] = process.argv.slice(2);
if (!repo || !out) {
  console.error('usage: stage.mjs REPO OUT');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const ORCHESTRATOR = new Set(['cli', 'lab', 'tui']);
const addon = join(repo, 'native', 'build', 'Release', 'dmvpn_native.node');
const entry = join(repo, 'dist', 'node', 'main.js');
for (const f of [entry, addon]) {
  if (!existsSync(f)) {
    console.error(
      `stage: ${relative(repo, f)} is missing: run "make build" (npm run build and the native addon) first`,
    );
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
const app = join(out, 'app');
mkdirSync(join(app, 'native', 'build', 'Release'), { recursive: true });

// dist/: everything but the orchestrator and source maps.
const dist = join(repo, 'dist');
cpSync(dist, join(app, 'dist'), {
  recursive: true,
  filter: (src) => {
    const rel = relative(dist, src);
    return !ORCHESTRATOR.has(rel.split('/')[0]) && !rel.endsWith('.map');
  },
});
cpSync(addon, join(app, 'native', 'build', 'Release', 'dmvpn_native.node'));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify({ name: 'dmvpnd', version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
);

/**
 * Package names the router loads: the bare specifiers of every .js file reachable from `entry` through relative
 * imports (static and dynamic). Files in dist/ that the router never loads (the show-JSON schemas of the API, for
 * clients) add no package.
 */
function bareImports(entry, found = new Set(), seen = new Set()) {
  if (seen.has(entry) || !existsSync(entry)) return found;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  // a specifier is a package name (npm's characters, no spaces) or a relative path: text that ends in "from" is none
  const specifier =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)['"]((?:@[\w.~-]+\/)?[\w~-][\w.~-]*(?:\/[\w.~/-]*)?|node:[\w/]+|\.{1,2}\/[\w.~/-]+)['"]/gm;
  for (const m of text.matchAll(specifier)) {
    const spec = m[1];
    if (spec.startsWith('node:')) continue;
    if (spec.startsWith('.')) {
      bareImports(join(dirname(entry), spec), found, seen);
      continue;
    }
    const parts = spec.split('/');
    found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return found;
}

/** Where Node would find package `name` when required from `fromDir` (walking up node_modules). */
function resolvePackage(name, fromDir) {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (d === repo || dirname(d) === d) return undefined;
  }
}

const wanted = [...bareImports(join(app, 'dist', 'node', 'main.js'))].map((name) => ({ name, from: repo }));
const copied = new Set();
while (wanted.length > 0) {
  const { name, from } = wanted.pop();
  const dir = resolvePackage(name, from);
  if (!dir) {
    console.error(
      `stage: package ${name} (needed by ${relative(repo, from) || 'dist'}) is not installed: run "npm ci"`,
    );
    process.exit(1);
  }
  if (copied.has(dir)) continue;
  copied.add(dir);
  cpSync(dir, join(app, relative(repo, dir)), {
    recursive: true,
    filter: (src) => !src.slice(dir.length).includes('/node_modules/'),
  });
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(meta.dependencies ?? {})) wanted.push({ name: dep, from: dir });
  for (const dep of Object.keys(meta.optionalDependencies ?? {}))
    if (resolvePackage(dep, dir)) wanted.push({ name: dep, from: dir });
  // Nested node_modules of this package are reached through its own dependencies above.
}

cpSync(join(here, 'Dockerfile'), join(out, 'Dockerfile'));
cpSync(join(here, 'bin'), join(out, 'bin'), { recursive: true });
console.log(`staged ${out}: dist (router only), native addon, ${copied.size} npm packages`);
