/**
 * dmvpnd end to end: a hub and two spokes as `dmvpnd --config` processes in their own namespaces on
 * one bridge (NBMA 192.0.2.0/24), checked through `dmvpnd ctl … show … json`: registration, pings
 * over the tunnel, Phase 2 (resolution, then spoke to spoke directly), Phase 3 (redirect turned on
 * live at the hub, Traffic Indication, shortcut route in `ip route` and `show ip route`), live
 * configure without restart, bad packets and bad commands, graceful stop.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { ip } from '../../../src/node/sys/kernel.js';
import { nativeAvailable, addonPath } from '../../../src/node/sys/native.js';
import { showJsonCommands } from '../../helpers/show-json-commands.js';
import {
  closeLeavingNothing,
  HUB_CONFIG as HUB,
  RouterLab,
  spokeConfig as spoke,
  until,
} from '../../helpers/router-lab.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : false;

type Entry = { prefix: string; prefixLength: number; nbma: string | null; type: string; via: string };
type Route = { prefix: string; prefixLength: number; code: string; nextHop: string | null };

const entries = (j: { interfaces: Array<{ entries: Entry[] }> }): Entry[] => j.interfaces.flatMap((i) => i.entries);
const hubPacketsIn = async (lab: RouterLab): Promise<number> =>
  (await lab.query('hub', 'show interfaces Tunnel0')).interfaces[0].counters.packetsIn as number;
const sent = async (lab: RouterLab, node: string, type: string): Promise<number> =>
  (await lab.query(node, 'show ip nhrp traffic')).interfaces[0].sent[type] as number;

describe('dmvpnd: hub and two spokes in namespaces', { skip }, () => {
  let lab: RouterLab;
  const pids: number[] = [];

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    const started = await Promise.all([lab.start('hub', HUB), lab.start('s1', spoke(1)), lab.start('s2', spoke(2))]);
    pids.push(...started.map((r) => r.child.pid!));
  });

  after(() => closeLeavingNothing(lab, pids));

  it('registers both spokes with the hub, with their NBMA addresses', async () => {
    await until('both spokes in the hub cache', async () => {
      const e = entries(await lab.query('hub', 'show ip nhrp'));
      return e.filter((x) => x.type === 'dynamic').length === 2 ? e : undefined;
    });
    const hub = entries(await lab.ctlJson('hub', 'show ip nhrp'));
    const dyn = hub.filter((x) => x.type === 'dynamic').map((x) => [`${x.prefix}/${x.prefixLength}`, x.nbma]);
    assert.deepEqual(dyn.sort(), [
      ['172.16.0.2/32', '192.0.2.2'],
      ['172.16.0.3/32', '192.0.2.3'],
    ]);
    const nhs = (await lab.ctlJson('s1', 'show ip nhrp nhs')).interfaces[0].nhs;
    assert.deepEqual(
      nhs.map((n: { address: string; nbma: string; state: string }) => [n.address, n.nbma, n.state]),
      [['172.16.0.1', '192.0.2.1', 'up']],
    );
    const log = lab.logOf('hub');
    assert.match(
      log,
      /hub\.cfg:14: line con 0: not supported, ignored/,
      'the unsupported line is reported with its line number',
    );
    assert.equal(log.match(/line con 0/g)?.length, 1, 'once');
    assert.match(log, /control socket .*hub\.sock/, 'the control socket path is printed');
  });

  it('expires a registration at the hub when the spoke goes silent, and takes it back', async () => {
    const s2 = async () => entries(await lab.query('hub', 'show ip nhrp')).find((x) => x.prefix === '172.16.0.3');
    const conf = await lab.ctl(
      's2',
      ['configure'],
      ['interface Tunnel0', ' ip nhrp holdtime 4', ' ip nhrp registration timeout 1'],
    );
    assert.deepEqual([conf.code, conf.stdout], [0, '']);
    await until('the short holding time at the hub', async () => {
      const e = (await s2()) as (Entry & { expiresInSec: number | null }) | undefined;
      return e && e.expiresInSec !== null && e.expiresInSec <= 4 ? true : undefined;
    });
    await ip(['link', 'set', 'p-s2', 'down'], { netns: lab.ns('sw') });
    try {
      await until('the hub to drop spoke 2', async () => ((await s2()) === undefined ? true : undefined), 15_000);
    } finally {
      await ip(['link', 'set', 'p-s2', 'up'], { netns: lab.ns('sw') });
    }
    const back = await lab.ctl(
      's2',
      ['configure'],
      ['interface Tunnel0', ' ip nhrp holdtime 30', ' ip nhrp registration timeout 5'],
    );
    assert.deepEqual([back.code, back.stdout], [0, '']);
    await until(
      'spoke 2 registered again',
      async () => ((await s2())?.nbma === '192.0.2.3' ? true : undefined),
      30_000,
    );
  });

  it('pings over the tunnel addresses', async () => {
    const r = await lab.exec('s1', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.1']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const r2 = await lab.exec('hub', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.3']);
    assert.equal(r2.code, 0, r2.stdout + r2.stderr);
  });

  it('Phase 2: spoke 1 resolves spoke 2, then its traffic bypasses the hub', async () => {
    const first = await lab.exec('s1', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.3']);
    assert.equal(first.code, 0, first.stdout);
    await until('spoke 1 resolved 172.16.0.3', async () =>
      entries(await lab.query('s1', 'show ip nhrp')).find((x) => x.prefix === '172.16.0.3' && x.type === 'dynamic'),
    );
    const e = entries(await lab.ctlJson('s1', 'show ip nhrp')).find((x) => x.prefix === '172.16.0.3')!;
    assert.equal(e.nbma, '192.0.2.3', 'bound to spoke 2 NBMA address');
    assert.ok(
      ((await lab.ctlJson('hub', 'show ip nhrp traffic')).interfaces[0].received.resolutionRequest as number) >= 1,
      'the request went through the hub',
    );
    const hubBefore = await hubPacketsIn(lab);
    const s1Before = (await lab.query('s1', 'show interfaces Tunnel0')).interfaces[0].counters.packetsOut as number;
    const direct = await lab.exec('s1', ['ping', '-c', '5', '-i', '0.2', '-W', '2', '172.16.0.3']);
    assert.equal(direct.code, 0, direct.stdout);
    const s1After = (await lab.ctlJson('s1', 'show interfaces Tunnel0')).interfaces[0].counters.packetsOut as number;
    assert.ok(s1After - s1Before >= 5, `spoke 1 sent the pings into the tunnel (${s1After - s1Before})`);
    assert.equal(await hubPacketsIn(lab), hubBefore, 'no data packet reached the hub');
  });

  it('Phase 3: turning `ip nhrp redirect` on live makes the hub send a Traffic Indication and spoke 1 install a shortcut', async () => {
    const pid = lab.routers.get('hub')!.child.pid;
    const via = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '2', '-i', '0.2', '-W', '2', '10.2.0.1']);
    assert.equal(via.code, 0, via.stdout);
    assert.equal(await sent(lab, 'hub', 'trafficIndication'), 0, 'redirect is off: no Traffic Indication yet');

    const conf = await lab.ctl('hub', ['configure', 'terminal'], ['interface Tunnel0', ' ip nhrp redirect', 'end']);
    assert.deepEqual([conf.code, conf.stdout], [0, '']);
    const run = await lab.ctl('hub', ['show', 'running-config']);
    assert.match(run.stdout, /interface Tunnel0\n(?: .*\n)* ip nhrp redirect\n/);

    const lan = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '3', '-i', '0.2', '-W', '2', '10.2.0.1']);
    assert.equal(lan.code, 0, lan.stdout);
    const isShortcut = (r: Route, p: string, nh: string) =>
      r.code === 'H' && `${r.prefix}/${r.prefixLength}` === p && r.nextHop === nh;
    await until('the shortcut route on spoke 1', async () =>
      ((await lab.query('s1', 'show ip route')).routes as Route[]).find((r) =>
        isShortcut(r, '10.2.0.0/24', '172.16.0.3'),
      ),
    );
    const ti = (await lab.ctlJson('hub', 'show ip nhrp traffic')).interfaces[0].sent.trafficIndication as number;
    assert.ok(ti >= 1, 'the hub sent a Traffic Indication');
    const routes = (await lab.ctlJson('s1', 'show ip route')).routes as Route[];
    assert.ok(
      routes.some((r) => isShortcut(r, '10.2.0.0/24', '172.16.0.3')),
      'H 10.2.0.0/24 via 172.16.0.3',
    );
    assert.ok(
      routes.some((r) => r.code === 'S' && r.prefix === '10.2.0.0' && r.nextHop === '172.16.0.1'),
      'the static route stays',
    );
    const kernel = await lab.exec('s1', ['ip', 'route', 'show', '10.2.0.0/24']);
    assert.match(kernel.stdout, /^10\.2\.0\.0\/24 via 172\.16\.0\.3 dev tun0 proto 250/m);
    assert.match(kernel.stdout, /^10\.2\.0\.0\/24 via 172\.16\.0\.1 dev tun0 proto static metric 1/m);

    // The reverse direction gets its shortcut the same way; then LAN traffic bypasses the hub.
    await until('the shortcut route on spoke 2', async () => {
      await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '1', '-W', '2', '10.2.0.1']);
      return ((await lab.query('s2', 'show ip route')).routes as Route[]).find((r) =>
        isShortcut(r, '10.1.0.0/24', '172.16.0.2'),
      );
    });
    const hubBefore = await hubPacketsIn(lab);
    const direct = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '5', '-i', '0.2', '-W', '2', '10.2.0.1']);
    assert.equal(direct.code, 0, direct.stdout);
    assert.equal(await hubPacketsIn(lab), hubBefore, 'LAN to LAN traffic no longer goes through the hub');
    assert.equal(lab.routers.get('hub')!.child.pid, pid, 'the hub was not restarted');
    assert.equal(lab.routers.get('hub')!.child.exitCode, null);
  });

  it('turns redirect off live; clear ip nhrp drops the shortcut; traffic via the hub then gets no Traffic Indication', async () => {
    const off = await lab.ctl('hub', ['conf', 't'], ['interface Tunnel0', ' no ip nhrp redirect']);
    assert.deepEqual([off.code, off.stdout], [0, '']);
    assert.doesNotMatch((await lab.ctl('hub', ['show', 'run'])).stdout, /ip nhrp redirect/);
    const clear = await lab.ctl('s1', ['clear', 'ip', 'nhrp']);
    assert.equal(clear.code, 0);
    await until('spoke 1 without shortcut', async () =>
      ((await lab.query('s1', 'show ip route')).routes as Route[]).some((r) => r.code === 'H') ? undefined : true,
    );
    assert.doesNotMatch((await lab.exec('s1', ['ip', 'route'])).stdout, /proto 250/, 'the kernel route went with it');
    const tiBefore = await sent(lab, 'hub', 'trafficIndication');
    const hubBefore = await hubPacketsIn(lab);
    const lan = await lab.exec('s1', ['ping', '-I', '10.1.0.1', '-c', '3', '-i', '0.2', '-W', '2', '10.2.0.1']);
    assert.equal(lan.code, 0, lan.stdout);
    assert.ok((await hubPacketsIn(lab)) - hubBefore >= 3, 'the pings went through the hub');
    assert.equal(await sent(lab, 'hub', 'trafficIndication'), tiBefore, 'no Traffic Indication with redirect off');
  });

  it('streams debug nhrp until the client hangs up', async () => {
    const sock = connect(lab.routers.get('s1')!.socket);
    let text = '';
    sock.setEncoding('utf8');
    sock.on('data', (t: string) => void (text += t));
    sock.on('connect', () => sock.end('debug nhrp\n'));
    await until('debug lines', async () =>
      text.includes('NHRP protocol debugging is on') && text.length > 60 ? true : undefined,
    );
    await lab.exec('s1', ['ping', '-c', '1', '-W', '2', '172.16.0.1']);
    await lab.ctl('s1', ['clear', 'ip', 'nhrp']);
    await until('an NHRP event line', async () => (/NHRP: Tunnel0: /.test(text) ? true : undefined));
    sock.destroy();
    const after = await lab.ctl('s1', ['show', 'dmvpn']);
    assert.equal(after.code, 0, 'the router answers after the debug client left');
  });

  it('applies shutdown / no shutdown, a new NHS and a change to point-to-point live', async () => {
    const pid = lab.routers.get('s2')!.child.pid;
    const nhsOf = async () =>
      (await lab.query('s2', 'show ip nhrp nhs')).interfaces[0].nhs as Array<{ address: string; state: string }>;
    const shut = await lab.ctl('s2', ['configure'], ['interface Tunnel0', ' shutdown']);
    assert.deepEqual([shut.code, shut.stdout], [0, '']);
    assert.equal((await lab.ctlJson('s2', 'show interfaces Tunnel0')).interfaces[0].status, 'administratively down');
    assert.match((await lab.exec('s2', ['ip', 'link', 'show', 'tun0'])).stdout, /state DOWN/);
    assert.notEqual(
      (await lab.exec('hub', ['ping', '-c', '1', '-W', '1', '172.16.0.3'])).code,
      0,
      'spoke 2 unreachable while shut',
    );

    assert.equal((await lab.ctl('s2', ['configure'], ['interface Tunnel0', ' no shutdown'])).code, 0);
    await until('spoke 2 registered again', async () =>
      (await nhsOf()).some((n) => n.address === '172.16.0.1' && n.state === 'up') ? true : undefined,
    );
    assert.equal((await lab.exec('hub', ['ping', '-c', '2', '-i', '0.2', '-W', '2', '172.16.0.3'])).code, 0);

    assert.equal(
      (await lab.ctl('s2', ['configure'], ['interface Tunnel0', ' ip nhrp nhs 172.16.0.9 nbma 192.0.2.9'])).code,
      0,
    );
    assert.deepEqual(
      (await lab.ctlJson('s2', 'show ip nhrp nhs')).interfaces[0].nhs.map((n: { address: string }) => n.address).sort(),
      ['172.16.0.1', '172.16.0.9'],
    );

    const p2p = await lab.ctl(
      's2',
      ['configure'],
      ['interface Tunnel0', ' no ip nhrp nhs 172.16.0.9', ' tunnel mode gre ip', ' tunnel destination 192.0.2.1'],
    );
    assert.deepEqual([p2p.code, p2p.stdout], [0, '']);
    const tun = (await lab.ctlJson('s2', 'show interfaces Tunnel0')).interfaces[0].tunnel;
    assert.equal(tun.destination, '192.0.2.1');
    const ping = await lab.exec('s2', ['ping', '-I', '10.2.0.1', '-c', '2', '-i', '0.2', '-W', '2', '10.1.0.1']);
    assert.equal(ping.code, 0, `LAN ping over the point-to-point tunnel: ${ping.stdout}`);
    assert.equal(lab.routers.get('s2')!.child.pid, pid, 'spoke 2 was not restarted');
  });

  it('counts and drops malformed packets and refuses bad commands without dying', async () => {
    const inject = `const a = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(addonPath)});
const fd = a.openRaw(47, 1 << 16);
const hub = 0xc0000201;
const send = (hex) => a.sendTo(fd, hub, Buffer.from(hex, 'hex'));
send('20002001' + '0000002a' + 'deadbeef00112233');      // NHRP in GRE with key 42: not NHRP at all
send('2000200100000063' + '00010800');                  // wrong key
send('2000');                                           // truncated GRE
a.close(fd);`;
    const beforeNhrp = (await lab.query('hub', 'show ip nhrp traffic')).interfaces[0].dropped.total as number;
    const beforeDp = (await lab.query('hub', 'show interfaces Tunnel0')).interfaces[0].counters.drops;
    const r = await lab.exec('s1', [process.execPath, '--input-type=module', '-e', inject]);
    assert.equal(r.code, 0, r.stderr);
    await until('the drops counted', async () => {
      const nhrp = (await lab.query('hub', 'show ip nhrp traffic')).interfaces[0].dropped;
      const dp = (await lab.query('hub', 'show interfaces Tunnel0')).interfaces[0].counters.drops;
      return nhrp.total > beforeNhrp &&
        dp.greKeyMismatch > beforeDp.greKeyMismatch &&
        dp.greTruncated > beforeDp.greTruncated
        ? true
        : undefined;
    });
    const bad = await lab.ctl('hub', ['show', 'dmvpx']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /% Invalid input detected at '\^' marker\./);
    const badConf = await lab.ctl(
      'hub',
      ['configure'],
      ['interface Tunnel0', ' ip nhrp holdtime abc', ' ip nhrp max-send 7 every 10'],
    );
    assert.equal(badConf.code, 1);
    assert.match(badConf.stdout, /^% 1 line refused/);
    assert.match(badConf.stdout, /ip nhrp holdtime abc\n\s+\^/);
    assert.match(
      (await lab.ctl('hub', ['show', 'run'])).stdout,
      /ip nhrp max-send 7 every 10/,
      'the valid line took effect',
    );
    assert.equal((await lab.ctl('hub', ['frobnicate'])).code, 1);
    const still = await lab.ctlJson('hub', 'show ip nhrp traffic');
    assert.ok(still.interfaces[0].dropped.reasons.malformed >= 1, 'the bad NHRP packet is counted as malformed');
    assert.equal(lab.routers.get('hub')!.child.exitCode, null, 'still running');
  });

  it('answers every show … json of the public contract in the shape its schema (src/node/api) gives', async () => {
    for (const node of ['hub', 's1']) {
      for (const command of showJsonCommands('Tunnel0')) {
        const parsed = schemaFor(command)!.safeParse(await lab.query(node, command));
        assert.ok(parsed.success, `${node}: ${command} json: ${parsed.error?.message}`);
      }
    }
  });

  it('stops gracefully on SIGTERM: routes, TAP and control socket removed', async () => {
    for (const node of ['s1', 's2', 'hub']) {
      const code = await lab.stop(node);
      assert.equal(code, 0, `${node} exit status; log:\n${lab.logOf(node)}`);
      assert.equal(existsSync(lab.routers.get(node)!.socket), false, `${node} control socket removed`);
      const routes = await lab.exec(node, ['ip', 'route']);
      assert.doesNotMatch(routes.stdout, /proto (250|static)|tun0/, `${node} routes removed`);
      const link = await lab.exec(node, ['ip', 'link', 'show', 'tun0']);
      assert.notEqual(link.code, 0, `${node} TAP removed`);
    }
  });
});
