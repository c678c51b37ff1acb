/**
 * The exit statuses every command shares (src/cli/exit-codes.ts, docs/lab-cli.md): 2 for a usage error or bad
 * input, 3 for an environment problem, in a table per command; and `--format json` / `--quiet` of status, inspect
 * and check on a tiny lab, parsed and held against the shape scripts rely on.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dmvpnLab, tinyTopology } from '../helpers/cli.js';
import { isRoot, removeTemps, tempDir, tempLab, uniqueName } from '../helpers/lab.js';

const env = { DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-'), DMVPN_LAB_RUNTIME: 'netns' };
const dir = tempDir('dmvpn-lab-exit-');
const name = uniqueName('ex');
const tiny = join(tempLab({ 'tiny.clab.yml': tinyTopology(name) }), 'tiny.clab.yml');
const garbage = join(dir, 'garbage.pcap');
writeFileSync(garbage, 'not a capture\n');
const missing = join(dir, 'missing');
const noDocker = { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` };
// the JSON tests in a run dir of their own: `status` lists every lab of its run dir
const jsonEnv = { ...env, DMVPN_LAB_RUN_DIR: tempDir('dmvpn-lab-run-') };
after(async () => {
  await dmvpnLab(['down', name], { env: jsonEnv });
  removeTemps();
});

const COMMANDS = ['up', 'down', 'check', 'status', 'inspect', 'capture', 'cli', 'exec', 'decode', 'generate'];
const MORE = ['simulate', 'tui', 'logs', 'start', 'stop', 'restart', 'link', 'graph', 'export', 'validate', 'use'];
type Row = { args: string[]; exit: number; env?: Record<string, string>; code?: string };
const table: Row[] = [
  // usage: commander's errors and our own argument checks
  ...[...COMMANDS, ...MORE].map((c) => ({ args: [c, '--no-such-option'], exit: 2 })),
  { args: ['report', 'diff', '--no-such-option'], exit: 2 },
  { args: [], exit: 2 },
  { args: ['no-such-command'], exit: 2 },
  { args: ['up'], exit: 2 },
  { args: ['simulate', '--spokes', 'many'], exit: 2 },
  { args: ['status', '--format', 'xml'], exit: 2, code: 'BAD_ARGUMENT' },
  { args: ['inspect', 'x', '--format', 'xml'], exit: 2, code: 'BAD_ARGUMENT' },
  { args: ['check', tiny, '--format', 'xml'], exit: 2, code: 'BAD_ARGUMENT' },
  { args: ['exec', 'h1'], exit: 2, code: 'BAD_ARGUMENT' },
  // bad input: files and names that do not exist, a file that is not what it should be
  { args: ['up', missing], exit: 2, code: 'TOPOLOGY_UNREADABLE' },
  { args: ['check', missing], exit: 2, code: 'LAB_UNKNOWN' },
  { args: ['check', tiny, '--only', 'no-such-check'], exit: 2, code: 'CHECK_UNKNOWN' },
  { args: ['status', 'no-such-lab'], exit: 2, code: 'LAB_NOT_FOUND' },
  { args: ['inspect', 'no-such-lab'], exit: 2, code: 'LAB_NOT_FOUND' },
  { args: ['down', 'no-such-lab'], exit: 2, code: 'LAB_NOT_FOUND' },
  { args: ['capture', 'no-such-lab', '--all'], exit: 2, code: 'LAB_NOT_FOUND' },
  { args: ['cli', 'no-such-node', 'show dmvpn'], exit: 2, code: 'NODE_NOT_FOUND' },
  { args: ['exec', 'no-such-node', '--', 'true'], exit: 2, code: 'NODE_NOT_FOUND' },
  { args: ['decode', missing], exit: 2, code: 'ENOENT' },
  { args: ['decode', garbage], exit: 2, code: 'UNSUPPORTED' },
  { args: ['report', 'diff', missing, missing], exit: 2 },
  // environment: no Docker daemon for the docker runtime (not root: test/cli/nonroot.test.ts)
  {
    args: ['up', tiny, '--runtime', 'docker', '--name', `${name}d`],
    exit: 3,
    env: noDocker,
    code: 'DOCKER_UNAVAILABLE',
  },
  { args: ['check', tiny, '--runtime', 'docker', '--name', `${name}c`], exit: 3, env: noDocker, code: 'LAB_FAILED' },
];

describe('exit statuses: the same in every command', { skip: !isRoot && 'needs root (commands refuse first)' }, () => {
  // four at a time: each row is a node process of its own
  const results = new Map<Row, Promise<{ exitCode?: number; stderr: unknown }>>();
  const queue = [...table];
  const run = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const r = dmvpnLab(row.args, { env: { ...env, ...row.env }, timeout: 90_000 });
      results.set(row, r);
      await r;
    }
  };
  const all = Promise.all([run(), run(), run(), run()]);
  for (const row of table) {
    it(`dmvpn-lab ${row.args.map((a) => a.replace(dir, '…')).join(' ')} exits ${row.exit}`, async () => {
      while (!results.has(row)) await new Promise((r) => setTimeout(r, 20));
      const r = await results.get(row)!;
      assert.equal(r.exitCode, row.exit, String(r.stderr));
      if (row.code) assert.match(String(r.stderr), new RegExp(`\\[${row.code}\\]`));
    });
  }
  after(() => all);
});

/** Asserts that `v` has each key with a value of the named type. */
function hasShape(v: unknown, shape: Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array'>): void {
  assert.equal(typeof v, 'object');
  for (const [k, t] of Object.entries(shape)) {
    const x = (v as Record<string, unknown>)[k];
    assert.ok(t === 'array' ? Array.isArray(x) : typeof x === t, `${k} should be ${t}, is ${JSON.stringify(x)}`);
  }
}

