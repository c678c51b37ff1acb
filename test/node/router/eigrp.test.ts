/**
 * EIGRP in dmvpnd end to end: a hub and two spokes as `dmvpnd --config` processes in namespaces,
 * EIGRP AS 100 over the DMVPN tunnel (Hellos to 224.0.0.10 replicated by the NHRP multicast maps).
 * Adjacencies come up; split horizon keeps one spoke's LAN from the other until the hub says
 * `no ip split-horizon eigrp 100` live; with `no ip next-hop-self eigrp 100` the spoke's route to
 * the other spoke's LAN points at the other spoke's tunnel address (Phase 2), and traffic between
 * the LANs makes NHRP resolve that spoke.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { closeLeavingNothing, RouterLab, until } from '../../helpers/router-lab.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : false;

type Route = { prefix: string; prefixLength: number; code: string; nextHop: string | null; protocol?: string };

const EIGRP_IF = ` ip hello-interval eigrp 100 1
 ip hold-time eigrp 100 4
`;

const HUB = `hostname hub
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
interface Loopback0
 ip address 10.0.0.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp network-id 1
 ip nhrp holdtime 30
 ip nhrp map multicast dynamic
${EIGRP_IF} tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 42
router eigrp 100
 network 172.16.0.0 0.0.0.255
 network 10.0.0.0 0.0.0.255
 no auto-summary
`;

function spoke(i: 1 | 2): string {
  return `hostname spoke${i}
interface GigabitEthernet0/0
 ip address 192.0.2.${i + 1} 255.255.255.0
interface Loopback0
 ip address 10.${i}.0.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.${i + 1} 255.255.255.0
 ip nhrp network-id 1
 ip nhrp holdtime 30
 ip nhrp nhs 172.16.0.1 nbma 192.0.2.1 multicast
 ip nhrp registration timeout 5
${EIGRP_IF} tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 42
router eigrp 100
 network 172.16.0.0 0.0.0.255
 network 10.${i}.0.0 0.0.0.255
 no auto-summary
`;
}

describe('dmvpnd EIGRP: hub and two spokes over DMVPN', { skip }, () => {
  let lab: RouterLab;
  const pids: number[] = [];
  const routes = async (node: string): Promise<Route[]> => (await lab.query(node, 'show ip route')).routes as Route[];
  const eigrpRoute = async (node: string, prefix: string): Promise<Route | undefined> =>
    (await routes(node)).find((r) => r.code === 'D' && `${r.prefix}/${r.prefixLength}` === prefix);

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    const started = await Promise.all([lab.start('hub', HUB), lab.start('s1', spoke(1)), lab.start('s2', spoke(2))]);
    pids.push(...started.map((r) => r.child.pid!));
  });

  after(() => closeLeavingNothing(lab, pids));

  it('brings up the adjacencies: the hub has both spokes as neighbors, each spoke the hub', async () => {
    const nbrs = await until(
      'two EIGRP neighbors on the hub',
      async () => {
        const j = await lab.query('hub', 'show ip eigrp neighbors');
        const up = (j.neighbors as Array<{ address: string; up: boolean }>)
          .filter((n) => n.up)
          .map((n) => n.address)
          .sort();
        return up.length === 2 ? up : undefined;
      },
      30_000,
    );
    assert.deepEqual(nbrs, ['172.16.0.2', '172.16.0.3']);
    const s1 = await lab.ctlJson('s1', 'show ip eigrp neighbors');
    assert.ok(schemaFor('show ip eigrp neighbors')!.safeParse(s1).success);
    assert.equal(s1.as, 100);
    assert.deepEqual(
      s1.neighbors.map((n: { address: string; interface: string }) => [n.address, n.interface]),
      [['172.16.0.1', 'Tunnel0']],
    );
    const text = await lab.ctl('hub', ['show', 'ip', 'eigrp', 'neighbors']);
    assert.match(text.stdout, /EIGRP-IPv4 Neighbors for AS\(100\)/);
    assert.match(text.stdout, /172\.16\.0\.2 +Tu0/);
  });

  it("installs the hub's LAN on the spokes (code D, the kernel too); split horizon hides the other spoke's LAN", async () => {
    const r = await until('10.0.0.0/24 on spoke 1', () => eigrpRoute('s1', '10.0.0.0/24'));
    assert.equal(r.nextHop, '172.16.0.1');
    const hub = await until('10.1.0.0/24 on the hub', () => eigrpRoute('hub', '10.1.0.0/24'));
    assert.equal(hub.nextHop, '172.16.0.2');
    const kernel = await lab.exec('s1', ['ip', 'route', 'show', '10.0.0.0/24']);
    assert.match(kernel.stdout, /via 172\.16\.0\.1 dev tun0/);
    const ping = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '2', '-i', '0.2', '-W', '2', '10.0.0.1']);
    assert.equal(ping.code, 0, ping.stdout);
    assert.equal(await eigrpRoute('s1', '10.2.0.0/24'), undefined, 'split horizon on the hub');
    const topo = await lab.ctlJson('hub', 'show ip eigrp topology');
    assert.ok(schemaFor('show ip eigrp topology')!.safeParse(topo).success);
    assert.ok(topo.topology.some((t: { prefix: string }) => t.prefix === '10.2.0.0'));
  });

  it('no ip split-horizon eigrp on the hub (live): spoke 1 learns spoke 2 LAN through the hub', async () => {
    const conf = await lab.ctl('hub', ['configure'], ['interface Tunnel0', ' no ip split-horizon eigrp 100']);
    assert.equal(conf.code, 0, conf.stdout + conf.stderr);
    const r = await until('10.2.0.0/24 on spoke 1', () => eigrpRoute('s1', '10.2.0.0/24'), 20_000);
    assert.equal(r.nextHop, '172.16.0.1');
  });

  it('no ip next-hop-self eigrp (Phase 2): the next hop is spoke 2, and traffic resolves it with NHRP', async () => {
    const conf = await lab.ctl('hub', ['configure'], ['interface Tunnel0', ' no ip next-hop-self eigrp 100']);
    assert.equal(conf.code, 0, conf.stdout + conf.stderr);
    const r = await until(
      '10.2.0.0/24 via 172.16.0.3 on spoke 1',
      async () => {
        const x = await eigrpRoute('s1', '10.2.0.0/24');
        return x?.nextHop === '172.16.0.3' ? x : undefined;
      },
      30_000,
    );
    assert.equal(r.code, 'D');
    const s2 = await until(
      '10.1.0.0/24 via 172.16.0.2 on spoke 2',
      async () => {
        const x = await eigrpRoute('s2', '10.1.0.0/24');
        return x?.nextHop === '172.16.0.2' ? x : undefined;
      },
      30_000,
    );
    assert.equal(s2.code, 'D');
    await until(
      'spoke 1 resolves spoke 2',
      async () => {
        await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '1', '-W', '1', '10.2.0.1']);
        const d = await lab.query('s1', 'show dmvpn');
        const peers = d.interfaces.flatMap(
          (i: { peers: Array<{ nbma: string | null; tunnel: string; state: string }> }) => i.peers,
        );
        return peers.find(
          (p: { nbma: string | null; tunnel: string; state: string }) =>
            p.tunnel === '172.16.0.3' && p.nbma === '192.0.2.3' && p.state === 'UP',
        );
      },
      20_000,
    );
    const ping = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '3', '-i', '0.2', '-W', '2', '10.2.0.1']);
    assert.equal(ping.code, 0, ping.stdout);
    const proto = await lab.ctlJson('hub', 'show ip protocols');
    assert.ok(schemaFor('show ip protocols')!.safeParse(proto).success);
    assert.equal(proto.protocols[0].as, 100);
    const traffic = await lab.ctlJson('hub', 'show ip eigrp traffic');
    assert.ok(traffic.traffic.received.hello > 0);
    const ifs = await lab.ctlJson('hub', 'show ip eigrp interfaces');
    assert.deepEqual(
      ifs.interfaces
        .map((i: { interface: string; splitHorizon: boolean; nextHopSelf: boolean }) => [
          i.interface,
          i.splitHorizon,
          i.nextHopSelf,
        ])
        .filter((x: unknown[]) => x[0] === 'Tunnel0'),
      [['Tunnel0', false, false]],
    );
  });

  it('streams debug eigrp packets (Hellos) without the NHRP lines, until the client hangs up', async () => {
    const sock = connect(lab.routers.get('s1')!.socket);
    let text = '';
    sock.setEncoding('utf8');
    sock.on('data', (t: string) => {
      text += t;
    });
    sock.on('connect', () => sock.end('debug eigrp packets\n'));
    await until(
      'a Hello line',
      async () => (/EIGRP: (Sending|Received) HELLO on Tunnel0/.test(text) ? true : undefined),
      10_000,
    );
    assert.match(text, /^EIGRP Packet debugging is on/);
    assert.doesNotMatch(text, /NHRP: /);
    sock.destroy();
    assert.equal(
      (await lab.ctl('s1', ['show', 'ip', 'eigrp', 'traffic'])).code,
      0,
      'the router answers after the debug client left',
    );
  });
});
