/**
 * IPv6 routing with the real FRR daemons: two routers in their own namespaces on one Ethernet link,
 * each with a LAN. OSPFv3 (ospf6d), RIPng (ripngd) and iBGP IPv6 unicast between IPv6 neighbors
 * each learn the other router's LAN, and the poller reads it from zebra's `show ipv6 route json`
 * into the IPv6 sources with the IOS code, distance and the IOS interface name.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../../src/node/config/parse.js';
import { FRR_DIR, FrrDaemons, frrInstalled } from '../../../src/node/frr/daemons.js';
import { FrrRoutePoller } from '../../../src/node/frr/poll.js';
import type { RibRoute } from '../../../src/node/rib/route.js';
import { ospf6NeighborJson } from '../../../src/node/show/ospf6.js';

const root = process.getuid?.() === 0;
const skip = !frrInstalled() ? 'FRR not installed' : !root ? 'needs root (network namespaces)' : false;
const tag = `v6f${process.pid % 10000}`;
const NS = [`${tag}a`, `${tag}b`];
const dir = mkdtempSync(join(tmpdir(), 'dmvpn-frr6-'));
chmodSync(dir, 0o755);

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const inNs = (ns: string, ...args: string[]) => ip('netns', 'exec', ns, ...args);

/** A folder of FRR daemons that run in namespace `ns` (the daemons are exec'd, so pids stay theirs). */
function frrIn(ns: string): string {
  const d = join(dir, `bin-${ns}`);
  execFileSync('mkdir', ['-p', d]);
  for (const daemon of ['zebra', 'ospf6d', 'ripngd', 'bgpd']) {
    writeFileSync(join(d, daemon), `#!/bin/sh\nexec ip netns exec ${ns} ${FRR_DIR}/${daemon} "$@"\n`, { mode: 0o755 });
  }
  return d;
}

/** Router `n` (1 or 2): link 2001:db8:12::n/64 on Gi0/0, LAN 2001:db8:n::1/64 on Gi0/1. */
function config(n: 1 | 2, protocol: 'ospf' | 'rip' | 'bgp'): string {
  const other = 3 - n;
  const lines = [`hostname r${n}`, 'ipv6 unicast-routing', 'interface GigabitEthernet0/0'];
  if (protocol === 'ospf')
    lines.push(' ipv6 ospf 1 area 0', ' ipv6 ospf network broadcast', ' ipv6 ospf hello-interval 1');
  if (protocol === 'rip') lines.push(' ipv6 rip LAB enable');
  lines.push('interface GigabitEthernet0/1');
  if (protocol === 'ospf') lines.push(' ipv6 ospf 1 area 0');
  if (protocol === 'rip') lines.push(' ipv6 rip LAB enable');
  if (protocol === 'ospf') lines.push('ipv6 router ospf 1', ` router-id ${n}.${n}.${n}.${n}`);
  if (protocol === 'rip') lines.push('ipv6 router rip LAB');
  if (protocol === 'bgp')
    lines.push(
      'router bgp 65000',
      ` bgp router-id ${n}.${n}.${n}.${n}`,
      ` neighbor 2001:DB8:12::${other} remote-as 65000`,
      ' address-family ipv6 unicast',
      ` network 2001:DB8:${n}::/64`,
      ` neighbor 2001:DB8:12::${other} activate`,
      ' exit-address-family',
    );
  return `${lines.join('\n')}\n`;
}

describe('IPv6 routing through FRR between two namespaces', { skip }, () => {
  before(() => {
    for (const ns of NS) ip('netns', 'add', ns);
    ip('link', 'add', 'eth0', 'netns', NS[0], 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS[1]);
    NS.forEach((ns, i) => {
      inNs(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0');
      inNs(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.forwarding=1');
      inNs(ns, 'ip', 'link', 'add', 'eth1', 'type', 'veth', 'peer', 'name', 'lan1');
      for (const l of ['lo', 'eth0', 'eth1', 'lan1']) inNs(ns, 'ip', 'link', 'set', l, 'up');
      inNs(ns, 'ip', '-6', 'addr', 'add', `2001:db8:12::${i + 1}/64`, 'dev', 'eth0', 'nodad');
      inNs(ns, 'ip', '-6', 'addr', 'add', `2001:db8:${i + 1}::1/64`, 'dev', 'eth1', 'nodad');
    });
  });
  after(() => {
    for (const ns of NS) execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [protocol, code, distance] of [
    ['ospf', 'O', 110],
    ['rip', 'R', 120],
    ['bgp', 'B', 200],
  ] as const) {
    it(`${protocol}: each router learns the other's LAN, read into the IPv6 source as ${code}`, async () => {
      const routers = NS.map((ns, i) => {
        const cfg = parseConfig(config((i + 1) as 1 | 2, protocol));
        assert.deepEqual(cfg.errors, []);
        const daemons = new FrrDaemons({
          stateDir: join(dir, `${ns}-${protocol}`),
          log: () => undefined,
          frrDir: frrIn(ns),
        });
        const poller = new FrrRoutePoller(
          daemons,
          () => cfg.config,
          () => Date.now(),
        );
        return { daemons, poller, config: cfg.config };
      });
      try {
        for (const r of routers) assert.deepEqual(await r.daemons.apply(r.config), []);
        for (const r of routers) r.poller.follow();
        const learned = (i: number): RibRoute | undefined =>
          routers[i].poller.sources6[protocol].routes().find((x) => x.prefix === `2001:db8:${2 - i}::`);
        const t0 = Date.now();
        while ((!learned(0) || !learned(1)) && Date.now() - t0 < 45_000) await sleep(250);
        for (const i of [0, 1]) {
          const r = learned(i);
          assert.ok(r, `r${i + 1} did not learn 2001:db8:${2 - i}::/64 by ${protocol}`);
          assert.equal(r.prefixLength, 64);
          assert.equal(r.source, protocol);
          assert.equal(r.distance, distance);
          assert.equal(r.interface, 'GigabitEthernet0/0');
          // zebra forwards on the neighbor's link-local address (BGP sends it beside the global one)
          assert.match(r.nextHop ?? '', protocol === 'bgp' ? /^(fe80::|2001:db8:12::[12]$)/ : /^fe80::/);
          // IPv6 routes stay out of the IPv4 sources
          assert.equal(routers[i].poller.sources[protocol].routes().filter((x) => x.prefix.includes(':')).length, 0);
        }
        if (protocol === 'ospf') {
          // `show ipv6 ospf neighbor` reads ospf6d's own JSON: the other router, Full
          const j = ospf6NeighborJson(
            routers[0].config,
            JSON.parse(await routers[0].daemons.vtysh('show ipv6 ospf6 neighbor json')),
          );
          assert.deepEqual(
            j.neighbors.map((n) => [n.neighborId, n.state.split('/')[0], n.interface]),
            [['2.2.2.2', 'FULL', 'GigabitEthernet0/0']],
          );
        }
        console.log(`# ${protocol}: both LANs learned ${((Date.now() - t0) / 1000).toFixed(1)} s after start`);
      } finally {
        for (const r of routers) {
          r.poller.stop();
          await r.daemons.stop();
        }
      }
    });
  }
});
