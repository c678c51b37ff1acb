/**
 * The IPv6 link of a tunnel: a Neighbor Solicitation for another spoke's link-local address (an
 * OSPFv3 or RIPng next hop) that nothing has mapped yet asks NHRP to resolve it; once NHRP has the
 * binding, the next solicitation is answered and frames to that address go to its NBMA.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Egress6, Ipv6Link, type Nhrp6Hooks } from '../../../src/node/dataplane/ipv6-link.js';
import { ipv6Bytes } from '../../../src/wire/ipv6-addr.js';

/** Ethernet + IPv6 + ICMPv6 Neighbor Solicitation from `src` for `target` (no options). */
function solicitation(src: string, target: string): Uint8Array {
  const f = new Uint8Array(14 + 40 + 24);
  f.set([0x33, 0x33, 0xff, 0, 0, 0x12, 0x02, 0, 0, 0, 0, 1, 0x86, 0xdd]);
  f.set([0x60, 0, 0, 0, 0, 24, 58, 255], 14);
  f.set(ipv6Bytes(src)!, 22);
  f.set(ipv6Bytes('ff02::1:ff00:12')!, 38);
  f[54] = 135;
  f.set(ipv6Bytes(target)!, 62);
  return f;
}

test('IPv6 link: an unmapped link-local next hop is resolved by NHRP, then answered and sent to its NBMA', () => {
  const unknown: string[] = [];
  const bindings = new Map<string, string>();
  const hooks: Nhrp6Hooks = {
    nbmaFor: (a) => bindings.get(a),
    nhsNbma: () => '192.0.2.1',
    multicastTargets: () => ['192.0.2.1'],
    nextHopUnknown: (_now, a) => unknown.push(a),
  };
  const link = new Ipv6Link(
    { addresses: [{ address: '2001:db8:0:100::11', prefixLength: 64 }], linkLocal: 'fe80::11' },
    () => hooks,
  );
  const ns = solicitation('fe80::11', 'fe80::12');
  const first: Egress6 = link.egress(ns, 1000);
  assert.equal(first.kind, 'multicast');
  assert.deepEqual(unknown, ['fe80::12'], 'NHRP asked to resolve the link-local address');
  // NHRP resolved it (spoke2 answered the Resolution Request for FE80::12)
  bindings.set('fe80::12', '203.0.113.1');
  const again = link.egress(ns, 2000);
  assert.equal(again.kind, 'reply');
  const na = (again as { frame: Uint8Array }).frame;
  assert.equal(na[54], 136, 'Neighbor Advertisement');
  // a frame to the advertised MAC goes straight to spoke2's NBMA
  const data = new Uint8Array(14 + 40 + 8);
  data.set(na.subarray(6, 12), 0);
  data.set([0x86, 0xdd], 12);
  data.set([0x60, 0, 0, 0, 0, 8, 58, 64], 14);
  assert.deepEqual(link.egress(data, 2100), { kind: 'unicast', nbma: '203.0.113.1', viaNhs: false, addr: 'fe80::12' });
});
