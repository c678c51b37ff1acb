/**
 * labs/ipv6-eigrp: an IPv6 DMVPN (GRE over IPv4, IPv6 NHRP, Phase 3) whose LANs travel only by
 * EIGRP for IPv6 — dmvpnd's own engine, classic mode on the hub and spoke1, named mode on spoke2
 * (which sends wide-metric TLVs: the hub's route to its LAN is learned from them), the hub advertising
 * one summary to the spokes. It comes up; the EIGRP adjacencies form over
 * Tunnel0 between link-local addresses; each spoke learns the summary (D via FE80::1) and the hub
 * each spoke LAN (D via the spoke's link-local), the kernel following; the hosts ping each other over
 * IPv6, spoke to spoke through an NHRP shortcut; `dmvpn-lab check` passes (the routing check infers
 * EIGRP for IPv6 from the configs). Prints the time from the start of `up` to full convergence.
 * A Phase 2 variant (hub `no ipv6 split-horizon eigrp`, `no ipv6 next-hop-self eigrp`, no summary,
 * no redirect): a spoke learns the other spoke's LAN via that spoke's link-local address, which IPv6
 * NHRP resolves to its NBMA address, and the hosts reach each other spoke to spoke.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { controlJson } from '../../src/node/api/client.js';
import type { EigrpNeighborsJson } from '../../src/node/api/schema/eigrp.js';
import type { Ipv6RouteTableJson } from '../../src/node/api/schema/ipv6.js';
import type { NhrpJson } from '../../src/node/show/index.js';
import { copyLab, isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';

describe('IPv6 EIGRP lab: EIGRP for IPv6 over an IPv6 DMVPN', { skip }, () => {
  it('adjacencies over the tunnel, learned IPv6 prefixes, host pings, dmvpn-lab check', async () => {
    const name = uniqueName('v6eig');
    const file = copyLab('ipv6-eigrp');
    const labDir = join(file, '..', `clab-${name}`);
    try {
      const t0 = Date.now();
      const state = await upLab(file, { name });
      const upMs = Date.now() - t0;
      const control = (n: string) => state.nodes.find((x) => x.name === n)!.control!;
      const ns = (n: string) => state.nodes.find((x) => x.name === n)!.namespace;
      const routes = async (n: string) =>
        ((await controlJson(control(n), 'show ipv6 route eigrp')) as Ipv6RouteTableJson).routes.map(
          (r) => `${r.code} ${r.network} ${r.nextHop ?? r.interface}`,
        );
      const want: Record<string, string[]> = {
        hub: ['D 2001:db8::/32 Null0', 'D 2001:db8:0:1::/64 fe80::11', 'D 2001:db8:0:2::/64 fe80::12'],
        spoke1: ['D 2001:db8::/32 fe80::1'],
        spoke2: ['D 2001:db8::/32 fe80::1'],
      };
      let got: Record<string, string[]> = {};
      for (let i = 0; i < 60; i++) {
        got = Object.fromEntries(await Promise.all(Object.keys(want).map(async (n) => [n, await routes(n)])));
        if (JSON.stringify(got) === JSON.stringify(want)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const convergedMs = Date.now() - t0;
      assert.deepEqual(got, want);
      const neighbors = async (n: string) =>
        ((await controlJson(control(n), 'show ipv6 eigrp neighbors')) as EigrpNeighborsJson).neighbors
          .map((x) => `${x.address} ${x.interface}`)
          .sort();
      assert.deepEqual(await neighbors('hub'), ['fe80::11 Tunnel0', 'fe80::12 Tunnel0']);
      assert.deepEqual(await neighbors('spoke1'), ['fe80::1 Tunnel0']);
      assert.deepEqual(await neighbors('spoke2'), ['fe80::1 Tunnel0']);
      // the kernel follows the IPv6 table: the summary via the hub's link-local, proto eigrp
      const kernel = execFileSync('ip', ['netns', 'exec', ns('spoke1'), 'ip', '-6', 'route'], { encoding: 'utf8' });
      assert.match(kernel, /^2001:db8::\/32 via fe80::1 dev tun0 proto eigrp/m);
      const ping = (from: string, to: string) =>
        execFileSync('ip', ['netns', 'exec', ns(from), 'ping', '-6', '-c', '3', '-i', '0.3', '-W', '2', to], {
          encoding: 'utf8',
        });
      for (const [from, to] of [
        ['host1', '2001:db8:0:10::10'],
        ['host0', '2001:db8:0:2::10'],
        ['host1', '2001:db8:0:2::10'],
        ['host2', '2001:db8:0:1::10'],
      ])
        assert.match(ping(from, to), / 0% packet loss/, `${from} → ${to}`);
      const report = await runChecks(name);
      assert.deepEqual(
        report.results.filter((r) => r.status === 'fail').map((r) => `${r.name} ${r.nodes.join('<')}: ${r.reason}`),
        [],
      );
      const routing = report.results.filter((r) => r.name === 'routing');
      assert.equal(routing.length, 6);
      for (const r of routing) assert.match(r.reason, /by EIGRP for IPv6$/);
      assert.ok(report.results.some((r) => r.name === 'reachability' && r.status === 'pass'));
      console.log(
        `# EIGRP for IPv6: up ${(upMs / 1000).toFixed(1)} s, every EIGRP route in place ${(convergedMs / 1000).toFixed(1)} s after the start of up`,
      );
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
      rmSync(labDir, { recursive: true, force: true });
    }
    assert.deepEqual(await leftovers(name, labDir), { namespaces: [], rules: [], processes: [] });
  });

  it('Phase 2: no split horizon, no next-hop-self: the next hop is the other spoke, resolved by NHRP', async () => {
    const name = uniqueName('v6eig2');
    const hub = (t: string) =>
      t
        .replace(
          /^ ipv6 summary-address eigrp 10 .*$/m,
          ' no ipv6 split-horizon eigrp 10\n no ipv6 next-hop-self eigrp 10',
        )
        .replace(/^ ipv6 nhrp redirect\n/m, '');
    const spoke = (t: string) => t.replace(/^ ipv6 nhrp shortcut\n/m, '');
    const file = copyLab('ipv6-eigrp', { 'hub.cfg': hub, 'spoke1.cfg': spoke, 'spoke2.cfg': spoke });
    const labDir = join(file, '..', `clab-${name}`);
    try {
      const state = await upLab(file, { name });
      const control = (n: string) => state.nodes.find((x) => x.name === n)!.control!;
      const ns = (n: string) => state.nodes.find((x) => x.name === n)!.namespace;
      let route: string | undefined;
      for (let i = 0; i < 60 && route === undefined; i++) {
        const t = (await controlJson(control('spoke1'), 'show ipv6 route eigrp')) as Ipv6RouteTableJson;
        const r = t.routes.find((x) => x.network === '2001:db8:0:2::/64');
        route = r && `${r.code} via ${r.nextHop} ${r.interface}`;
        if (route === undefined) await new Promise((res) => setTimeout(res, 500));
      }
      assert.equal(route, 'D via fe80::12 Tunnel0');
      const ping = (from: string, to: string) =>
        execFileSync('ip', ['netns', 'exec', ns(from), 'ping', '-6', '-c', '5', '-i', '0.3', '-W', '3', to], {
          encoding: 'utf8',
        });
      assert.doesNotMatch(ping('host1', '2001:db8:0:2::10'), / 100% packet loss/, 'host1 → host2');
      assert.match(ping('host1', '2001:db8:0:2::10'), / 0% packet loss/, 'host1 → host2');
      const nhrp = (await controlJson(control('spoke1'), 'show ipv6 nhrp')) as NhrpJson;
      const ll = nhrp.interfaces.flatMap((i) => i.entries).find((e) => e.network === 'fe80::12/128');
      assert.equal(ll?.nbma, '203.0.113.1', "spoke1 resolved spoke2's link-local to its NBMA address");
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
      rmSync(labDir, { recursive: true, force: true });
    }
    assert.deepEqual(await leftovers(name, labDir), { namespaces: [], rules: [], processes: [] });
  });
});