describe('--format json and --quiet', { skip: !isRoot && 'needs root (network namespaces)' }, () => {
  it('status, inspect and check print JSON of a stable shape; check --quiet only the summary', async () => {
    const none = await dmvpnLab(['status', '--format', 'json'], { env: jsonEnv });
    assert.equal(none.exitCode, 0, String(none.stderr));
    assert.deepEqual(JSON.parse(String(none.stdout)), []);

    const up = await dmvpnLab(['up', tiny], { env: jsonEnv });
    assert.equal(up.exitCode, 0, String(up.stderr));

    const st = await dmvpnLab(['status', name, '--format', 'json'], { env: jsonEnv });
    assert.equal(st.exitCode, 0, String(st.stderr));
    const status = JSON.parse(String(st.stdout));
    hasShape(status, { name: 'string', phase: 'string', runtime: 'string', nodes: 'array', problems: 'array' });
    assert.equal(status.name, name);
    for (const n of status.nodes) hasShape(n, { name: 'string', kind: 'string', state: 'string' });
    assert.deepEqual(status.nodes.map((n: { name: string }) => n.name).sort(), ['h1', 'inet']);

    const ins = await dmvpnLab(['inspect', name, '--format', 'json'], { env: jsonEnv });
    assert.equal(ins.exitCode, 0, String(ins.stderr));
    const info = JSON.parse(String(ins.stdout));
    hasShape(info, { name: 'string', phase: 'string', runtime: 'string', labDir: 'string', nodes: 'array' });
    for (const n of info.nodes)
      hasShape(n, { name: 'string', kind: 'string', namespace: 'string', interfaces: 'array' });
    const h1 = info.nodes.find((n: { name: string }) => n.name === 'h1');
    const eth1 = h1.interfaces.find((i: { name: string }) => i.name === 'eth1');
    assert.ok(eth1.addresses.includes('192.0.2.10/24'), JSON.stringify(eth1));

    const ck = await dmvpnLab(['check', name, '--format', 'json'], { env: jsonEnv });
    assert.equal(ck.exitCode, 0, String(ck.stderr));
    const report = JSON.parse(String(ck.stdout));
    hasShape(report, { lab: 'string', summary: 'object', results: 'array', durationMs: 'number', pcaps: 'array' });
    hasShape(report.summary, { pass: 'number', fail: 'number', skip: 'number' });
    assert.equal(report.summary.fail, 0);
    for (const r of report.results) hasShape(r, { name: 'string', status: 'string', reason: 'string' });

    const quiet = await dmvpnLab(['check', name, '--quiet'], { env: jsonEnv });
    assert.equal(quiet.exitCode, 0, String(quiet.stderr));
    assert.match(String(quiet.stdout), /^\d+ passed, 0 failed, \d+ skipped in [\d.]+ s; pcaps: [^\n]*$/);

    const down = await dmvpnLab(['down', name], { env: jsonEnv });
    assert.equal(down.exitCode, 0, String(down.stderr));
  });
});
