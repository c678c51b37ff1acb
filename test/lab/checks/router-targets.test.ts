/**
 * What check infers for course labs without LAN hosts: router pairs for reachability (advertised
 * loopbacks sharing a routing protocol, else tunnel addresses), hubs that also register, and the
 * switch underlay links it captures. Built from the imported reference labs, nothing started.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { routerPairs } from '../../../src/lab/checks/router-targets.js';
import { readCourseLab } from '../../../src/lab/import/index.js';
import { writeLab } from '../../../src/lab/import/write.js';
import { offlineViewOf } from '../../helpers/check-fixtures.js';
import { CML_DIR, CML_SKIP } from '../../helpers/config.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);

function view(lab: string) {
  const dir = tempDir('dmvpn-targets-');
  const { topologyFile } = writeLab(readCourseLab(join(CML_DIR, `${lab}.yaml`)), dir);
  return offlineViewOf(topologyFile);
}

const pairsOf = (lab: string) =>
  routerPairs(view(lab).routers).map(([a, b]) => `${a.name}:${a.address}>${b.name}:${b.address}`);

describe('check on course labs: what the configs imply', { skip: CML_SKIP }, () => {
  it('loopbacks advertised by OSPF reach each other; routers without a loopback are not pinged', () => {
    const v = view('dmvpn-dual-hub-single-cloud-final');
    const pairs = routerPairs(v.routers);
    assert.deepEqual(
      [...new Set(pairs.map(([a]) => `${a.name} ${a.address} ${a.via} ${a.protocols.join(',')}`))],
      ['R1 1.1.1.1 loopback ospf', 'Spoke1 3.3.3.3 loopback ospf', 'Spoke2 4.4.4.4 loopback ospf'],
    );
    assert.equal(pairs.length, 6, 'every ordered pair');
  });

  it('RIP classful networks advertise the loopbacks of the IPsec lab', () => {
    assert.deepEqual(pairsOf('dmvpn-ipsec-final'), [
      'Hub:1.1.1.1>Spoke1:2.2.2.2',
      'Hub:1.1.1.1>Spoke2:3.3.3.3',
      'Spoke1:2.2.2.2>Hub:1.1.1.1',
      'Spoke1:2.2.2.2>Spoke2:3.3.3.3',
      'Spoke2:3.3.3.3>Hub:1.1.1.1',
      'Spoke2:3.3.3.3>Spoke1:2.2.2.2',
    ]);
  });

  it('without routing, tunnel addresses reach each other; a tunnel shut down is left out', () => {
    assert.deepEqual(pairsOf('dmvpn-phase-2-final'), [
      'Hub:172.16.123.1>Spoke1:172.16.123.2',
      'Hub:172.16.123.1>Spoke2:172.16.123.3',
      'Spoke1:172.16.123.2>Hub:172.16.123.1',
      'Spoke1:172.16.123.2>Spoke2:172.16.123.3',
      'Spoke2:172.16.123.3>Hub:172.16.123.1',
      'Spoke2:172.16.123.3>Spoke1:172.16.123.2',
    ]);
    assert.deepEqual(pairsOf('dmvpn-phase-1-final'), [
      'Hub:172.16.123.1>Spoke1:172.16.123.2',
      'Spoke1:172.16.123.2>Hub:172.16.123.1',
    ]);
  });

  it('a second hub that registers with the first is a hub and a spoke', () => {
    const v = view('dmvpn-dual-hub-single-cloud-final');
    assert.deepEqual(
      v.hubs.map((h) => h.name),
      ['Hub1', 'Hub2'],
    );
    assert.deepEqual(
      v.spokes.map((s) => s.name),
      ['Hub2', 'Spoke1', 'Spoke2'],
    );
  });

  it('captures each router link from its tunnel source to the switch, not the LAN switch', () => {
    const v = view('dmvpn-dual-hub-single-cloud-final');
    assert.deepEqual(
      v.internetLinks.map((t) => `${t.node}:${t.iface}`),
      ['Hub1:eth1', 'Hub2:eth1', 'Spoke1:eth1', 'Spoke2:eth1'],
    );
  });
});
