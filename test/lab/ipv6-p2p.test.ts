/**
 * The shipped lab ipv6-p2p (point-to-point GRE over an IPv6-only Internet, `tunnel mode gre ipv6`):
 * `show interfaces Tunnel0` says GRE/IPv6 with the IPv6 source and destination, `show ip interface
 * brief` has the tunnel up/up, host1 pings host2 over the IPv4 and the IPv6 overlay, and tshark reads
 * the packets from the capture of r1's Internet link as GRE in IPv6 between the two routers carrying
 * the hosts' ICMP and ICMPv6.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { settle } from '../../src/lab/capture.js';
import { downLab, upLab } from '../../src/lab/lab.js';
import { dmvpndAvailable } from '../../src/lab/router.js';
import type { LabState } from '../../src/lab/state.js';
import { controlJson, sendControl } from '../../src/node/api/client.js';
import type { InterfacesJson } from '../../src/node/show/interfaces.js';
import { assertNothingLeft, controlOf, copyLab, isRoot, removeTemps, tempDir, uniqueName } from '../helpers/lab.js';
import { tsharkMissing } from '../helpers/tshark.js';

after(removeTemps);
process.env.DMVPN_LAB_RUN_DIR = tempDir('dmvpn-lab-run-');

const skip = !isRoot
  ? 'needs root (network namespaces)'
  : !dmvpndAvailable()
    ? 'dmvpnd not available yet'
    : tsharkMissing();
const R1 = '2001:db8:0:1::1';
const R2 = '2001:db8:0:2::1';

/** Pings `dst` from host1 until one ping of 3 answers (the IPv6 overlay needs ND across the tunnel first). */
async function ping(state: LabState, dst: string, v6: boolean): Promise<void> {
  const ns = state.nodes.find((n) => n.name === 'host1')!.namespace;
  const args = ['netns', 'exec', ns, 'ping', ...(v6 ? ['-6'] : []), '-n', '-c', '3', '-i', '0.2', '-W', '2', dst];
  let last = '';
  for (let i = 0; i < 10; i++) {
    const p = await execa('ip', args, { reject: false });
    if (p.exitCode === 0) return;
    last = `${p.stdout}${p.stderr}`;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.fail(`host1 -> ${dst}: ${last}`);
}

describe('lab ipv6-p2p: point-to-point GRE over an IPv6 Internet', { skip }, () => {
  it('show interfaces GRE/IPv6, host to host over IPv4 and IPv6, GRE in IPv6 in the capture', async () => {
    const name = uniqueName('vpp');
    const file = copyLab('ipv6-p2p');
    try {
      const state = await upLab(file, { name, capture: true });
      const text = (await sendControl(controlOf(state, 'r1'), 'show interfaces Tunnel0')).split('\n');
      assert.equal(text[0], 'Tunnel0 is up, line protocol is up');
      assert.ok(
        text.includes('  Tunnel source 2001:DB8:0:1::1 (GigabitEthernet0/1), destination 2001:DB8:0:2::1'),
        text.join('\n'),
      );
      assert.ok(text.includes('  Tunnel protocol/transport GRE/IPv6'));
      const j = (await controlJson(controlOf(state, 'r2'), 'show interfaces Tunnel0')) as InterfacesJson;
      const t = j.interfaces[0]!.tunnel!;
      assert.deepEqual([t.source, t.destination, t.transport], [R2, R1, 'GRE/IPv6']);
      const brief = await sendControl(controlOf(state, 'r1'), 'show ip interface brief');
      assert.match(brief, /^Tunnel0 +172\.16\.0\.1 +YES NVRAM +up +up$/m);
      const run = await sendControl(controlOf(state, 'r1'), 'show running-config');
      assert.match(run, /^ tunnel destination 2001:DB8:0:2::1\n tunnel mode gre ipv6$/m);

      await ping(state, '10.1.2.10', false);
      await ping(state, '2001:db8:1:2::10', true);

      const cap = state.captures.find((c) => c.pcap.endsWith('r1-eth1.pcap') || c.pcap.endsWith('inet-eth1.pcap'));
      assert.ok(cap, `a capture of r1's Internet link (${state.captures.map((c) => c.pcap).join(', ')})`);
      await settle([cap.pcap]);
      // occurrence=f: the first IPv6 header is the outer one (the Internet's), an inner one comes after
      const fields = ['ipv6.src', 'ipv6.dst', 'gre.proto', 'ip.src', 'ip.dst', 'icmp.type', 'icmpv6.type'];
      const r = await execa(
        'tshark',
        [
          '-r',
          cap.pcap,
          '-Y',
          'ipv6.nxt == 47 && gre',
          '-T',
          'fields',
          '-E',
          'occurrence=f',
          ...fields.flatMap((f) => ['-e', f]),
        ],
        { reject: false },
      );
      assert.equal(r.exitCode, 0, r.stderr);
      const rows = r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      const gre = rows.filter((x) => [x[0], x[1]].sort().join(' ') === `${R1} ${R2}`);
      assert.ok(gre.length > 0, `GRE in IPv6 between r1 and r2:\n${r.stdout}`);
      const v4 = gre.filter((x) => x[2] === '0x0800' && x[5] !== '');
      assert.ok(
        v4.some((x) => x[3] === '10.1.1.10' && x[4] === '10.1.2.10' && x[5] === '8'),
        `echo request 10.1.1.10 -> 10.1.2.10 in GRE 0x0800:\n${r.stdout}`,
      );
      assert.ok(
        v4.some((x) => x[3] === '10.1.2.10' && x[4] === '10.1.1.10' && x[5] === '0'),
        'echo reply back in GRE',
      );
      const v6 = gre.filter((x) => x[2] === '0x86dd');
      assert.ok(
        v6.some((x) => x[6] === '128') && v6.some((x) => x[6] === '129'),
        `ICMPv6 echo request and reply in GRE 0x86dd:\n${r.stdout}`,
      );
    } finally {
      await downLab(name, { cleanup: true }).catch(() => undefined);
    }
    await assertNothingLeft(name, file);
  });
});
