/**
 * dmvpnd with `tunnel protection ipsec profile` (IKEv2 PSK, ESP transport mode): a hub and two spokes in
 * namespaces. The spokes register only over ESP, pings go, a capture on the NBMA segment sees ESP and IKE
 * but no GRE; a spoke with the wrong key never registers and its log names the authentication failure.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const crypto = (psk: string): string => `crypto ikev2 proposal P1
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal P1
crypto ikev2 keyring KR
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key ${psk}
crypto ikev2 profile IKEP
 match identity remote address 0.0.0.0
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile PROT
 set transform-set TS
 set ikev2-profile IKEP
`;

/** The lab's config with the crypto blocks first and the tunnel protected. */
const protect = (config: string, psk: string): string =>
  crypto(psk) + config.replace(' tunnel key 42\n', ' tunnel key 42\n tunnel protection ipsec profile PROT\n');

type Nhs = { address: string; state: string };
const nhsState = async (lab: RouterLab, node: string): Promise<string | undefined> =>
  ((await lab.query(node, 'show ip nhrp nhs')).interfaces[0]?.nhs as Nhs[] | undefined)?.[0]?.state;

describe('dmvpnd: tunnel protection ipsec profile (IKEv2, ESP transport)', { skip }, () => {
  let lab: RouterLab;
  const pids: number[] = [];

  before(async () => {
    lab = await RouterLab.create(['hub', 's1', 's2']);
    const started = await Promise.all([
      lab.start('hub', protect(HUB_CONFIG, 'cisco123'), 20_000, ['--esp-keys', join(lab.dir, 'hub.esp_sa')]),
      lab.start('s1', protect(spokeConfig(1), 'cisco123')),
      lab.start('s2', protect(spokeConfig(2), 'wrong-key')),
    ]);
    pids.push(...started.map((r) => r.child.pid!));
  });

  after(() => closeLeavingNothing(lab, pids));

  it('registers the spoke with the right key over ESP, and pings go', async () => {
    await until('spoke 1 registered', async () => ((await nhsState(lab, 's1')) === 'up' ? true : undefined), 30_000);
    const r = await lab.exec('s1', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.1']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const sa = await lab.query('s1', 'show crypto ipsec sa');
    const peer = sa.interfaces[0].peers.find((p: { peer: string }) => p.peer === '192.0.2.1');
    assert.ok(peer, JSON.stringify(sa));
    assert.ok(peer.encaps >= 3 && peer.decaps >= 3, JSON.stringify(peer));
    assert.equal(peer.sas[0].transform, 'esp-256-aes esp-sha256-hmac');
    const ike = await lab.ctl('s1', ['show', 'crypto', 'ikev2', 'sa']);
    assert.match(ike.stdout, /192\.0\.2\.2\/500\s+192\.0\.2\.1\/500.*READY/s);
    for (const c of [
      'show crypto ikev2 sa',
      'show crypto ipsec sa',
      'show crypto session',
      'show running-config',
      'show dmvpn detail',
    ]) {
      const r = schemaFor(c)!.safeParse(await lab.query('s1', c));
      assert.ok(r.success, `${c}: ${r.error?.message}`);
    }
    const text = (await lab.ctl('s1', ['show', 'crypto', 'ipsec', 'sa'])).stdout;
    assert.match(text, /interface: Tunnel0\n/);
    assert.match(text, /#pkts encaps: [1-9]\d*, #pkts encrypt: [1-9]\d*/);
    assert.match(text, /transform: esp-256-aes esp-sha256-hmac ,\n\s+in use settings =\{Transport, \}/);
  });

  it('sends no GRE in the clear between protected peers: only ESP and IKE; the key file opens the ESP', async () => {
    const pcap = join(lab.dir, 'hub.pcap');
    const cap = lab.exec('hub', ['timeout', '4', 'tcpdump', '-n', '-i', 'eth0', '-U', '-w', pcap, 'ip'], 10_000);
    await new Promise((r) => setTimeout(r, 500));
    await lab.exec('s1', ['ping', '-c', '5', '-i', '0.2', '-W', '2', '172.16.0.1']);
    await cap;
    const out = (await lab.exec('hub', ['tcpdump', '-n', '-r', pcap])).stdout;
    assert.match(out, /ESP\(spi=0x[0-9a-f]+,seq=0x[0-9a-f]+\)/, out);
    assert.doesNotMatch(out, /GREv0/, out);
    const keys = readFileSync(join(lab.dir, 'hub.esp_sa'), 'utf8').trim().split('\n');
    assert.ok(
      keys.length >= 2 && keys.every((l) => /^"IPv4","192\.0\.2\.\d","192\.0\.2\.\d","0x[0-9a-f]{8}"/.test(l)),
      keys.join('\n'),
    );
    const uat = keys.flatMap((l) => ['-o', `uat:esp_sa:${l}`]);
    const opened = await lab.exec('hub', [
      'tshark',
      '-n',
      '-r',
      pcap,
      '-o',
      'esp.enable_encryption_decode:TRUE',
      ...uat,
      '-Y',
      'esp && gre && icmp',
    ]);
    assert.ok(
      opened.stdout.trim().split('\n').length >= 10,
      `tshark opened the ESP to GRE and ICMP:\n${opened.stdout}${opened.stderr}`,
    );
  });

  it('does not register the spoke with the wrong key, and says why', async () => {
    await new Promise((r) => setTimeout(r, 3000));
    assert.notEqual(await nhsState(lab, 's2'), 'up');
    const hub = await lab.query('hub', 'show crypto ipsec sa');
    const s2 = hub.interfaces[0].peers.find((p: { peer: string; sas: unknown[] }) => p.peer === '192.0.2.3');
    assert.ok(!s2 || s2.sas.length === 0, JSON.stringify(s2));
    await until('the failure in a log', async () =>
      /AUTH_FAILED: .*pre-shared key mismatch/.test(lab.logOf('s2') + lab.logOf('hub')) ? true : undefined,
    );
    const ike = await lab.ctl('s2', ['show', 'crypto', 'ikev2', 'sa']);
    assert.doesNotMatch(ike.stdout, /READY/);
  });

  it('registers the spoke once its key is fixed live, then spoke to spoke goes in its own SA', async () => {
    const conf = await lab.ctl(
      's2',
      ['configure'],
      ['crypto ikev2 keyring KR', ' peer ANY', '  pre-shared-key cisco123'],
    );
    assert.equal(conf.code, 0, conf.stdout + conf.stderr);
    // the next Registration Request (NHRP backs off up to 64 s after the failures) brings IKE up
    await until('spoke 2 registered', async () => ((await nhsState(lab, 's2')) === 'up' ? true : undefined), 75_000);
    const first = await lab.exec('s1', ['ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.0.3']);
    assert.equal(first.code, 0, first.stdout);
    const direct = async (): Promise<{ encaps: number; sas: unknown[] } | undefined> =>
      (await lab.query('s1', 'show crypto ipsec sa')).interfaces[0].peers.find(
        (p: { peer: string }) => p.peer === '192.0.2.3',
      );
    await until('an SA from spoke 1 to spoke 2', async () => ((await direct())?.sas.length ? true : undefined), 20_000);
    type Entry = { prefix: string; nbma: string | null; type: string };
    await until(
      'spoke 1 resolved 172.16.0.3 to spoke 2',
      async () => {
        await lab.exec('s1', ['ping', '-c', '1', '-W', '1', '172.16.0.3']);
        const e = ((await lab.query('s1', 'show ip nhrp')).interfaces[0].entries as Entry[]).find(
          (x) => x.prefix === '172.16.0.3',
        );
        return e?.type === 'dynamic' && e.nbma === '192.0.2.3' ? true : undefined;
      },
      20_000,
    );
    const before = (await direct())!.encaps;
    const r = await lab.exec('s1', ['ping', '-c', '5', '-i', '0.2', '-W', '2', '172.16.0.3']);
    assert.equal(r.code, 0, r.stdout);
    assert.ok((await direct())!.encaps - before >= 5, 'the pings went in the spoke-to-spoke SA');
    const sessions = (await lab.query('s1', 'show crypto session')).sessions as Array<{ peer: string; status: string }>;
    assert.deepEqual(
      sessions
        .filter((x) => x.status === 'UP-ACTIVE')
        .map((x) => x.peer)
        .sort(),
      ['192.0.2.1', '192.0.2.3'],
    );
    const detail = (await lab.query('hub', 'show dmvpn detail')).interfaces[0].peers as Array<{
      nbma: string;
      crypto: { active: boolean; reason: string };
    }>;
    assert.deepEqual(detail.find((p) => p.nbma === '192.0.2.2')?.crypto, { active: true, reason: 'UP-ACTIVE' });
  });
});
