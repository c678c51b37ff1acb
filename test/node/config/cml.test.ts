/**
 * Every router of the reference CML labs loads: no errors, the DMVPN settings take effect with the
 * values written in the lab, every other line is accounted for as ignored, and the ignored list is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import type { RouterConfig } from '../../../src/node/config/model.js';
import type { IgnoredLine } from '../../../src/node/config/result.js';
import { CML_SKIP, loadCmlRouters, type CmlRouter } from '../../helpers/config.js';

/** What each lab's Tunnel0 says, written out from the lab files. */
interface TunnelExpect {
  address: string;
  mode: 'gre-multipoint' | 'gre-p2p';
  destination?: string;
  networkId: number;
  maps: Array<[string, string]>;
  multicast: string[];
  dynamic: boolean;
  nhs: string[];
  shutdown?: boolean;
  group?: string;
  protection?: string;
}

const hub = (address: string, extra: Partial<TunnelExpect> = {}): TunnelExpect => ({
  address,
  mode: 'gre-multipoint',
  networkId: 1,
  maps: [],
  multicast: [],
  dynamic: true,
  nhs: [],
  ...extra,
});
const spoke = (address: string, hubTun: string, hubNbma: string, extra: Partial<TunnelExpect> = {}): TunnelExpect => ({
  address,
  mode: 'gre-multipoint',
  networkId: 1,
  maps: [[hubTun, hubNbma]],
  multicast: [hubNbma],
  dynamic: false,
  nhs: [hubTun],
  ...extra,
});
const H = ['172.16.123.1', '192.168.123.1'] as const;
const p1 = { mode: 'gre-p2p' as const, destination: '192.168.123.1' };

/** lab → node → [loopback address or null, NBMA (GigabitEthernet0/1) address, Tunnel0 or null]. */
const EXPECT: Record<string, Record<string, [string | null, string, TunnelExpect | null]>> = {
  'dmvpn-phase-1-final': {
    Hub: ['1.1.1.1', '192.168.123.1', hub('172.16.123.1')],
    Spoke1: ['2.2.2.2', '192.168.123.2', spoke('172.16.123.2', ...H, p1)],
    Spoke2: ['3.3.3.3', '192.168.123.3', spoke('172.16.123.3', ...H, { ...p1, shutdown: true })],
  },
  'dmvpn-phase-2-final': {
    Hub: ['1.1.1.1', '192.168.123.1', hub('172.16.123.1')],
    Spoke1: ['2.2.2.2', '192.168.123.2', spoke('172.16.123.2', ...H)],
    Spoke2: ['3.3.3.3', '192.168.123.3', spoke('172.16.123.3', ...H)],
  },
  'dmvpn-phase-3-final': {
    Hub: ['1.1.1.1', '192.168.123.1', hub('172.16.123.1')],
    Spoke1: ['2.2.2.2', '192.168.123.2', spoke('172.16.123.2', ...H, { group: 'SHAPE_1M' })],
    Spoke2: ['3.3.3.3', '192.168.123.3', spoke('172.16.123.3', ...H, { group: 'SHAPE_1M' })],
    Spoke3: [null, '192.168.123.4', spoke('172.16.123.4', ...H, { group: 'SHAPE_5M' })],
    Spoke4: [null, '192.168.123.5', spoke('172.16.123.5', ...H, { group: 'SHAPE_5M' })],
  },
  'dmvpn-ipsec-final': {
    Hub: ['1.1.1.1', '192.168.123.1', hub('172.16.123.1', { protection: 'DMVPN_PROFILE' })],
    Spoke1: ['2.2.2.2', '192.168.123.2', spoke('172.16.123.2', ...H, { protection: 'DMVPN_PROFILE' })],
    Spoke2: ['3.3.3.3', '192.168.123.3', spoke('172.16.123.3', ...H, { protection: 'DMVPN_PROFILE' })],
  },
  'dmvpn-dual-hub-single-cloud-final': {
    R1: ['1.1.1.1', '192.168.1.1', null],
    Hub1: [null, '192.168.2.1', hub('172.16.1.1')],
    Hub2: [
      null,
      '192.168.2.2',
      hub('172.16.1.2', { maps: [['172.16.1.1', '192.168.2.1']], multicast: ['192.168.2.1'], nhs: ['172.16.1.1'] }),
    ],
    Spoke1: ['3.3.3.3', '192.168.2.3', dual('172.16.1.3')],
    Spoke2: ['4.4.4.4', '192.168.2.4', dual('172.16.1.4')],
  },
};

