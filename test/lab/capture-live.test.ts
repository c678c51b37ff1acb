import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { downLab, upLab } from '../../src/lab/lab.js';
import { labDirFor } from '../../src/lab/paths.js';
import { pidsByNamespace } from '../../src/lab/runtime/netns.js';
import { cmdline } from '../../src/lab/process.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { findLab, type LabState } from '../../src/lab/state.js';
import { readCapture } from '../../src/wire/pcap/index.js';
import { isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

const RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_RUN_DIR = RUN_DIR;
const LAB = join(import.meta.dirname, '..', '..', 'labs', 'phase1', 'phase1.clab.yml');
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
const opts = { env: { DMVPN_LAB_RUN_DIR: RUN_DIR }, reject: false, timeout: 60_000 } as const;
const cli = (args: string[]) => execa(process.execPath, ['--import', 'tsx', CLI, ...args], opts);
const cliBytes = (args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', CLI, ...args], { ...opts, encoding: 'buffer' });
const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available';

describe('capture: live to stdout, once per link, fresh pcaps per run', { skip }, () => {
  const name = uniqueName('cap');
  let state: LabState;
  const tcpdumps = () =>
    [...pidsByNamespace(state.namespaces).values()].flat().filter((p) => cmdline(p).startsWith('tcpdump'));
  /** Pings host2 from host1 (through the hub in Phase 1) in the background. */
  const traffic = () =>
    execa('ip', ['netns', 'exec', `dl-${name}-host1`, 'ping', '-c', '40', '-i', '0.2', '10.1.2.10'], { reject: false });

  before(async () => {
    const stale = join(labDirFor(LAB, name), 'pcaps');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'hub-eth1.pcap'), 'from an earlier run');
    state = await upLab(LAB, { name });
  });
  after(async () => {
    await downLab(name, { cleanup: true }).catch(() => undefined);
    removeTemps();
  });

  it('up without --capture starts with no pcaps of an earlier run', () => {
    assert.equal(existsSync(join(state.labDir, 'pcaps', 'hub-eth1.pcap')), false);
  });

  it('capture NODE:IF -w - streams pcap to stdout (our reader and tshark read it)', async () => {
    const ping = traffic();
    const r = await cliBytes(['capture', 'hub:Gi0/1', '--lab', name, '-w', '-', '-c', '5']);
    ping.kill();
    assert.equal(r.exitCode, 0, Buffer.from(r.stderr).toString());
    const cap = readCapture(r.stdout);
    assert.equal(cap.frames.length, 5);
    const tshark = await execa('tshark', ['-r', '-', '-T', 'fields', '-e', 'ip.src'], {
      input: Buffer.from(r.stdout),
      reject: false,
    });
    if (tshark.exitCode === 0) assert.equal(tshark.stdout.trim().split('\n').length, 5);
    assert.deepEqual(tcpdumps(), []);
  });

  it('a link already captured is not captured twice: capture says so, -w - follows that capture', async () => {
    const first = await cli(['capture', name, 'inet:eth1']);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(first.stdout, /capturing inet:eth1 -> .*inet-eth1\.pcap/);
    const again = await cli(['capture', 'hub:GigabitEthernet0/1', '--lab', name]);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.match(again.stdout, /hub:eth1: its link is already captured on inet:eth1 -> .*inet-eth1\.pcap/);
    assert.equal(findLab(name).captures.length, 1);
    assert.equal(tcpdumps().length, 1);
    const ping = traffic();
    const live = await cliBytes(['capture', 'hub:Gi0/1', '--lab', name, '-w', '-', '-c', '3']);
    ping.kill();
    assert.equal(live.exitCode, 0);
    assert.match(Buffer.from(live.stderr).toString(), /already captured on inet:eth1 .* following that capture/);
    assert.equal(readCapture(live.stdout).frames.length, 3);
    assert.equal(tcpdumps().length, 1);
  });
});
