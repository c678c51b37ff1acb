/**
 * EIGRP add-paths on a DMVPN hub (named mode `add-paths N` with `no next-hop-self`): a prefix two
 * spokes both reach (a dual-homed LAN) leaves the hub with one path per spoke, each with that spoke's
 * tunnel address as next hop, so a third spoke load-shares over both and keeps the other when one goes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EigrpConfigInput, EigrpInterfaceInput } from '../../src/eigrp/config.js';
import { EigrpOpcode } from '../../src/wire/eigrp/index.js';
import { dmvpnConfig, hubTunnel, Lab, spokeTunnel } from '../helpers/eigrp-lab.js';

const SHARED = '172.30.0.0/24';

/** Spokes 1 and 2 also sit on the shared LAN 172.30.0.0/24 (GigabitEthernet0/2, .1 and .2). */
function dualHomed(k: number): Partial<EigrpConfigInput> {
  if (k > 2) return {};
  const base = dmvpnConfig(k);
  return {
    networks: [...(base.networks ?? []), { address: '172.30.0.0', wildcard: '0.0.0.255' }],
    interfaces: [...base.interfaces, { name: 'GigabitEthernet0/2', address: `172.30.0.${k}`, prefixLength: 24 }],
  };
}

function lab(hub: Partial<EigrpInterfaceInput>): Lab {
  const l = Lab.dmvpn(3, { splitHorizon: false, ...hub }, {}, dualHomed);
  l.runTo(5);
  return l;
}

const nextHops = (l: Lab, node: string) =>
  l
    .routes(node)
    .get(SHARED)
    ?.nextHops.map((h) => h.address);

/** The hub's Update TLVs for the shared prefix, per packet. */
function hubSets(l: Lab): string[][] {
  return l
    .packets(EigrpOpcode.Update, 'hub')
    .map((w) =>
      w.p.tlvs.flatMap((t) =>
        t.type === 'ipv4Internal' && t.destinations[0].prefix === '172.30.0.0' ? [t.nextHop] : [],
      ),
    )
    .filter((s) => s.length > 0);
}

test('add-paths 2 with no next-hop-self: the third spoke learns both spokes as next hops', () => {
  const l = lab({ nextHopSelf: false, addPaths: 2 });
  assert.deepEqual(nextHops(l, 'hub')?.sort(), [spokeTunnel(1), spokeTunnel(2)], 'the hub has two successors');
  assert.deepEqual(nextHops(l, 'spoke3')?.sort(), [spokeTunnel(1), spokeTunnel(2)]);
  // One packet carries both paths of the prefix, each with its spoke's address as next hop.
  assert.ok(
    hubSets(l).some((s) => s.length === 2 && [...s].sort().join() === `${spokeTunnel(1)},${spokeTunnel(2)}`),
    JSON.stringify(hubSets(l)),
  );
  const topo = l.snapshot('spoke3').topology.find((t) => t.prefix === '172.30.0.0');
  assert.equal(topo?.successors, 2);
  // The dual-homed spokes keep their connected route and take no path back to themselves.
  assert.equal(l.routes('spoke1').has(SHARED), false);
});

test('without add-paths, or with next-hop-self, one path per prefix', () => {
  const one = lab({ nextHopSelf: false });
  assert.equal(nextHops(one, 'spoke3')?.length, 1);
  assert.ok([spokeTunnel(1), spokeTunnel(2)].includes(nextHops(one, 'spoke3')?.[0] ?? ''));
  assert.ok(hubSets(one).every((s) => s.length === 1));
  const self = lab({ addPaths: 2 });
  assert.deepEqual(nextHops(self, 'spoke3'), [hubTunnel]);
  const capped = lab({ nextHopSelf: false, addPaths: 1 });
  assert.equal(nextHops(capped, 'spoke3')?.length, 1);
});

test('add-paths: a path that goes away leaves the set, the other one stays', () => {
  const l = lab({ nextHopSelf: false, addPaths: 4 });
  assert.equal(nextHops(l, 'spoke3')?.length, 2);
  const shut = (k: number) => {
    const e = l.engine(`spoke${k}`);
    const cfg = e.config;
    l.net.input(l.net.node(`spoke${k}`), () =>
      e.configure(l.net.now, {
        ...cfg,
        interfaces: cfg.interfaces.map((i) => (i.name === 'GigabitEthernet0/2' ? { ...i, shutdown: true } : i)),
      }),
    );
    l.runFor(5);
  };
  shut(1);
  assert.deepEqual(nextHops(l, 'spoke3'), [spokeTunnel(2)]);
  assert.deepEqual(nextHops(l, 'hub'), [spokeTunnel(2)]);
  shut(2);
  assert.equal(l.routes('spoke3').has(SHARED), false);
  assert.equal(l.routes('hub').has(SHARED), false);
});