function dual(address: string): TunnelExpect {
  return {
    address,
    mode: 'gre-multipoint',
    networkId: 2,
    dynamic: false,
    maps: [
      ['172.16.1.1', '192.168.2.1'],
      ['172.16.1.2', '192.168.2.2'],
    ],
    multicast: ['192.168.2.1', '192.168.2.2'],
    nhs: ['172.16.1.1', '172.16.1.2'],
  };
}

/** Lines that take effect (the DMVPN subset); every other non-comment line must be in the ignored list. */
const APPLIED = new RegExp(
  '^(hostname |interface (Loopback|Tunnel|GigabitEthernet)|(no )?ip address( |$)|(no )?shutdown$|ip nhrp |' +
    'tunnel (source|destination|mode|protection) |crypto ipsec (transform-set|profile) |mode (transport|tunnel)$|' +
    'set transform-set |end$|' +
    // IKEv1 (crypto isakmp policy / key and the policy's lines)
    'crypto isakmp (policy|key) |(encr|encryption|hash|authentication|group|lifetime) |' +
    // routing processes and their interface lines (router ospf / rip)
    'router (ospf|rip)|network |area \\S+ range |version 2$|no auto-summary$|ip ospf (network|priority|cost) |' +
    'no ip split-horizon$|' +
    // access: line vty (login, transport input) as the router's SSH reads it
    'line vty |login$|transport input |' +
    // QoS: class-map, policy-map and their lines, the NHRP group and its group-map (per-spoke QoS)
    'class-map |policy-map |match protocol rtp$|class |priority percent |shape average |service-policy |' +
    'nhrp group |nhrp map group )',
);

function checkTunnel(cfg: RouterConfig, e: TunnelExpect): void {
  const t = cfg.interfaces.Tunnel0;
  assert.ok(t, 'Tunnel0 exists');
  assert.equal(t.linuxName, 'tun0');
  assert.deepEqual(t.addresses, [{ family: 4, address: e.address, prefixLength: 24, secondary: false }]);
  assert.equal(t.shutdown, e.shutdown ?? false);
  assert.deepEqual(t.tunnel?.source, { kind: 'interface', name: 'GigabitEthernet0/1' });
  assert.equal(t.tunnel?.mode, e.mode);
  assert.equal(t.tunnel?.destination, e.destination);
  assert.equal(t.tunnel?.key, undefined);
  assert.equal(t.tunnel?.protection?.profile, e.protection);
  const n = t.nhrp!;
  assert.equal(n.authentication, 'DMVPN');
  assert.equal(n.networkId, e.networkId);
  assert.equal(n.holdtime, 7200);
  assert.deepEqual(
    n.maps.map((m) => [m.protocol, m.nbma]),
    e.maps,
  );
  assert.deepEqual(n.multicastNbma, e.multicast);
  assert.equal(n.multicastDynamic, e.dynamic);
  assert.deepEqual(
    n.nhs,
    e.nhs.map((address) => ({ address, multicast: false, priority: 0, cluster: 0 })),
  );
  // none of the "final" labs configures Phase 3 redirect/shortcut (the phase 3 lab is about NHRP groups)
  assert.equal(n.redirect, false);
  assert.equal(n.shortcut, false);
  assert.equal(n.group, e.group);
}

