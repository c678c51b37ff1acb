// Builds the N-API addon with node-gyp (the one bundled with npm), using the local Node headers when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prefix = join(dirname(process.execPath), '..');
const gyp = [
  process.env.npm_config_node_gyp,
  join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
].find((p) => p && existsSync(p));
const incremental = !process.argv.includes('--rebuild') && existsSync(join(here, 'build', 'Makefile'));
const args = [incremental ? 'build' : 'rebuild'];
// Headers installed with Node (Debian's nodejs-dev, official images) avoid a download.
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_api.h')))
  args.push(`--nodedir=${prefix}`);
const cmd = gyp ? process.execPath : 'node-gyp';
let r = spawnSync(cmd, gyp ? [gyp, ...args] : args, { cwd: here, stdio: 'inherit' });
// An incremental build whose binding.gyp changed (a new source file) may fail to regenerate its Makefile: rebuild.
if (incremental && !r.error && r.status !== 0) {
  args[0] = 'rebuild';
  r = spawnSync(cmd, gyp ? [gyp, ...args] : args, { cwd: here, stdio: 'inherit' });
}
if (r.error) {
  console.error(`native build: cannot run node-gyp: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
