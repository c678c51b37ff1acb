/**
 * The IKEv2 engine between IPv6 addresses (IPsec over an IPv6 NBMA): identities ID_IPV6_ADDR, NAT detection hashes
 * over the 16-byte addresses (no NAT found), traffic selectors TS_IPV6_ADDR_RANGE for GRE between the two
 * addresses, the wildcard entry `::` (IOS `address ::/0`) for any IPv6 peer and not for IPv4 ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { narrow } from '../../src/ike/payloads.js';
import { Ikev2Exchange, TsType, decodeIkev2 } from '../../src/wire/ikev2/index.js';
import { Pair } from '../helpers/ike-pair.js';

const A6 = '2001:db8:0:2::1';
const B6 = '2001:db8:0:1::1';

function up(p: Pair): void {
  p.take('a', p.a.initiate(p.now, p.addrB));
  p.settle();
}

describe('IKEv2 engine over IPv6', () => {
  it('comes up between IPv6 addresses: GRE selectors TS_IPV6_ADDR_RANGE, no NAT, ESP keys agreeing', () => {
    const p = new Pair({}, {}, { addresses: [A6, B6] });
    up(p);
    assert.equal(p.of('a', 'ikeUp').length, 1);
    assert.equal(p.of('b', 'ikeUp')[0].peer, A6);
    const { a } = p.keysAgree();
    assert.equal(a.encap, undefined, 'no NAT detected between IPv6 addresses');
    const snap = p.a.snapshot(p.now);
    assert.equal(snap.sas[0].local, `${A6}/500`);
    assert.equal(snap.sas[0].remote, `${B6}/500`);
    assert.equal(snap.sas[0].remoteId, B6, 'ID_IPV6_ADDR read back as text');
    assert.deepEqual(snap.sas[0].children[0].localTs, [`${A6}/128[47]`]);
    assert.deepEqual(snap.sas[0].children[0].remoteTs, [`${B6}/128[47]`]);
    // on the wire: IKE_SA_INIT carries the two NAT detection notifies, IKE_AUTH is encrypted
    assert.equal(p.exchanges(Ikev2Exchange.IkeSaInit, false).length, 1);
    assert.ok(
      p.wire.every((d) => d.to.port === 500),
      'no move to 4500 without a NAT',
    );
    const init = decodeIkev2(p.exchanges(Ikev2Exchange.IkeSaInit, false)[0].bytes);
    assert.equal(init.payloads.filter((x) => x.kind === 'notify').length >= 2, true);
  });

  it('a wildcard :: entry accepts any IPv6 peer, a 0.0.0.0 one does not', () => {
    const p = new Pair({}, { address: '::' }, { addresses: [A6, B6] });
    up(p);
    assert.equal(p.of('b', 'ikeUp')[0].peer, A6);
    p.keysAgree();
    const q = new Pair({}, { address: '0.0.0.0' }, { addresses: [A6, B6] });
    up(q);
    assert.equal(q.of('b', 'ikeUp').length, 0, 'an IPv4 wildcard is no IPv6 peer');
  });

  it('narrows IPv6 ranges by their bytes', () => {
    const sel = (lo: string, hi: string, ipProtocol = 0) => ({
      tsType: TsType.Ipv6AddrRange,
      ipProtocol,
      startPort: 0,
      endPort: 65535,
      startAddress: lo,
      endAddress: hi,
    });
    const n = narrow(sel('2001:db8::', '2001:db8::ffff'), sel('2001:db8::10', '2001:db8:1::', 47));
    assert.deepEqual(n, sel('2001:db8::10', '2001:db8::ffff', 47));
    assert.equal(narrow(sel('2001:db8::1', '2001:db8::1'), sel('2001:db8::2', '2001:db8::2')), undefined);
    const v4 = { ...sel('0.0.0.0', '255.255.255.255'), tsType: TsType.Ipv4AddrRange };
    assert.equal(narrow(sel('::', '::1'), v4), undefined, 'families do not mix');
  });
});
