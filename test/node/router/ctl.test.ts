import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCtl } from '../../../src/node/cli/ctl.js';
import { listenControl } from '../../../src/node/vty/server.js';
import { isShow, matchCommand } from '../../../src/node/exec/commands.js';
import { ipBatch } from '../../../src/node/sys/iproute.js';

test('commands: IOS abbreviations, ambiguity, incomplete and invalid input with the caret', () => {
  assert.deepEqual(matchCommand('conf t'), { ok: true, id: 'configure terminal' });
  assert.deepEqual(matchCommand('configure'), { ok: true, id: 'configure' });
  assert.deepEqual(matchCommand('deb nh'), { ok: true, id: 'debug nhrp' });
  assert.deepEqual(matchCommand('clear ip nhrp'), { ok: true, id: 'clear ip nhrp' });
  const amb = matchCommand('c');
  assert.equal(amb.ok, false);
  assert.match(!amb.ok ? amb.message : '', /^% Ambiguous command: {2}"c"/);
  const inc = matchCommand('clear ip');
  assert.equal(!inc.ok && inc.message, '% Incomplete command.\n');
  const bad = matchCommand('clear ip bgp');
  assert.equal(
    !bad.ok && bad.message,
    "clear ip bgp\n         ^\n% Invalid input detected at '^' marker.\n",
    'the line, the caret under the bad word, then the message (IOS order)',
  );
  const prompted = matchCommand('clear ip bgp', 'hub#');
  assert.equal(
    !prompted.ok && prompted.message,
    "hub#clear ip bgp\n             ^\n% Invalid input detected at '^' marker.\n",
  );
  assert.equal(isShow('sh ip nhrp'), true);
  assert.equal(isShow('show'), true);
  assert.equal(isShow('shw dmvpn'), false);
  assert.equal(isShow('  '), false);
});

test("ipBatch: one outcome per command, failures with iproute2's message", {
  skip: spawnSync('ip', ['-V']).status !== 0 ? 'iproute2 not installed' : false,
}, async () => {
  const out = await ipBatch([
    ['link', 'show', 'lo'],
    ['link', 'show', 'dmvpnd-no-such-dev'],
    ['addr', 'show', 'lo'],
  ]);
  assert.equal(out.length, 3);
  assert.equal(out[0], undefined);
  assert.match(out[1] ?? '', /dmvpnd-no-such-dev/);
  assert.equal(out[2], undefined);
  await assert.rejects(ipBatch([['link', 'show', 'a b']]), { code: 'KERNEL_FAILED' });
});

test('dmvpnd ctl: prints the answer, sends configure lines from a non-TTY stdin, exit 1 on %, 2 when unreachable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmvpnd-ctl-'));
  const path = join(dir, 'r.sock');
  const seen: string[][] = [];
  const server = await listenControl(path, (req) => {
    seen.push([req.command, ...req.input]);
    if (req.command === 'show dmvpx') return "hub#show dmvpx\n            ^\n% Invalid input detected at '^' marker.\n";
    if (req.command === 'debug all') {
      const t = setInterval(() => req.write('NHRP: event\n'), 20);
      void req.closed.then(() => clearInterval(t));
      return undefined;
    }
    if (req.command.startsWith('show')) return `${req.command}: ok`;
    if (req.command.startsWith('conf')) return req.input.some((l) => l.includes('bogus')) ? '% 1 line refused\n' : '';
    if (req.command.startsWith('debug')) {
      req.write('NHRP protocol debugging is on\n');
      setTimeout(() => {
        req.write('line 2\n');
        req.end();
      }, 20);
      return undefined;
    }
    return '% Invalid input\n';
  });
  const run = async (
    words: string[],
    stdinText = '',
    tty = false,
    signal?: AbortSignal,
    onOut?: (all: string) => void,
  ) => {
    let out = '';
    let err = '';
    const stdin = Object.assign(Readable.from(stdinText === '' ? [] : [Buffer.from(stdinText)]), { isTTY: tty });
    const code = await runCtl(path, words, {
      stdin,
      out: (t) => ((out += t), onOut?.(out)),
      err: (t) => void (err += t),
      signal,
    });
    return { code, out, err };
  };
  try {
    assert.deepEqual(await run(['show', 'dmvpn', 'json']), { code: 0, out: 'show dmvpn json: ok\n', err: '' });
    assert.deepEqual(await run(['configure'], 'interface Tunnel0\n ip nhrp redirect\n'), { code: 0, out: '', err: '' });
    assert.deepEqual(seen[1], ['configure', 'interface Tunnel0', ' ip nhrp redirect']);
    assert.equal((await run(['conf', 't'], 'bogus\n')).code, 1);
    await run(['configure'], 'ignored\n', true);
    assert.deepEqual(seen[3], ['configure'], 'a terminal stdin is not read');
    assert.deepEqual(await run(['debug', 'nhrp']), {
      code: 0,
      out: 'NHRP protocol debugging is on\nline 2\n',
      err: '',
    });
    assert.equal((await run(['frobnicate'])).code, 1);
    assert.deepEqual(
      await run(['show', 'dmvpx']),
      { code: 1, out: "hub#show dmvpx\n            ^\n% Invalid input detected at '^' marker.\n", err: '' },
      'the IOS order: % is not the first line',
    );
    assert.equal((await run([])).code, 2);
    const hangUp = new AbortController();
    const streamed = await run(['debug', 'all'], '', false, hangUp.signal, (all) => {
      if (all.split('\n').length > 3) hangUp.abort();
    });
    assert.equal(streamed.code, 0, 'a stream ended by Ctrl-C exits 0');
    assert.match(streamed.out, /^(NHRP: event\n){3,}/);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const gone = await run(['show', 'dmvpn']);
  assert.equal(gone.code, 2);
  assert.match(gone.err, /CONTROL_UNREACHABLE/);
});
