/**
 * The IKEv1 capture opener on a known vector, made with the openssl command line (AES-128-CBC, SHA-1):
 *   g^xi = aa×8, g^xr = bb×8, key = 000102…0f
 *   phase-1 IV = SHA1(g^xi | g^xr)[0..16] = c07e48eb2a75b56485af03099fd20078
 *   MM5 body: HASH payload (20 × 0x11) padded to 32 bytes -> C1
 *   quick mode M-ID 0x01020304: IV = SHA1(last block of C1 | M-ID)[0..16] = a7a3ea88f253bceaf97fcf4940349452
 *   QM1 body: HASH payload (20 × 0x22) padded to 32 bytes -> C2
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ikev1Keyring, Ikev1Opener } from '../../src/ikev1/capture.js';
import type { IsakmpMessage, IsakmpPayload } from '../../src/wire/isakmp/index.js';

const un = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const CKY_I = un('0102030405060708');
const CKY_R = un('1112131415161718');
const KEY = '000102030405060708090a0b0c0d0e0f';
const C1 = un('d36bd56c18bed79b45dc25da00501346a862b35241d1cbc889d6ed47510f28b4');
const C2 = un('5d49fbc4525d6ca520feb98715800d541abec5664e286e9cbd8453007cb1c2b2');
const I = '192.0.2.1';
const R = '198.51.100.2';

const sa: IsakmpPayload = {
  kind: 'sa',
  doi: 1,
  situation: 1,
  proposals: [
    {
      number: 1,
      protocolId: 1,
      spi: new Uint8Array(0),
      // AES (7), Key-Length 128, SHA (2)
      transforms: [
        {
          number: 1,
          transformId: 1,
          attributes: [
            { type: 1, value: 7 },
            { type: 14, value: 128 },
            { type: 2, value: 2 },
          ],
        },
      ],
    },
  ],
};

function msg(
  exchangeType: number,
  messageId: number,
  rest: { payloads?: IsakmpPayload[]; ciphertext?: Uint8Array; noResponder?: boolean },
): IsakmpMessage {
  return {
    initiatorSpi: CKY_I,
    responderSpi: rest.noResponder ? new Uint8Array(8) : CKY_R,
    minorVersion: 0,
    exchangeType,
    flags: rest.ciphertext ? 1 : 0,
    messageId,
    payloads: rest.payloads ?? [],
    ...(rest.ciphertext ? { encrypted: { firstPayload: 8, ciphertext: rest.ciphertext } } : {}),
  };
}

/** Main mode 1–4 in the clear: the initiator's SA, the responder's choice, then g^xi and g^xr. */
function phase1(o: Ikev1Opener): void {
  assert.equal(o.feed(msg(2, 0, { payloads: [sa], noResponder: true }), I), undefined);
  assert.equal(o.feed(msg(2, 0, { payloads: [sa] }), R), undefined);
  assert.equal(o.feed(msg(2, 0, { payloads: [{ kind: 'ke', data: un('aa'.repeat(8)) }] }), I), undefined);
  assert.equal(o.feed(msg(2, 0, { payloads: [{ kind: 'ke', data: un('bb'.repeat(8)) }] }), R), undefined);
}

const hashOf = (r: ReturnType<Ikev1Opener['feed']>): string => {
  const p = r?.inner?.[0];
  return p?.kind === 'hash' ? Buffer.from(p.data).toString('hex') : `not opened: ${r?.error}`;
};

test('phase-1 IV from the KE payloads, then quick mode IV from the last phase-1 block and the M-ID', () => {
  const o = new Ikev1Opener(new Ikev1Keyring(`# comment\n${Buffer.from(CKY_I).toString('hex')},${KEY}\n`));
  phase1(o);
  assert.equal(hashOf(o.feed(msg(2, 0, { ciphertext: C1 }), I)), '11'.repeat(20));
  assert.equal(hashOf(o.feed(msg(32, 0x01020304, { ciphertext: C2 }), I)), '22'.repeat(20));
  // a retransmitted MM5 opens with the IV it first had
  assert.equal(hashOf(o.feed(msg(2, 0, { ciphertext: C1 }), I)), '11'.repeat(20));
});

test('the keyring reads only two-field lines; an unknown cookie is not opened', () => {
  const ring = new Ikev1Keyring(
    [
      '"IPv4","*","*","0x00000001","AES-CBC [RFC3602]","0x00","NULL",""',
      `${Buffer.from(CKY_I).toString('hex')},${KEY}`,
    ].join('\n'),
  );
  assert.equal(ring.size, 1);
  const o = new Ikev1Opener(new Ikev1Keyring(''));
  phase1(o);
  assert.equal(o.feed(msg(2, 0, { ciphertext: C1 }), I), undefined);
});

test('what the capture lacks is named: the KE payloads, the end of phase 1', () => {
  const ring = new Ikev1Keyring(`${Buffer.from(CKY_I).toString('hex')},${KEY}`);
  const o = new Ikev1Opener(ring);
  o.feed(msg(2, 0, { payloads: [sa] }), R);
  assert.match(o.feed(msg(32, 7, { ciphertext: C2 }), I)?.error ?? '', /end of phase 1/);
  assert.match(o.feed(msg(2, 0, { ciphertext: C1 }), I)?.error ?? '', /KE payloads/);
  const wrongKey = new Ikev1Opener(new Ikev1Keyring(`${Buffer.from(CKY_I).toString('hex')},${'ff'.repeat(16)}`));
  phase1(wrongKey);
  assert.match(wrongKey.feed(msg(2, 0, { ciphertext: C1 }), I)?.error ?? '', /does not decode/);
});
