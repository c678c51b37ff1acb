import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, matchesFilter, parseDebugLine, parseStamp } from '../../src/tui/debug-events.js';
import { debugLines } from './fixtures.js';

const NOW = Date.UTC(2026, 11, 1, 22, 50);

describe('tui debug events', () => {
  it('reads the IOS stamp of a router line (UTC, this year)', () => {
    const p = parseStamp('*Dec  1 22:44:52.087: NHRP: Tunnel0: x', NOW);
    assert.equal(p?.at, Date.UTC(2026, 11, 1, 22, 44, 52, 87));
    assert.equal(p?.rest, 'NHRP: Tunnel0: x');
    assert.equal(
      parseStamp('*Dec 31 23:59:59.000: x', Date.UTC(2027, 0, 1, 0, 0, 1))?.at,
      Date.UTC(2026, 11, 31, 23, 59, 59),
    );
  });

  it('classifies the lines of a real Phase 3 redirect', () => {
    const events = debugLines.flatMap((l) => parseDebugLine('spoke1', l, NOW) ?? []);
    assert.ok(!events.some((e) => /debugging is on/.test(e.text)), 'the banner is no event');
    const kinds = (k: string): string[] => events.filter((e) => e.kind === k).map((e) => e.text);
    assert.ok(
      kinds('indication').some((t) => t.startsWith('Redirect: 10.1.1.10 -> 10.1.2.10 hairpinned, Traffic Indication')),
    );
    assert.ok(kinds('indication').some((t) => t.startsWith('Resolving 10.1.2.10 (Traffic Indication')));
    assert.ok(kinds('shortcut').some((t) => /shortcut route 10.1.2.0\/24 via 172.16.0.12/.test(t)));
    assert.ok(kinds('resolution').some((t) => t.startsWith('Send Resolution Request')));
    assert.ok(kinds('registration').some((t) => t.startsWith('Send Registration Request')));
    assert.ok(kinds('peer').some((t) => /NHRP_NHP_UP/.test(t)));
    assert.ok(kinds('cache').length > 0);
    assert.ok(events.every((e) => !e.text.startsWith('NHRP:') && !e.text.startsWith('Tunnel0:')));
  });

  it('tells NHS state changes and errors apart', () => {
    assert.equal(
      classify('%DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 192.0.2.1) for x is DOWN'),
      'nhs',
    );
    assert.equal(classify('NHS 172.16.0.1 (192.0.2.1) not responding, marked down'), 'nhs');
    assert.equal(classify('Dropped packet from 192.0.2.1: bad checksum'), 'error');
    assert.equal(classify('%NHRP-5-SHORTCUT: Tunnel0: shortcut route 10.1.2.0/24 via 172.16.0.12 removed'), 'shortcut');
  });

  it('filters on every word, over node, kind and text', () => {
    const e = parseDebugLine(
      'spoke2',
      '*Dec  1 22:44:52.112: %NHRP-5-SHORTCUT: Tunnel0: shortcut route 10.1.1.0/24 installed',
      NOW,
    )!;
    assert.ok(matchesFilter(e, ''));
    assert.ok(matchesFilter(e, 'SPOKE2 shortcut'));
    assert.ok(matchesFilter(e, '10.1.1.0'));
    assert.ok(!matchesFilter(e, 'spoke1'));
    assert.ok(!matchesFilter(e, 'shortcut hub'));
    assert.ok(matchesFilter(e, 'spoke2 -cache'));
    assert.ok(!matchesFilter(e, '-shortcut'));
    assert.ok(matchesFilter(e, '-'));
  });
});

describe('tui fault events', () => {
  it('link faults in force per node: a later restore clears, a down link wins over silent', async () => {
    const { linkFaults } = await import('../../src/tui/feed.js');
    const ev = (action: 'link-silent' | 'link-restore' | 'link-down', target: string) =>
      ({ time: '2026-12-01T23:10:00Z', action, target, result: 'ok' }) as const;
    assert.deepEqual(linkFaults([ev('link-silent', 'spoke1:Gi0/1 inet:eth2')]), { spoke1: 'silent', inet: 'silent' });
    assert.deepEqual(
      linkFaults([ev('link-silent', 'spoke1:Gi0/1 inet:eth2'), ev('link-restore', 'spoke1:Gi0/1 inet:eth2')]),
      {},
    );
    assert.deepEqual(linkFaults([ev('link-silent', 'a:x inet:e1'), ev('link-down', 'b:y inet:e2')]), {
      a: 'silent',
      b: 'down',
      inet: 'down',
    });
  });

  it("a line of the lab's events.jsonl becomes an event of its node", async () => {
    const { faultEvent } = await import('../../src/tui/feed.js');
    const e = faultEvent(
      {
        time: '2026-12-01T23:10:00.000Z',
        action: 'stop',
        target: 'hub1',
        result: 'ok',
        message: 'hub1: dmvpnd (pid 7) killed',
        ms: 12,
      },
      0,
    );
    assert.deepEqual(
      [e.node, e.kind, e.at, e.text],
      ['hub1', 'fault', Date.UTC(2026, 11, 1, 23, 10), 'stop hub1: hub1: dmvpnd (pid 7) killed'],
    );
    const l = faultEvent(
      { time: 'x', action: 'link-silent', target: 'spoke1:Gi0/1 inet:eth3', result: 'failed', message: 'boom' },
      5,
    );
    assert.deepEqual([l.node, l.at, l.text], ['spoke1', 5, 'link-silent spoke1:Gi0/1 inet:eth3 FAILED: boom']);
  });
});
