/**
 * The TUI end to end: `dmvpn-lab tui LAB` in a detached tmux session (120×40) against real labs; keys go in
 * with send-keys, the screen comes back with capture-pane.
 */
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { waitRegistered } from '../../src/lab/status.js';
import { isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { Screen } from '../helpers/tmux.js';

const runDir = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_RUN_DIR = runDir;
after(removeTemps);

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const hasTmux = (await execa('tmux', ['-V'], { reject: false })).exitCode === 0;
const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !hasTmux
    ? 'needs tmux'
    : !dmvpndAvailable() && 'dmvpnd not available';

/** A shipped lab copied to a temp folder (its clab-<name>/ goes there), brought up under a unique name. */
async function labUp(lab: string, prefix: string): Promise<{ name: string; dir: string }> {
  const dir = tempDir(`tui-${lab}-`);
  cpSync(join(ROOT, 'labs', lab), dir, { recursive: true });
  const name = uniqueName(prefix);
  const state = await upLab(join(dir, `${lab}.clab.yml`), { name, runtime: 'netns' });
  await waitRegistered(state, 30_000);
  return { name, dir };
}

describe('dmvpn-lab tui in tmux: phase3', { skip, timeout: 180_000 }, () => {
  let lab: { name: string; dir: string };
  let screen: Screen;

  before(async () => {
    lab = await labUp('phase3', 'tuxp');
    screen = await Screen.open(`tui ${lab.name}`, `${lab.name}-tui`, { DMVPN_LAB_RUN_DIR: runDir });
  });

  after(async () => {
    await screen?.close();
    if (lab) {
      await downLab(lab.name).catch(() => undefined);
      rmSync(join(lab.dir, `clab-${lab.name}`), { recursive: true, force: true });
      assert.deepEqual(await leftovers(lab.name, lab.dir), { namespaces: [], rules: [], processes: [] });
    }
  });

  it('shows both spokes registered (UP) in the table and the drawing', async () => {
    const s = await screen.until([/spoke1 +spoke +running .*UP 1\/1/, /spoke2 +spoke +running .*UP 1\/1/, /hub 2\/2/]);
    assert.match(s, new RegExp(`lab ${lab.name} netns`));
    assert.equal((s.match(/▲hub/g) ?? []).length, 2);
    assert.doesNotMatch(s, /shortcut$/m, 'no shortcut before any traffic');
  });

  it('a ping from host1 to host2 draws the shortcut and shows the Traffic Indication', async () => {
    const ping = await execa(
      process.execPath,
      ['--import', 'tsx', CLI, 'exec', 'host1', '--lab', lab.name, '--', 'ping', '-c', '3', '-i', '0.3', '10.1.2.10'],
      {
        cwd: ROOT,
        reject: false,
      },
    );
    assert.equal(ping.exitCode, 0, ping.stderr);
    await screen.until([/└╌+┘ shortcut/, /spoke1 +spoke .* 1 +\d+\/\d+/]);
    await screen.keys('/', 'traffic indication', 'Enter');
    const s = await screen.until([
      /\d\d:\d\d:\d\d\.\d{3} hub +indication +Redirect: 10\.1\.1\.10 -> 10\.1\.2\.10 hairpinned, Traffic Indication/,
    ]);
    assert.match(
      s,
      /\d\d:\d\d:\d\d\.\d{3} spoke1 +indication +Resolving 10\.1\.2\.10 \(Traffic Indication from 192\.0\.2\.1\)/,
    );
  });

  it(':check phase runs the phase check live and shows PASS', async () => {
    await screen.keys(':', 'check phase', 'Enter');
    await screen.until([/─ Checks running/, /· check phase/], 10_000);
    const s = await screen.until([/─ Checks \d+ pass, 0 fail/], 90_000);
    assert.match(s, /PASS phase +spoke1→spoke2 Phase 3 +\[\d+ fr\] Phase 3: Traffic Indication/);
    assert.doesNotMatch(s, /FAIL/);
  });
});

describe('dmvpn-lab tui in tmux: phase3 link fault', { skip, timeout: 120_000 }, () => {
  let lab: { name: string; dir: string };
  let screen: Screen;

  before(async () => {
    lab = await labUp('phase3', 'tuxl');
    screen = await Screen.open(`tui ${lab.name}`, `${lab.name}-tui`, { DMVPN_LAB_RUN_DIR: runDir });
  });

  after(async () => {
    await screen?.close();
    if (lab) {
      await downLab(lab.name).catch(() => undefined);
      rmSync(join(lab.dir, `clab-${lab.name}`), { recursive: true, force: true });
      assert.deepEqual(await leftovers(lab.name, lab.dir), { namespaces: [], rules: [], processes: [] });
    }
  });

  it('l silences spoke1’s Internet link: its state says SILENT and its NHS goes down; l again restores', async () => {
    await screen.until([/spoke1 +spoke +running .*UP 1\/1/]);
    await screen.keys('j', 'l');
    await screen.until([/spoke1 +spoke +SILENT/, /inet +inet +SILENT/]);
    await screen.until([/spoke1 +spoke +SILENT .*DOWN 0\/1/, /▼hub/], 30_000);
    await screen.keys('l');
    const s = await screen.until([/spoke1 +spoke +running/, /carries traffic again/]);
    assert.doesNotMatch(s, /SILENT/);
  });
});

describe('dmvpn-lab tui in tmux: dual-hub failover', { skip, timeout: 180_000 }, () => {
  let lab: { name: string; dir: string };
  let screen: Screen;

  before(async () => {
    lab = await labUp('dual-hub', 'tuxd');
    screen = await Screen.open(`tui ${lab.name}`, `${lab.name}-tui`, { DMVPN_LAB_RUN_DIR: runDir });
  });

  after(async () => {
    await screen?.close();
    if (lab) {
      await downLab(lab.name).catch(() => undefined);
      rmSync(join(lab.dir, `clab-${lab.name}`), { recursive: true, force: true });
      assert.deepEqual(await leftovers(lab.name, lab.dir), { namespaces: [], rules: [], processes: [] });
    }
  });

  it('killing hub1 from the TUI shows the spokes moving to hub2', async () => {
    await screen.until(['spoke1', 'spoke2', 'spoke3'].map((s) => new RegExp(`${s} +spoke +running .*UP 2/2`)));
    await screen.until([/hub1 3\/3/, /hub2 3\/3/]);
    await screen.keys('x');
    await screen.until([/hub1 STOPPED/, /hub1 +hub +STOPPED/, /killed/]);
    const s = await screen.until(
      ['spoke1', 'spoke2', 'spoke3'].map((x) => new RegExp(`${x} +spoke +running .*1/2 hub2`)),
      30_000,
    );
    assert.equal((s.match(/▼hub1/g) ?? []).length, 3);
    assert.equal((s.match(/▲hub2/g) ?? []).length, 3);
    await screen.keys('/', 'fault', 'Enter');
    await screen.until([/hub1 +fault +stop hub1: hub1: dmvpnd \(pid \d+\) killed/]);
    await screen.keys('/', 'nhs_down', 'Enter');
    await screen.until(
      ['spoke1', 'spoke2', 'spoke3'].map((x) => new RegExp(`${x} +nhs +%DMVPN-5-NHRP_NHS_DOWN: .*172\\.16\\.0\\.1`)),
    );
  });
});
