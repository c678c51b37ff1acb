/**
 * The shipped lab ipv6-phase3 (an IPv6 overlay over the IPv4 NBMA, dual stack): the spokes register
 * their IPv6 tunnel addresses with the hub, host1 reaches host2 over IPv6, and in Phase 3 the first
 * spoke-to-spoke ping makes the hub redirect and spoke1 install an IPv6 shortcut (H) to host2's LAN
 * via spoke2. Variants of the same lab (config edits): Phase 2 (spokes route the other spoke's LAN
 * via its tunnel address: an ND miss → IPv6 Resolution Request → direct path) and Phase 1 (no
 * shortcut, no redirect: everything via the hub), and `ipv6 mtu` below `ip mtu` (Packet Too Big to the
 * host). The shortcut set-up time is printed as a diagnostic.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import type { LabState } from '../../src/lab/state.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { runChecks } from '../../src/lab/checks/runner.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { controlJson, sendControl } from '../../src/node/api/client.js';
import type { InterfacesJson } from '../../src/node/api/schema/interfaces.js';
import type { Ipv6InterfaceJson, Ipv6RouteTableJson } from '../../src/node/api/schema/ipv6.js';
import type { NhrpJson } from '../../src/node/show/index.js';
import { assertNothingLeft, copyLab, isRoot, removeTemps, tempDir, uniqueName, until } from '../helpers/lab.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

const HOST2 = '2001:db8:1:2::10';
const SPOKE1 = '2001:db8:0:100::11';
const SPOKE2 = '2001:db8:0:100::12';

function node(state: LabState, name: string) {
  const n = state.nodes.find((x) => x.name === name);
  assert.ok(n, `node ${name}`);
  return n;
}

const show = <T>(state: LabState, router: string, command: string): Promise<T> =>
  controlJson(node(state, router).control!, command) as Promise<T>;

async function ping6(state: LabState, from: string, to: string, count = 3): Promise<{ ok: boolean; out: string }> {
  const r = await execa(
    'ip',
    ['netns', 'exec', node(state, from).namespace, 'ping', '-6', '-n', '-c', String(count), '-i', '0.2', '-W', '2', to],
    { reject: false },
  );
  return { ok: r.exitCode === 0, out: `${r.stdout}${r.stderr}` };
}

async function registered(state: LabState): Promise<NhrpJson> {
  return until('both spokes registered over IPv6', 20_000, async () => {
    const j = await show<NhrpJson>(state, 'hub', 'show ipv6 nhrp');
    // the spokes' global addresses (each also registers its link-local address)
    const reg = j.interfaces
      .flatMap((i) => i.entries)
      .filter((e) => e.flags.includes('registered') && !e.network.startsWith('fe80:'));
    return reg.length >= 2 ? j : undefined;
  });
}

const shortcut = (j: Ipv6RouteTableJson) => j.routes.find((r) => r.code === 'H' && r.prefix === '2001:db8:1:2::');

async function withLab(
  variant: string,
  edits: Record<string, (t: string) => string>,
  body: (s: LabState) => Promise<void>,
) {
  const name = uniqueName(`v6${variant}`);
  const file = copyLab('ipv6-phase3', edits);
  try {
    const state = await upLab(file, { name });
    await body(state);
  } finally {
    await downLab(name, { cleanup: true }).catch(() => undefined);
  }
  await assertNothingLeft(name, file);
}

describe('lab ipv6-phase3: IPv6 overlay over an IPv4 NBMA', { skip }, () => {
  it('Phase 3: IPv6 registration, reachability, and a shortcut after the first spoke-to-spoke traffic', async (t) => {
    await withLab('p3', {}, async (state) => {
      const hub = await registered(state);
      const entries = hub.interfaces.flatMap((i) => i.entries).filter((e) => e.flags.includes('registered'));
      // each spoke registers its global and (as IOS) its link-local tunnel address
      assert.deepEqual(entries.map((e) => `${e.network} ${e.nbma}`).sort(), [
        `${SPOKE1}/128 198.51.100.1`,
        `${SPOKE2}/128 203.0.113.1`,
        'fe80::11/128 198.51.100.1',
        'fe80::12/128 203.0.113.1',
      ]);
      assert.equal(shortcut(await show(state, 'spoke1', 'show ipv6 route')), undefined, 'no shortcut before traffic');
      const start = Date.now();
      const pinging = ping6(state, 'host1', HOST2, 5);
      const sc = await until('the IPv6 shortcut on spoke1', 10_000, async () =>
        shortcut(await show<Ipv6RouteTableJson>(state, 'spoke1', 'show ipv6 route')),
      );
      const setupMs = Date.now() - start;
      t.diagnostic(`IPv6 Phase 3 shortcut set-up time: ${setupMs} ms (first ping to H route on spoke1)`);
      assert.equal(sc.nextHop, SPOKE2);
      assert.equal(sc.interface, 'Tunnel0');
      const p = await pinging;
      assert.ok(p.ok, `host1 -> host2 over IPv6: ${p.out}`);
      const s1 = await show<NhrpJson>(state, 'spoke1', 'show ipv6 nhrp');
      const e = s1.interfaces[0]!.entries.find((x) => x.network === '2001:db8:1:2::/64');
      assert.equal(e?.nbma, '203.0.113.1', 'the shortcut goes straight to spoke2');
      // and the other way round
      const back = await ping6(state, 'host2', '2001:db8:1:1::10');
      assert.ok(back.ok, back.out);
      // the router's own `ping ipv6 X source Y` (IOS exec) through the shortcut
      const own = await sendControl(
        node(state, 'spoke1').control!,
        'ping ipv6 2001:db8:1:2::1 repeat 2 source 2001:db8:1:1::1',
      );
      assert.match(own, /Sending 2, 100-byte ICMP Echos to 2001:DB8:1:2::1/);
      assert.match(own, /Success rate is 100 percent \(2\/2\)/);
    });
  });

  it('ipv6 mtu 1300 on spoke1 (ip mtu 1400): a longer IPv6 packet gets Packet Too Big, the host then fragments', async () => {
    await withLab('mtu', { 'spoke1.cfg': (t) => t.replace(/^ ipv6 mtu 1400$/m, ' ipv6 mtu 1300') }, async (state) => {
      await registered(state);
      assert.ok((await ping6(state, 'host1', HOST2)).ok, 'small packets pass');
      const big = (df: 'do' | 'dont') =>
        execa(
          'ip',
          ['netns', 'exec', node(state, 'host1').namespace, 'ping', '-6', '-n', '-c', '2', '-W', '2', '-M', df].concat([
            '-s',
            '1350',
            HOST2,
          ]),
          { reject: false },
        );
      const refused = await big('do');
      assert.match(
        `${refused.stdout}${refused.stderr}`,
        new RegExp(`From ${SPOKE1} icmp_seq=1 Packet too big: mtu=1300`),
      );
      const fragmented = await big('dont');
      assert.equal(fragmented.exitCode, 0, `${fragmented.stdout}${fragmented.stderr}`);
      const v6 = await show<Ipv6InterfaceJson>(state, 'spoke1', 'show ipv6 interface Tunnel0');
      assert.deepEqual(
        v6.interfaces.map((i) => [i.mtu, i.mtuConfigured]),
        [[1300, true]],
      );
      const ifs = await show<InterfacesJson>(state, 'spoke1', 'show interfaces Tunnel0');
      assert.ok((ifs.interfaces[0]!.counters?.drops.ipv6TooBig ?? 0) >= 1, 'counted as ipv6TooBig');
    });
  });

  it('dmvpn-lab check runs registration, phase and reachability for IPv6 too (the shipped lab as is)', async () => {
    const name = uniqueName('v6ck');
    const file = copyLab('ipv6-phase3');
    try {
      // the checks bring the lab up and down themselves
      const report = await runChecks(file, { name, only: ['registration', 'phase', 'reachability'] });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const v6 = report.results.filter((r) => /IPv6|2001:db8/.test(r.reason)).map((r) => `${r.name} ${r.status}`);
      assert.deepEqual(v6.sort(), [
        'phase pass',
        'reachability pass',
        'reachability pass',
        'registration pass',
        'registration pass',
      ]);
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });

  it('Phase 2: an ND miss for the other spoke resolves it; Phase 1: all via the hub, no shortcut', async () => {
    // Phase 2: spokes route the other LAN via that spoke's tunnel address, no redirect/shortcut
    const p2 = (n: 1 | 2) => (text: string) =>
      text
        .replace(/ ipv6 nhrp shortcut\n/, '')
        .replace(
          /ipv6 route 2001:DB8:1::\/48 2001:DB8:0:100::1/,
          `ipv6 route 2001:DB8:1:${3 - n}::/64 2001:DB8:0:100::1${3 - n}`,
        );
    await withLab(
      'p2',
      { 'spoke1.cfg': p2(1), 'spoke2.cfg': p2(2), 'hub.cfg': (t) => t.replace(' ipv6 nhrp redirect\n', '') },
      async (state) => {
        await registered(state);
        const p = await ping6(state, 'host1', HOST2);
        assert.ok(p.ok, p.out);
        const s1 = await until('spoke1 resolved spoke2', 10_000, async () => {
          const j = await show<NhrpJson>(state, 'spoke1', 'show ipv6 nhrp');
          return j.interfaces[0]!.entries.find((x) => x.network === `${SPOKE2}/128` && x.nbma === '203.0.113.1');
        });
        assert.equal(s1.type, 'dynamic');
        const routes = await show<Ipv6RouteTableJson>(state, 'spoke1', 'show ipv6 route');
        assert.equal(shortcut(routes), undefined, 'Phase 2 installs no shortcut route');
      },
    );
    // Phase 1: no shortcut on the spokes, no redirect on the hub
    const p1 = (text: string) => text.replace(' ipv6 nhrp shortcut\n', '').replace(' ipv6 nhrp redirect\n', '');
    await withLab('p1', { 'spoke1.cfg': p1, 'spoke2.cfg': p1, 'hub.cfg': p1 }, async (state) => {
      await registered(state);
      const p = await ping6(state, 'host1', HOST2, 5);
      assert.ok(p.ok, p.out);
      const s1 = await show<NhrpJson>(state, 'spoke1', 'show ipv6 nhrp');
      assert.equal(
        s1.interfaces[0]!.entries.find((x) => x.nbma === '203.0.113.1'),
        undefined,
        'spoke1 never learns spoke2',
      );
      assert.equal(shortcut(await show(state, 'spoke1', 'show ipv6 route')), undefined);
    });
  });
});