function ignoredLines(list: IgnoredLine[]): Set<number> {
  return new Set(list.flatMap((x) => [x.line, ...x.children.map((c) => c.line)]));
}

const routers: CmlRouter[] = CML_SKIP ? [] : loadCmlRouters();

test('the reference labs hold the routers this test expects', { skip: CML_SKIP }, () => {
  const found = routers.map((r) => `${r.lab}/${r.node}`).sort();
  const expected = Object.entries(EXPECT)
    .flatMap(([lab, nodes]) => Object.keys(nodes).map((n) => `${lab}/${n}`))
    .sort();
  assert.deepEqual(found, expected);
});

for (const r of routers) {
  test(`CML ${r.lab} ${r.node} loads with its DMVPN settings`, (t) => {
    const res = parseConfig(r.text, { file: `${r.lab}/${r.node}` });
    assert.deepEqual(
      res.errors.map((e) => e.message),
      [],
    );
    assert.deepEqual(res.warnings, []);
    const cfg = res.config;
    const [loopback, nbma, tunnel] = EXPECT[r.lab]?.[r.node] ?? assert.fail(`no expectation for ${r.lab}/${r.node}`);
    assert.equal(cfg.hostname, r.node);
    assert.deepEqual(cfg.routes, []);
    const gi1 = cfg.interfaces['GigabitEthernet0/1'];
    assert.equal(gi1.linuxName, 'eth1');
    assert.equal(gi1.shutdown, false);
    assert.equal(gi1.addresses[0].address, nbma);
    assert.equal(cfg.interfaces['GigabitEthernet0/0'].shutdown, true, 'Gi0/0 is shut in every lab');
    if (loopback)
      assert.deepEqual(cfg.interfaces.Loopback0, {
        name: 'Loopback0',
        kind: 'loopback',
        linuxName: 'lo',
        addresses: [{ family: 4, address: loopback, prefixLength: 32, secondary: false }],
        shutdown: false,
      });
    else assert.equal(cfg.interfaces.Loopback0, undefined);
    if (tunnel) checkTunnel(cfg, tunnel);
    else assert.equal(cfg.interfaces.Tunnel0, undefined);

    // every line either takes effect or is reported as ignored, and nothing DMVPN needs is ignored
    const lines = r.text.split('\n');
    const ignored = ignoredLines(res.ignored);
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('!')) return;
      const applied = APPLIED.test(text);
      assert.notEqual(applied, ignored.has(i + 1), `line ${i + 1} '${text}' must be applied or ignored, not both`);
    });
    for (const x of res.ignored)
      assert.ok(
        !/^(ip nhrp|ip address|tunnel (source|destination|mode))/.test(x.text),
        `DMVPN line ignored: ${x.text}`,
      );
    const texts = res.ignored.map((x) => x.text);
    for (const b of [
      'banner exec `',
      'banner incoming `',
      'banner login `',
      'line con 0',
      'ip cef',
      'no service password-encryption',
    ]) {
      assert.ok(texts.includes(b), `${b} is reported as ignored`);
    }
    assert.equal(
      res.ignored.find((x) => x.text === 'banner login `')?.children.length,
      8,
      'a banner is one entry with its 8 lines',
    );
    t.diagnostic(
      `ignored: ${res.ignored.map((x) => `${x.line} ${x.text}${x.children.length ? ` (+${x.children.length})` : ''}`).join(' | ')}`,
    );
  });
}

