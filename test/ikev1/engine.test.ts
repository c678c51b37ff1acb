/** The IKEv1 engine against itself: main / aggressive mode, quick mode with and without PFS, NAT-T, DPD, rekey, delete, errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openEsp, sealEsp } from '../../src/ipsec/index.js';
import type { Ikev1ConfigInput } from '../../src/ikev1/index.js';
import { base, Pair } from './harness.js';

const A = '192.0.2.1';
const B = '198.51.100.2';

function up(a: Partial<Ikev1ConfigInput> = {}, b: Partial<Ikev1ConfigInput> = {}): Pair {
  const p = new Pair({ ...base(A), ...a }, { ...base(B), ...b });
  p.deliver(p.a, p.a.engine.initiate(p.now, B));
  return p;
}

/** Both sides have one IPsec SA, and each side's outbound opens with the other's inbound. */
function assertChildPair(p: Pair, n = 1): void {
  const ca = p.of(p.a, 'childUp');
  const cb = p.of(p.b, 'childUp');
  assert.equal(ca.length, n, 'initiator IPsec SAs');
  assert.equal(cb.length, n, 'responder IPsec SAs');
  const x = ca.at(-1).child;
  const y = cb.at(-1).child;
  assert.equal(x.spiOut, y.spiIn);
  assert.equal(x.spiIn, y.spiOut);
  const iv = new Uint8Array(x.outbound.suite === 'aes-gcm-16' ? 8 : 16);
  const packet = sealEsp(x.outbound, 1, new Uint8Array([1, 2, 3, 4]), 47, iv);
  assert.deepEqual([...openEsp(y.inbound, packet).payload], [1, 2, 3, 4]);
}

test('main mode + quick mode (AES-256/SHA-256/group 14, ESP AES-CBC-256/SHA-256) with no PFS', () => {
  const p = up();
  assertChildPair(p);
  assert.equal(p.of(p.a, 'ikeUp').length, 1);
  const s = p.a.engine.snapshot(p.now).sas[0];
  assert.equal(s.state, 'QM_IDLE');
  assert.equal(s.dst, B);
  assert.equal(s.src, A);
  assert.equal(p.b.engine.snapshot(p.now).sas[0].state, 'QM_IDLE');
  assert.equal(p.of(p.a, 'childUp')[0].child.mode, 'transport');
});

for (const [encr, hash, group] of [
  ['aes-128', 'sha', 2],
  ['3des', 'md5', 5],
  ['aes-192', 'sha384', 20],
  ['aes-256', 'sha256', 19],
  ['aes-256', 'sha256', 21],
  ['aes-256', 'sha', 31],
  ['aes-128', 'sha256', 15],
] as const) {
  test(`policy ${encr} ${hash} group ${group}, ESP AES-GCM-256 with PFS group ${group}`, () => {
    const policies = [{ priority: 10, encr, hash, group, lifetime: 86400 }];
    const esp = [{ encr: 'aes-gcm-16-256' as const }];
    const p = up({ policies, esp, pfs: group }, { policies, esp, pfs: group });
    assertChildPair(p);
    assert.equal(p.b.engine.snapshot(p.now).sas[0].dhGroup, group);
  });
}

test('the responder picks by its own policy priority; a responder without `set pfs` accepts PFS', () => {
  const p = up(
    {
      policies: [
        { priority: 1, encr: 'aes-128', hash: 'sha', group: 2, lifetime: 86400 },
        { priority: 2, encr: 'aes-256', hash: 'sha256', group: 14, lifetime: 3600 },
      ],
      pfs: 14,
    },
    { policies: [{ priority: 5, encr: 'aes-256', hash: 'sha256', group: 14, lifetime: 86400 }] },
  );
  assertChildPair(p);
  const s = p.a.engine.snapshot(p.now).sas[0];
  assert.deepEqual([s.encr, s.keysize, s.hash, s.dhGroup, s.lifetime], ['aes', 256, 'sha256', 14, 3600]);
});

test('aggressive mode, and `aggressive-mode disable` on the responder refuses it', () => {
  const p = up({ initiateAggressive: true });
  assertChildPair(p);
  assert.equal(p.a.engine.snapshot(p.now).sas[0].mode, 'aggressive');
  const q = up({ initiateAggressive: true }, { acceptAggressive: false });
  assert.equal(q.of(q.a, 'childUp').length, 0);
  assert.equal(q.b.engine.counters.UNSUPPORTED, 1);
});

test('wrong pre-shared key: IOS message and AUTHENTICATION_FAILED, no SA', () => {
  const p = up({ keys: [{ address: B, mask: '255.255.255.255', psk: 'wrong' }] });
  p.advance(70_000);
  assert.equal(p.of(p.a, 'childUp').length, 0);
  assert.ok(p.b.engine.counters.AUTHENTICATION_FAILED >= 1);
  assert.ok(
    p
      .of(p.b, 'log')
      .some((l) => /%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.1 failed its sanity check/.test(l.text)),
  );
  assert.equal(p.a.engine.snapshot(p.now).sas.length, 0, 'the initiator gave up');
  assert.ok(p.a.engine.counters.TIMEOUT >= 1);
});

test('no matching policy: NO-PROPOSAL-CHOSEN to the initiator, counters both sides', () => {
  const p = up(
    { policies: [{ priority: 1, encr: 'aes-128', hash: 'sha', group: 2, lifetime: 86400 }] },
    { policies: [{ priority: 1, encr: 'aes-256', hash: 'sha256', group: 14, lifetime: 86400 }] },
  );
  assert.equal(p.b.engine.counters.NO_PROPOSAL_CHOSEN, 1);
  assert.ok(
    p
      .of(p.b, 'log')
      .some((l) =>
        l.text.includes('%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 192.0.2.1'),
      ),
  );
  assert.equal(p.a.engine.counters.PEER_ERROR, 1);
  assert.equal(p.a.engine.snapshot(p.now).sas.length, 0);
});

