/**
 * `ip nhrp group`: the Registration Request a spoke sends carries the group in a Cisco Vendor-Private
 * extension that Wireshark reads (OUI 00000c, sub-type 1, length, name) with no warning; the hub's cache
 * add action names the group, which selects the spoke's QoS policy in the router.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GreProto } from '../../src/wire/gre.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import { HUB, hubConfig, Lab, SPOKE1, spokeConfig } from '../helpers/nhrp-lab.js';
import { dissect, tsharkMissing, wsItems, type Json } from '../helpers/tshark.js';
import { greOf } from '../helpers/wire.js';

test('tshark decodes the NHRP group extension of our Registration Request', { skip: tsharkMissing() }, () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { groupName: 'GROUP-1M' }));
  lab.runTo(1);
  const req = lab.packets(NhrpType.RegistrationRequest, 'spoke1')[0]!;
  const gre = greOf(GreProto.Nhrp, req.bytes, { key: undefined });
  const frame = encodeIpv4(makeIpv4({ src: SPOKE1.nbma, dst: HUB.nbma, protocol: 47, payload: gre }));
  const [layers] = dissect([frame], ['-o', 'nhrp.auth_ext_has_addr:FALSE']);
  assert.deepEqual(wsItems(layers), [], 'no malformed or expert items');
  const n = layers!.nhrp as Json;
  const ext = n['NHRP Vendor Private Extension'] as Json;
  assert.ok(ext, `a Vendor Private extension in ${Object.keys(n).join(', ')}`);
  assert.equal(ext['nhrp.ext.c'], '0', 'not compulsory, as IOS sends it');
  const data = Object.entries(ext).find(([k]) => k.startsWith('Extension Data'))?.[1] as Json;
  assert.equal(data['nhrp.vendor_ext.id'], `${0x00000c}`, 'Cisco OUI');
  const name = Buffer.from('GROUP-1M')
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1:');
  assert.equal(data['nhrp.vendor_ext.data'], `01:08:${name}`, 'sub-type 1, length 8, the group name');
});

test('the hub announces the registered group in its cache add action', () => {
  const lab = new Lab();
  lab.add('hub', hubConfig());
  lab.add('spoke1', spokeConfig(SPOKE1, { groupName: 'GROUP-5M' }));
  lab.runTo(1);
  const adds = lab
    .actions('hub', 'cacheAdd')
    .map((l) => l.a)
    .filter((a) => a.kind === 'cacheAdd' && a.entry.nbma === SPOKE1.nbma);
  assert.ok(adds.length > 0, 'the hub added the spoke');
  for (const a of adds) if (a.kind === 'cacheAdd') assert.equal(a.entry.group, 'GROUP-5M');
});
