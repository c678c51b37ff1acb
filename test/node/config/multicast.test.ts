/** Multicast lines of the IOS config: parsed, printed back, translated for pimd, refused where FRR cannot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/node/config/parse.js';
import { renderRunningConfig } from '../../../src/node/config/render.js';
import { runningConfigSchema } from '../../../src/node/api/schema/running-config.js';
import { translate } from '../../../src/node/frr/translate.js';
import { frrInstalled } from '../../../src/node/frr/daemons.js';
import { frrConfigErrors } from '../../../src/node/frr/verify.js';

const CONFIG = `hostname hub
ip multicast-routing
interface Loopback0
 ip address 10.0.255.1 255.255.255.255
 ip pim sparse-mode
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip pim nbma-mode
 ip pim sparse-mode
 ip pim dr-priority 100
 ip pim query-interval 5
interface GigabitEthernet0/2
 ip address 10.0.0.1 255.255.255.0
 ip pim sparse-mode
 ip igmp join-group 239.9.9.9
 ip igmp version 3
ip pim rp-address 10.0.255.1
ip pim spt-threshold infinity
`;

test('multicast lines are read, printed back the same, and fit the running-config schema', () => {
  const r = parseConfig(CONFIG);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.ignored, []);
  const c = r.config;
  assert.deepEqual(c.multicast, {
    routing: true,
    rpAddresses: [{ address: '10.0.255.1', override: false }],
    sptInfinity: true,
  });
  assert.deepEqual(c.interfaces.Tunnel0!.pim, {
    nbmaMode: true,
    mode: 'sparse-mode',
    drPriority: 100,
    helloInterval: 5,
    joinGroups: [],
  });
  assert.deepEqual(c.interfaces['GigabitEthernet0/2']!.pim?.joinGroups, ['239.9.9.9']);
  const again = parseConfig(renderRunningConfig(c));
  assert.deepEqual(again.config, c);
  runningConfigSchema.parse(c);
  // `no` takes them away again
  const off = parseConfig(
    `${CONFIG}no ip multicast-routing\nno ip pim rp-address 10.0.255.1\nno ip pim spt-threshold infinity\n`,
  );
  assert.equal(off.config.multicast, undefined);
});

test('a join-group that is no group, and an igmp version out of range, are refused at their line', () => {
  const r = parseConfig('interface GigabitEthernet0/2\n ip igmp join-group 10.1.1.1\n ip igmp version 4\n');
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.code]),
    [
      [2, 'CONFIG_INVALID_INPUT'],
      [3, 'CONFIG_INVALID_INPUT'],
    ],
  );
});

test('pimd file: ip pim and ip igmp per interface, the RP for 224.0.0.0/4, spt-switchover; none without multicast-routing', () => {
  const files = translate(parseConfig(CONFIG).config);
  assert.deepEqual(
    files.map((f) => f.daemon),
    ['zebra', 'pimd'],
  );
  const pim = files[1]!.text;
  for (const line of [
    'ip pim rp 10.0.255.1 224.0.0.0/4',
    'ip pim spt-switchover infinity-and-beyond',
    'interface lo\n ip pim\n ip igmp\n!',
    'interface tun0\n ip pim\n ip igmp\n ip pim drpriority 100\n ip pim hello 5 18\n!',
    'interface eth2\n ip pim\n ip igmp\n ip igmp version 3\n ip igmp join 239.9.9.9\n!',
  ])
    assert.ok(pim.includes(line), `${line}\n--- in ---\n${pim}`);
  assert.deepEqual(translate(parseConfig(CONFIG.replace('ip multicast-routing\n', '')).config), []);
});

test('dense mode and a group access list have no pimd form: errors at their IOS lines', () => {
  const text = CONFIG.replace(' ip pim sparse-mode\n ip igmp join', ' ip pim dense-mode\n ip igmp join').replace(
    'ip pim rp-address 10.0.255.1',
    'ip pim rp-address 10.0.255.1 10',
  );
  const errors = frrConfigErrors(parseConfig(text).config, text, 'hub.cfg');
  const lines = text.split('\n');
  const at = (l: string): number => lines.indexOf(l) + 1;
  assert.deepEqual(
    errors
      .filter((e) => e.code === 'CONFIG_NOT_TRANSLATABLE')
      .map((e) => e.line)
      .sort((x, y) => x - y),
    [at('ip pim rp-address 10.0.255.1 10'), at(' ip pim dense-mode')].sort((x, y) => x - y),
  );
});

test('a line pimd refuses (dr-priority 0: IOS takes 0, pimd 1 and up) is an error at its IOS line', {
  skip: !frrInstalled() && 'FRR is not installed',
}, () => {
  const text = CONFIG.replace(' ip pim dr-priority 100', ' ip pim dr-priority 0');
  const errors = frrConfigErrors(parseConfig(text).config, text, 'hub.cfg');
  assert.deepEqual(
    errors.map((e) => [e.code, e.line]),
    [['CONFIG_REFUSED_BY_FRR', text.split('\n').indexOf(' ip pim dr-priority 0') + 1]],
  );
});
