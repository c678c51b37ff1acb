/**
 * The engine as responder to a hand-built initiator: the test assembles IKE_SA_INIT and IKE_AUTH itself from
 * the exported crypto pieces (a second path to the same keys), then sends what a well-behaved peer would not —
 * an SK body that does not decode, an unknown critical payload, a replayed request, a stale half-open SA.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { dhKeyPair, IkeEngine, type IkeAction, ikeKeys, protect, pskAuth, unprotect } from '../../src/ike/index.js';
import { ikeProposals } from '../../src/ike/proposals.js';
import { decodeIkev2, encodeIkev2, Ikev2Exchange, Ikev2Notify, type Ikev2Payload } from '../../src/wire/ikev2/index.js';

const A = '192.0.2.1';
const B = '192.0.2.2';
const rnd = (n: number) => new Uint8Array(randomBytes(n));
const suite = { encr: 'aes-cbc-256', prf: 'sha256', integ: 'sha256-128', dh: 19 } as const;

function sent(actions: IkeAction[]): Uint8Array[] {
  return actions.flatMap((a) => (a.kind === 'send' ? [a.bytes] : []));
}

/** Runs IKE_SA_INIT by hand against a fresh engine at B and returns what is needed to go on. */
function handshake() {
  const engine = new IkeEngine({
    localAddress: B,
    peers: [
      { address: A, psk: 'k', ike: [{ encr: ['aes-cbc-256'], prf: ['sha256'], integ: ['sha256-128'], dh: [19] }] },
    ],
  });
  const spiI = rnd(8);
  const ni = rnd(32);
  const dh = dhKeyPair(19, rnd);
  const init = encodeIkev2({
    initiatorSpi: spiI,
    responderSpi: new Uint8Array(8),
    minorVersion: 0,
    exchangeType: Ikev2Exchange.IkeSaInit,
    flags: 0x08,
    messageId: 0,
    payloads: [
      { critical: false, kind: 'sa', proposals: ikeProposals([{ ...suiteCfg }], new Uint8Array(0)) },
      { critical: false, kind: 'ke', group: 19, data: dh.publicValue },
      { critical: false, kind: 'nonce', data: ni },
    ],
  });
  const [resp] = sent(engine.receive(0, init, { address: A, port: 500 }, 500));
  const m = decodeIkev2(resp);
  const nr = m.payloads.find((p) => p.kind === 'nonce')!;
  const ke = m.payloads.find((p) => p.kind === 'ke')!;
  assert.ok(nr.kind === 'nonce' && ke.kind === 'ke');
  const keys = ikeKeys(suite, dh.secret(ke.data), ni, nr.data, spiI, m.responderSpi);
  const header = (id: number, exchangeType: number = Ikev2Exchange.IkeAuth) => ({
    initiatorSpi: spiI,
    responderSpi: m.responderSpi,
    minorVersion: 0,
    exchangeType,
    flags: 0x08,
    messageId: id,
  });
  const send = (id: number, inner: Ikev2Payload[], now = 1) =>
    sent(
      engine.receive(
        now,
        protect(suite, { encKey: keys.skEi, integKey: keys.skAi }, header(id), inner, rnd),
        {
          address: A,
          port: 500,
        },
        500,
      ),
    );
  const open = (bytes: Uint8Array) =>
    unprotect(suite, { encKey: keys.skEr, integKey: keys.skAr }, bytes, decodeIkev2(bytes));
  const auth = (psk: string) => {
    const id = { idType: 1, data: Uint8Array.of(192, 0, 2, 1) };
    const body = Uint8Array.of(1, 0, 0, 0, 192, 0, 2, 1);
    return [
      { critical: false, kind: 'idi', ...id },
      {
        critical: false,
        kind: 'auth',
        method: 2,
        data: pskAuth('sha256', Buffer.from(psk), init, nr.data, keys.skPi, body),
      },
    ] as Ikev2Payload[];
  };
  return { engine, send, open, auth, header, keys };
}

const suiteCfg = {
  encr: ['aes-cbc-256' as const],
  prf: ['sha256' as const],
  integ: ['sha256-128' as const],
  dh: [19 as const],
};

describe('IKEv2 engine against a hand-built initiator', () => {
  it('an SK body that does not decode is answered INVALID_SYNTAX', () => {
    const h = handshake();
    const garbage: Ikev2Payload = { critical: false, kind: 'unknown', type: 41, body: Uint8Array.of(1) };
    const [resp] = h.send(1, [garbage]);
    const inner = h.open(resp);
    assert.equal(inner[0].kind === 'notify' && inner[0].notifyType, Ikev2Notify.INVALID_SYNTAX);
    assert.equal(h.engine.counters.MALFORMED, 1);
  });

  it('an unknown critical payload is answered UNSUPPORTED_CRITICAL_PAYLOAD with its type', () => {
    const h = handshake();
    const [resp] = h.send(1, [{ critical: true, kind: 'unknown', type: 200, body: Uint8Array.of(1, 2) }]);
    const n = h.open(resp)[0];
    assert.equal(n.kind === 'notify' && n.notifyType, Ikev2Notify.UNSUPPORTED_CRITICAL_PAYLOAD);
    assert.deepEqual(n.kind === 'notify' && [...n.data], [200]);
  });

  it('our own key derivation and AUTH agree with the engine; a replayed request gets the cached answer', () => {
    const h = handshake();
    const first = h.send(1, h.auth('k'));
    const inner = h.open(first[0]);
    assert.ok(inner.some((p) => p.kind === 'idr'));
    assert.ok(inner.some((p) => p.kind === 'auth'));
    const again = h.send(1, h.auth('k'));
    assert.deepEqual(Buffer.from(again[0]), Buffer.from(first[0]), 'the same bytes, not a second exchange');
    assert.equal(h.engine.snapshot(1).sas[0].status, 'READY');
    const skipped = h.send(5, []);
    assert.equal(skipped.length, 0);
    assert.equal(h.engine.counters.INVALID_MESSAGE_ID, 1);
  });

  it('a wrong key from the initiator: AUTHENTICATION_FAILED in the answer', () => {
    const h = handshake();
    const n = h.open(h.send(1, h.auth('not-k'))[0])[0];
    assert.equal(n.kind === 'notify' && n.notifyType, Ikev2Notify.AUTHENTICATION_FAILED);
    assert.equal(h.engine.snapshot(1).sas.length, 0);
  });

  it('a half-open SA that never sees IKE_AUTH is dropped after 30 s', () => {
    const h = handshake();
    assert.equal(h.engine.snapshot(0).sas[0].status, 'IN-NEG');
    assert.equal(h.engine.nextDeadline(), 30_000);
    const out = h.engine.tick(30_000);
    assert.ok(out.some((a) => a.kind === 'ikeDown' && /^TIMEOUT/.test(a.reason)));
    assert.equal(h.engine.snapshot(30_000).sas.length, 0);
  });
});
