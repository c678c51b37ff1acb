/**
 * `dmvpn-lab cli NODE …` against a stand-in router (a control socket served in this process) found
 * through a lab registry in a temp run dir: exit status 1 on refusals, configure lines from stdin,
 * `debug nhrp` streamed until SIGINT.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listenControl } from '../../src/node/vty/server.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const INVALID = "r1#frobnicate\n   ^\n% Invalid input detected at '^' marker.\n";

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe('dmvpn-lab cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmvpn-lab-cli-'));
  const socket = join(dir, 'r1.sock');
  let server: Server;

  before(async () => {
    mkdirSync(join(dir, 'labs'));
    const node = { name: 'r1', kind: 'dmvpn', namespace: 'dl-t-r1', interfaces: [], control: socket };
    const state = {
      ...{ version: 1, name: 't', runtime: 'netns', topologyFile: join(dir, 't.clab.yml'), labDir: dir, phase: 'up' },
      ...{
        createdAt: new Date(0).toISOString(),
        orchestratorPid: process.pid,
        namespaces: [],
        nodes: [node],
        links: [],
        captures: [],
      },
    };
    writeFileSync(join(dir, 'labs', 't.json'), JSON.stringify(state));
    server = await listenControl(socket, (req) => {
      if (req.command === 'show dmvpn') return 'Interface: Tunnel0, IPv4 NHRP Details\n';
      const refused = '% 1 line refused; the other lines took effect\n';
      if (req.command === 'configure') return req.input.some((l) => l.includes('bogus')) ? refused : '';
      if (req.command === 'debug nhrp') {
        req.write('NHRP protocol debugging is on\n');
        const t = setInterval(() => req.write('NHRP: Tunnel0: event\n'), 50);
        void req.closed.then(() => clearInterval(t));
        return undefined;
      }
      return INVALID;
    });
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the cli; `until` (when given) sends SIGINT once stdout matches it. */
  const cli = (words: string[], stdin = '', until?: RegExp): Promise<Run> =>
    new Promise((resolve) => {
      const env = { ...process.env, DMVPN_LAB_RUN_DIR: dir };
      const child = spawn(process.execPath, ['--import', 'tsx', main, 'cli', ...words], { env });
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (until && !interrupted && until.test(stdout)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('prints a show answer and exits 0', async () => {
    const r = await cli(['r1', 'show dmvpn']);
    assert.deepEqual([r.code, r.stdout], [0, 'Interface: Tunnel0, IPv4 NHRP Details\n'], r.stderr);
  });

  it('exits 1 on % Invalid input, printing the caret line before the message as IOS does', async () => {
    const r = await cli(['r1', 'frobnicate']);
    assert.deepEqual([r.code, r.stdout], [1, INVALID], r.stderr);
  });

  it('sends configure lines from stdin and exits 1 when a line is refused', async () => {
    assert.equal((await cli(['r1', 'configure'], 'interface Tunnel0\n bogus\n')).code, 1);
    assert.equal((await cli(['r1', 'configure'], 'interface Tunnel0\n ip nhrp shortcut\n')).code, 0);
  });

  it('streams debug nhrp until SIGINT, then exits 0', { timeout: 20_000 }, async () => {
    const r = await cli(['r1', 'debug nhrp'], '', /(NHRP: Tunnel0: event\n){2}/);
    assert.equal(r.code, 0, `${r.signal ?? ''} ${r.stderr}`);
    assert.match(r.stdout, /^NHRP protocol debugging is on\n(NHRP: Tunnel0: event\n){2,}/);
  });
});
