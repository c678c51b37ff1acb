import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inCidr, parseCidr } from '../../src/wire/ipv4-addr.js';
import { dmvpndEntry } from '../../src/lab/router.js';
import { loadTopology } from '../../src/lab/topology/load.js';

const LABS = join(import.meta.dirname, '..', '..', 'labs');
const entry = dmvpndEntry();
const run = (...args: string[]) =>
  spawnSync(process.execPath, [...(entry?.endsWith('.ts') ? ['--import', 'tsx'] : []), entry ?? '', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
const hasCheck = entry !== undefined && run('--help').stdout.includes('--check-config');

interface Checked {
  ok: boolean;
  errors: unknown[];
  interfaces: Array<{ linuxName: string; addresses: string[] }>;
}

describe('shipped router configs', { skip: !hasCheck && 'dmvpnd --check-config not available yet' }, () => {
  it('load in dmvpnd without errors, with each NBMA/LAN address on the subnet of the node it links to', () => {
    for (const lab of readdirSync(LABS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const t = loadTopology(join(LABS, lab.name, `${lab.name}.clab.yml`));
      const routers = t.nodes.filter((n) => n.kind === 'dmvpn');
      for (const node of routers) {
        const r = run('--check-config', node.startupConfig!, '--json');
        const checked = JSON.parse(r.stdout) as Checked;
        assert.ok(checked.ok, `${lab.name}/${node.name}: ${JSON.stringify(checked.errors)}`);
        for (const l of t.links) {
          const [mine, far] = l.a.node === node.name ? [l.a, l.b] : l.b.node === node.name ? [l.b, l.a] : [];
          if (!mine || !far) continue;
          const farNode = t.nodes.find((n) => n.name === far.node)!;
          const farAddr = farNode.interfaces[far.linux];
          if (!farAddr) continue;
          const own = checked.interfaces.find((x) => x.linuxName === mine.linux)?.addresses[0];
          // an IPv6-only LAN (the host's IPv4 address is a placeholder): the IPv6 lab tests check it
          if (own === undefined && farNode.ipv6?.[far.linux] !== undefined) continue;
          assert.ok(
            own && inCidr(farAddr.split('/')[0]!, parseCidr(own)!),
            `${lab.name}/${node.name} ${mine.iface} (${own}) is not on ${far.node}:${far.linux}'s subnet (${farAddr})`,
          );
        }
      }
    }
  });
});
