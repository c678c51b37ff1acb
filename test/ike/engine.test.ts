/**
 * The IKEv2 engine, two instances wired in memory with a fake clock (./pair.ts): set-up with every DH group and
 * both cipher families, the refusals (wrong PSK, no common proposal), INVALID_KE_PAYLOAD and COOKIE retries,
 * rekeys keeping the ESP keys consistent (seal on one side, open on the other with src/ipsec), DPD, lost
 * datagrams, NAT detection, deletes, and the show output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderIkev2Sa, type DhGroup, type EncrName, type IntegName } from '../../src/ike/index.js';
import { Ikev2Exchange, Ikev2Notify } from '../../src/wire/ikev2/index.js';
import { A, B, Pair } from '../helpers/ike-pair.js';

function up(p: Pair): void {
  p.take('a', p.a.initiate(p.now, B));
  p.settle();
}

function proposal(encr: EncrName, integ: IntegName | undefined, dh: DhGroup) {
  return {
    ike: [{ encr: [encr], prf: ['sha256' as const], integ: integ ? [integ] : [], dh: [dh] }],
    esp: [{ encr: [encr], integ: integ ? [integ] : [] }],
  };
}

describe('IKEv2 engine: IKE SA and first child SA', () => {
  const ciphers: [EncrName, IntegName | undefined][] = [
    ['aes-gcm-16-128', undefined],
    ['aes-gcm-16-256', undefined],
    ['aes-cbc-128', 'sha1-96'],
    ['aes-cbc-256', 'sha256-128'],
  ];
  for (const dh of [14, 19, 31] as DhGroup[]) {
    for (const [encr, integ] of ciphers) {
      it(`comes up with ${encr}${integ ? `/${integ}` : ''} and DH ${dh}, ESP keys agreeing`, () => {
        const p = new Pair(proposal(encr, integ, dh), proposal(encr, integ, dh));
        up(p);
        assert.equal(p.of('a', 'ikeUp').length, 1);
        assert.equal(p.of('b', 'ikeUp').length, 1);
        const { a, b } = p.keysAgree();
        assert.equal(a.mode, 'transport');
        assert.equal(b.mode, 'transport');
        assert.equal(a.algorithms.encr, encr);
        assert.equal(a.suite, integ ? `aes-cbc+hmac-${integ === 'sha1-96' ? 'sha1-96' : 'sha256-128'}` : 'aes-gcm-16');
        assert.equal(a.encap, undefined, 'no NAT, no UDP encapsulation');
        const snap = p.a.snapshot(p.now + 12_000);
        assert.equal(snap.sas[0].dhGroup, dh);
        assert.equal(snap.sas[0].status, 'READY');
        assert.deepEqual(snap.sas[0].children[0].localTs, [`${A}/32[47]`]);
        assert.equal(p.exchanges(Ikev2Exchange.IkeSaInit, false).length, 1);
        assert.equal(p.exchanges(Ikev2Exchange.IkeAuth, false).length, 1);
      });
    }
  }

  it('renders show crypto ikev2 sa in the IOS layout', () => {
    const p = new Pair(proposal('aes-cbc-256', 'sha256-128', 14), {});
    up(p);
    const text = renderIkev2Sa(p.a.snapshot(p.now + 12_000));
    assert.match(text, /^Tunnel-id Local {17}Remote {16}fvrf\/ivrf {12}Status $/m);
    assert.match(text, /^1 {9}192\.0\.2\.1\/500 {9}192\.0\.2\.2\/500 {9}none\/none {12}READY$/m);
    assert.match(
      text,
      /Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK/,
    );
    assert.match(text, /Life\/Active Time: 86400\/12 sec/);
  });

  it('tunnel mode when the initiator does not ask for transport mode', () => {
    const p = new Pair({ mode: 'tunnel' }, { mode: 'transport' });
    up(p);
    assert.equal(p.keysAgree().a.mode, 'tunnel');
    assert.equal(p.keysAgree().b.mode, 'tunnel');
  });
});

describe('IKEv2 engine: refusals', () => {
  it('a wrong pre-shared key is AUTHENTICATION_FAILED on both sides, with the IOS-style log line', () => {
    const p = new Pair({ psk: 'wrong' }, {});
    up(p);
    assert.equal(p.of('a', 'ikeUp').length + p.of('b', 'ikeUp').length, 0);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^AUTHENTICATION_FAILED/);
    assert.match(p.of('b', 'ikeDown')[0].reason, /^AUTHENTICATION_FAILED/);
    assert.ok(
      p
        .of('b', 'log')
        .some(
          (l) =>
            l.text === '%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer 192.0.2.1: pre-shared key mismatch',
        ),
    );
    assert.ok(
      p.of('a', 'log').some((l) => /AUTH_FAILED: IKEv2 authentication failed with peer 192\.0\.2\.2/.test(l.text)),
    );
    const resp = p.exchanges(Ikev2Exchange.IkeAuth, true);
    assert.equal(resp.length, 1);
    assert.equal(p.a.counters.AUTHENTICATION_FAILED, 1);
    assert.equal(p.b.counters.AUTHENTICATION_FAILED, 1);
    assert.equal(p.of('a', 'childUp').length, 0);
  });

  it('the responder refusing a wrong key of the responder: the initiator checks AUTH too', () => {
    const p = new Pair({}, { psk: 'other' });
    up(p);
    assert.equal(p.of('a', 'ikeUp').length, 0);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^AUTHENTICATION_FAILED/);
    assert.match(p.of('b', 'ikeDown')[0].reason, /^AUTHENTICATION_FAILED/);
  });

  it('no common IKE proposal is NO_PROPOSAL_CHOSEN', () => {
    const p = new Pair(proposal('aes-cbc-128', 'sha1-96', 14), proposal('aes-gcm-16-256', undefined, 14));
    up(p);
    const [resp] = p.exchanges(Ikev2Exchange.IkeSaInit, true);
    const n = Pair.ike(resp).payloads[0];
    assert.equal(n.kind === 'notify' && n.notifyType, Ikev2Notify.NO_PROPOSAL_CHOSEN);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^NO_PROPOSAL_CHOSEN/);
    assert.equal(p.b.counters.NO_PROPOSAL_CHOSEN, 1);
    assert.equal(p.a.counters.NO_PROPOSAL_CHOSEN, 1);
    assert.equal(p.a.nextDeadline(), undefined, 'nothing left to retransmit');
  });

  it('no common ESP proposal: the IKE SA comes up without a child SA', () => {
    const p = new Pair(
      { esp: [{ encr: ['aes-cbc-128'], integ: ['sha1-96'] }] },
      { esp: [{ encr: ['aes-gcm-16-256'] }] },
    );
    up(p);
    assert.equal(p.of('a', 'ikeUp').length, 1);
    assert.equal(p.of('a', 'childUp').length, 0);
    assert.ok(p.of('a', 'log').some((l) => /CHILD_FAILED.*NO_PROPOSAL_CHOSEN/.test(l.text)));
  });

  it('malformed datagrams are counted and dropped, never thrown', () => {
    const p = new Pair();
    up(p);
    const good = p.wire[2].bytes;
    let thrown = 0;
    for (let i = 0; i < 500; i++) {
      const b = Uint8Array.from(good);
      b[(i * 7919) % b.length] ^= 1 + (i % 255);
      if (i % 5 === 0) b[24 + (i % 4)] ^= 0xff;
      try {
        p.b.receive(p.now, b.subarray(0, i % 3 === 0 ? b.length - (i % 40) : b.length), { address: A, port: 500 }, 500);
        p.a.receive(p.now, b, { address: B, port: 500 }, 500);
      } catch {
        thrown++;
      }
    }
    assert.equal(thrown, 0);
    const c = p.b.counters;
    assert.ok(c.MALFORMED + c.ICV_MISMATCH + c.UNKNOWN_SPI + c.INVALID_MESSAGE_ID > 0);
    assert.equal(p.of('b', 'ikeDown').length, 0, 'the SA survives garbage');
  });
});

describe('IKEv2 engine: IKE_SA_INIT retries', () => {
  it('INVALID_KE_PAYLOAD: the initiator retries with the group the responder wants', () => {
    const p = new Pair(
      { ike: [{ encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [31, 14] }] },
      { ike: [{ encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [14] }] },
    );
    up(p);
    const reqs = p.exchanges(Ikev2Exchange.IkeSaInit, false).map(Pair.ike);
    assert.equal(reqs.length, 2);
    const ke = (m: (typeof reqs)[0]) => m.payloads.find((x) => x.kind === 'ke');
    assert.equal(ke(reqs[0])?.kind === 'ke' && ke(reqs[0])?.group, 31);
    assert.equal(ke(reqs[1])?.kind === 'ke' && ke(reqs[1])?.group, 14);
    assert.equal(p.b.counters.INVALID_KE, 1);
    assert.equal(p.a.snapshot(p.now).sas[0].dhGroup, 14);
    p.keysAgree();
  });

  it('COOKIE: the responder asks, the initiator repeats its request with the cookie first', () => {
    const p = new Pair({}, {}, { b: { cookies: true } });
    up(p);
    const reqs = p.exchanges(Ikev2Exchange.IkeSaInit, false).map(Pair.ike);
    assert.equal(reqs.length, 2);
    const first = reqs[1].payloads[0];
    assert.equal(first.kind === 'notify' && first.notifyType, Ikev2Notify.COOKIE);
    assert.equal(p.b.counters.COOKIE_REQUIRED, 1);
    assert.equal(p.of('b', 'ikeUp').length, 1);
    p.keysAgree();
  });

  it('a cookie threshold lets the first SAs through without a cookie', () => {
    const p = new Pair({}, {}, { b: { cookies: 5 } });
    up(p);
    assert.equal(p.exchanges(Ikev2Exchange.IkeSaInit, false).length, 1);
  });
});

describe('IKEv2 engine: rekeys keep the traffic keys consistent', () => {
  it('child rekey without PFS, from either side', () => {
    const p = new Pair();
    up(p);
    const first = p.keysAgree();
    p.take('a', p.a.rekeyChild(p.now, B));
    p.settle();
    const second = p.keysAgree();
    assert.notEqual(second.a.spiIn, first.a.spiIn);
    assert.equal(p.of('a', 'childUp').at(-1)!.rekeyOf, first.a.spiIn);
    assert.deepEqual(
      p.of('a', 'childDown').map((d) => d.spiIn),
      [first.a.spiIn],
    );
    assert.deepEqual(
      p.of('b', 'childDown').map((d) => d.spiIn),
      [first.b.spiIn],
    );
    p.take('b', p.b.rekeyChild(p.now, A));
    p.settle();
    const third = p.keysAgree();
    assert.notEqual(third.b.spiIn, second.b.spiIn);
    assert.equal(p.a.snapshot(p.now).sas[0].children.length, 1);
    assert.equal(p.b.snapshot(p.now).sas[0].children.length, 1);
  });

  it('simultaneous child rekeys: the exchange with the lowest nonce yields, one child SA is left', () => {
    for (let i = 0; i < 8; i++) {
      const p = new Pair();
      up(p);
      p.take('a', p.a.rekeyChild(p.now, B));
      p.take('b', p.b.rekeyChild(p.now, A));
      p.settle();
      const a = p.a.snapshot(p.now).sas[0].children;
      const b = p.b.snapshot(p.now).sas[0].children;
      assert.equal(a.length, 1, JSON.stringify(a));
      assert.equal(b.length, 1);
      assert.equal(a[0].spiIn, b[0].spiOut);
      assert.equal(a[0].spiOut, b[0].spiIn);
    }
  });

  it('child rekey with PFS (a KE in CREATE_CHILD_SA)', () => {
    const esp = [{ encr: ['aes-gcm-16-256' as const], pfs: [19 as const] }];
    const p = new Pair({ esp }, { esp });
    up(p);
    p.take('a', p.a.rekeyChild(p.now, B));
    p.settle();
    const { a } = p.keysAgree();
    assert.equal(a.algorithms.dh, 19);
    const req = p.exchanges(Ikev2Exchange.CreateChildSa, false);
    assert.equal(req.length, 1);
  });

  it('IKE rekey: a new IKE SA takes over the children, the old one is deleted, and it still works', () => {
    const p = new Pair();
    up(p);
    const before = p.keysAgree();
    p.take('a', p.a.rekeyIke(p.now, B));
    p.settle();
    const ups = p.of('a', 'ikeUp');
    assert.equal(ups.length, 2);
    assert.equal(ups[1].rekeyOf, ups[0].tunnelId);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^REKEYED/);
    assert.match(p.of('b', 'ikeDown')[0].reason, /^REKEYED/);
    assert.equal(p.of('a', 'childDown').length, 0, 'children survive an IKE rekey');
    const sa = p.a.snapshot(p.now).sas;
    assert.equal(sa.length, 1);
    assert.equal(sa[0].children.length, 1);
    assert.equal(p.b.snapshot(p.now).sas[0].remoteSpi, sa[0].localSpi);
    // The new IKE SA carries the next child rekey, and the responder can rekey the IKE SA in turn.
    p.take('a', p.a.rekeyChild(p.now, B));
    p.settle();
    assert.notEqual(p.keysAgree().a.spiIn, before.a.spiIn);
    p.take('b', p.b.rekeyIke(p.now, A));
    p.settle();
    assert.equal(p.of('b', 'ikeUp').length, 3);
    p.take('a', p.a.rekeyChild(p.now, B));
    p.settle();
    p.keysAgree();
  });

  it('lifetimes: the initiator rekeys children at 90% and the IKE SA before it expires', () => {
    const p = new Pair({ ikeLifetime: 600, childLifetime: 100 }, { ikeLifetime: 600, childLifetime: 100 });
    up(p);
    p.run(1_000_000);
    assert.ok(p.of('a', 'childUp').length >= 10, `${p.of('a', 'childUp').length} child SAs`);
    assert.ok(p.of('a', 'ikeUp').length >= 2);
    assert.equal(p.a.snapshot(p.now).sas.length, 1);
    assert.equal(p.a.snapshot(p.now).sas[0].children.length, 1);
    p.keysAgree();
  });
});

describe('IKEv2 engine: liveness and loss', () => {
  it('DPD declares a dead peer down after its retries', () => {
    const p = new Pair({ dpd: { interval: 10, retry: 2 } }, {});
    up(p);
    const t0 = p.now;
    p.filter = () => false;
    p.run(t0 + 120_000);
    const down = p.of('a', 'ikeDown');
    assert.equal(down.length, 1);
    assert.match(down[0].reason, /^TIMEOUT: peer 192\.0\.2\.2 dead \(DPD\)/);
    assert.equal(p.of('a', 'childDown').length, 1);
    // 10 s of silence, then the query and 5 retransmissions 2 s apart, then 2 s for the last.
    assert.equal(p.now - t0, 10_000 + 6 * 2_000);
    assert.equal(p.a.counters.TIMEOUT, 1);
  });

  it('DPD due while a request is being retransmitted waits for it, and the SA dies once', () => {
    const p = new Pair({ dpd: { interval: 10, retry: 2 } }, {});
    up(p);
    const t0 = p.now;
    p.filter = () => false;
    p.take('a', p.a.rekeyChild(p.now, B));
    p.run(t0 + 300_000);
    assert.equal(p.of('a', 'ikeDown').length, 1);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^TIMEOUT: no response from 192\.0\.2\.2 to CREATE_CHILD_SA/);
    assert.equal(p.now - t0, 2000 + 4000 + 8000 + 16000 + 32000 + 64000);
  });

  it('the responder rekeys a child SA the initiator left alone (at 95% of its lifetime)', () => {
    const p = new Pair({ childLifetime: 1000 }, { childLifetime: 100 });
    up(p);
    p.run(p.now + 96_000);
    const ups = p.of('b', 'childUp');
    assert.equal(ups.length, 2);
    assert.equal(p.now, 95_000 + 0);
    p.keysAgree();
  });

  it('DPD on a live peer keeps the SA', () => {
    const p = new Pair({ dpd: { interval: 10, retry: 2 } }, {});
    up(p);
    p.run(p.now + 60_000);
    assert.equal(p.of('a', 'ikeDown').length, 0);
    assert.ok(p.exchanges(Ikev2Exchange.Informational, true).length >= 5);
  });

  it('lost datagrams are retransmitted, and a repeated request gets the cached response', () => {
    const p = new Pair();
    const lost = new Set<string>();
    p.filter = (d) => {
      // Lose the first IKE_SA_INIT response, the first IKE_AUTH request and the first IKE_AUTH response.
      const m = Pair.ike(d);
      const what = `${m.exchangeType}/${m.flags & 0x20}`;
      if (lost.has(what)) return true;
      if (m.exchangeType === Ikev2Exchange.IkeSaInit && !(m.flags & 0x20)) return true;
      lost.add(what);
      return false;
    };
    up(p);
    p.run(p.now + 30_000);
    assert.equal(lost.size, 3);
    assert.equal(p.of('a', 'ikeUp').length, 1);
    assert.equal(p.of('b', 'ikeUp').length, 1);
    assert.equal(p.of('b', 'childUp').length, 1, 'the responder made one child SA, not one per retransmission');
    p.keysAgree();
    assert.ok(p.of('a', 'event').some((e) => /Retransmitting packet \(IKE_AUTH\)/.test(e.text)));
    assert.ok(p.of('b', 'event').some((e) => /Retransmitted request 1: sending the cached response/.test(e.text)));
    // IKE_SA_INIT retransmitted after 2 s; IKE_AUTH after 2 s and again after 4 s.
    assert.equal(p.now, 2000 + 2000 + 4000);
  });

  it('an unanswered IKE_SA_INIT gives up after the retransmissions', () => {
    const p = new Pair();
    p.filter = () => false;
    up(p);
    p.run(p.now + 200_000);
    assert.match(p.of('a', 'ikeDown')[0].reason, /^TIMEOUT/);
    assert.equal(p.now, 2000 + 4000 + 8000 + 16000 + 32000 + 64000);
  });
});

describe('IKEv2 engine: NAT and delete', () => {
  it('a NAT between the peers moves IKE to 4500 after IKE_SA_INIT and UDP-encapsulates ESP', () => {
    const p = new Pair();
    p.rewrite = (d) =>
      d.from.address === A ? { ...d, from: { ...d.from, port: d.from.port === 500 ? 1024 : 1025 } } : d;
    p.filter = (d) => {
      if (d.to.address === A)
        d.to = { ...d.to, port: d.to.port === 1024 ? 500 : d.to.port === 1025 ? 4500 : d.to.port };
      return true;
    };
    up(p);
    const a = p.a.snapshot(p.now).sas[0];
    const b = p.b.snapshot(p.now).sas[0];
    assert.deepEqual(a.nat, { local: true, remote: false });
    assert.deepEqual(b.nat, { local: false, remote: true });
    assert.equal(b.remote, `${A}/1025`);
    const auth = p.exchanges(Ikev2Exchange.IkeAuth, false);
    assert.equal(auth[0].to.port, 4500);
    assert.deepEqual(Array.from(auth[0].bytes.subarray(0, 4)), [0, 0, 0, 0], 'non-ESP marker');
    const { a: ca, b: cb } = p.keysAgree();
    assert.deepEqual(ca.encap, { localPort: 4500, peerPort: 4500 });
    assert.deepEqual(cb.encap, { localPort: 4500, peerPort: 1025 });
  });

  it('INITIAL_CONTACT from a restarted peer replaces the stale SA', () => {
    const p = new Pair();
    up(p);
    const first = p.of('b', 'childUp')[0].child;
    const fresh = new Pair();
    // A restarts: a new engine at the same address, with no memory of the SA.
    (p as { a: Pair['a'] }).a = fresh.a;
    up(p);
    const down = p.of('b', 'ikeDown');
    assert.equal(down.length, 1);
    assert.match(down[0].reason, /INITIAL_CONTACT/);
    assert.deepEqual(
      p.of('b', 'childDown').map((c) => c.spiIn),
      [first.spiIn],
    );
    assert.equal(p.b.snapshot(p.now).sas.length, 1);
    p.keysAgree();
  });

  it('a wildcard peer entry (0.0.0.0) accepts any peer, as a hub keyring does', () => {
    const p = new Pair({}, { address: '0.0.0.0' });
    up(p);
    assert.equal(p.of('b', 'ikeUp')[0].peer, A);
    assert.equal(p.b.snapshot(p.now).sas[0].remote, `${A}/500`);
    p.keysAgree();
    const other = new Pair({}, {});
    other.take('a', other.a.initiate(0, B));
    assert.throws(() => other.a.initiate(0, '198.51.100.7'), /no IKEv2 peer configured for 198\.51\.100\.7/);
  });

  it('deleteIke brings both sides down with their children', () => {
    const p = new Pair();
    up(p);
    p.take('a', p.a.deleteIke(p.now, B));
    p.settle();
    assert.match(p.of('a', 'ikeDown')[0].reason, /^DELETED/);
    assert.match(p.of('b', 'ikeDown')[0].reason, /^DELETED/);
    assert.equal(p.of('b', 'childDown').length, 1);
    assert.equal(p.a.snapshot(p.now).sas.length + p.b.snapshot(p.now).sas.length, 0);
  });
});
