import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import type { NhrpEngineConfigInput } from '../../src/nhrp/config.js';
import { Lab, SPOKE1 } from '../helpers/nhrp-lab.js';

const HUB1 = { protocol: '10.0.0.1', nbma: '192.0.2.1' };
const HUB2 = { protocol: '10.0.0.2', nbma: '192.0.2.2' };

function hub(h: { protocol: string; nbma: string }): NhrpEngineConfigInput {
  return { protocolAddress: h.protocol, prefixLength: 24, nbmaAddress: h.nbma, multicast: { dynamic: true } };
}

/** A spoke of the dual-hub lab: hub 1 preferred (priority 1), hub 2 backup (priority 2). */
function spoke(extra: Partial<NhrpEngineConfigInput> = {}): NhrpEngineConfigInput {
  return {
    protocolAddress: '10.0.0.11',
    prefixLength: 24,
    nbmaAddress: SPOKE1.nbma,
    holdtime: 300,
    registrationTimeout: 30,
    nhs: [
      { protocol: HUB1.protocol, nbma: HUB1.nbma, priority: 1 },
      { protocol: HUB2.protocol, nbma: HUB2.nbma, priority: 2 },
    ],
    ...extra,
  };
}

const states = (lab: Lab) => lab.snapshot('spoke').nhs.map((n) => `${n.protocol} ${n.state}`);
const registered = (lab: Lab, h: string) => lab.snapshot(h).cache.some((c) => c.protocol === '10.0.0.11');

test('without max-connections a spoke registers with every NHS (IOS default)', () => {
  const lab = new Lab();
  lab.add('hub1', hub(HUB1));
  lab.add('hub2', hub(HUB2));
  lab.add('spoke', spoke());
  lab.runTo(1);
  assert.deepEqual(states(lab), ['10.0.0.1 up', '10.0.0.2 up']);
  assert.equal(lab.engine('spoke').nhsNbma(), HUB1.nbma);
});

test('NHS loss: retransmit 1, 2, 4 s, mark down, use the backup; fall back when the preferred returns', () => {
  const lab = new Lab({ latencyMs: 10 });
  const h1 = lab.add('hub1', hub(HUB1));
  lab.add('hub2', hub(HUB2));
  lab.add('spoke', spoke({ clusterMaxConnections: [{ cluster: 0, maxConnections: 1 }] }));
  lab.runTo(1);
  assert.deepEqual(states(lab), ['10.0.0.1 up', '10.0.0.2 down']);
  assert.equal(lab.packets(NhrpType.RegistrationRequest).filter((s) => s.to === HUB2.nbma).length, 0);

  h1.alive = false;
  lab.runTo(100);
  // refresh at 30.02 s unanswered, retransmitted at +1, +2, +4 s; down at 37.02 s, backup registered
  const toHub1 = lab
    .packets(NhrpType.RegistrationRequest)
    .filter((s) => s.to === HUB1.nbma && s.at > 1000 && s.at < 40_000);
  assert.deepEqual(
    toHub1.map((s) => s.at),
    [30_020, 31_020, 33_020, 37_020],
  );
  const down = lab
    .actions('spoke', 'nhsState')
    .find((l) => l.a.kind === 'nhsState' && l.a.nhs === HUB1.protocol && l.a.state === 'down');
  assert.equal(down?.at, 37_020);
  assert.deepEqual(states(lab), ['10.0.0.1 down', '10.0.0.2 up']);
  assert.ok(registered(lab, 'hub2'));
  assert.equal(lab.engine('spoke').nhsNbma(), HUB2.nbma);
  assert.equal(lab.snapshot('spoke').nhs[0].flags, 'EW', 'hub 1 still probed, waiting for fallback');

  h1.alive = true;
  lab.runTo(200);
  // the background probe (backoff up to 64 s) reaches hub 1 again: fall back, deregister from hub 2
  assert.deepEqual(states(lab), ['10.0.0.1 up', '10.0.0.2 down']);
  assert.ok(registered(lab, 'hub1'));
  assert.ok(!registered(lab, 'hub2'), 'hub 2 purged the registration');
  const purge = lab.packets(NhrpType.PurgeRequest, 'spoke');
  assert.equal(purge.length, 1);
  assert.equal(purge[0].to, HUB2.nbma);
  assert.equal(lab.engine('spoke').nhsNbma(), HUB1.nbma);
});

test('all NHSs down: every one is probed, the first to answer is used', () => {
  const lab = new Lab();
  const h1 = lab.add('hub1', hub(HUB1));
  const h2 = lab.add('hub2', hub(HUB2));
  h1.alive = false;
  h2.alive = false;
  lab.add('spoke', spoke({ clusterMaxConnections: [{ cluster: 0, maxConnections: 1 }] }));
  lab.runTo(20);
  assert.deepEqual(states(lab), ['10.0.0.1 down', '10.0.0.2 down']);
  h2.alive = true;
  lab.runTo(100);
  assert.deepEqual(states(lab), ['10.0.0.1 down', '10.0.0.2 up']);
});

test('clusters: max-connections applies per cluster', () => {
  const lab = new Lab();
  lab.add('hub1', hub(HUB1));
  lab.add('hub2', hub(HUB2));
  lab.add('hub3', hub({ protocol: '10.0.0.3', nbma: '192.0.2.3' }));
  lab.add(
    'spoke',
    spoke({
      nhs: [
        { protocol: HUB1.protocol, nbma: HUB1.nbma, cluster: 1, priority: 5 },
        { protocol: HUB2.protocol, nbma: HUB2.nbma, cluster: 1, priority: 1 },
        { protocol: '10.0.0.3', nbma: '192.0.2.3', cluster: 2 },
      ],
      clusterMaxConnections: [{ cluster: 1, maxConnections: 1 }],
    }),
  );
  lab.runTo(2);
  assert.deepEqual(states(lab), ['10.0.0.1 down', '10.0.0.2 up', '10.0.0.3 up']);
});
