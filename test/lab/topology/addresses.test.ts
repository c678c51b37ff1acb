import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { formatIssue } from '../../../src/lab/errors.js';
import { validateAddresses } from '../../../src/lab/topology/addresses.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { copyLab, removeTemps, tempLab } from '../../helpers/lab.js';
import { join } from 'node:path';

after(removeTemps);

const lines = (file: string) => validateAddresses(loadTopology(file)).map(formatIssue);

describe('validateAddresses: the same address twice on one segment', () => {
  it('finds nothing wrong in the shipped labs', () => {
    for (const lab of ['phase1', 'phase2', 'phase3', 'nat', 'dual-hub']) assert.deepEqual(lines(copyLab(lab)), [], lab);
  });

  it('names the config file, node, line and the first owner of a duplicate tunnel address', () => {
    const twice = (t: string) => t.replace('ip address 172.16.0.12', 'ip address 172.16.0.11');
    const file = copyLab('phase3', { 'spoke2.cfg': twice });
    const found = lines(file);
    assert.equal(found.length, 1, found.join('\n'));
    const at = /spoke2\.cfg:\d+:2: node spoke2 interface Tunnel0: /;
    const said = /address 172\.16\.0\.11 is already spoke1's address on Tunnel0 \(spoke1\.cfg:\d+\), /;
    assert.match(found[0]!, new RegExp(`${at.source}${said.source}on the same segment \\(tunnel key 100\\)`));
    const line = Number(/spoke2\.cfg:(\d+)/.exec(found[0]!)![1]);
    assert.equal(line, 18);
  });

  it("finds a host with its router's LAN address, at the host's line in the topology", () => {
    const file = copyLab('phase3', { 'spoke1.cfg': (t) => t.replace('ip address 10.1.1.1 ', 'ip address 10.1.1.10 ') });
    const found = lines(file);
    assert.equal(found.length, 1, found.join('\n'));
    const at = /phase3\.clab\.yml:8:\d+: node host1 interface eth1: /;
    const said = /address 10\.1\.1\.10 is already spoke1's address on GigabitEthernet0\/2 \(spoke1\.cfg:13\)/;
    assert.match(found[0]!, new RegExp(at.source + said.source));
  });

  it('joins the ports of a switch into one segment, and lets two NATs reuse one private subnet', () => {
    const dir = tempLab({
      'sw.clab.yml': `name: sw
topology:
  nodes:
    sw: { kind: switch }
    a: { kind: host, interfaces: { eth1: 10.9.0.1/24 } }
    b: { kind: host, interfaces: { eth1: 10.9.0.2/24 } }
    c: { kind: host, interfaces: { eth1: 10.9.0.1/24 } }
  links:
    - endpoints: ["a:eth1", "sw:p1"]
    - endpoints: ["b:eth1", "sw:p2"]
    - endpoints: ["c:eth1", "sw:p3"]
`,
    });
    assert.deepEqual(
      lines(join(dir, 'sw.clab.yml')).map((l) => l.replace(/^.*\//, '')),
      [
        "sw.clab.yml:7:36: node c interface eth1: address 10.9.0.1 is already a's address on eth1 (sw.clab.yml:5), " +
          'on the same segment (switch sw)',
      ],
    );
    const nat = copyLab('nat', {
      'nat.clab.yml': (t) => t.replace('eth2: 192.168.2.1/24', 'eth2: 192.168.1.1/24'),
      'spoke2.cfg': (t) =>
        t.replace('ip address 192.168.2.2', 'ip address 192.168.1.2').replace(/192\.168\.2\.1\b/g, '192.168.1.1'),
    });
    assert.deepEqual(lines(nat), []);
  });
});
