/** The lab maps IOS interface names to Linux names by the same rule as dmvpnd (IOSv, IOL slots, CSR, ISR 0/S/P). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInterfaceName } from '../../../src/node/config/names.js';
import { iosToLinux } from '../../../src/lab/topology/ifnames.js';

const NAMES = [
  'GigabitEthernet0/0',
  'GigabitEthernet0/1',
  'Gi0/3',
  'GigabitEthernet1',
  'GigabitEthernet4',
  'Ethernet0/2',
  'Ethernet1/0',
  'Ethernet2/3',
  'Ethernet1/4',
  'GigabitEthernet0/0/1',
  'GigabitEthernet0/1/2',
  'FastEthernet0/1',
  'Loopback0',
  'Tunnel10',
];

test('iosToLinux agrees with the router on every Ethernet, loopback and tunnel name', () => {
  for (const name of NAMES) {
    const r = parseInterfaceName(name);
    const router = r.ok && 'linuxName' in r ? r.linuxName : undefined;
    assert.equal(iosToLinux(name), router, name);
  }
  assert.equal(iosToLinux('Ethernet1/0'), 'eth4', 'IOL slot 1 port 0');
  assert.equal(iosToLinux('GigabitEthernet2'), 'eth2', 'CSR 1000v');
  assert.equal(iosToLinux('Serial0/0/0'), undefined);
});
