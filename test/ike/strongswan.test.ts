/**
 * Interop with strongSwan 5.9.8 (charon, kernel-libipsec): our engine in namespace B (192.0.2.2, the host
 * process ./interop/host.ts), charon in namespace A (192.0.2.1). Matrix: we initiate / charon initiates ×
 * AES-GCM-16-256 / AES-CBC-256 + HMAC-SHA-256-128 × DH 14, 19, 31; tunnel mode (libipsec has no transport mode),
 * GRE between the two addresses, UDP 4500 (libipsec fakes a NAT). Both sides must report the same SPIs and
 * algorithms (`swanctl --list-sas --raw` against our childUp). Then, for one combination: an ESP round trip (we
 * seal a GRE packet, charon's libipsec decrypts it into its TUN device where a raw GRE socket sees it, and the
 * other way), child and IKE rekeys from both sides with traffic still flowing, and DPD declaring a killed charon
 * dead. Skipped, with the reason, without root or strongSwan (the Makefile installs it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENCR, INTEG, type DhGroup, type EncrName, type IntegName } from '../../src/ike/index.js';
import { Charon, strongswanMissing, type Vici } from './interop/charon.js';
import { greRoundTrip } from './interop/gre-round-trip.js';
import { NetnsPair, spawnIn, type JsonProc } from './interop/procs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHARON_ADDR = '192.0.2.1';
const OUR_ADDR = '192.0.2.2';
const PSK = 'ikx-interop-key';
const skip = strongswanMissing();

interface Combo {
  name: string;
  encr: EncrName;
  integ?: IntegName;
  dh: DhGroup;
}

const SWAN_DH: Record<DhGroup, { conf: string; raw: string }> = {
  14: { conf: 'modp2048', raw: 'MODP_2048' },
  19: { conf: 'ecp256', raw: 'ECP_256' },
  31: { conf: 'curve25519', raw: 'CURVE_25519' },
};

function swanProposals(c: Combo): { ike: string; esp: string } {
  const gcm = ENCR[c.encr].aead;
  const enc = gcm ? `aes${ENCR[c.encr].bits}gcm16` : `aes${ENCR[c.encr].bits}`;
  return {
    ike: gcm ? `${enc}-prfsha256-${SWAN_DH[c.dh].conf}` : `${enc}-sha256-${SWAN_DH[c.dh].conf}`,
    esp: gcm ? enc : `${enc}-sha256`,
  };
}

function hostConfig(c: Combo, extra: Record<string, unknown> = {}, engine: Record<string, unknown> = {}) {
  return {
    localAddress: OUR_ADDR,
    ...engine,
    peers: [
      {
        address: CHARON_ADDR,
        psk: PSK,
        mode: 'tunnel',
        protocol: 47,
        ike: [{ encr: [c.encr], prf: ['sha256'], integ: c.integ ? [c.integ] : [], dh: [c.dh] }],
        esp: [{ encr: [c.encr], integ: c.integ ? [c.integ] : [] }],
        ...extra,
      },
    ],
  };
}

const combos: Combo[] = [];
for (const dh of [14, 19, 31] as DhGroup[]) {
  combos.push({ name: `AES-GCM-16-256 DH ${dh}`, encr: 'aes-gcm-16-256', dh });
  combos.push({ name: `AES-CBC-256/HMAC-SHA-256-128 DH ${dh}`, encr: 'aes-cbc-256', integ: 'sha256-128', dh });
}

type ChildUp = {
  kind: 'childUp';
  child: { spiIn: number; spiOut: number; mode: string; suite: string };
  rekeyOf?: number;
};

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The IKE SA named ikx that charon lists, with its child SAs. */
function charonSa(charon: Charon): Vici {
  const sa = charon.listSas().ikx;
  assert.ok(sa && typeof sa === 'object' && !Array.isArray(sa), 'charon lists no IKE SA ikx');
  return sa as Vici;
}

function charonChildren(sa: Vici): Vici[] {
  return Object.values((sa['child-sas'] ?? {}) as Record<string, Vici>);
}

