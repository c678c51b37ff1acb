/** `show ipv6 protocols`: OSPFv3, RIPng and BGP IPv6 processes from the config (labs/ipv6-ospf's hub and variants). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemaFor } from '../../../src/node/api/show-json.js';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderShow } from '../../../src/node/show/index.js';
import type { ShowState } from '../../../src/node/show/state.js';

const hubCfg = readFileSync(join(import.meta.dirname, '..', '..', '..', 'labs', 'ipv6-ospf', 'hub.cfg'), 'utf8');
const state = (text: string, daemons: string[]): ShowState => ({
  config: parseConfig(text).config,
  interfaces: [],
  routes: [],
  now: 0,
  uptimeSec: 1,
  frr: { daemons },
});
const show = (st: ShowState) => {
  const j = renderShow('show ipv6 protocols json', st);
  assert.ok('json' in j);
  assert.equal(schemaFor('show ipv6 protocols')!.safeParse(j.json).success, true);
  const t = renderShow('show ipv6 protocols', st);
  assert.ok('text' in t);
  return { json: j.json as any, text: t.text };
};

test('show ipv6 protocols: OSPFv3 with its router ID, interfaces by area and passive interface', () => {
  const { json, text } = show(state(hubCfg, ['zebra', 'ospf6d']));
  assert.deepEqual(json.protocols, [
    {
      name: 'ospf 1',
      running: true,
      routerId: '1.1.1.1',
      interfaces: ['GigabitEthernet0/2 (Area 0)', 'Tunnel0 (Area 0)'],
      passiveInterfaces: ['GigabitEthernet0/2'],
      redistribution: [],
      neighbors: [],
    },
  ]);
  assert.match(text, /^IPv6 Routing Protocol is "ospf 1"\n {2}Router ID 1\.1\.1\.1\n {2}Interfaces:\n/m);
  assert.match(text, /^ {2}Redistribution:\n {4}None$/m);
});

test('show ipv6 protocols: RIPng (not running without ripngd) and BGP IPv6 neighbors', () => {
  const rip = hubCfg
    .replace(/^ ipv6 ospf 1 area 0$/gm, ' ipv6 rip LAB enable')
    .replace(/^ ipv6 ospf .*\n/gm, '')
    .replace(/^ipv6 router ospf 1\n( .*\n)*/m, 'ipv6 router rip LAB\n no split-horizon\n redistribute connected\n');
  const r = show(state(rip, ['zebra']));
  assert.deepEqual(
    r.json.protocols.map((p: any) => [p.name, p.running, p.interfaces, p.redistribution]),
    [['rip LAB', false, ['GigabitEthernet0/2', 'Tunnel0'], ['connected']]],
  );
  assert.match(r.text, /^IPv6 Routing Protocol is "rip LAB" \(not running\)$/m);
  const bgp = hubCfg
    .replace(/^ ipv6 ospf .*\n/gm, '')
    .replace(
      /^ipv6 router ospf 1\n( .*\n)*/m,
      [
        'router bgp 65000',
        ' neighbor 2001:DB8:0:100::11 remote-as 65000',
        ' address-family ipv6 unicast',
        '  network 2001:DB8:0:10::/64',
        '  neighbor 2001:DB8:0:100::11 activate',
        ' exit-address-family',
        '',
      ].join('\n'),
    );
  const b = show(state(bgp, ['zebra', 'bgpd']));
  assert.deepEqual(
    b.json.protocols.map((p: any) => [p.name, p.running, p.neighbors]),
    [['bgp 65000', true, ['2001:db8:0:100::11']]],
  );
  assert.match(b.text, /^ {2}Neighbor\(s\):\n {4}2001:DB8:0:100::11$/m);
});
