/**
 * IKEv1 interop with strongSwan 5.9.8 (charon `version = 1`, kernel-libipsec): our IKEv1 engine in namespace B
 * (192.0.2.2, test/ike/interop/host.ts with `v1`), charon in namespace A (192.0.2.1), one charon for the file.
 * Matrix: we initiate / charon initiates × ESP AES-GCM-16-256 (quick mode with PFS) / AES-CBC-256 + HMAC-SHA-256
 * (without PFS) × DH 14, 19, 31, main mode with AES-CBC-256/SHA-256 in phase 1; tunnel mode with GRE selectors,
 * NAT-T to UDP 4500 (libipsec fakes a NAT, so NAT-D says NAT). Both sides must list the same SPIs and algorithms
 * (`swanctl --list-sas --raw` against our childUp and `show crypto isakmp sa` JSON) and charon's log must name
 * the same proposal. Then for one combination: GRE both ways through the SA, a quick mode rekey from each side,
 * and DPD (RFC 3706) declaring a killed charon dead. Skipped, with the reason, without root or strongSwan.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENCR, type EncrName, type IntegName } from '../../src/ike/index.js';
import type { V1Group } from '../../src/ikev1/index.js';
import { Charon, strongswanMissing, type Vici } from '../ike/interop/charon.js';
import { greRoundTrip } from '../ike/interop/gre-round-trip.js';
import { NetnsPair, spawnIn, type JsonProc } from '../ike/interop/procs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHARON_ADDR = '192.0.2.1';
const OUR_ADDR = '192.0.2.2';
const PSK = 'ikv1-interop-key';
const skip = strongswanMissing();

interface Combo {
  name: string;
  encr: EncrName;
  integ?: IntegName;
  dh: V1Group;
  pfs: boolean;
}

const SWAN_DH: Partial<Record<V1Group, { conf: string; raw: string }>> = {
  14: { conf: 'modp2048', raw: 'MODP_2048' },
  19: { conf: 'ecp256', raw: 'ECP_256' },
  31: { conf: 'curve25519', raw: 'CURVE_25519' },
};

function swan(c: Combo): { ike: string; esp: string } {
  const gcm = ENCR[c.encr].aead;
  const enc = gcm ? `aes${ENCR[c.encr].bits}gcm16` : `aes${ENCR[c.encr].bits}-sha256`;
  return { ike: `aes256-sha256-${SWAN_DH[c.dh]!.conf}`, esp: c.pfs ? `${enc}-${SWAN_DH[c.dh]!.conf}` : enc };
}

function hostConfig(c: Combo, extra: Record<string, unknown> = {}) {
  return {
    localAddress: OUR_ADDR,
    peer: CHARON_ADDR,
    keys: [{ address: CHARON_ADDR, mask: '255.255.255.255', psk: PSK }],
    policies: [{ priority: 10, encr: 'aes-256', hash: 'sha256', group: c.dh, lifetime: 86400 }],
    esp: [{ encr: c.encr, ...(c.integ ? { integ: c.integ } : {}) }],
    mode: 'tunnel',
    protocol: 47,
    ...(c.pfs ? { pfs: c.dh } : {}),
    ...extra,
  };
}

const combos: Combo[] = [];
for (const dh of [14, 19, 31] as V1Group[]) {
  combos.push({ name: `ESP AES-GCM-16-256, PFS, DH ${dh}`, encr: 'aes-gcm-16-256', dh, pfs: true });
  combos.push({
    name: `ESP AES-CBC-256/HMAC-SHA-256, DH ${dh}`,
    encr: 'aes-cbc-256',
    integ: 'sha256-128',
    dh,
    pfs: false,
  });
}

type ChildUp = {
  kind: 'childUp';
  child: { spiIn: number; spiOut: number; mode: string; suite: string };
  rekeyOf?: number;
};
const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function charonSa(charon: Charon): Vici {
  const sa = charon.listSas().ikx;
  assert.ok(sa && typeof sa === 'object' && !Array.isArray(sa), 'charon lists no IKE SA ikx');
  return sa as Vici;
}
const charonChildren = (sa: Vici): Vici[] => Object.values((sa['child-sas'] ?? {}) as Record<string, Vici>);

/** charon's ISAKMP SA and IPsec SA have the algorithms of `c` and the SPIs of our child. */
function assertSame(charon: Charon, c: Combo, child: ChildUp['child']): void {
  const sa = charonSa(charon);
  assert.equal(sa.version, '1');
  assert.equal(sa.state, 'ESTABLISHED');
  assert.equal(sa['encr-alg'], 'AES_CBC');
  assert.equal(sa['encr-keysize'], '256');
  assert.equal(sa['integ-alg'], 'HMAC_SHA2_256_128');
  assert.equal(sa['prf-alg'], 'PRF_HMAC_SHA2_256');
  assert.equal(sa['dh-group'], SWAN_DH[c.dh]!.raw);
  const theirs = charonChildren(sa).find((x) => x['spi-in'] === hex8(child.spiOut));
  assert.ok(theirs, `charon has no IPsec SA with inbound SPI ${hex8(child.spiOut)}`);
  assert.equal(theirs['spi-out'], hex8(child.spiIn));
  assert.equal(theirs.state, 'INSTALLED');
  assert.equal(theirs.mode, 'TUNNEL');
  assert.equal(theirs.encap, 'yes');
  assert.equal(theirs['encr-alg'], ENCR[c.encr].aead ? 'AES_GCM_16' : 'AES_CBC');
  assert.equal(theirs['encr-keysize'], '256');
  assert.equal(theirs['integ-alg'], c.integ ? 'HMAC_SHA2_256_128' : undefined);
  assert.equal(theirs['dh-group'], c.pfs ? SWAN_DH[c.dh]!.raw : undefined);
  assert.equal(child.mode, 'tunnel');
  assert.equal(child.suite, c.integ ? 'aes-cbc+hmac-sha256-128' : 'aes-gcm-16');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

describe('IKEv1 interop with strongSwan charon', { skip, timeout: 300_000 }, () => {
  let pair: NetnsPair;
  let dir: string;
  let charon: Charon;
  let host: JsonProc | undefined;
  const setup: Record<'initiator' | 'responder', number[]> = { initiator: [], responder: [] };

  const startHost = async (config: unknown): Promise<JsonProc> => {
    host?.stop();
    const argv = [process.execPath, '--import', 'tsx', 'test/ike/interop/host.ts', JSON.stringify(config), 'v1'];
    const h = spawnIn(pair.b, argv, root);
    host = h;
    await h.waitFor((l) => l.kind === 'ready');
    return h;
  };
  const fresh = (c: Combo, extra: Partial<Parameters<Charon['load']>[0]> = {}) => {
    try {
      charon.swanctl(['--terminate', '--ike', 'ikx', '--timeout', '2']);
    } catch {
      /* nothing to terminate */
    }
    const p = swan(c);
    charon.load({ version: 1, local: CHARON_ADDR, remote: OUR_ADDR, psk: PSK, proposals: p.ike, esp: p.esp, ...extra });
  };

  before(async () => {
    pair = new NetnsPair();
    dir = mkdtempSync(join(tmpdir(), 'ikv1-swan-'));
    charon = new Charon(pair.a, dir);
    await charon.start();
  });

  after(() => {
    host?.stop();
    charon?.stop();
    pair?.close();
    for (const [role, t] of Object.entries(setup)) {
      if (t.length)
        console.log(`# IKEv1 main mode + quick mode, our engine ${role}, median of ${t.length}: ${median(t)} ms`);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const role of ['initiator', 'responder'] as const) {
    for (const c of combos) {
      it(`${c.name}, our engine ${role}`, async () => {
        fresh(c);
        const h = await startHost(hostConfig(c));
        const logFrom = charon.log.length;
        const t0 = Date.now();
        if (role === 'initiator') h.send({ cmd: 'initiate' });
        else charon.swanctl(['--initiate', '--child', 'gre', '--timeout', '10']);
        const up = (await h.waitFor((l) => l.kind === 'childUp' || l.kind === 'ikeDown')) as unknown as ChildUp;
        assert.equal(up.kind, 'childUp', JSON.stringify(up));
        setup[role].push(Date.now() - t0);
        for (let i = 0; i < 20 && charonChildren(charonSa(charon)).length === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assertSame(charon, c, up.child);
        // charon's log and ours name the same phase-1 algorithms
        const log = charon.log.slice(logFrom);
        assert.match(
          log,
          new RegExp(`selected proposal: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/${SWAN_DH[c.dh]!.raw}`),
        );
        const from = h.lines.length;
        h.send({ cmd: 'snapshot' });
        const snap = (await h.waitFor((l) => l.kind === 'snapshot', 5000, from)).snapshot as {
          sas: {
            state: string;
            encr: string;
            keysize: number;
            hash: string;
            dhGroup: number;
            nat: { remote: boolean };
          }[];
        };
        assert.deepEqual(
          snap.sas.map((s) => [s.state, s.encr, s.keysize, s.hash, s.dhGroup]),
          [['QM_IDLE', 'aes', 256, 'sha256', c.dh]],
        );
        assert.ok(h.lines.some((l) => l.kind === 'event' && /phase 1 complete .*NAT-T/.test(String(l.text))));
      });
    }
  }

  it('a pre-shared key mismatch: charon refuses, no SA comes up', async () => {
    const c = combos[1];
    fresh(c, { psk: 'not-the-same-key' });
    const h = await startHost(hostConfig(c, { retransmit: { timeout: 500, tries: 2 } }));
    h.send({ cmd: 'initiate' });
    await h.waitFor((l) => l.kind === 'log' && String(l.text).includes('%CRYPTO-6-IKMP_MODE_FAILURE'), 20_000);
    assert.equal(h.lines.filter((l) => l.kind === 'childUp').length, 0);
    assert.equal(charon.listSas().ikx, undefined);
  });

  it('a pre-shared key mismatch, charon initiating: IOS message and AUTHENTICATION_FAILED here', async () => {
    const c = combos[1];
    fresh(c, { psk: 'not-the-same-key' });
    const h = await startHost(hostConfig(c));
    assert.throws(() => charon.swanctl(['--initiate', '--child', 'gre', '--timeout', '6']));
    await h.waitFor(
      (l) =>
        l.kind === 'log' &&
        /%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.1 failed its sanity/.test(String(l.text)),
      5000,
    );
    h.send({ cmd: 'snapshot' });
    const snap = (await h.waitFor((l) => l.kind === 'snapshot')).snapshot as { counters: Record<string, number> };
    assert.equal(h.lines.filter((l) => l.kind === 'childUp').length, 0);
    assert.ok(snap.counters.AUTHENTICATION_FAILED >= 1);
  });

  describe('one combination: GRE through the SA, rekeys, DPD', () => {
    const c = combos[0];
    let probe: JsonProc;

    before(async () => {
      probe = spawnIn(pair.a, [process.execPath, '--import', 'tsx', 'test/ike/interop/gre-probe.ts'], root);
      await probe.waitFor((l) => l.kind === 'ready');
    });
    after(() => probe?.stop());

    const roundTrip = (h: JsonProc, tag: string) =>
      greRoundTrip(probe, h, `ikv1-${tag}`, { ours: OUR_ADDR, charon: CHARON_ADDR, back: (m) => `00002001${m}ff` });

    it('GRE both ways, quick mode rekey from both sides, then DPD finds charon dead', async () => {
      fresh(c, { dpdDelay: '2s' });
      const h = await startHost(
        hostConfig(c, { dpd: { interval: 2, retry: 1 }, retransmit: { timeout: 1000, tries: 3 } }),
      );
      h.send({ cmd: 'initiate' });
      let up = (await h.waitFor((l) => l.kind === 'childUp')) as unknown as ChildUp;
      assertSame(charon, c, up.child);
      await roundTrip(h, 'first');

      let from = h.lines.length;
      h.send({ cmd: 'rekeyChild' });
      up = (await h.waitFor((l) => l.kind === 'childUp', 10_000, from)) as unknown as ChildUp;
      assert.ok(up.rekeyOf !== undefined);
      await h.waitFor((l) => l.kind === 'childDown', 10_000, from);
      assertSame(charon, c, up.child);
      await roundTrip(h, 'rekey-ours');

      from = h.lines.length;
      charon.swanctl(['--rekey', '--child', 'gre']);
      up = (await h.waitFor((l) => l.kind === 'childUp', 10_000, from)) as unknown as ChildUp;
      assertSame(charon, c, up.child); // charon keeps the old IPsec SA until it expires (IKEv1: no delete on rekey)
      await roundTrip(h, 'rekey-theirs');

      from = h.lines.length;
      // DPD alive both ways: whichever side's idle timer fires first asks (charon's R-U-THERE answered here,
      // or ours acknowledged); a peer that hears from the other sends none of its own
      await h.waitFor((l) => l.kind === 'event' && /R-U-THERE(-ACK| from)/.test(String(l.text)), 10_000, from);
      from = h.lines.length;
      const killedAt = Date.now();
      charon.stop();
      const down = await h.waitFor((l) => l.kind === 'ikeDown', 30_000, from);
      assert.match(String(down.reason), /DPD/);
      assert.ok(h.lines.slice(from).some((l) => l.kind === 'childDown'));
      console.log(`# DPD declared charon dead ${Date.now() - killedAt} ms after it was killed`);
    });
  });
});
