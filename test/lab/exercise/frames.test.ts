import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { readPackets, type Packet } from '../../../src/lab/checks/packets.js';
import { NhrpType } from '../../../src/lab/checks/evidence.js';
import { findExercise } from '../../../src/lab/exercise/catalog.js';
import type { LayerFinding } from '../../../src/lab/exercise/diagnose.js';
import { gradeExercise } from '../../../src/lab/exercise/grade.js';
import { gradeText } from '../../../src/lab/exercise/report.js';
import { currentRunning, startExercise, stopExercise } from '../../../src/lab/exercise/session.js';
import { dmvpndAvailable } from '../../../src/lab/router.js';
import { assertNothingLeft, isRoot, removeTemps, tempDir, uniqueName } from '../../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
process.env.DMVPN_LAB_STATE_DIR = tempDir('dmvpn-lab-state-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

/**
 * Grades the start of exercise `id` and hands the finding of its stated fault, with the grade's text, to
 * `verify` while the lab and its pcaps are still there.
 */
async function faultFinding(
  id: string,
  verify: (f: LayerFinding, text: string) => void,
): Promise<{ f: LayerFinding; text: string; ms: number }> {
  const ex = findExercise(id);
  const lab = uniqueName('ex');
  const current = await startExercise(ex, { lab });
  const topology = join(current.workDir, relative(ex.dir, ex.topologyFile));
  try {
    const { state } = currentRunning();
    const g = await gradeExercise(ex, state, { workDir: current.workDir });
    const item = g.items.find((i) => i.id === ex.fault!.item)!;
    assert.equal(item.diagnosis?.broken, ex.fault!.layer);
    const f = item.diagnosis!.findings.find((x) => x.layer === ex.fault!.layer)!;
    verify(f, gradeText(g));
    return { f, text: gradeText(g), ms: g.durationMs };
  } finally {
    await stopExercise();
    await assertNothingLeft(lab, topology);
  }
}

/** The frames a finding cites, each read back from its pcap. */
function cited(f: LayerFinding): Packet[] {
  assert.ok(f.capture && f.capture.frames.length > 0, `no frames cited: ${JSON.stringify(f)}`);
  return f.capture.frames.flatMap((e) => {
    const ps = readPackets(e.pcap);
    return e.frames.map((n) => {
      const p = ps.find((x) => x.frame === n);
      assert.ok(p, `${e.pcap}#${n} is no GRE frame`);
      return p;
    });
  });
}

const numbers = (text: string) => [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));

describe('the diagnosis of a broken start cites the frames of its first broken layer', { skip }, () => {
  it('ts-tunnel-key: the GRE frames from spoke2 carry key 110, the hub expects 100', async (t) => {
    const { ms } = await faultFinding('ts-tunnel-key', (f, text) => {
      const m =
        /^GRE: frames? ([\d, ]+) \(hub-eth1\.pcap\) from 203\.0\.113\.1 carr(?:y|ies) key 110, hub's Tunnel0 expects key 100$/.exec(
          f.capture!.text,
        );
      assert.ok(m, f.capture?.text);
      const ps = cited(f);
      assert.deepEqual(
        ps.map((p) => p.frame),
        numbers(m[1]!),
      );
      for (const p of ps) assert.deepEqual([p.src, p.dst, p.greKey], ['203.0.113.1', '192.0.2.1', 110]);
      assert.match(text, /^ {6}frames: {3}GRE: frame/m);
    });
    t.diagnostic(`grade ${ms} ms`);
  });

  it('ts-nhrp-auth: the registration answered by an Error Indication (authentication failure)', async (t) => {
    const { ms } = await faultFinding('ts-nhrp-auth', (f) => {
      const m =
        /^NHRP: registration frame (\d+) answered by Error Indication frame (\d+) \(AuthenticationFailure\) in \S+\.pcap$/.exec(
          f.capture!.text,
        );
      assert.ok(m, f.capture?.text);
      const [req, err] = cited(f);
      assert.deepEqual(
        [req!.frame, req!.nhrp?.type, req!.src, err!.frame, err!.nhrp?.type, err!.dst],
        [
          Number(m[1]),
          NhrpType.RegistrationRequest,
          '203.0.113.1',
          Number(m[2]),
          NhrpType.ErrorIndication,
          '203.0.113.1',
        ],
      );
      assert.match(f.command, /debug nhrp packet/);
    });
    t.diagnostic(`grade ${ms} ms`);
  });

  it('ts-wrong-nhs: the Registration Requests go to 192.0.2.9, not the hub', async (t) => {
    const { ms } = await faultFinding('ts-wrong-nhs', (f) => {
      assert.match(
        f.capture!.text,
        /^NHRP: Registration Request frames? [\d, ]+ \(spoke2-eth1\.pcap\) from spoke2 goe?s? to 192\.0\.2\.9, not hub's NBMA 192\.0\.2\.1; none answered$/,
      );
      for (const p of cited(f)) assert.deepEqual([p.nhrp?.type, p.dst], [NhrpType.RegistrationRequest, '192.0.2.9']);
    });
    t.diagnostic(`grade ${ms} ms`);
  });

  it('p1-to-p3: no Traffic Indication from the hub in the captures', async (t) => {
    const { ms } = await faultFinding('p1-to-p3', (f) => {
      assert.equal(f.capture?.text, 'NHRP: no Traffic Indication from hub to spoke1 in the captures (no redirect)');
      assert.deepEqual(f.capture?.frames, []);
    });
    t.diagnostic(`grade ${ms} ms`);
  });
});
