/**
 * dmvpnd with `tunnel protection ipsec profile` and no `set ikev2-profile`: IKEv1 (ISAKMP, as IOS runs it) with
 * the course labs' config (`crypto isakmp policy 10`, `crypto isakmp key … address 0.0.0.0`, transform set in
 * transport mode). A hub and two spokes in namespaces: the spoke with the right key registers over ESP and pings
 * go; `show crypto isakmp sa` shows QM_IDLE (text and JSON); what we send on UDP 500 decodes in tshark with no
 * malformed item; the spoke with the wrong key never registers and the hub counts AUTHENTICATION_FAILED with
 * IOS's message; `clear crypto isakmp` deletes the SAs and traffic brings them back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { nativeAvailable } from '../../../src/node/sys/native.js';
import { closeLeavingNothing, HUB_CONFIG, RouterLab, spokeConfig, until } from '../../helpers/router-lab.js';

const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root (network namespaces, TAP devices and raw sockets)'
  : !nativeAvailable()
    ? 'native addon not built'
    : false;

const crypto = (psk: string): string => `crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key ${psk} address 0.0.0.0 0.0.0.0
crypto isakmp keepalive 10 3
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile PROT
 set transform-set TS
`;

const protect = (config: string, psk: string): string =>
  crypto(psk) + config.replace(' tunnel key 42\n', ' tunnel key 42\n tunnel protection ipsec profile PROT\n');

type Nhs = { address: string; state: string };
const nhsState = async (lab: RouterLab, node: string): Promise<string | undefined> =>
  ((await lab.query(node, 'show ip nhrp nhs')).interfaces[0]?.nhs as Nhs[] | undefined)?.[0]?.state;

describe('dmvpnd: tunnel protection ipsec profile (IKEv1, ESP transport)', { skip }, () => {
  let lab: RouterLab;
  const pids: number[] = [];
  let t0 = 0;

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    t0 = Date.now();
    const started = await Promise.all([
      lab.start('hub', protect(HUB_CONFIG, 'cisco123')),
      lab.start('s1', protect(spokeConfig(1), 'cisco123')),
      lab.start('s2', protect(spokeConfig(2), 'wrong-key')),
    ]);
    pids.push(...started.map((r) => r.child.pid!));
  });

  after(() => closeLeavingNothing(lab, pids));

  it('registers the spoke over IKEv1 + ESP, pings go, show crypto isakmp sa says QM_IDLE', async () => {
    await until('spoke 1 registered', async () => ((await nhsState(lab, 's1')) === 'up' ? true : undefined), 30_000);
    console.log(`# IKEv1 spoke registered ${Date.now() - t0} ms after the routers were started`);
    const r = await lab.exec('s1', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.1']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const sa = await lab.query('s1', 'show crypto ipsec sa');
    const peer = sa.interfaces[0].peers.find((p: { peer: string }) => p.peer === '192.0.2.1');
    assert.ok(peer && peer.encaps >= 3 && peer.decaps >= 3, JSON.stringify(sa));
    assert.equal(peer.sas[0].transform, 'esp-256-aes esp-sha256-hmac');
    assert.equal(peer.sas[0].mode, 'transport');
    const text = (await lab.ctl('s1', ['show', 'crypto', 'isakmp', 'sa'])).stdout;
    assert.match(text, /dst\s+src\s+state\s+conn-id status\n192\.0\.2\.1\s+192\.0\.2\.2\s+QM_IDLE\s+\d+ ACTIVE/);
    const detail = (await lab.ctl('s1', ['show', 'crypto', 'isakmp', 'sa', 'detail'])).stdout;
    // The lifetime left of a 24 h SA: 24:00:00 within its first second, then counting down.
    assert.match(detail, /ACTIVE aes {2}sha256 psk {2}14 (?:24:00:00|23:59:\d\d) D/);
    const j = await lab.query('hub', 'show crypto isakmp sa');
    const s1 = j.sas.find((x: { src: string }) => x.src === '192.0.2.2');
    assert.deepEqual(
      [s1.state, s1.role, s1.encr, s1.keysize, s1.hash, s1.dhGroup],
      ['QM_IDLE', 'responder', 'aes', 256, 'sha256', 14],
    );
    for (const c of ['show crypto isakmp sa', 'show crypto ipsec sa', 'show crypto session', 'show running-config']) {
      const v = schemaFor(c)!.safeParse(await lab.query('s1', c));
      assert.ok(v.success, `${c}: ${v.error?.message}`);
    }
    const sessions = (await lab.query('s1', 'show crypto session')).sessions as Array<{ peer: string; status: string }>;
    assert.equal(sessions.find((x) => x.peer === '192.0.2.1')?.status, 'UP-ACTIVE');
    const run = (await lab.ctl('s1', ['show', 'running-config'])).stdout;
    assert.match(run, /crypto isakmp keepalive 10 3/);
  });

  it('clear crypto isakmp: Deletes sent, then traffic brings IKEv1 back; tshark finds nothing malformed', async () => {
    const pcap = join(lab.dir, 'hub-isakmp.pcap');
    const cap = lab.exec('hub', ['timeout', '8', 'tcpdump', '-n', '-i', 'eth0', '-U', '-w', pcap, 'udp'], 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const cleared = await lab.ctl('s1', ['clear', 'crypto', 'isakmp']);
    assert.equal(cleared.code, 0, cleared.stdout + cleared.stderr);
    await until(
      'the hub dropped the SAs of spoke 1',
      async () =>
        (await lab.query('hub', 'show crypto isakmp sa')).sas.some(
          (x: { src: string; dst: string }) => x.src === '192.0.2.2' || x.dst === '192.0.2.2',
        )
          ? undefined
          : true,
      10_000,
    );
    await until(
      'IKEv1 up again from traffic',
      async () => {
        await lab.exec('s1', ['ping', '-c', '1', '-W', '1', '172.16.0.1']);
        const s = await lab.query('s1', 'show crypto isakmp sa');
        return s.sas.some((x: { state: string }) => x.state === 'QM_IDLE') ? true : undefined;
      },
      20_000,
    );
    await cap;
    const t = await lab.exec('hub', [
      'tshark',
      '-n',
      '-r',
      pcap,
      '-Y',
      'isakmp',
      '-T',
      'fields',
      '-e',
      'isakmp.exchangetype',
      '-e',
      '_ws.malformed',
      '-e',
      '_ws.expert.severity',
    ]);
    const rows = t.stdout.trim().split('\n').filter(Boolean);
    assert.ok(rows.length >= 9, `ISAKMP frames: ${t.stdout}${t.stderr}`);
    assert.ok(
      rows.some((r) => r.startsWith('2\t')),
      'main mode',
    );
    assert.ok(
      rows.some((r) => r.startsWith('32\t')),
      'quick mode',
    );
    assert.ok(
      rows.some((r) => r.startsWith('5\t')),
      'informational (the Deletes)',
    );
    const bad = await lab.exec('hub', [
      'tshark',
      '-n',
      '-r',
      pcap,
      '-Y',
      '_ws.malformed || _ws.expert.severity >= 6291456',
    ]);
    assert.equal(bad.stdout.trim(), '', `malformed or error items:\n${bad.stdout}`);
  });

  it('does not register the spoke with the wrong key: IOS message and AUTHENTICATION_FAILED on the hub', async () => {
    assert.notEqual(await nhsState(lab, 's2'), 'up');
    await until(
      'the failure in the hub log',
      async () =>
        /%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192\.0\.2\.3 failed its sanity check/.test(lab.logOf('hub'))
          ? true
          : undefined,
      20_000,
    );
    const j = await lab.query('hub', 'show crypto isakmp sa');
    assert.ok(j.counters.AUTHENTICATION_FAILED >= 1, JSON.stringify(j.counters));
    const s2 = (await lab.query('hub', 'show crypto ipsec sa')).interfaces[0].peers.find(
      (p: { peer: string }) => p.peer === '192.0.2.3',
    );
    assert.ok(!s2 || s2.sas.length === 0, JSON.stringify(s2));
  });
});
