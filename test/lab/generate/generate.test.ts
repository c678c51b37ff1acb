import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inCidr, parseCidr } from '../../../src/wire/ipv4-addr.js';
import { LabError } from '../../../src/lab/errors.js';
import { generateLab, writeGeneratedLab } from '../../../src/lab/generate/index.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { protectionPlan } from '../../../src/node/ipsec/ike-config.js';
import { removeTemps, tempLab } from '../../helpers/lab.js';

after(removeTemps);

const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');
const SHIPPED: Array<[string, Parameters<typeof generateLab>[0]]> = [
  ['phase1', { name: 'phase1', spokes: 2, phase: 1 }],
  ['phase2', { name: 'phase2', spokes: 2, phase: 2 }],
  ['phase3', { name: 'phase3', spokes: 2, phase: 3 }],
  ['dual-hub', { name: 'dual-hub', hubs: 2, spokes: 3, phase: 3 }],
  ['nat', { name: 'nat', spokes: 2, nat: 2, phase: 3 }],
];
const DOC_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => parseCidr(c)!);

describe('generate', () => {
  it('reproduces the shipped labs file for file', () => {
    for (const [dir, opts] of SHIPPED) {
      const files = generateLab(opts, join(LABS, dir));
      for (const [f, text] of Object.entries(files)) {
        assert.equal(
          readFileSync(join(LABS, dir, f), 'utf8'),
          text,
          `labs/${dir}/${f} differs from the generator's output`,
        );
      }
    }
  });

  it('writes a valid 50-spoke lab with unique addresses and public NBMA addresses only', () => {
    const dir = join(tempLab({}), 'big');
    const file = writeGeneratedLab(dir, { spokes: 50, hubs: 2, nat: 5, phase: 3 });
    const t = loadTopology(file);
    assert.equal(t.name, 'big');
    assert.equal(t.nodes.filter((n) => n.name.startsWith('spoke')).length, 50);
    assert.equal(t.nodes.filter((n) => n.kind === 'nat').length, 5);
    const addrs: string[] = [];
    for (const n of t.nodes) {
      if (n.kind === 'dmvpn') {
        const cfg = readFileSync(n.startupConfig!, 'utf8');
        addrs.push(...[...cfg.matchAll(/^ ip address (\S+) /gm)].map((m) => m[1]!));
      } else addrs.push(...Object.values(n.interfaces).map((a) => a.split('/')[0]!));
    }
    assert.equal(new Set(addrs).size, addrs.length, 'an address is used twice');
    const inet = t.nodes.find((n) => n.kind === 'internet')!;
    for (const a of Object.values(inet.interfaces)) {
      assert.ok(
        DOC_RANGES.some((r) => inCidr(a.split('/')[0]!, r)),
        `${a} is outside the documentation ranges`,
      );
    }
    const spoke50 = readFileSync(join(dir, 'spoke50.cfg'), 'utf8');
    assert.match(spoke50, /^ ip nhrp nhs 172\.16\.0\.2 nbma \S+ multicast$/m);
    assert.match(spoke50, /^ ip address 192\.168\.5\.2 255\.255\.255\.0$/m, 'the last spokes sit behind NAT');
  });

  it('--ipsec protects every tunnel with one profile the router can use', () => {
    const files = generateLab({ name: 'sec', spokes: 3, hubs: 2, phase: 3, ipsec: true });
    const cfgs = Object.entries(files).filter(([f]) => f.endsWith('.cfg'));
    assert.equal(cfgs.length, 5);
    for (const [f, text] of cfgs) {
      assert.match(text, /^ tunnel protection ipsec profile DMVPN-PROT$/m, f);
      const parsed = parseConfig(text);
      const addr = /^ ip address (\S+) /m.exec(text)![1]!;
      const plan = protectionPlan(parsed.config.crypto, 'DMVPN-PROT', addr);
      assert.deepEqual(plan.problems, [], f);
      assert.equal(plan.ike.peers[0]?.esp?.[0]?.encr[0], 'aes-gcm-16-256');
    }
    assert.doesNotMatch(generateLab({ name: 'plain', spokes: 2 })['spoke1.cfg']!, /crypto|protection/);
  });

  it('--routing: every router runs the protocol, configs load cleanly, no static route to a LAN', () => {
    for (const routing of ['ospf', 'bgp', 'rip', 'eigrp'] as const) {
      for (const [phase, hubs] of [
        [1, 1],
        [2, 2],
        [3, 2],
      ] as const) {
        const files = generateLab({ name: 'r', spokes: 3, hubs, phase, routing });
        const where = `${routing} phase ${phase}`;
        for (const [f, text] of Object.entries(files).filter(([f]) => f.endsWith('.cfg'))) {
          const r = parseConfig(text, { file: f });
          assert.deepEqual(
            [...r.errors, ...r.warnings].map((e) => e.message),
            [],
            `${where} ${f}`,
          );
          assert.doesNotMatch(text, /^ip route 10\./m, `${where} ${f}`);
          const running = routing === 'eigrp' ? r.config.eigrp?.length : r.config.routing?.[routing];
          assert.ok(running, `${where} ${f}: no ${routing}`);
        }
        assert.match(files['r.clab.yml']!, new RegExp(`with ${routing.toUpperCase()}`));
      }
    }
    const hub = generateLab({ name: 'r', spokes: 2, phase: 3, routing: 'bgp' })['hub.cfg']!;
    assert.match(hub, /^ bgp listen range 172\.16\.0\.0\/24 peer-group SPOKES$/m);
    assert.match(hub, /^ aggregate-address 10\.0\.0\.0 255\.0\.0\.0 summary-only$/m);
    const spoke = generateLab({ name: 'r', spokes: 2, phase: 2, routing: 'ospf' })['spoke2.cfg']!;
    assert.match(spoke, /^ ip ospf priority 0$/m);
    assert.match(spoke, /^ network 10\.1\.2\.0 0\.0\.0\.255 area 0$/m);
  });

  it('refuses sizes it cannot build, with the reason', () => {
    const bad = (o: Parameters<typeof generateLab>[0], re: RegExp) =>
      assert.throws(
        () => generateLab(o),
        (e: unknown) => e instanceof LabError && e.code === 'BAD_ARGUMENT' && re.test(e.message),
      );
    bad({ name: 'x', spokes: 0 }, /--spokes/);
    bad({ name: 'x', spokes: 2, nat: 3 }, /--nat must be 0\.\.2/);
    bad({ name: 'x', spokes: 2, hubs: 2, phase: 1 }, /Phase 1/);
    bad({ name: 'x', spokes: 400 }, /at most 384 internet sites/);
    bad(
      { name: 'x', spokes: 2, routing: 'isis' as 'ospf' },
      /--routing must be static, ospf, bgp, rip, eigrp, got isis/,
    );
  });
});
