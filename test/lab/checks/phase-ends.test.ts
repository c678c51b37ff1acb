/**
 * The phase check on course labs without LAN hosts, from the configs alone (nothing started): which
 * spoke pairs it watches (hubs that also register left out), which addresses the spokes ping from
 * (loopbacks a shared protocol advertises, else tunnel addresses), and the IOS ping summary it reads.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { phaseCheck } from '../../../src/lab/checks/phase.js';
import { phasePairs, routedEnds } from '../../../src/lab/checks/phase-ends.js';
import { parseIosPing } from '../../../src/lab/checks/router-ping.js';
import { configuredPhase } from '../../../src/lab/checks/view.js';
import { readCourseLab } from '../../../src/lab/import/index.js';
import { writeLab } from '../../../src/lab/import/write.js';
import { offlineViewOf } from '../../helpers/check-fixtures.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);

function view(lab: string) {
  const dir = tempDir('dmvpn-phase-ends-');
  const { topologyFile } = writeLab(readCourseLab(join(CML_DIR, `${lab}.yaml`)), dir);
  return offlineViewOf(topologyFile);
}

/** Each pair as `A>B phase N ends`, the ends being the routed ones or `tunnel`. */
function plan(lab: string): string[] {
  const v = view(lab);
  assert.equal(phaseCheck.notApplicable(v), undefined, `${lab}: the phase check applies`);
  return phasePairs(v).map(([a, b]) => {
    const r = routedEnds(a, b);
    const ends = r ? `${r.ha.address}>${r.hb.address} (${r.protocol})` : 'tunnel';
    return `${a.name}>${b.name} phase ${configuredPhase(a, b)} ${ends}`;
  });
}

describe('the phase check on course labs without hosts', { skip: CML_SKIP }, () => {
  it('Phase 1 lab: the one pair, Phase 1 (Spoke1 point-to-point); no routing, so tunnel addresses', () => {
    assert.deepEqual(plan('dmvpn-phase-1-final'), ['Spoke1>Spoke2 phase 1 tunnel']);
  });

  it('Phase 2 and "Phase 3" labs: every spoke pair at Phase 2 (no redirect or shortcut in the configs)', () => {
    assert.deepEqual(plan('dmvpn-phase-2-final'), ['Spoke1>Spoke2 phase 2 tunnel']);
    assert.equal(plan('dmvpn-phase-3-final').filter((p) => p.endsWith('phase 2 tunnel')).length, 6);
  });

  it('IPsec lab: loopbacks advertised by RIP; dual hub: loopbacks by OSPF, Hub2 (registers with Hub1) left out', () => {
    assert.deepEqual(plan('dmvpn-ipsec-final'), ['Spoke1>Spoke2 phase 2 2.2.2.2>3.3.3.3 (rip)']);
    assert.deepEqual(plan('dmvpn-dual-hub-single-cloud-final'), ['Spoke1>Spoke2 phase 2 3.3.3.3>4.4.4.4 (ospf)']);
  });
});

describe('IOS ping summary', () => {
  it('reads sent, received and the average round trip', () => {
    const text =
      'Type escape sequence to abort.\nSending 30, 100-byte ICMP Echos to 172.16.123.3, timeout is 1 seconds:\n' +
      'Packet sent with a source address of 172.16.123.2 \n.!!!!\nSuccess rate is 96 percent (29/30), ' +
      'round-trip min/avg/max = 1/3/12 ms\n';
    assert.deepEqual(parseIosPing(text), { sent: 30, received: 29, rttAvgMs: 3 });
    assert.deepEqual(parseIosPing('.....\nSuccess rate is 0 percent (0/5)\n'), {
      sent: 5,
      received: 0,
      rttAvgMs: null,
    });
  });
});
