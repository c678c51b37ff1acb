import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { CLI, copyLab, dmvpnLab } from '../helpers/cli.js';

const runDir = tempDir('dmvpn-lab-run-');
const names: string[] = [];
/** A lab name for one test, taken down after the tests whatever happened. */
const labName = (prefix: string): string => {
  const n = uniqueName(prefix);
  names.push(n);
  return n;
};
after(async () => {
  for (const n of names) if (existsSync(join(runDir, 'labs', `${n}.json`))) await dmvpnLab(['down', n], { env });
  removeTemps();
});
const env = { ...process.env, DMVPN_LAB_RUN_DIR: runDir, DMVPN_LAB_RUNTIME: 'netns' };
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

interface Ended {
  code: number | null;
  stderr: string;
}

/** Runs dmvpn-lab ARGS; sends each signal (to its pid only) once its stderr matches the pattern paired with it. */
function interruptAt(args: string[], ...steps: Array<[RegExp, NodeJS.Signals]>): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const stdio = ['ignore', 'ignore', 'pipe'] as const;
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: [...stdio] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      while (steps.length > 0 && steps[0]![0].test(stderr)) child.kill(steps.shift()![1]);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function nothingLeft(name: string, file: string): Promise<void> {
  await assertNothingLeft(name, file);
  const listed = readdirSync(join(runDir, 'labs')).filter((f) => f.startsWith(name));
  assert.deepEqual(listed, [], 'the registry still lists the lab');
  assert.ok(!existsSync(join(runDir, 'ctl', name)), 'the control socket folder is still there');
}

describe('Ctrl-C during up and check', { skip }, () => {
  it('SIGINT while up starts the routers rolls everything back and says so (exit 130)', async () => {
    const file = copyLab('phase3');
    const name = labName('ic');
    const r = await interruptAt(['up', file, '--name', name], [/starting 3 routers/, 'SIGINT']);
    assert.match(r.stderr, /SIGINT: removing what was created/);
    assert.match(r.stderr, new RegExp(`lab ${name} rolled back`));
    assert.equal(r.code, 130, r.stderr);
    await nothingLeft(name, file);
  });

  it('SIGINT while up --wait waits for registrations takes the lab down again', async () => {
    // spoke1 names an NHS nobody answers at, so the wait lasts until the signal.
    const file = copyLab('phase3', { 'spoke1.cfg': (t) => t.replace('nbma 192.0.2.1', 'nbma 192.0.2.99') });
    const name = labName('iw');
    const r = await interruptAt(['up', file, '--name', name, '--wait', '20'], [/lab \S+ is up\n/, 'SIGINT']);
    assert.match(r.stderr, new RegExp(`lab ${name} rolled back`));
    assert.equal(r.code, 130, r.stderr);
    await nothingLeft(name, file);
  });

  it('SIGTERM while check runs takes down the lab it brought up (exit 143)', async () => {
    const file = copyLab('phase3');
    const name = labName('it');
    const r = await interruptAt(['check', file, '--name', name], [/check registration\n/, 'SIGTERM']);
    assert.match(r.stderr, /SIGTERM: stopping the checks/);
    assert.match(r.stderr, new RegExp(`lab ${name} is down`));
    assert.equal(r.code, 143, r.stderr);
    await nothingLeft(name, file);
  });

  it('a second SIGINT exits at once and says how to remove what is left', async () => {
    const file = copyLab('phase3');
    const name = labName('i2');
    const args = ['up', file, '--name', name];
    const r = await interruptAt(args, [/starting 3 routers/, 'SIGINT'], [/again to exit at once/, 'SIGINT']);
    const hint = `SIGINT again: exiting without finishing; lab ${name} may be partly up: "dmvpn-lab down ${name}"`;
    assert.match(r.stderr, new RegExp(hint));
    assert.equal(r.code, 130, r.stderr);
    const down = await dmvpnLab(['down', name], { env });
    assert.equal(down.exitCode, 0, String(down.stderr));
    await nothingLeft(name, file);
  });
});
