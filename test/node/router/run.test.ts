import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultControlPath, runRouter } from '../../../src/node/cli/run.js';

test('dmvpnd --config: a refused line stops it before it touches anything (IOS message with file:line, exit 1)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmvpnd-run-'));
  try {
    const file = join(dir, 'bad.cfg');
    writeFileSync(file, 'hostname r1\ninterface Tunnel0\n ip nhrp holdtime abc\n');
    let out = '';
    let err = '';
    const code = await runRouter({
      config: file,
      control: join(dir, 'r.sock'),
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    });
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(
      err,
      new RegExp(
        `${file.replace(/[.]/g, '\\.')}:3: +ip nhrp holdtime abc\\n +\\^\\n% Invalid input detected at '\\^' marker\\.`,
      ),
    );
    assert.match(err, /1 line refused; not starting/);
    const missing = await runRouter({
      config: join(dir, 'none.cfg'),
      out: () => undefined,
      err: (t) => void (err += t),
    });
    assert.equal(missing, 1);
    assert.match(err, /CONFIG_FILE_UNREADABLE/);
    assert.match(err, /none\.cfg: the configuration cannot be read; not starting/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(defaultControlPath('hub'), '/run/dmvpnd/hub.sock');
});
