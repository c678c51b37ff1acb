/** show policy-map multipoint, show ip nhrp group-map, and the group in show dmvpn detail / show ip nhrp. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod/v4';
import { dmvpnDetailSchema } from '../../../src/node/api/schema/dmvpn.js';
import { nhrpGroupMapSchema, policyMapMultipointSchema } from '../../../src/node/api/schema/qos.js';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';
import type { TunnelStats } from '../../../src/node/dataplane/counters.js';
import { compilePolicy } from '../../../src/node/dataplane/qos-policy.js';
import { Shaper } from '../../../src/node/dataplane/shaper.js';
import { renderShow } from '../../../src/node/show/index.js';
import { HUB, hubConfig, ios, Net, SPOKE1, SPOKE2, spokeConfig } from '../../helpers/show-engines.js';

const HUB_QOS = ios(`hostname hub
class-map match-any VOICE
 match dscp ef
policy-map CHILD
 class VOICE
  priority percent 20
policy-map SHAPE-1M
 class class-default
  shape average 1000000
   service-policy CHILD
interface GigabitEthernet0/1
 ip address 192.168.123.1 255.255.255.0
interface Tunnel0
 ip address 172.16.123.1 255.255.255.0
 ip nhrp map multicast dynamic
 ip nhrp network-id 1
 ip nhrp map group GROUP-1M service-policy output SHAPE-1M
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
`);

function state() {
  const net = new Net();
  net.add('hub', hubConfig());
  net.add('spoke1', spokeConfig(SPOKE1, { groupName: 'GROUP-1M' }));
  net.add('spoke2', spokeConfig(SPOKE2));
  net.runTo(2);
  const shaper = new Shaper(compilePolicy(HUB_QOS.qos, 'SHAPE-1M')!, 4, 0);
  const pkt = new Uint8Array(4 + 1000);
  pkt[4] = 0x45;
  for (let i = 0; i < 5; i++) shaper.offer(0, { nbma: 1, bytes: pkt });
  while (shaper.pull(0)) {}
  const stats = {
    qos: [{ nbma: SPOKE1.nbma, tunnelAddr: SPOKE1.protocol, group: 'GROUP-1M', shaper: shaper.stats() }],
  } as unknown as TunnelStats;
  return {
    config: HUB_QOS,
    interfaces: [{ config: HUB_QOS.interfaces.Tunnel0!, snapshot: net.engine('hub').snapshot(net.now), stats }],
    routes: [],
    now: net.now,
    uptimeSec: 2,
  };
}

const text = (cmd: string): string => {
  const r = renderShow(cmd, state());
  assert.ok('text' in r, cmd);
  return r.text;
};

test('show policy-map multipoint: one block per spoke with shape rate, classes and counters', () => {
  const t = text('show policy-map multipoint Tunnel0 192.168.123.2');
  assert.match(t, /Interface Tunnel0 <--> 192\.168\.123\.2/);
  assert.match(t, /Service-policy output: SHAPE-1M/);
  assert.match(t, /shape \(average\) cir 1000000/);
  assert.match(t, /Service-policy : CHILD/);
  assert.match(t, /Class-map: VOICE \(match-any\)[\s\S]*Match: dscp ef \(46\)[\s\S]*Priority: 200 kbps/);
  assert.match(
    t,
    /5 packets, 5120 bytes[\s\S]*\(queue depth\/total drops\/no-buffer drops\) 1\/0\/0[\s\S]*\(pkts output\/bytes output\) 4\/4096/,
  );
  const j = renderShow('sh policy-map multipoint json', state());
  assert.ok('json' in j);
  const peer = (j.json as { interfaces: Array<{ peers: Array<Record<string, unknown>> }> }).interfaces[0]!.peers[0]!;
  assert.equal(peer.group, 'GROUP-1M');
  assert.equal(peer.shapeBps, 1_000_000);
  const other = renderShow('show policy-map multipoint Tunnel0 192.168.123.3 json', state());
  assert.ok('json' in other);
  assert.deepEqual(other.json, { interfaces: [{ name: 'Tunnel0', peers: [] }] });
});

test('show ip nhrp group-map lists each group, its policy and the spokes registered with it', () => {
  const t = text('show ip nhrp group-map');
  assert.equal(
    t,
    [
      'Interface: Tunnel0',
      ' NHRP group: GROUP-1M',
      '  QoS policy: SHAPE-1M',
      '  Transport endpoints using the qos policy:',
      `    ${SPOKE1.nbma}`,
      '',
      '',
    ].join('\n'),
  );
});

test('show dmvpn detail and show ip nhrp name the group of a registered spoke', () => {
  const d = text('show dmvpn detail');
  assert.match(d, /NHRP group: GROUP-1M\n\s+Output QoS service-policy applied: SHAPE-1M/);
  assert.equal(d.match(/NHRP group:/g)?.length, 1, 'spoke2 registered without a group');
  assert.match(text('show ip nhrp'), /NBMA address: 192\.168\.123\.2\n\s+Group: GROUP-1M/);
  assert.ok(HUB.nbma);
});

test('the QoS JSON answers (and the running-config with QoS) validate against their schemas', () => {
  const st = state();
  const checks: Array<[string, z.ZodType]> = [
    ['show policy-map multipoint json', policyMapMultipointSchema],
    ['show ip nhrp group-map json', nhrpGroupMapSchema],
    ['show running-config json', runningConfigSchema],
    ['show dmvpn detail json', dmvpnDetailSchema],
  ];
  for (const [cmd, schema] of checks) {
    const r = renderShow(cmd, st);
    assert.ok('json' in r, cmd);
    const parsed = schema.safeParse(r.json);
    assert.ok(parsed.success, `${cmd}: ${parsed.error?.message}`);
  }
});
