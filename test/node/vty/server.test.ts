import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenControl } from '../../../src/node/vty/server.js';
import { sendControl, ControlError } from '../../../src/node/api/client.js';

test('control socket: command, input lines, streaming and errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctl-'));
  const path = join(dir, 'r.sock');
  const seen: string[][] = [];
  const server = await listenControl(path, async (req) => {
    seen.push([req.command, ...req.input]);
    if (req.command === 'fail') throw new Error('Invalid input detected');
    if (req.command === 'stream') {
      req.write('a\n');
      req.write('b\n');
      setTimeout(() => {
        req.write('c\n');
        req.end();
      }, 5);
      return undefined;
    }
    return `${req.command} with ${req.input.length} lines`;
  });
  try {
    assert.equal(await sendControl(path, 'show dmvpn json'), 'show dmvpn json with 0 lines\n');
    assert.equal(
      await sendControl(path, 'configure', ['interface Tunnel0', ' ip nhrp redirect']),
      'configure with 2 lines\n',
    );
    assert.deepEqual(seen[1], ['configure', 'interface Tunnel0', ' ip nhrp redirect']);
    assert.equal(await sendControl(path, 'fail'), '% Invalid input detected\n');
    let streamed = '';
    const all = await sendControl(path, 'stream', [], (t) => {
      streamed += t;
    });
    assert.equal(streamed, 'a\nb\nc\n');
    assert.equal(all, streamed);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(sendControl(path, 'show dmvpn'), ControlError);
});
