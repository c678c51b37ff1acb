/** The IKEv2 crypto pieces: prf+, key sizes and order, DH agreement and refusals, SK protect/unprotect, proposals. */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  childKeys,
  dhKeyPair,
  ikeKeys,
  type IkeError,
  prfPlus,
  protect,
  unprotect,
  type EncrName,
  type IkeSuite,
} from '../../src/ike/index.js';
import { pickProposal, espProposals, ikeProposals } from '../../src/ike/proposals.js';
import { type Ikev2Message, decodeIkev2, Ikev2Protocol, TransformType } from '../../src/wire/ikev2/index.js';

const rnd = (n: number) => new Uint8Array(randomBytes(n));

describe('IKEv2 key material', () => {
  it('prf+ is T1 | T2 | ... with Tn = prf(K, Tn-1 | S | n)', () => {
    const k = rnd(32);
    const s = rnd(40);
    const h = (...d: Uint8Array[]) => {
      const m = createHmac('sha256', k);
      for (const x of d) m.update(x);
      return m.digest();
    };
    const t1 = h(s, Uint8Array.of(1));
    const t2 = h(t1, s, Uint8Array.of(2));
    const t3 = h(t2, s, Uint8Array.of(3));
    assert.deepEqual(Buffer.from(prfPlus('sha256', k, s, 80)), Buffer.concat([t1, t2, t3]).subarray(0, 80));
  });

  it('SK_* sizes follow the suite (GCM keys carry a 4-byte salt, no SK_a)', () => {
    const cbc = ikeKeys(
      { encr: 'aes-cbc-256', prf: 'sha384', integ: 'sha1-96', dh: 14 },
      rnd(256),
      rnd(32),
      rnd(32),
      rnd(8),
      rnd(8),
    );
    assert.deepEqual(
      [cbc.skD, cbc.skAi, cbc.skEi, cbc.skPr].map((x) => x.length),
      [48, 20, 32, 48],
    );
    const gcm = ikeKeys({ encr: 'aes-gcm-16-128', prf: 'sha1', dh: 19 }, rnd(32), rnd(32), rnd(32), rnd(8), rnd(8));
    assert.deepEqual(
      [gcm.skD, gcm.skAi, gcm.skEr, gcm.skPi].map((x) => x.length),
      [20, 0, 20, 20],
    );
  });

  it('child KEYMAT: initiator-to-responder keys first, each SA named by its receiver SPI', () => {
    const skD = rnd(32);
    const ni = rnd(32);
    const nr = rnd(32);
    const k = childKeys('sha256', skD, { encr: 'aes-cbc-128', integ: 'sha256-128' }, ni, nr, 0x1111, 0x2222);
    const km = prfPlus('sha256', skD, Buffer.concat([ni, nr]), 2 * (16 + 32));
    assert.equal(k.i2r.spi, 0x2222);
    assert.equal(k.r2i.spi, 0x1111);
    assert.deepEqual(Buffer.from(k.i2r.encKey), Buffer.from(km.subarray(0, 16)));
    assert.deepEqual(Buffer.from(k.i2r.authKey!), Buffer.from(km.subarray(16, 48)));
    assert.deepEqual(Buffer.from(k.r2i.encKey), Buffer.from(km.subarray(48, 64)));
    assert.equal(k.i2r.suite, 'aes-cbc+hmac-sha256-128');
  });
});

describe('IKEv2 Diffie-Hellman', () => {
  for (const g of [14, 19, 31] as const) {
    it(`group ${g}: both sides compute the same secret; a bad public value is INVALID_KE`, () => {
      const a = dhKeyPair(g, rnd);
      const b = dhKeyPair(g, rnd);
      assert.equal(a.publicValue.length, { 14: 256, 19: 64, 31: 32 }[g]);
      assert.deepEqual(Buffer.from(a.secret(b.publicValue)), Buffer.from(b.secret(a.publicValue)));
      assert.throws(
        () => a.secret(b.publicValue.subarray(1)),
        (e: IkeError) => e.code === 'INVALID_KE',
      );
      if (g !== 14)
        assert.throws(
          () => a.secret(new Uint8Array(b.publicValue.length)),
          (e: IkeError) => e.code === 'INVALID_KE',
        );
    });
  }

  it('private values come from the injected random source', () => {
    const fixed = (n: number) => new Uint8Array(n).fill(7);
    assert.deepEqual(Buffer.from(dhKeyPair(31, fixed).publicValue), Buffer.from(dhKeyPair(31, fixed).publicValue));
  });
});

