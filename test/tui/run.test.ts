import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { cliSession } from '../../src/tui/cli-session.js';
import { removeTemps, tempDir } from '../helpers/lab.js';

after(removeTemps);
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

describe('dmvpn-lab tui without a terminal', () => {
  it('says what to use instead and exits 2', async () => {
    const r = await execa(process.execPath, ['--import', 'tsx', CLI, 'tui'], { reject: false, stdin: 'pipe' });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /needs a terminal/);
    assert.match(r.stderr, /dmvpn-lab status/);
    assert.match(r.stderr, /inspect LAB --json/);
    assert.equal(r.stdout, '');
  });
});

describe('the router CLI session the TUI steps aside for', () => {
  it('sends each line to the control socket, prints the answer, ends on exit', async () => {
    const socket = join(tempDir('tui-cli-'), 'r.sock');
    const seen: string[] = [];
    const server = createServer({ allowHalfOpen: true }, (c) => {
      let req = '';
      c.setEncoding('utf8');
      c.on('data', (t: string) => (req += t));
      c.on('end', () => {
        seen.push(req.trim());
        c.end(`answer to ${req.trim()}\n`);
      });
    });
    await new Promise<void>((r) => server.listen(socket, r));
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (b: Buffer) => (printed += b.toString()));
    const done = cliSession('spoke1', socket, input, output);
    input.write('show dmvpn\n');
    input.write('\n');
    input.write('show ip route\n');
    input.write('exit\n');
    input.write('show never\n');
    await done;
    server.close();
    assert.deepEqual(seen, ['show dmvpn', 'show ip route']);
    assert.match(printed, /Connected to spoke1/);
    assert.match(printed, /answer to show dmvpn\n/);
    assert.match(printed, /answer to show ip route\n/);
  });
});
