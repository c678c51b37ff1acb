/**
 * The shipped lab ipv6-nbma-ipsec (labs/ipv6-nbma with `tunnel protection ipsec profile` on every tunnel): IKEv2 on
 * UDP/IPv6 and ESP over IPv6 (next header 50) between the routers' IPv6 NBMA addresses. The spokes register over
 * ESP, a spoke-to-spoke shortcut starts IKE between the spokes, the crypto shows name IPv6 peers (text and JSON),
 * tshark reads our IKE (decrypted with the logged keys: ID_IPV6_ADDR identities) and opens our ESP with the `esp_sa`
 * file (NHRP inside), and `dmvpn-lab check` passes registration, phase, reachability and ipsec; the same check with
 * the routers on IKEv1 (`crypto isakmp key K address ipv6 ::/0`, a profile without `set ikev2-profile`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { runChecks } from '../../src/lab/checks/runner.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import type { LabState } from '../../src/lab/state.js';
import {
  controlJson,
  sendControl,
  type Ikev2SaListJson,
  type IpsecSaJson,
  type NhrpJson,
} from '../../src/node/api/index.js';
import type { DmvpnJson } from '../../src/node/show/dmvpn.js';
import {
  assertNothingLeft,
  controlOf,
  copyLab,
  isRoot,
  removeTemps,
  tempDir,
  uniqueName,
  until,
} from '../helpers/lab.js';
import { tsharkMissing } from '../helpers/tshark.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot ? 'needs root (network namespaces)' : !dmvpndAvailable() && 'dmvpnd not available yet';
const NBMA = { hub: '2001:db8:0:1::1', spoke1: '2001:db8:0:2::1', spoke2: '2001:db8:0:3::1' };

/** READY IKEv2 SAs of a router, by remote address. */
async function readyPeers(state: LabState, node: string): Promise<string[]> {
  const j = (await controlJson(controlOf(state, node), 'show crypto ikev2 sa')) as Ikev2SaListJson;
  return j.sas.filter((s) => s.status === 'READY').map((s) => s.remote.split('/')[0]!);
}