/** Checks that charon's IKE SA and child SA have the algorithms of `c` and the SPIs of our child. */
function assertSame(charon: Charon, c: Combo, child: ChildUp['child']): void {
  const sa = charonSa(charon);
  assert.equal(sa.state, 'ESTABLISHED');
  assert.equal(sa['encr-alg'], ENCR[c.encr].aead ? 'AES_GCM_16' : 'AES_CBC');
  assert.equal(sa['encr-keysize'], String(ENCR[c.encr].bits));
  assert.equal(sa['integ-alg'], c.integ ? 'HMAC_SHA2_256_128' : undefined);
  assert.equal(sa['prf-alg'], 'PRF_HMAC_SHA2_256');
  assert.equal(sa['dh-group'], SWAN_DH[c.dh].raw);
  const theirs = charonChildren(sa).find((x) => x['spi-in'] === hex8(child.spiOut));
  assert.ok(theirs, `charon has no child SA with inbound SPI ${hex8(child.spiOut)}`);
  assert.equal(theirs['spi-out'], hex8(child.spiIn));
  assert.equal(theirs.state, 'INSTALLED');
  assert.equal(theirs.mode, 'TUNNEL');
  assert.equal(child.mode, 'tunnel');
  assert.equal(theirs.encap, 'yes');
  assert.equal(theirs['encr-alg'], ENCR[c.encr].aead ? 'AES_GCM_16' : 'AES_CBC');
  assert.equal(theirs['integ-alg'], c.integ ? `HMAC_SHA2_256_128` : undefined);
  assert.equal(child.suite, c.integ ? `aes-cbc+hmac-${INTEG[c.integ].hash}-128` : 'aes-gcm-16');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

describe('IKEv2 interop with strongSwan charon', { skip, timeout: 300_000 }, () => {
  let pair: NetnsPair;
  let dir: string;
  let charon: Charon;
  let host: JsonProc | undefined;
  const setup: Record<'initiator' | 'responder', number[]> = { initiator: [], responder: [] };

  const startHost = async (config: unknown): Promise<JsonProc> => {
    host?.stop();
    const h = spawnIn(
      pair.b,
      [process.execPath, '--import', 'tsx', 'test/ike/interop/host.ts', JSON.stringify(config)],
      root,
    );
    host = h;
    await h.waitFor((l) => l.kind === 'ready');
    return h;
  };

  before(async () => {
    pair = new NetnsPair();
    dir = mkdtempSync(join(tmpdir(), 'ikx-swan-'));
    charon = new Charon(pair.a, dir);
    await charon.start();
  });

  after(() => {
    host?.stop();
    charon?.stop();
    pair?.close();
    for (const [role, t] of Object.entries(setup)) {
      if (t.length)
        console.log(`# IKE + child SA set-up, our engine ${role}, median of ${t.length}: ${median(t).toFixed(0)} ms`);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const role of ['initiator', 'responder'] as const) {
    for (const c of combos) {
      it(`${c.name}, our engine ${role}`, async () => {
        const p = swanProposals(c);
        try {
          charon.swanctl(['--terminate', '--ike', 'ikx', '--timeout', '2']);
        } catch {
          /* nothing to terminate */
        }
        charon.load({ local: CHARON_ADDR, remote: OUR_ADDR, psk: PSK, proposals: p.ike, esp: p.esp });
        const h = await startHost(hostConfig(c));
        const t0 = Date.now();
        if (role === 'initiator') h.send({ cmd: 'initiate' });
        else charon.swanctl(['--initiate', '--child', 'gre', '--timeout', '10']);
        const up = (await h.waitFor((l) => l.kind === 'childUp' || l.kind === 'ikeDown')) as unknown as ChildUp;
        assert.equal(up.kind, 'childUp', JSON.stringify(up));
        setup[role].push(Date.now() - t0);
        assert.ok(h.lines.some((l) => l.kind === 'ikeUp'));
        for (let i = 0; i < 20 && charonChildren(charonSa(charon)).length === 0; i++)
          await new Promise((r) => setTimeout(r, 50));
        assertSame(charon, c, up.child);
      });
    }
  }

  for (const role of ['initiator', 'responder'] as const) {
    it(`a pre-shared key mismatch is AUTHENTICATION_FAILED, our engine ${role}`, async () => {
      const c = combos[1];
      const p = swanProposals(c);
      try {
        charon.swanctl(['--terminate', '--ike', 'ikx', '--timeout', '2']);
      } catch {
        /* nothing to terminate */
      }
      charon.load({ local: CHARON_ADDR, remote: OUR_ADDR, psk: 'not-the-same-key', proposals: p.ike, esp: p.esp });
      const h = await startHost(hostConfig(c));
      if (role === 'initiator') h.send({ cmd: 'initiate' });
      else assert.throws(() => charon.swanctl(['--initiate', '--child', 'gre', '--timeout', '10']));
      const down = await h.waitFor((l) => l.kind === 'ikeDown');
      assert.match(String(down.reason), /^AUTHENTICATION_FAILED/);
      if (role === 'responder') {
        assert.ok(
          h.lines.some(
            (l) =>
              l.kind === 'log' &&
              l.text ===
                '%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer 192.0.2.1: pre-shared key mismatch',
          ),
        );
      }
      assert.equal(h.lines.filter((l) => l.kind === 'ikeUp').length, 0);
      assert.equal(charon.listSas().ikx, undefined);
    });
  }

  describe('one combination: ESP, rekeys, DPD', () => {
    const c: Combo = { name: 'AES-GCM-16-256 DH 19', encr: 'aes-gcm-16-256', dh: 19 };
    let probe: JsonProc;

    before(async () => {
      probe = spawnIn(pair.a, [process.execPath, '--import', 'tsx', 'test/ike/interop/gre-probe.ts'], root);
      await probe.waitFor((l) => l.kind === 'ready');
    });
    after(() => probe?.stop());

    const roundTrip = (h: JsonProc, tag: string) =>
      greRoundTrip(probe, h, `ikx-${tag}`, { ours: OUR_ADDR, charon: CHARON_ADDR, back: (m) => `00000800${m}` });

    it('ESP both ways, child and IKE rekeys from both sides, then DPD finds charon dead', async () => {
      const p = swanProposals(c);
      try {
        charon.swanctl(['--terminate', '--ike', 'ikx', '--timeout', '2']);
      } catch {
        /* nothing to terminate */
      }
      charon.load({ local: CHARON_ADDR, remote: OUR_ADDR, psk: PSK, proposals: p.ike, esp: p.esp });
      const h = await startHost(
        hostConfig(c, { dpd: { interval: 2, retry: 1 } }, { retransmit: { timeout: 1000, tries: 3 } }),
      );
      h.send({ cmd: 'initiate' });
      let up = (await h.waitFor((l) => l.kind === 'childUp')) as unknown as ChildUp;
      assertSame(charon, c, up.child);
      await roundTrip(h, 'first');

      // Child rekey, ours: a new child replaces the old one on both sides.
      let from = h.lines.length;
      h.send({ cmd: 'rekeyChild' });
      up = (await h.waitFor((l) => l.kind === 'childUp', 10_000, from)) as unknown as ChildUp;
      await h.waitFor((l) => l.kind === 'childDown', 10_000, from);
      assert.ok(up.rekeyOf !== undefined);
      assertSame(charon, c, up.child);
      // charon keeps a rekeyed SA for a few seconds (delete_rekeyed_delay) but only the new one is INSTALLED.
      assert.equal(charonChildren(charonSa(charon)).filter((x) => x.state === 'INSTALLED').length, 1);
      await roundTrip(h, 'child-rekey-ours');

      // Child rekey, charon's.
      from = h.lines.length;
      charon.swanctl(['--rekey', '--child', 'gre']);
      up = (await h.waitFor((l) => l.kind === 'childUp', 10_000, from)) as unknown as ChildUp;
      await h.waitFor((l) => l.kind === 'childDown', 10_000, from);
      assertSame(charon, c, up.child);
      await roundTrip(h, 'child-rekey-theirs');

      // IKE rekey, ours: charon lists the new SPIs, children moved.
      from = h.lines.length;
      h.send({ cmd: 'rekeyIke' });
      const ikeUp = await h.waitFor((l) => l.kind === 'ikeUp', 10_000, from);
      assert.ok(ikeUp.rekeyOf !== undefined);
      await h.waitFor((l) => l.kind === 'ikeDown', 10_000, from);
      h.send({ cmd: 'snapshot' });
      const snap = (await h.waitFor((l) => l.kind === 'snapshot', 5000, from)).snapshot as {
        sas: { localSpi: string; remoteSpi: string; status: string; children: unknown[] }[];
      };
      assert.equal(snap.sas.length, 1);
      const sa = charonSa(charon);
      assert.equal(String(sa['initiator-spi']).toUpperCase(), snap.sas[0].localSpi);
      assert.equal(String(sa['responder-spi']).toUpperCase(), snap.sas[0].remoteSpi);
      assert.equal(snap.sas[0].children.length, 1);
      await roundTrip(h, 'ike-rekey-ours');

      // IKE rekey, charon's.
      from = h.lines.length;
      charon.swanctl(['--rekey', '--ike', 'ikx']);
      const theirs = await h.waitFor((l) => l.kind === 'ikeUp', 10_000, from);
      assert.ok(theirs.rekeyOf !== undefined);
      await h.waitFor((l) => l.kind === 'ikeDown', 10_000, from);
      assert.equal(charonSa(charon).state, 'ESTABLISHED');
      await roundTrip(h, 'ike-rekey-theirs');

      // DPD: a liveness check answered while charon runs, then charon dies and the SA goes down.
      from = h.lines.length;
      await h.waitFor((l) => l.kind === 'event' && String(l.text).includes('Sending DPD'), 10_000, from);
      await h.waitFor(
        (l) => l.kind === 'event' && /Received Packet.*INFORMATIONAL Exchange RESPONSE/.test(String(l.text)),
        10_000,
        from,
      );
      from = h.lines.length;
      const killedAt = Date.now();
      charon.stop();
      const down = await h.waitFor((l) => l.kind === 'ikeDown', 20_000, from);
      assert.match(String(down.reason), /TIMEOUT: peer 192\.0\.2\.1 dead \(DPD\)/);
      assert.ok(h.lines.slice(from).some((l) => l.kind === 'childDown'));
      console.log(`# DPD declared charon dead ${Date.now() - killedAt} ms after it was killed`);
    });
  });
});
