/**
 * Two protected tunnels on one tunnel source: without `shared`, or with different profiles, a warning at the
 * `tunnel protection` line (start-up config and live configure); with `shared` and one profile, none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyLines } from '../../../src/node/config/apply.js';
import { parseConfig } from '../../../src/node/config/parse.js';

const base = `crypto ipsec transform-set TS esp-gcm 256
 mode transport
crypto ipsec profile P
 set transform-set TS
crypto ipsec profile Q
 set transform-set TS
interface GigabitEthernet0/1
 ip address 198.51.100.1 255.255.255.128
interface GigabitEthernet0/2
 ip address 203.0.113.1 255.255.255.128
`;
const tunnel = (n: number, protection: string, source = 'GigabitEthernet0/1'): string => `interface Tunnel${n}
 ip address 172.16.${n}.11 255.255.255.0
 tunnel source ${source}
 tunnel mode gre multipoint
 tunnel key ${100 + n}
 tunnel protection ipsec profile ${protection}
`;
const lineOf = (text: string, needle: string, nth = 1): number => {
  const lines = text.split('\n');
  let seen = 0;
  return lines.findIndex((l) => l.includes(needle) && ++seen === nth) + 1;
};
const shared = (text: string) =>
  parseConfig(text, { file: 'spoke1.cfg' }).warnings.filter((w) => w.code.startsWith('TUNNEL_PROTECTION'));

test('two tunnels on one source with `shared` and one profile: no warning', () => {
  assert.deepEqual(shared(base + tunnel(0, 'P shared') + tunnel(1, 'P shared')), []);
  assert.deepEqual(shared(base + tunnel(0, 'P') + tunnel(1, 'P', 'GigabitEthernet0/2')), [], 'other sources');
});

test('without `shared`: a warning at each tunnel protection line that lacks it', () => {
  const text = base + tunnel(0, 'P shared') + tunnel(1, 'P');
  const w = shared(text);
  assert.deepEqual(
    w.map((x) => [x.code, x.file, x.line, x.text]),
    [
      [
        'TUNNEL_PROTECTION_NOT_SHARED',
        'spoke1.cfg',
        lineOf(text, 'protection ipsec profile P', 2),
        'tunnel protection ipsec profile P',
      ],
    ],
  );
  assert.match(
    w[0]!.message,
    /Tunnel1 and Tunnel0 are protected on the same tunnel source 198\.51\.100\.1: add .*shared/,
  );
});

test('`shared` with different profiles on one source: a warning naming the other tunnel', () => {
  const text = base + tunnel(0, 'P shared') + tunnel(1, 'Q shared');
  assert.deepEqual(
    shared(text).map((x) => [x.code, x.line]),
    [
      ['TUNNEL_PROTECTION_PROFILE_DIFFERS', lineOf(text, 'profile P shared')],
      ['TUNNEL_PROTECTION_PROFILE_DIFFERS', lineOf(text, 'profile Q shared')],
    ],
  );
});

test('live configure: the warning comes with the line of the request', () => {
  const start = parseConfig(base + tunnel(0, 'P shared')).config;
  const r = applyLines(start, [
    'interface Tunnel1',
    ' tunnel source GigabitEthernet0/1',
    ' tunnel protection ipsec profile P',
  ]);
  assert.deepEqual(
    r.warnings.filter((w) => w.code === 'TUNNEL_PROTECTION_NOT_SHARED').map((w) => w.line),
    [3],
  );
});