/** tshark's fields of a capture, one line per frame; `-o` options first. */
function tshark(pcap: string, opts: string[], filter: string, fields: string[]): string[] {
  const out = execFileSync(
    'tshark',
    ['-r', pcap, ...opts.flatMap((o) => ['-o', o]), '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out.split('\n').filter((l) => l.trim() !== '');
}

describe('lab ipv6-nbma-ipsec: DMVPN with IPsec over an IPv6 NBMA', { skip }, () => {
  it('spokes register in ESP over IPv6, a shortcut brings IKE up between the spokes, shows and tshark agree', async (t) => {
    const name = uniqueName('v6s');
    const file = copyLab('ipv6-nbma-ipsec');
    try {
      const state = await upLab(file, { name, capture: true });
      await until('both spokes registered', 30_000, async () => {
        const j = (await controlJson(controlOf(state, 'hub'), 'show dmvpn')) as DmvpnJson;
        return j.interfaces.flatMap((i) => i.peers).filter((p) => p.state === 'UP').length === 2 ? j : undefined;
      });
      assert.deepEqual((await readyPeers(state, 'hub')).sort(), [NBMA.spoke1, NBMA.spoke2]);

      const start = Date.now();
      const ns = state.nodes.find((n) => n.name === 'host1')!.namespace;
      const pinged = execa('ip', ['netns', 'exec', ns, 'ping', '-n', '-c', '8', '-i', '0.3', '-W', '2', '10.1.2.10'], {
        reject: false,
      });
      await until('the shortcut on spoke1', 15_000, async () => {
        const j = (await controlJson(controlOf(state, 'spoke1'), 'show ip nhrp')) as NhrpJson;
        return j.interfaces[0]!.entries.find((e) => e.network === '10.1.2.0/24' && e.nbma === NBMA.spoke2);
      });
      await until('IKE between the spokes', 15_000, async () =>
        (await readyPeers(state, 'spoke1')).includes(NBMA.spoke2) ? true : undefined,
      );
      t.diagnostic(`shortcut and spoke-to-spoke IKE over IPv6: ${Date.now() - start} ms`);
      const p = await pinged;
      assert.match(p.stdout, / [1-8] received/, `host1 -> host2: ${p.stdout}`);

      // the shows name IPv6 peers, as IOS does
      const esp = (await controlJson(controlOf(state, 'spoke1'), 'show crypto ipsec sa')) as IpsecSaJson;
      const toHub = esp.interfaces.flatMap((i) => i.peers).find((x) => x.peer === NBMA.hub);
      assert.ok(toHub && toHub.encaps > 0 && toHub.decaps > 0, 'ESP with the hub both ways');
      const ikeText = await sendControl(controlOf(state, 'spoke1'), 'show crypto ikev2 sa');
      assert.match(ikeText, /IPv6 Crypto IKEv2 {2}SA/);
      assert.match(ikeText, /^\d+ +none\/none +READY\nLocal 2001:DB8:0:2::1\/500\nRemote 2001:DB8:0:1::1\/500$/m);
      const ipsecText = await sendControl(controlOf(state, 'spoke1'), 'show crypto ipsec sa');
      assert.match(ipsecText, /current_peer 2001:DB8:0:1::1 port 500/);
      assert.match(ipsecText, /remote ident \(addr\/prefixlen\/prot\/port\): \(2001:DB8:0:1::1\/128\/47\/0\)/);
      const session = await sendControl(controlOf(state, 'spoke1'), 'show crypto session');
      assert.match(session, /Peer: 2001:DB8:0:1::1 port 500/);
      const detail = await sendControl(controlOf(state, 'spoke1'), 'show dmvpn detail');
      assert.match(detail, /IKE SA: local 2001:DB8:0:2::1\/500 remote 2001:DB8:0:1::1\/500/);

      assert.match(
        await sendControl(controlOf(state, 'spoke1'), 'show crypto map'),
        /Crypto Map IPv6 "Tunnel0-head-0"/,
      );
      // clear crypto sa peer X:X::X (any case): the SA with the hub goes and NHRP's next Registration brings it back
      const before = (await controlJson(controlOf(state, 'spoke1'), 'show crypto ikev2 sa')) as Ikev2SaListJson;
      const oldId = before.sas.find((x) => x.remote.startsWith(`${NBMA.hub}/`))!.tunnelId;
      assert.equal(await sendControl(controlOf(state, 'spoke1'), 'clear crypto sa peer 2001:DB8:0:1::1'), '');
      await until('a new IKE SA with the hub', 30_000, async () => {
        const j = (await controlJson(controlOf(state, 'spoke1'), 'show crypto ikev2 sa')) as Ikev2SaListJson;
        const sa = j.sas.find((x) => x.remote.startsWith(`${NBMA.hub}/`) && x.status === 'READY');
        return sa && sa.tunnelId !== oldId ? sa : undefined;
      });

      // tshark: our IKE (IKE_AUTH decrypted with the logged keys: ID_IPV6_ADDR) and our ESP (opened: NHRP inside)
      const pcaps = join(state.labDir, 'pcaps');
      const pcap = join(pcaps, 'hub-eth1.pcap');
      if (tsharkMissing() || !existsSync(pcap)) return t.diagnostic('tshark or the capture missing: not cross-checked');
      // both ends log each IKE SA's line: one copy each
      const ikeKeys = [...new Set(readFileSync(join(pcaps, 'ikev2_decryption_table'), 'utf8').split('\n'))].filter(
        Boolean,
      );
      const ids = tshark(
        pcap,
        ikeKeys.map((l) => `uat:ikev2_decryption_table:${l}`),
        'isakmp.exchangetype == 35',
        ['ipv6.src', 'isakmp.id.type'],
      );
      assert.ok(
        ids.some((l) => /\t5(,5)?$/.test(l)),
        `IKE_AUTH decrypted, ID_IPV6_ADDR (5): ${ids.join(' | ')}`,
      );
      const espKeys = readFileSync(join(pcaps, 'esp_sa'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#'));
      assert.ok(
        espKeys.every((l) => l.startsWith('"IPv6"')),
        'esp_sa lines are for IPv6',
      );
      const nhrp = tshark(
        pcap,
        ['esp.enable_encryption_decode:TRUE', ...espKeys.map((l) => `uat:esp_sa:${l}`)],
        'esp && nhrp',
        ['ipv6.src', 'nhrp.hdr.op.type'],
      );
      assert.ok(nhrp.length > 0, 'tshark opens our ESP over IPv6 and finds NHRP in it');
      assert.equal(tshark(pcap, [], 'gre && !esp', ['frame.number']).length, 0, 'no GRE in the clear');
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });

  it('dmvpn-lab check passes registration, phase, reachability and ipsec over the IPv6 NBMA', async () => {
    const name = uniqueName('v6c');
    const file = copyLab('ipv6-nbma-ipsec');
    try {
      const only = ['registration', 'phase', 'reachability', 'ipsec'] as const;
      const report = await runChecks(file, { name, only: [...only] });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const passed = report.results.filter((r) => r.status === 'pass').map((r) => r.name);
      for (const c of only) assert.ok(passed.includes(c), `${c} passed`);
      const ipsec = report.results.filter((r) => r.name === 'ipsec');
      assert.ok(
        ipsec.some((r) => r.nodes.includes('spoke1') && r.nodes.includes('spoke2')),
        'the spoke-to-spoke pair is checked',
      );
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });

  it('IKEv1 over IPv6: dmvpn-lab check passes registration, phase and ipsec with isakmp keys for ::/0', async () => {
    const name = uniqueName('v6k');
    // IOS runs IKEv1 for a profile without `set ikev2-profile`
    const ikev1 = (text: string): string =>
      text
        .replace(' set ikev2-profile V6-IKE\n', '')
        .replace(
          'crypto ipsec transform-set',
          'crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n' +
            'crypto isakmp key DmvpnLab-ipsec6 address ipv6 ::/0\n!\ncrypto ipsec transform-set',
        );
    const file = copyLab('ipv6-nbma-ipsec', { 'hub.cfg': ikev1, 'spoke1.cfg': ikev1, 'spoke2.cfg': ikev1 });
    try {
      const only = ['registration', 'phase', 'ipsec'] as const;
      const report = await runChecks(file, { name, only: [...only] });
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.reason}`);
      assert.deepEqual(failed, []);
      const ipsec = report.results.filter((r) => r.name === 'ipsec' && r.status === 'pass');
      assert.ok(ipsec.length >= 3, 'both spokes with the hub and with each other');
      assert.ok(
        ipsec.every((r) => r.reason.includes('IKEv1')),
        ipsec.map((r) => r.reason).join('; '),
      );
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });
});
