import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext } from '../../../src/lab/checks/context.js';
import {
  ipv4Hosts,
  PING_CONCURRENCY,
  reachabilityCheck,
  reachabilityPairs,
} from '../../../src/lab/checks/reachability.js';
import type { HostView, LabView } from '../../../src/lab/checks/view.js';
import { silent, ttyMeter } from '../../../src/lab/progress.js';
import type { Runtime } from '../../../src/lab/runtime/types.js';

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);

describe('reachability: which pairs, how many at once, and a live counter', () => {
  it('samples O(n) pairs that cover every host as source and destination; --all-pairs tests all n(n-1)', () => {
    assert.deepEqual(reachabilityPairs(hosts(1), false), []);
    assert.deepEqual(reachabilityPairs(hosts(2), false), [
      ['h1', 'h0'],
      ['h0', 'h1'],
    ]);
    const twenty = reachabilityPairs(hosts(20), false);
    assert.equal(twenty.length, 38);
    assert.equal(new Set(twenty.map(([a, b]) => `${a}>${b}`)).size, 38, 'no pair twice');
    for (const h of hosts(20)) {
      assert.ok(
        twenty.some(([a]) => a === h),
        `${h} never sends`,
      );
      assert.ok(
        twenty.some(([, b]) => b === h),
        `${h} never receives`,
      );
    }
    assert.ok(
      twenty.some(([a, b]) => a === 'h5' && b === 'h6'),
      'each host pings its neighbour',
    );
    assert.equal(reachabilityPairs(hosts(20), true).length, 380);
  });

  it('pings pairs in parallel, at most PING_CONCURRENCY at a time, and reports done/total', async () => {
    let running = 0;
    let most = 0;
    const runtime = {
      name: 'fake',
      async exec() {
        most = Math.max(most, ++running);
        await sleep(50);
        running--;
        const stdout = '5 packets transmitted, 5 received, 0% packet loss\nrtt min/avg/max/mdev = 0.1/0.2/0.3/0.0 ms';
        return { stdout, stderr: '', exitCode: 0 };
      },
    } as unknown as Runtime;
    const hs: HostView[] = hosts(12).map((name, i) => ({ name, namespace: `ns-${name}`, address: `10.9.${i}.10` }));
    const view = { hosts: hs, spokes: [], hubs: [], routers: [] } as unknown as LabView;
    const counts: Array<[number, number]> = [];
    const meter = (_: string, d: number, t: number) => counts.push([d, t]);
    const refresh = async () => view;
    const ctx = { view, runtime, progress: silent, pcaps: [], workDir: '/nonexistent', refresh, allPairs: true, meter };
    const t0 = Date.now();
    const results = await reachabilityCheck.run(ctx as CheckContext);
    assert.equal(results.length, 132);
    assert.ok(results.every((r) => r.status === 'pass'));
    const firstTwo = results.slice(0, 2).map((r) => r.nodes);
    assert.deepEqual(
      firstTwo,
      [
        ['h0', 'h1'],
        ['h0', 'h2'],
      ],
      'results keep the pair order',
    );
    assert.ok(most > 1 && most <= PING_CONCURRENCY, `${most} pings at once`);
    assert.ok(Date.now() - t0 < 132 * 50, 'not one after the other');
    assert.deepEqual(counts[0], [0, 132]);
    assert.deepEqual(counts.at(-1), [132, 132]);
    assert.deepEqual(
      counts.map(([d]) => d),
      [...counts.map(([d]) => d)].sort((a, b) => a - b),
    );
  });

  it('the live counter overwrites one stderr line on a terminal, clears it at the end, and is silent elsewhere', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream;
    const m = ttyMeter(tty);
    m('reachability', 1, 3);
    m('reachability', 3, 3);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line sequence is what is tested
    assert.match(written[0]!, /^\r\x1b\[K\[ +\d+\.\ds\] reachability 1\/3$/);
    assert.equal(written[1], '\r\x1b[K');
    const piped: string[] = [];
    const pipe = { isTTY: false, write: (t: string) => piped.push(t) } as unknown as NodeJS.WriteStream;
    ttyMeter(pipe)('reachability', 1, 3);
    assert.deepEqual(piped, []);
  });
});

it('IPv6-only hosts (an IPv4 address on no router LAN) are pinged over IPv6 only', () => {
  const hosts = [
    { name: 'a', router: 'hub', address6: '2001:db8::10' },
    { name: 'b', address6: '2001:db8:1::10' },
    { name: 'c' },
  ];
  assert.deepEqual(
    ipv4Hosts(hosts).map((h) => h.name),
    ['a', 'c'],
  );
});
