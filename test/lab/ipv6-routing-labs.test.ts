/**
 * labs/ipv6-ospf: an IPv6 DMVPN (GRE over IPv4, IPv6 NHRP) whose LANs travel only by OSPFv3
 * (FRR's ospf6d): it comes up, the `routing` check finds every remote IPv6 LAN in every router's
 * `show ipv6 route json` as an OSPF route (there is no static LAN route in any config), and the
 * hosts behind the spokes and the hub ping each other over IPv6. The same with RIPng and with iBGP
 * IPv6 (hub route reflector) in place of OSPFv3. With each, the spokes' hosts reach each other too, spoke to
 * spoke: OSPFv3 and RIPng give the other spoke's link-local address as next hop, which IPv6 NHRP
 * resolves (each spoke registers its link-local address with the hub, as IOS does); BGP keeps the
 * other spoke's global address. With RIPng, `show ipv6 rip database` lists the remote LANs. Prints the time from the start of `up` to full IPv6 routing
 * convergence, and the time from the first spoke-to-spoke ping to the first one answered.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import { controlJson } from '../../src/node/api/client.js';
import { frrInstalled } from '../../src/node/frr/daemons.js';
import type { RipngDatabaseJson } from '../../src/node/api/schema/routing6.js';
import type { NhrpJson, NhrpTrafficJson } from '../../src/node/show/index.js';
import { copyLab, isRoot, leftovers, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';

after(removeTemps);

process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');
chmodSync(process.env.DMVPN_LAB_RUN_DIR, 0o711);
const LAB = join(import.meta.dirname, '..', '..', 'labs', 'ipv6-ospf');

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : !frrInstalled() && 'FRR is not installed (make apt installs it)';

/** RIPng in place of OSPFv3: the LANs and the tunnel run `ipv6 rip LAB`, the hub without split horizon. */
function toRipng(text: string): string {
  const hub = /^hostname hub$/m.test(text);
  return text
    .replace(/^ ipv6 ospf 1 area 0$/gm, ' ipv6 rip LAB enable')
    .replace(/^ ipv6 ospf .*\n/gm, '')
    .replace(/^ipv6 router ospf 1\n( .*\n)*/m, `ipv6 router rip LAB\n${hub ? ' no split-horizon\n' : ''}`);
}

/** iBGP IPv6 in place of OSPFv3: the hub a route reflector with a listen range, each router its LAN. */
function toBgp(text: string): string {
  const hub = /^hostname hub$/m.test(text);
  const lan = /^ ipv6 address (2001:DB8:0:[0-9a-fA-F]+::)1\/64$/m.exec(text)![1];
  const peers = hub
    ? [
        ' neighbor SPOKES peer-group',
        ' neighbor SPOKES remote-as 65000',
        ' bgp listen range 2001:DB8:0:100::/64 peer-group SPOKES',
      ]
    : [' neighbor 2001:DB8:0:100::1 remote-as 65000'];
  const id = hub ? 'SPOKES' : '2001:DB8:0:100::1';
  return text
    .replace(/^ ipv6 ospf .*\n/gm, '')
    .replace(
      /^ipv6 router ospf 1\n( .*\n)*/m,
      [
        'router bgp 65000',
        ...peers,
        ' address-family ipv6 unicast',
        `  network ${lan}/64`,
        `  neighbor ${id} activate`,
        ...(hub ? [`  neighbor ${id} route-reflector-client`] : []),
        ' exit-address-family',
        '',
      ].join('\n'),
    );
}

/**
 * `nextHop`: spoke1's next hop to spoke2's LAN, which its IPv6 NHRP resolves to spoke2's NBMA;
 * `viaHub`: also spoke to spoke with the hub as next hop (FE80::1), the hub forwarding.
 */
