/**
 * Routing over the tunnel with FRR: a hub and two spokes as `dmvpnd --config` processes in
 * namespaces, running OSPF point-to-multipoint (hub priority, spokes priority 0) and iBGP with
 * `bgp listen range` on the hub. Adjacencies and sessions come up, each spoke learns the other's
 * LAN into dmvpnd's table (codes O and B), traffic flows, and no FRR process outlives the lab.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeAvailable } from '../../src/node/sys/native.js';
import { frrInstalled } from '../../src/node/frr/daemons.js';
import { alive, RouterLab, until } from '../helpers/router-lab.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : !frrInstalled()
      ? 'FRR is not installed (make apt installs it)'
      : false;

const tunnel = (i: number, extra: string, network = 'point-to-multipoint'): string => `interface GigabitEthernet0/0
 ip address 192.0.2.${i} 255.255.255.0
interface Tunnel0
 ip address 172.16.0.${i} 255.255.255.0
 ip nhrp network-id 1
 ip nhrp holdtime 30
${extra} ip ospf network ${network}
 ip ospf hello-interval 2
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 42
`;

const HUB = `hostname hub
${tunnel(1, ' ip nhrp map multicast dynamic\n ip ospf priority 10\n')}router ospf 1
 router-id 1.1.1.1
 network 172.16.0.0 0.0.0.255 area 0
router bgp 65000
 bgp router-id 1.1.1.1
 bgp listen range 172.16.0.0/24 peer-group SPOKES
 neighbor SPOKES peer-group
 neighbor SPOKES remote-as 65000
 neighbor SPOKES route-reflector-client
`;

function spoke(i: 1 | 2): string {
  return `hostname spoke${i}
interface Loopback0
 ip address 10.${i}.0.1 255.255.255.0
${tunnel(i + 1, ' ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast\n ip nhrp registration timeout 5\n ip ospf priority 0\n')}router ospf 1
 router-id ${i + 1}.${i + 1}.${i + 1}.${i + 1}
 network 172.16.0.0 0.0.0.255 area 0
 network 10.${i}.0.0 0.0.0.255 area 0
router bgp 65000
 bgp router-id ${i + 1}.${i + 1}.${i + 1}.${i + 1}
 neighbor 172.16.0.1 remote-as 65000
 network 10.${i}.0.0 mask 255.255.255.0
`;
}

type Route = {
  network: string;
  code: string;
  protocol: string;
  nextHop: string | null;
  interface: string | null;
  distance: number;
};

describe('dmvpnd with FRR: OSPF and iBGP over the tunnel', { skip }, () => {
  let lab: RouterLab;
  const frrPids: number[] = [];
  const vtysh = async (node: string, cmd: string): Promise<any> => {
    const r = await lab.exec(node, ['vtysh', '--vty_socket', join(lab.dir, `${node}.frr`), '-c', cmd]);
    return JSON.parse(r.stdout);
  };
  const routes = async (node: string): Promise<Route[]> => (await lab.query(node, 'show ip route')).routes as Route[];

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    chmodSync(lab.dir, 0o711); // the FRR daemons run as user frr in <dir>/<node>.frr
    await Promise.all([lab.start('hub', HUB), lab.start('s1', spoke(1)), lab.start('s2', spoke(2))]);
  });

  after(async () => {
    await lab?.close();
    assert.deepEqual(await lab.leftovers(), [], 'no namespace of the lab is left');
    assert.deepEqual(frrPids.filter(alive), [], 'no FRR daemon outlives its router');
  });

  it('starts zebra, ospfd and bgpd in each router, with files in its state folder', async () => {
    for (const n of ['hub', 's1', 's2']) {
      for (const d of ['zebra', 'ospfd', 'bgpd']) {
        const pid = await until(`${n} ${d} pid file`, async () => {
          try {
            return Number(readFileSync(join(lab.dir, `${n}.frr`, `${d}.pid`), 'utf8').trim()) || undefined;
          } catch {
            return undefined;
          }
        });
        assert.ok(alive(pid), `${n} ${d} runs`);
        frrPids.push(pid);
      }
      assert.match(lab.logOf(n), /%FRR-5-START: ospfd started/);
    }
  });

  it('brings OSPF to Full between the hub and both spokes (show ip ospf neighbor)', async () => {
    const full = await until(
      'two FULL neighbors at the hub',
      async () => {
        const j = await lab.query('hub', 'show ip ospf neighbor');
        const n = j.neighbors.filter((x: { state: string }) => x.state === 'FULL/  -');
        return n.length === 2 ? n : undefined;
      },
      60_000,
      1000,
    );
    assert.deepEqual(full.map((n: { neighborId: string; interface: string }) => [n.neighborId, n.interface]).sort(), [
      ['2.2.2.2', 'Tunnel0'],
      ['3.3.3.3', 'Tunnel0'],
    ]);
    const raw = await vtysh('s1', 'show ip ospf interface json');
    assert.equal(raw.interfaces.tun0.networkType, 'POINTOMULTIPOINT');
    const brief = await lab.ctl('hub', ['show', 'ip', 'ospf', 'interface', 'brief']);
    assert.match(brief.stdout, /^Tu0 +1 +0 +172\.16\.0\.1\/24 .* P2MP +2\/2$/m);
  });

  it('brings both spokes up as dynamic iBGP peers of the hub (show ip bgp summary)', async () => {
    const peers = await until(
      'two Established peers',
      async () => {
        const j = await lab.query('hub', 'show ip bgp summary');
        const up = j.peers.filter((p: { state: string }) => p.state === 'Established');
        return up.length === 2 ? up : undefined;
      },
      30_000,
      500,
    );
    assert.ok(peers.every((p: { dynamic: boolean }) => p.dynamic));
    const protocols = await lab.query('hub', 'show ip protocols');
    assert.deepEqual(
      protocols.protocols.map((p: { name: string; running: boolean }) => [p.name, p.running]),
      [
        ['ospf 1', true],
        ['bgp 65000', true],
      ],
    );
  });

  it('learns the other spoke LAN by OSPF and BGP into the routing table and the kernel', async () => {
    const got = await until(
      'O and B routes to 10.2.0.0 on spoke 1',
      async () => {
        const r = (await routes('s1')).filter((x) => x.network.startsWith('10.2.0.'));
        return r.some((x) => x.code.startsWith('O')) && r.some((x) => x.code === 'B') ? r : undefined;
      },
      60_000,
      1000,
    );
    const o = got.find((x) => x.code.startsWith('O'))!;
    assert.equal(o.protocol, 'ospf');
    assert.equal(o.distance, 110);
    assert.equal(o.interface, 'Tunnel0');
    const b = got.find((x) => x.code === 'B')!;
    assert.equal(b.network, '10.2.0.0/24');
    assert.equal(b.distance, 200, 'iBGP');
    assert.equal(b.nextHop, '172.16.0.3', 'the route reflector keeps the spoke as next hop (Phase 2)');
    await until(
      'O and B routes to 10.1.0.0 on spoke 2',
      async () => {
        const r = (await routes('s2')).filter((x) => x.network.startsWith('10.1.0.'));
        return r.some((x) => x.code === 'B') && r.some((x) => x.code.startsWith('O')) ? r : undefined;
      },
      30_000,
      1000,
    );
    const kernel = await lab.exec('s1', ['ip', 'route', 'show', 'proto', 'bgp']);
    // zebra resolves 172.16.0.3 through OSPF's point-to-multipoint /32 host route, via the hub (as IOS does)
    assert.match(kernel.stdout, /10\.2\.0\.0\/24 .*via 172\.16\.0\.1 dev tun0/);
    const ospf = await lab.exec('s1', ['ip', 'route', 'show', 'proto', 'ospf']);
    assert.match(ospf.stdout, /10\.2\.0\.1 /);
  });

  it('carries traffic between the spoke LANs over the learned routes', async () => {
    const r = await until(
      'ping spoke 2 LAN from spoke 1 LAN',
      async () => {
        const p = await lab.exec('s1', ['ping', '-c', '2', '-i', '0.3', '-W', '2', '-I', '10.1.0.1', '10.2.0.1']);
        return p.code === 0 ? p : undefined;
      },
      30_000,
      1000,
    );
    assert.match(r.stdout, /2 received/);
  });

  it('starts and stops a daemon on live configure', async () => {
    const ripPid = (): number | undefined => {
      try {
        return Number(readFileSync(join(lab.dir, 's1.frr', 'ripd.pid'), 'utf8').trim()) || undefined;
      } catch {
        return undefined;
      }
    };
    const on = await lab.ctl('s1', ['configure'], ['router rip', ' version 2', ' network 172.16.0.0']);
    assert.equal(on.code, 0, on.stdout + on.stderr);
    const pid = await until('ripd running', async () => {
      const p = ripPid();
      return p && alive(p) ? p : undefined;
    });
    frrPids.push(pid);
    assert.ok(alive(frrPids[4]), 's1 ospfd kept running: its file did not change');
    const off = await lab.ctl('s1', ['configure'], ['no router rip']);
    assert.equal(off.code, 0, off.stdout + off.stderr);
    await until('ripd stopped', async () => (alive(pid) ? undefined : true), 10_000);
  });

  it('stops the FRR daemons with the router', async () => {
    const pids = frrPids.splice(0);
    for (const n of ['hub', 's1', 's2']) assert.equal(await lab.stop(n), 0);
    await until('every FRR daemon gone', async () => (pids.some(alive) ? undefined : true), 10_000);
    frrPids.push(...pids);
  });
});

describe('dmvpnd with FRR: OSPF broadcast over the tunnel gives Phase 2 next hops', { skip }, () => {
  let lab: RouterLab;
  const cfg = (name: string, i: number, extra: string, lan: string): string => `hostname ${name}
${lan}${tunnel(i, extra, 'broadcast')}router ospf 1
 network 0.0.0.0 255.255.255.255 area 0
`;

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    chmodSync(lab.dir, 0o711);
    const spokeExtra =
      ' ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast\n ip nhrp registration timeout 5\n ip ospf priority 0\n';
    const lan = (i: number): string => `interface Loopback0\n ip address 10.${i}.0.1 255.255.255.0\n`;
    await Promise.all([
      lab.start('hub', cfg('hub', 1, ' ip nhrp map multicast dynamic\n ip ospf priority 10\n', '')),
      lab.start('s1', cfg('spoke1', 2, spokeExtra, lan(1))),
      lab.start('s2', cfg('spoke2', 3, spokeExtra, lan(2))),
    ]);
  });

  after(async () => {
    await lab?.close();
    assert.deepEqual(await lab.leftovers(), []);
  });

  it('elects the hub DR, learns the other LAN with the other spoke as next hop, and resolves it by NHRP', async () => {
    const full = await until(
      'spoke 1 FULL with the hub as DR',
      async () => {
        const j = await lab.query('s1', 'show ip ospf neighbor');
        return j.neighbors.find((n: { state: string }) => n.state === 'FULL/DR');
      },
      90_000,
      1000,
    );
    assert.equal(full.address, '172.16.0.1');
    const route = await until(
      'O route to spoke 2 LAN',
      async () => {
        const r = (await lab.query('s1', 'show ip route')).routes as Route[];
        return r.find((x) => x.network === '10.2.0.1/32' && x.code.startsWith('O'));
      },
      60_000,
      1000,
    );
    assert.equal(route.nextHop, '172.16.0.3', 'broadcast keeps the other spoke as next hop (Phase 2)');
    await until(
      'ping spoke 2 LAN',
      async () => {
        const p = await lab.exec('s1', ['ping', '-c', '2', '-i', '0.3', '-W', '2', '-I', '10.1.0.1', '10.2.0.1']);
        return p.code === 0 ? true : undefined;
      },
      30_000,
      1000,
    );
    const nhrp = await until(
      'NHRP entry for spoke 2 on spoke 1',
      async () => {
        const j = await lab.query('s1', 'show ip nhrp');
        const e = j.interfaces.flatMap((i: { entries: Array<{ prefix: string; nbma: string | null }> }) => i.entries);
        return e.find(
          (x: { prefix: string; nbma: string | null }) => x.prefix === '172.16.0.3' && x.nbma === '192.0.2.3',
        );
      },
      20_000,
      500,
    );
    assert.ok(nhrp);
  });
});
