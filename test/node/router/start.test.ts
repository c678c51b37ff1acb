/**
 * dmvpnd as people look at it right after a start: a spoke that reaches its hub through a static
 * route registers with its first request (no failure, no unexpected reply), the hub's UpDn counts
 * from the registration and not from the last refresh, a duplicate registration is refused and
 * logged on both routers (`show logging`, `debug nhrp`).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { HUB_CONFIG, RouterLab, spokeConfig, until } from '../../helpers/router-lab.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : false;

/** The hub reaches 198.51.100.0/24 (the spoke's NBMA subnet) through an interface route. */
const HUB = `${HUB_CONFIG}ip route 198.51.100.0 255.255.255.0 GigabitEthernet0/0\n`;

/** Spoke 1 on another NBMA subnet: the hub is reachable only through its static route. */
const SPOKE = spokeConfig(1)
  .replace('ip address 192.0.2.2 255.255.255.0', 'ip address 198.51.100.2 255.255.255.0')
  .replace('ip nhrp registration timeout 5', 'ip nhrp registration timeout 1')
  .concat('ip route 192.0.2.1 255.255.255.255 GigabitEthernet0/0\n');

/** Another router that claims spoke 1's tunnel address 172.16.0.2 from NBMA 192.0.2.3. */
const THIEF = spokeConfig(2)
  .replace('hostname spoke2', 'hostname thief')
  .replace('ip address 172.16.0.3 255.255.255.0', 'ip address 172.16.0.2 255.255.255.0');

type Nhs = { requestsSent: number; requestsFailed: number; repliesReceived: number; state: string };

describe('dmvpnd: what people read right after a start', { skip }, () => {
  let lab: RouterLab;

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 'thief']);
    await lab.start('hub', HUB);
    await lab.start('s1', SPOKE);
  });

  after(async () => {
    await lab?.close();
    assert.deepEqual(await lab.leftovers(), []);
  });

  it('the first Registration Request is answered: no failure, no unexpected reply', async () => {
    const nhs = await until('spoke 1 registered', async () => {
      const j = await lab.query('s1', 'show ip nhrp nhs detail');
      const n = j.interfaces[0].nhs[0] as Nhs;
      return n.state === 'up' ? n : undefined;
    });
    assert.equal(nhs.requestsFailed, 0, JSON.stringify(nhs));
    assert.equal(nhs.requestsSent, nhs.repliesReceived);
    const traffic = await lab.query('s1', 'show ip nhrp traffic');
    assert.equal(traffic.interfaces[0].dropped.reasons.unexpectedReply, 0);
    assert.equal(traffic.interfaces[0].dropped.total, 0);
  });

  it("the hub's UpDn keeps counting across registration refreshes", async () => {
    await sleep(3500);
    const dmvpn = await lab.query('hub', 'show dmvpn');
    const peer = dmvpn.interfaces[0].peers.find((p: { nbma: string | null }) => p.nbma === '198.51.100.2');
    assert.ok(peer, JSON.stringify(dmvpn));
    assert.ok(peer.upDownSec >= 3, `UpDn ${peer.upDownSec} s after 3.5 s of refreshes every second`);
    const nhs = (await lab.query('s1', 'show ip nhrp nhs detail')).interfaces[0].nhs[0] as Nhs;
    assert.ok(nhs.requestsSent >= 4, 'the spoke refreshed meanwhile');
    const logging = await lab.ctl('hub', ['show', 'logging']);
    assert.match(logging.stdout, /^Log Buffer \(\d+ bytes\):$/m);
    assert.equal(logging.stdout.match(/%DMVPN-5-NHRP_NHP_UP: .*198\.51\.100\.2/g)?.length, 1, logging.stdout);
    assert.match(logging.stdout, /^\*[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3}: %DMVPN-5-NHRP_NHP_UP: /m);
  });

  it('a duplicate registration is refused and logged: on the hub who holds the address, on the spoke code 14', async () => {
    const sock = connect(lab.routers.get('hub')!.socket);
    let debug = '';
    sock.setEncoding('utf8');
    sock.on('data', (t: string) => void (debug += t));
    sock.on('connect', () => sock.end('debug nhrp\n'));
    await until('debug on', async () => (debug.includes('NHRP protocol debugging is on') ? true : undefined));
    try {
      await lab.start('thief', THIEF);
      const hubLine =
        /%NHRP-4-REGREFUSED: Tunnel0: Registration of 172\.16\.0\.2 from NBMA 192\.0\.2\.3 refused - unique address registered already\(14\) by NBMA 198\.51\.100\.2/;
      await until('the refusal in the hub log', async () =>
        hubLine.test((await lab.ctl('hub', ['show', 'logging'])).stdout) ? true : undefined,
      );
      await until('the refusal in debug nhrp', async () => (hubLine.test(debug) ? true : undefined));
      const thief = await until('the refusal in the thief log', async () => {
        const out = (await lab.ctl('thief', ['show', 'logging'])).stdout;
        return /%NHRP-3-PAKREPLY: Receive Registration Reply packet with error - unique address registered already\(14\)/.test(
          out,
        )
          ? out
          : undefined;
      });
      assert.match(thief, /NHS 172\.16\.0\.1 NBMA 192\.0\.2\.1/);
    } finally {
      sock.destroy();
    }
  });
});