describe('IKEv2 SK payload', () => {
  const header = {
    initiatorSpi: rnd(8),
    responderSpi: rnd(8),
    minorVersion: 0,
    exchangeType: 37,
    flags: 0x08,
    messageId: 5,
  };
  const suites: IkeSuite[] = (['aes-cbc-128', 'aes-cbc-256', 'aes-gcm-16-128', 'aes-gcm-16-256'] as EncrName[]).map(
    (encr) => ({
      encr,
      prf: 'sha256',
      integ: encr.startsWith('aes-cbc') ? 'sha256-128' : undefined,
      dh: 19,
    }),
  );
  for (const suite of suites) {
    it(`${suite.encr}: round trip, and any flipped bit is ICV_MISMATCH`, () => {
      const keys = {
        encKey: rnd(suite.encr.endsWith('128') ? (suite.integ ? 16 : 20) : suite.integ ? 32 : 36),
        integKey: rnd(32),
      };
      const inner = [{ critical: false, kind: 'nonce' as const, data: rnd(33) }];
      const bytes = protect(suite, keys, header, inner, rnd);
      const msg = decodeIkev2(bytes);
      const out = unprotect(suite, keys, bytes, msg);
      assert.equal(out.length, 1);
      assert.deepEqual(out[0].kind === 'nonce' && Buffer.from(out[0].data), Buffer.from(inner[0].data));
      for (const at of [20, 29, 40, bytes.length - 1]) {
        const bad = Uint8Array.from(bytes);
        bad[at] ^= 0x01;
        let m: Ikev2Message;
        try {
          m = decodeIkev2(bad);
        } catch {
          continue;
        }
        assert.throws(
          () => unprotect(suite, keys, bad, m),
          (e: IkeError) => e.code === 'ICV_MISMATCH',
          `byte ${at}`,
        );
      }
    });
  }

  it('an empty SK payload (DPD) round-trips', () => {
    const suite = suites[3];
    const keys = { encKey: rnd(36), integKey: new Uint8Array(0) };
    const bytes = protect(suite, keys, header, [], rnd);
    assert.deepEqual(unprotect(suite, keys, bytes, decodeIkev2(bytes)), []);
  });
});

describe('IKEv2 proposals', () => {
  const ours = [
    {
      encr: ['aes-cbc-256' as const],
      prf: ['sha256' as const],
      integ: ['sha256-128' as const],
      dh: [14, 19] as (14 | 19)[],
    },
  ];

  it('the responder takes the first offered proposal it accepts, and the offered groups in order', () => {
    const offer = ikeProposals(
      [
        { encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [31] },
        {
          encr: ['aes-cbc-128', 'aes-cbc-256'],
          prf: ['sha1', 'sha256'],
          integ: ['sha1-96', 'sha256-128'],
          dh: [19, 14],
        },
      ],
      new Uint8Array(0),
    );
    const pick = pickProposal(offer, ours, Ikev2Protocol.Ike);
    assert.equal(pick?.proposal.number, 2);
    assert.deepEqual(pick?.picked, { encr: 'aes-cbc-256', prf: 'sha256', integ: 'sha256-128', dh: [19, 14] });
  });

  it('AES-GCM with an integrity transform other than NONE is refused', () => {
    const offer = ikeProposals([{ encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [19] }], new Uint8Array(0));
    offer[0].transforms.push({ type: TransformType.Integrity, id: 12, attributes: [] });
    assert.equal(
      pickProposal(offer, [{ encr: ['aes-gcm-16-256'], prf: ['sha256'], dh: [19] }], Ikev2Protocol.Ike),
      undefined,
    );
  });

  it('ESP: no ESN only, and DH only when PFS is configured and a KE is present', () => {
    const cfg = [{ encr: ['aes-gcm-16-128' as const], pfs: [14 as const] }];
    const withPfs = espProposals(cfg, 0x12345678, true);
    assert.equal(pickProposal(withPfs, cfg, Ikev2Protocol.Esp, true)?.picked.dh[0], 14);
    assert.equal(pickProposal(espProposals(cfg, 0x12345678, false), cfg, Ikev2Protocol.Esp, true), undefined);
    const noPfs = [{ encr: ['aes-gcm-16-128' as const] }];
    assert.ok(pickProposal(espProposals(noPfs, 0x12345678, false), noPfs, Ikev2Protocol.Esp));
    const esn = espProposals(noPfs, 0x12345678, false);
    esn[0].transforms = esn[0].transforms.map((t) => (t.type === TransformType.Esn ? { ...t, id: 1 } : t));
    assert.equal(pickProposal(esn, noPfs, Ikev2Protocol.Esp), undefined);
  });
});