const VARIANTS: Array<{ name: string; edit?: (t: string) => string; route: RegExp; nextHop: string; viaHub?: true }> = [
  { name: 'OSPFv3', route: /\(O via fe80::/, nextHop: 'fe80::12/128' },
  { name: 'RIPng', edit: toRipng, route: /\(R via fe80::/, nextHop: 'fe80::12/128', viaHub: true },
  { name: 'BGP IPv6', edit: toBgp, route: /\(B via /, nextHop: '2001:db8:0:100::12/128' },
];

/** spoke2's NBMA address (labs/ipv6-ospf). */
const SPOKE2_NBMA = '203.0.113.1';

describe('IPv6 routing lab: OSPFv3, RIPng and BGP IPv6 over an IPv6 DMVPN', { skip }, () => {
  it('no config has an IPv6 static route to a LAN; every router runs OSPFv3 on its LAN and tunnel', () => {
    for (const node of ['hub', 'spoke1', 'spoke2']) {
      const text = readFileSync(join(LAB, `${node}.cfg`), 'utf8');
      assert.doesNotMatch(text, /^ipv6 route /m, node);
      assert.match(text, /^ipv6 router ospf 1$/m, node);
      assert.equal(text.match(/^ ipv6 ospf 1 area 0$/gm)?.length, 2, node);
    }
  });

  for (const v of VARIANTS)
    it(`${v.name}: every remote IPv6 LAN is learned by it, spoke LANs reach the hub LAN`, async () => {
      const name = uniqueName(`v6${v.name.slice(0, 3).toLowerCase()}`);
      const file = v.edit
        ? copyLab('ipv6-ospf', { 'hub.cfg': v.edit, 'spoke1.cfg': v.edit, 'spoke2.cfg': v.edit })
        : join(LAB, 'ipv6-ospf.clab.yml');
      const labDir = join(file, '..', `clab-${name}`);
      try {
        const t0 = Date.now();
        const state = await upLab(file, { name });
        const upMs = Date.now() - t0;
        const report = await runChecks(name, { only: ['routing'] });
        const routing = report.results.filter((r) => r.name === 'routing');
        assert.deepEqual(
          routing.filter((r) => r.status !== 'pass').map((r) => r.reason),
          [],
        );
        assert.deepEqual(routing.map((r) => r.nodes.join('<')).sort(), [
          'hub<spoke1',
          'hub<spoke2',
          'spoke1<hub',
          'spoke1<spoke2',
          'spoke2<hub',
          'spoke2<spoke1',
        ]);
        for (const r of routing) assert.match(r.reason, v.route);
        const convergedMs = Date.now() - t0;
        if (v.name === 'RIPng') {
          // spoke1's RIPng database holds the hub's LAN and spoke2's, learned over the tunnel from link-locals
          const db = (await controlJson(
            state.nodes.find((x) => x.name === 'spoke1')!.control!,
            'show ipv6 rip database',
          )) as RipngDatabaseJson;
          assert.equal(db.process, 'LAB');
          const lans = db.routes.filter((r) => r.installed && r.interface === 'Tunnel0' && /^fe80::/.test(r.nextHop!));
          assert.deepEqual(lans.map((r) => r.network).sort(), ['2001:db8:0:10::/64', '2001:db8:0:2::/64']);
          assert.ok(
            lans.every((r) => r.metric >= 2),
            JSON.stringify(lans),
          );
        }
        const ns = (n: string) => state.nodes.find((x) => x.name === n)!.namespace;
        const ping = (from: string, to: string) =>
          execFileSync('ip', ['netns', 'exec', ns(from), 'ping', '-6', '-c', '3', '-i', '0.3', '-W', '2', to], {
            encoding: 'utf8',
          });
        // hosts behind the spokes reach the host behind the hub, and it reaches them, over IPv6
        for (const [from, to] of [
          ['host1', '2001:db8:0:10::10'],
          ['host2', '2001:db8:0:10::10'],
          ['host0', '2001:db8:0:1::10'],
          ['host0', '2001:db8:0:2::10'],
        ])
          assert.match(ping(from, to), / 0% packet loss/, `${from} → ${to}`);
        // spoke to spoke: the first packets wait for NHRP to resolve the next hop (the kernel's
        // Neighbor Solicitation is answered once it is), then every ping is answered, directly
        const once = (from: string, to: string) => {
          try {
            execFileSync('ip', ['netns', 'exec', ns(from), 'ping', '-6', '-c', '1', '-W', '1', to], {
              stdio: 'ignore',
            });
            return true;
          } catch {
            return false;
          }
        };
        const s0 = Date.now();
        for (let i = 0; i < 30 && !once('host1', '2001:db8:0:2::10'); i++);
        const spokeMs = Date.now() - s0;
        assert.match(ping('host1', '2001:db8:0:2::10'), / 0% packet loss/, 'host1 → host2');
        assert.match(ping('host2', '2001:db8:0:1::10'), / 0% packet loss/, 'host2 → host1');
        const s1 = (await controlJson(
          state.nodes.find((x) => x.name === 'spoke1')!.control!,
          'show ipv6 nhrp',
        )) as NhrpJson;
        const bound = s1.interfaces.flatMap((i) => i.entries).find((e) => e.network === v.nextHop);
        assert.equal(bound?.nbma, SPOKE2_NBMA, `spoke1 reaches ${v.nextHop} at spoke2's NBMA (direct)`);
        if (v.viaHub) {
          // through the hub: spoke2 routes spoke1's LAN via the hub's link-local address; the hub
          // forwards it back out of the tunnel (and, with `ipv6 nhrp redirect`, sends spoke2 a
          // Traffic Indication)
          const sent = async () =>
            (
              (await controlJson(
                state.nodes.find((x) => x.name === 'hub')!.control!,
                'show ipv6 nhrp traffic',
              )) as NhrpTrafficJson
            ).interfaces[0]!.sent.trafficIndication;
          const before = await sent();
          execFileSync('ip', [
            'netns',
            'exec',
            ns('spoke2'),
            'ip',
            '-6',
            'route',
            'add',
            '2001:db8:0:1::/64',
            'via',
            'fe80::1',
            'dev',
            'tun0',
            'metric',
            '5',
          ]);
          assert.match(ping('host2', '2001:db8:0:1::10'), / 0% packet loss/, 'host2 → host1 via the hub');
          assert.ok((await sent()) > before, 'the hub saw the packets hairpin');
        }
        console.log(
          `# ${v.name}: up ${(upMs / 1000).toFixed(1)} s, every IPv6 LAN learned ${(convergedMs / 1000).toFixed(1)} s after the start of up, first spoke-to-spoke ping answered after ${(spokeMs / 1000).toFixed(1)} s`,
        );
      } finally {
        await downLab(name, { cleanup: true }).catch(() => undefined);
        rmSync(labDir, { recursive: true, force: true });
      }
      assert.deepEqual(await leftovers(name, labDir), { namespaces: [], rules: [], processes: [] });
    });
});
