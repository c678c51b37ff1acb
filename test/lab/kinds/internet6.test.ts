/** The internet kind with IPv6 addresses (an IPv6 NBMA): accepted per linked interface, IPv6 on and forwarded. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindOf } from '../../../src/lab/kinds/index.js';
import { parseTopology } from '../../../src/lab/topology/load.js';
import { TopologyError } from '../../../src/lab/errors.js';

const topo = (inet: string) => `name: v6
topology:
  nodes:
    h1: { kind: host, interfaces: { eth1: 10.1.1.10/24 } }
    h2: { kind: host, interfaces: { eth1: 10.1.2.10/24 } }
    inet:
      kind: internet
${inet}
  links:
    - endpoints: ["h1:eth1", "inet:eth1"]
    - endpoints: ["h2:eth1", "inet:eth2"]
`;

test('an internet node with IPv6 addresses only: IPv6 on its links, addresses without DAD, IPv6 forwarding', () => {
  const t = parseTopology(
    topo('      ipv6: { eth1: "2001:db8:0:1::ffff/64", eth2: "2001:db8:0:2::ffff/64" }'),
    'v6.clab.yml',
  );
  const node = t.nodes.find((n) => n.name === 'inet')!;
  const s = kindOf('internet').setup(node, { topology: t, linked: ['eth1', 'eth2'] });
  assert.equal(s.sysctls['net/ipv6/conf/all/forwarding'], '1');
  assert.equal(s.sysctls['net/ipv6/conf/eth1/disable_ipv6'], '0');
  assert.equal(s.sysctls['net/ipv6/conf/all/disable_ipv6'], '0');
  assert.ok(s.ip.includes('addr add 2001:db8:0:1::ffff/64 dev eth1 nodad'));
  assert.ok(s.ip.includes('addr add 2001:db8:0:2::ffff/64 dev eth2 nodad'));
});

test('an internet node: a linked interface without any address, or an IPv6 address on no link, is reported', () => {
  const bad = (inet: string): string => {
    try {
      parseTopology(topo(inet), 'v6.clab.yml');
    } catch (e) {
      assert.ok(e instanceof TopologyError);
      return e.message;
    }
    return '';
  };
  assert.match(bad('      ipv6: { eth1: "2001:db8:0:1::ffff/64" }'), /eth2 is linked but has no address/);
  assert.match(
    bad('      ipv6: { eth1: "2001:db8:0:1::ffff/64", eth2: "2001:db8:0:2::ffff/64", eth3: "2001:db8::1/64" }'),
    /eth3 has an IPv6 address but no link uses "inet:eth3"/,
  );
  // without IPv6 addresses, IPv6 stays off (the base setup)
  const t = parseTopology(topo('      interfaces: { eth1: 192.0.2.254/24, eth2: 198.51.100.254/24 }'), 'v4.clab.yml');
  const s = kindOf('internet').setup(t.nodes.find((n) => n.name === 'inet')!, {
    topology: t,
    linked: ['eth1', 'eth2'],
  });
  assert.equal(s.sysctls['net/ipv6/conf/all/disable_ipv6'], '1');
  assert.equal(s.sysctls['net/ipv6/conf/all/forwarding'], undefined);
});