test('CML: routing processes, QoS, NHRP groups and crypto are reported the way they appear', { skip: CML_SKIP }, () => {
  const get = (lab: string, node: string): IgnoredLine[] => {
    const r = routers.find((x) => x.lab === lab && x.node === node)!;
    return parseConfig(r.text).ignored;
  };
  const config = (lab: string, node: string): RouterConfig =>
    parseConfig(routers.find((x) => x.lab === lab && x.node === node)!.text).config;
  const hub1 = config('dmvpn-dual-hub-single-cloud-final', 'Hub1');
  assert.deepEqual(hub1.routing?.ospf?.ranges, [{ area: '1', address: '1.0.0.0', prefixLength: 8 }]);
  assert.deepEqual(hub1.routing?.ospf?.networks, [
    { address: '172.16.1.0', wildcard: '0.0.0.255', area: '1' },
    { address: '192.168.1.0', wildcard: '0.0.0.255', area: '0' },
  ]);
  assert.equal(hub1.interfaces.Tunnel0.ospf?.network, 'broadcast');
  const rip = config('dmvpn-ipsec-final', 'Hub').routing?.rip;
  assert.deepEqual(rip, {
    version: 2,
    networks: ['1.0.0.0', '172.16.0.0'],
    autoSummary: false,
    passiveDefault: false,
    passiveInterfaces: [],
    activeInterfaces: [],
    defaultOriginate: false,
    redistribute: [],
  });
  assert.equal(config('dmvpn-ipsec-final', 'Hub').interfaces.Tunnel0.splitHorizon, false);
  // other routing processes (EIGRP) are still reported as ignored with their lines
  for (const r of routers) {
    for (const x of parseConfig(r.text).ignored.filter((i) => i.text.startsWith('router '))) {
      assert.match(x.reason, /not supported, ignored \(routing process\)/);
    }
  }
  // QoS is in force: the phase 3 lab's class-maps, policy-maps, group maps and groups are applied
  const p3hub = get('dmvpn-phase-3-final', 'Hub');
  for (const t of [
    'policy-map SHAPE_1M',
    'class-map match-all VOIP',
    'nhrp map group SHAPE_1M service-policy output SHAPE_1M',
  ])
    assert.equal(
      p3hub.find((x) => x.text === t),
      undefined,
      `${t} is applied`,
    );
  const hubCfg = config('dmvpn-phase-3-final', 'Hub');
  assert.deepEqual(hubCfg.interfaces.Tunnel0.nhrp?.groupPolicies, [
    { group: 'SHAPE_1M', policy: 'SHAPE_1M' },
    { group: 'SHAPE_5M', policy: 'SHAPE_5M' },
  ]);
  assert.deepEqual(hubCfg.qos?.policyMaps.SHAPE_1M?.classes, [
    { name: 'class-default', shape: { averageBps: 1_000_000 }, child: 'PRIORITY' },
  ]);
  assert.equal(config('dmvpn-phase-3-final', 'Spoke3').interfaces.Tunnel0.nhrp?.group, 'SHAPE_5M');
  assert.equal(
    get('dmvpn-phase-3-final', 'Spoke3').find((x) => x.text === 'nhrp group SHAPE_5M'),
    undefined,
    'nhrp group is applied',
  );
  const ipsec = get('dmvpn-ipsec-final', 'Spoke1');
  // IKEv1 (isakmp) is in force: nothing of the crypto config is left as recorded-only
  const inactive = ipsec.filter((x) => x.status === 'inactive').map((x) => x.text);
  assert.deepEqual(inactive, []);
});

test('CML ipsec lab: crypto blocks are recorded', { skip: CML_SKIP }, () => {
  const r = routers.find((x) => x.lab === 'dmvpn-ipsec-final' && x.node === 'Hub')!;
  const { crypto } = parseConfig(r.text).config;
  assert.deepEqual(crypto.isakmpPolicies, [
    { priority: 10, encryption: 'aes', hash: 'sha256', authentication: 'pre-share', group: 5 },
  ]);
  assert.deepEqual(crypto.isakmpKeys, [{ key: 'DMVPN_KEY', address: '0.0.0.0' }]);
  assert.deepEqual(crypto.transformSets, [
    { name: 'DMVPN_TRANSFORM', transforms: ['esp-aes', 'esp-sha-hmac'], mode: 'transport' },
  ]);
  assert.deepEqual(crypto.ipsecProfiles, [{ name: 'DMVPN_PROFILE', transformSets: ['DMVPN_TRANSFORM'] }]);
});
