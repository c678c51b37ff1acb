import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phase3Problems, spokeHubProblems, spokeProblems } from '../../../src/lab/checks/diagnose.js';
import { failoverPlan, primaryHub } from '../../../src/lab/checks/failover.js';
import { routerFacts } from '../../../src/lab/checks/config-facts.js';
import { planChecks, parseOnly } from '../../../src/lab/checks/registry.js';
import { phase2Lines, phase3Lines } from '../../../src/lab/checks/transition.js';
import { configuredPhase, hostBehind, labPhase, publicNbma, spokePairs } from '../../../src/lab/checks/view.js';
import { CheckError } from '../../../src/lab/checks/errors.js';
import { offlineView, runningConfig } from '../../helpers/check-fixtures.js';

/** What the router makes of a netmask (the checks read prefix lengths from `show running-config json`). */
function maskLength(mask: string): number | undefined {
  try {
    return runningConfig(`ip route 0.0.0.0 ${mask} 192.0.2.1\n`).routes[0]?.prefix.prefixLength;
  } catch {
    return undefined;
  }
}
const readRouterFacts = (text: string) => routerFacts(runningConfig(text));

describe('check: reading router configurations', () => {
  it('reads masks, NHSs (NBMA from ip nhrp map in Phase 1), routes with distance', () => {
    assert.equal(maskLength('255.255.255.0'), 24);
    assert.equal(maskLength('255.0.0.0'), 8);
    assert.equal(maskLength('0.0.0.0'), 0);
    assert.equal(maskLength('255.255.255.255'), 32);
    assert.equal(maskLength('255.0.255.0'), undefined);
    const f = readRouterFacts(
      `hostname s\ninterface Gi0/1\n ip address 198.51.100.1 255.255.255.0\n!\ninterface Tunnel0\n ip address 172.16.0.11 255.255.255.0\n ip nhrp authentication se!cret\n ip nhrp map 172.16.0.1 192.0.2.1\n ip nhrp nhs 172.16.0.1\n ip nhrp nhs 172.16.0.2 nbma 192.0.2.129 multicast priority 2\n tunnel source Gi0/1\n tunnel destination 192.0.2.1\n!\nip route 10.0.0.0 255.0.0.0 172.16.0.2 250 name backup\nip route 0.0.0.0 0.0.0.0 GigabitEthernet0/1 198.51.100.254\n`,
    );
    const t = f.tunnels[0]!;
    assert.deepEqual(t.nhs, [
      { protocol: '172.16.0.1', nbma: '192.0.2.1' },
      { protocol: '172.16.0.2', nbma: '192.0.2.129' },
    ]);
    assert.equal(t.authentication, 'se!cret');
    assert.equal(t.multipoint, false);
    assert.equal(t.destination, '192.0.2.1');
    assert.deepEqual(
      f.routes.map((r) => [r.prefix, r.prefixLength, r.nextHop, r.distance, r.iface]),
      [
        ['10.0.0.0', 8, '172.16.0.2', 250, undefined],
        ['0.0.0.0', 0, '198.51.100.254', undefined, 'GigabitEthernet0/1'],
      ],
    );
  });

  it('sees hubs, spokes, hosts, Internet links and the phase of each shipped lab', () => {
    const v3 = offlineView('phase3');
    assert.deepEqual(
      v3.hubs.map((h) => h.name),
      ['hub'],
    );
    assert.deepEqual(
      v3.spokes.map((s) => [s.name, s.tunnelAddress, s.nbma]),
      [
        ['spoke1', '172.16.0.11', '198.51.100.1'],
        ['spoke2', '172.16.0.12', '203.0.113.1'],
      ],
    );
    assert.equal(hostBehind(v3, v3.spokes[1]!)?.address, '10.1.2.10');
    assert.deepEqual(v3.internetLinks, [
      { node: 'hub', iface: 'eth1' },
      { node: 'spoke1', iface: 'eth1' },
      { node: 'spoke2', iface: 'eth1' },
    ]);
    assert.equal(labPhase(v3), 3);
    assert.equal(labPhase(offlineView('phase2')), 2);
    assert.equal(labPhase(offlineView('phase1')), 1);
    const nat = offlineView('nat');
    assert.deepEqual(
      nat.spokes.map((s) => [s.nbma, s.nat?.node, publicNbma(s)]),
      [
        ['192.168.1.2', 'nat1', '198.51.100.1'],
        ['192.168.2.2', 'nat2', '203.0.113.1'],
      ],
    );
    assert.deepEqual(
      nat.internetLinks.map((l) => l.node),
      ['hub', 'nat1', 'nat2'],
    );
    assert.equal(spokePairs(nat, (s) => !s.nat).length, 0);
  });

  it('applies the checks that fit each lab, and refuses unknown names', () => {
    const applied = (lab: string) =>
      planChecks(offlineView(lab))
        .filter((c) => !c.skip)
        .map((c) => c.check.name);
    assert.deepEqual(applied('phase1'), ['registration', 'phase', 'reachability', 'transition']);
    assert.deepEqual(applied('phase3'), ['registration', 'phase', 'reachability']);
    assert.deepEqual(applied('nat'), ['registration', 'reachability', 'nat']);
    assert.deepEqual(applied('dual-hub'), ['registration', 'phase', 'reachability', 'failover']);
    assert.deepEqual(applied('phase3-ipsec'), ['registration', 'phase', 'reachability', 'ipsec']);
    assert.deepEqual(applied('nat-ipsec'), ['registration', 'reachability', 'nat', 'ipsec']);
    assert.deepEqual(applied('dual-hub-ipsec'), ['registration', 'phase', 'reachability', 'ipsec', 'failover']);
    assert.deepEqual(applied('multicast'), ['registration', 'phase', 'reachability', 'multicast', 'transition']);
    assert.deepEqual(
      planChecks(offlineView('phase3'), parseOnly(['phase'])).map((c) => c.check.name),
      ['phase'],
    );
    assert.throws(
      () => parseOnly(['phase', 'speed']),
      (e: unknown) => e instanceof CheckError && e.code === 'CHECK_UNKNOWN' && /speed/.test(e.message),
    );
  });

  it('names configuration mistakes: password, NHS address, missing redirect', () => {
    const pw = offlineView('phase3', (r, t) =>
      r === 'spoke1' ? t.replace('authentication DMVPN', 'authentication WRONG') : t,
    );
    const s1 = pw.spokes[0]!;
    assert.match(
      spokeHubProblems(pw, s1, s1.tunnel!.nhs[0]!).join(),
      /NHRP authentication differs: spoke1 has "WRONG", hub expects "DMVPN"/,
    );
    assert.deepEqual(spokeProblems(pw, pw.spokes[1]!), []);
    const nhs = offlineView('phase2', (r, t) => (r === 'spoke2' ? t.replace('nbma 192.0.2.1', 'nbma 192.0.2.99') : t));
    assert.match(
      spokeProblems(nhs, nhs.spokes[1]!).join(),
      /spoke2 sends to NHS 172\.16\.0\.1 at NBMA 192\.0\.2\.99, but hub's NBMA address is 192\.0\.2\.1/,
    );
    const other = offlineView('phase2', (r, t) => (r === 'spoke2' ? t.replace('nhs 172.16.0.1', 'nhs 172.16.0.9') : t));
    assert.match(spokeProblems(other, other.spokes[1]!).join(), /NHS 172\.16\.0\.9 .* is no hub of this lab/);
    const noRedirect = offlineView('phase3', (r, t) => (r === 'hub' ? t.replace(' ip nhrp redirect\n', '') : t));
    assert.equal(configuredPhase(noRedirect.spokes[0]!, noRedirect.spokes[1]!), 3);
    assert.match(phase3Problems(noRedirect, noRedirect.spokes).join(), /hub has no "ip nhrp redirect"/);
    assert.deepEqual(phase3Problems(offlineView('phase3'), offlineView('phase3').spokes), []);
  });

  it('plans the live Phase 1 → 2 → 3 reconfiguration', () => {
    const v = offlineView('phase1');
    const p2 = phase2Lines(v, v.spokes[0]!);
    assert.deepEqual(p2.lines, [
      'interface Tunnel0',
      'no tunnel destination',
      'tunnel mode gre multipoint',
      'exit',
      'no ip route 10.0.0.0 255.0.0.0 172.16.0.1',
      'ip route 10.1.2.0 255.255.255.0 172.16.0.12',
    ]);
    assert.deepEqual(phase3Lines(v.spokes[0]!, p2), [
      'interface Tunnel0',
      'ip nhrp shortcut',
      'exit',
      'no ip route 10.1.2.0 255.255.255.0 172.16.0.12',
      'ip route 10.0.0.0 255.0.0.0 172.16.0.1',
    ]);
  });

  it('picks the primary and backup hub, the shortcut pair and the fresh spoke of the dual-hub lab', () => {
    const v = offlineView('dual-hub');
    assert.equal(primaryHub(v)?.name, 'hub1');
    const plan = failoverPlan(v);
    assert.ok(typeof plan !== 'string');
    assert.deepEqual(
      [
        plan.primary.name,
        plan.backups.map((b) => b.name),
        plan.shortcut?.map((s) => s.name),
        plan.fresh.name,
        plan.targets.map((t) => t.name),
      ],
      ['hub1', ['hub2'], ['spoke1', 'spoke2'], 'spoke3', ['host1', 'host2']],
    );
    const single = offlineView('dual-hub', (r, t) =>
      r.startsWith('spoke') ? t.replace(/ ip nhrp nhs 172\.16\.0\.2 .*\n/, '') : t,
    );
    assert.match(String(failoverPlan(single)), /no backup hub/);
  });
});
