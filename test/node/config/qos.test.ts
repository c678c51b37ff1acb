/** QoS configuration: class-map, policy-map, service-policy and nhrp map group; refusals at the line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';

const GOOD = `hostname hub
class-map match-any VOICE
 match dscp ef cs5
class-map match-all RTP
 match protocol rtp
policy-map CHILD
 class VOICE
  priority percent 20
 class RTP
  bandwidth 300
 class class-default
  bandwidth remaining percent 100
policy-map SHAPE-1M
 class class-default
  shape average 1000000 8000
   service-policy CHILD
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp map group GROUP-1M service-policy output SHAPE-1M
 nhrp group SPOKES
 service-policy output SHAPE-1M
end
`;

describe('QoS configuration', () => {
  it('reads class-maps, policy-maps and the tunnel attachments', () => {
    const r = parseConfig(GOOD);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.ignored, []);
    const q = r.config.qos!;
    assert.deepEqual(q.classMaps.VOICE, {
      name: 'VOICE',
      matchAll: false,
      matches: [{ kind: 'dscp', values: [46, 40] }],
    });
    assert.deepEqual(q.classMaps.RTP!.matches, [{ kind: 'protocol', protocol: 'rtp' }]);
    assert.deepEqual(q.policyMaps.CHILD!.classes, [
      { name: 'VOICE', priority: { percent: 20 } },
      { name: 'RTP', bandwidth: { kbps: 300 } },
      { name: 'class-default', bandwidth: { remainingPercent: 100 } },
    ]);
    assert.deepEqual(q.policyMaps['SHAPE-1M']!.classes, [
      { name: 'class-default', shape: { averageBps: 1_000_000, burstBits: 8000 }, child: 'CHILD' },
    ]);
    const t = r.config.interfaces.Tunnel0!;
    assert.deepEqual(t.nhrp!.groupPolicies, [{ group: 'GROUP-1M', policy: 'SHAPE-1M' }]);
    assert.equal(t.nhrp!.group, 'SPOKES');
    assert.equal(t.servicePolicyOutput, 'SHAPE-1M');
  });

  it('prints back as configuration that reads to the same model', () => {
    const a = parseConfig(GOOD).config;
    const b = parseConfig(renderRunningConfig(a));
    assert.deepEqual(b.errors, []);
    assert.deepEqual(b.config.qos, a.qos);
    assert.deepEqual(b.config.interfaces.Tunnel0, a.interfaces.Tunnel0);
  });

  it('refuses an undefined class, an undefined policy and shares over 100 % at their line', () => {
    const r = parseConfig(`class-map match-any A
 match dscp af41
policy-map P
 class A
  bandwidth percent 60
 class NOPE
 class class-default
  bandwidth percent 50
policy-map TOP
 class class-default
  shape average 1000000
   service-policy MISSING
policy-map SMALL
 class A
  bandwidth 2000
policy-map TOP2
 class class-default
  shape average 1000000
   service-policy SMALL
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp map group G service-policy output UNKNOWN
`);
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.code, e.ios]),
      [
        [6, 'CONFIG_QOS_UNDEFINED', '% class-map NOPE not configured'],
        [8, 'CONFIG_QOS_BANDWIDTH', '% Sum total of class bandwidths exceeds 100 percent'],
        [12, 'CONFIG_QOS_UNDEFINED', '% policy-map MISSING not configured'],
        [
          19,
          'CONFIG_QOS_BANDWIDTH',
          '% Insufficient bandwidth 1000 kbps for the bandwidth guarantee of SMALL (2000 kbps)',
        ],
        [22, 'CONFIG_QOS_UNDEFINED', '% policy-map UNKNOWN not configured'],
      ],
    );
    // the refused share is not kept; the other lines are
    assert.deepEqual(r.config.qos!.policyMaps.P!.classes, [
      { name: 'A', bandwidth: { percent: 60 } },
      { name: 'class-default' },
    ]);
    assert.equal(r.config.interfaces.Tunnel0!.nhrp!.groupPolicies, undefined);
  });

  it('reports match criteria it cannot classify with their line, and keeps the rest', () => {
    const r = parseConfig(`class-map match-any WEB
 match protocol http
 match access-group name WEB-ACL
 match dscp af21
`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.ignored.map((x) => [x.line, x.text]),
      [
        [2, 'match protocol http'],
        [3, 'match access-group name WEB-ACL'],
      ],
    );
    assert.match(r.ignored[0]!.reason, /not supported, ignored \(match protocol http/);
    assert.deepEqual(r.config.qos!.classMaps.WEB!.matches, [{ kind: 'dscp', values: [18] }]);
  });
});

describe('QoS in the running-config JSON', () => {
  it('validates against the schema with every kind of action', () => {
    const r = parseConfig(`${GOOD.replace('end\n', '')}policy-map ALL
 class VOICE
  priority
  police cir 64000 2000
  queue-limit 16 packets
 class RTP
  bandwidth percent 10
`);
    assert.deepEqual(r.errors, []);
    const parsed = runningConfigSchema.safeParse(structuredClone(r.config));
    assert.ok(parsed.success, parsed.error?.message);
  });
});