test('no matching transform set / proxy identity: NO-PROPOSAL-CHOSEN and INVALID-ID-INFORMATION', () => {
  const p = up({ esp: [{ encr: 'aes-gcm-16-128' }] }, { esp: [{ encr: 'aes-cbc-256', integ: 'sha256-128' }] });
  assert.equal(p.of(p.a, 'childUp').length, 0);
  assert.equal(p.b.engine.counters.NO_PROPOSAL_CHOSEN, 1);
  assert.equal(p.a.engine.counters.PEER_ERROR, 1);
  const q = up({ protocol: 17 });
  assert.equal(q.of(q.a, 'childUp').length, 0);
  assert.equal(q.b.engine.counters.INVALID_ID_INFORMATION, 1);
});

test('NAT between the two: NAT-D detects it, IKE floats to 4500, ESP in UDP', () => {
  const p = new Pair({ ...base('10.1.1.2'), natKeepalive: 20 }, base(B));
  p.a.address = '10.1.1.2';
  p.nat = { address: '203.0.113.9', ports: { 500: 1500, 4500: 14500 } };
  p.deliver(p.a, p.a.engine.initiate(p.now, B));
  const ca = p.of(p.a, 'childUp');
  const cb = p.of(p.b, 'childUp');
  assert.equal(ca.length, 1);
  assert.equal(cb.length, 1);
  assert.deepEqual(ca[0].child.encap, { localPort: 4500, peerPort: 4500 });
  assert.deepEqual(cb[0].child.encap, { localPort: 4500, peerPort: 14500 });
  const sa = p.a.engine.snapshot(p.now).sas[0];
  assert.deepEqual([sa.nat, sa.capabilities], [{ local: true, remote: false }, 'N']);
  p.a.actions = [];
  p.advance(21_000);
  assert.ok(
    p.of(p.a, 'send').some((s) => s.bytes.length === 1 && s.bytes[0] === 0xff),
    'NAT keepalive',
  );
});

test('DPD: R-U-THERE answered while the peer lives; a silent peer is declared dead', () => {
  const dpd = { interval: 10, retry: 2 };
  const p = up({ dpd }, { dpd });
  p.advance(15_000);
  assert.equal(p.of(p.a, 'ikeDown').length, 0);
  assert.equal(p.a.engine.snapshot(p.now).sas[0].capabilities, 'D');
  p.b.mute = true;
  p.advance(40_000);
  assert.equal(p.of(p.a, 'ikeDown').length, 1);
  assert.equal(p.of(p.a, 'childDown').length, 1);
  assert.ok(p.a.engine.counters.TIMEOUT >= 1);
});

test('quick mode rekey before expiry; the old SA is deleted on both sides', () => {
  const p = up({ childLifetime: 100 }, { childLifetime: 100 });
  p.advance(91_000);
  assertChildPair(p, 2);
  assert.equal(p.of(p.a, 'childUp')[1].rekeyOf, p.of(p.a, 'childUp')[0].child.spiIn);
  p.advance(6_000);
  assert.equal(p.of(p.a, 'childDown').length, 1);
  assert.equal(p.of(p.b, 'childDown').length, 1);
});

test('clear crypto isakmp: Deletes reach the peer; INITIAL-CONTACT replaces a stale SA', () => {
  const p = up();
  p.deliver(p.a, p.a.engine.clear(p.now));
  assert.equal(p.of(p.b, 'childDown').length, 1);
  assert.equal(p.of(p.b, 'ikeDown').length, 1);
  assert.equal(p.b.engine.snapshot(p.now).sas.length, 0);
  // the initiator reboots (a new engine) while B still has its SAs
  const q = up();
  const fresh = new Pair({ ...base(A) }, base(B));
  (fresh as { b: unknown }).b = q.b;
  fresh.deliver(fresh.a, fresh.a.engine.initiate(fresh.now, B));
  assert.equal(q.b.engine.snapshot(fresh.now).sas.length, 1, 'only the new SA is left');
});

test('retransmission: a lost answer is resent once the request comes again', () => {
  const p = new Pair(base(A), base(B));
  p.b.mute = true;
  p.deliver(p.a, p.a.engine.initiate(p.now, B));
  p.b.mute = false;
  p.advance(3_000);
  assertChildPair(p);
});

test('onKeys: each end reports the ISAKMP SA keys once, as phase 1 completes, and both report the same', () => {
  const p = new Pair(base(A), base(B));
  const seen: Array<{ side: string; cky: string; key: string }> = [];
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  p.a.engine.onKeys = (k) => seen.push({ side: 'a', cky: hex(k.initiatorCookie), key: hex(k.encryptionKey) });
  p.b.engine.onKeys = (k) => seen.push({ side: 'b', cky: hex(k.initiatorCookie), key: hex(k.encryptionKey) });
  p.deliver(p.a, p.a.engine.initiate(p.now, B));
  assertChildPair(p);
  p.advance(30_000);
  assert.deepEqual(seen.map((s) => s.side).sort(), ['a', 'b']);
  assert.equal(seen[0]!.cky, seen[1]!.cky);
  assert.equal(seen[0]!.key, seen[1]!.key);
  assert.equal(seen[0]!.key.length, 64, 'AES-256 key');
});
