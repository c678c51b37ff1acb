/** The IPv6 side of the failover check: who plays which part (from the ipv6-dual-hub lab's configs), and the judgement. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failoverPlan } from '../../../src/lab/checks/failover.js';
import { failoverPlan6, judge6, judgeReturn6 } from '../../../src/lab/checks/failover6.js';
import type { FailoverPlan } from '../../../src/lab/checks/outage.js';
import { offlineView } from '../../helpers/check-fixtures.js';

function plans(edit?: (router: string, text: string) => string) {
  const v = offlineView('ipv6-dual-hub', edit);
  const plan = failoverPlan(v);
  assert.ok(typeof plan !== 'string', String(plan));
  return { v, plan: plan as FailoverPlan, plan6: failoverPlan6(v, plan as FailoverPlan) };
}

describe('failover over IPv6', () => {
  it('plans IPv6 in the ipv6-dual-hub lab: hub1 primary, hub2 backup, host3 pings host1 and host2', () => {
    const { plan6 } = plans();
    assert.ok(typeof plan6 !== 'string', String(plan6));
    assert.deepEqual(
      [plan6.primary, plan6.backups, plan6.src.address6, plan6.targets.map((t) => t.address6)],
      ['2001:db8:0:100::1', ['2001:db8:0:100::2'], '2001:db8:1:3::10', ['2001:db8:1:1::10', '2001:db8:1:2::10']],
    );
  });

  it('does not plan IPv6 in the IPv4-only dual-hub lab, nor without an IPv6 backup NHS', () => {
    const v4 = offlineView('dual-hub');
    assert.match(String(failoverPlan6(v4, failoverPlan(v4) as FailoverPlan)), /no IPv6 tunnel address/);
    const { plan6 } = plans((r, t) =>
      r.startsWith('spoke') ? t.replace(/ ipv6 nhrp nhs 2001:DB8:0:100::2 .*\n/, '') : t,
    );
    assert.match(String(plan6), /no backup hub that every spoke uses as IPv6 NHS/);
  });

  it('judges like IPv4: the outage is the latest first reply; no reply or no backup NHS fails', () => {
    const { plan6 } = plans();
    assert.ok(typeof plan6 !== 'string');
    const t0 = 1000;
    const ok = judge6(
      plan6,
      [
        { replies: [{ atMs: 9000 }], lost: 3 },
        { replies: [{ atMs: 9400 }], lost: 4 },
      ],
      8100,
      7900,
      t0,
    );
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.figures, {
      outageMsV6: 8400,
      lostV6: 7,
      backupRegisteredMsV6: 8100,
      primaryDownNoticedMsV6: 7900,
    });
    const bad = judge6(
      plan6,
      [
        { replies: [{ atMs: 9000 }], lost: 3 },
        { replies: [], lost: 9 },
      ],
      undefined,
      7900,
      t0,
    );
    assert.equal(bad.figures.outageMsV6, null);
    assert.equal(bad.figures.backupRegisteredMsV6, null);
    assert.equal(bad.problems.length, 2);
  });

  it('judges the return: IPv6 NHS to the primary up again on every spoke, then new IPv6 traffic through it', () => {
    const { plan, plan6 } = plans();
    assert.ok(typeof plan6 !== 'string');
    const ok = judgeReturn6(plan, plan6, 2100, 2600, 60_000);
    assert.deepEqual(ok, { problems: [], figures: { registeredAgainMsV6: 2100, preferredAgainMsV6: 2600 } });
    const notBack = judgeReturn6(plan, plan6, undefined, null, 60_000);
    assert.deepEqual(notBack.figures, { registeredAgainMsV6: null, preferredAgainMsV6: null });
    assert.deepEqual(notBack.problems, [
      'not every spoke had its IPv6 NHS 2001:db8:0:100::1 (hub1) up again within 60 s',
    ]);
    const notPreferred = judgeReturn6(plan, plan6, 2100, null, 60_000);
    assert.deepEqual(notPreferred.problems, ['new IPv6 traffic from host3 does not go through hub1 again']);
  });
});
