/**
 * Malformed IPv6 NHRP at an IPv6 engine's edge: mutated and random packets (the mutations of the
 * engine's own IPv6 packets; half with their checksum made right again so they reach the decoder
 * and the handlers) go into a running IPv6 hub and spoke. Nothing escapes, every input is either
 * acted on or counted as a drop, and the engines still register and resolve afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onesSum } from '../../src/wire/checksum.js';
import { NhrpType } from '../../src/wire/nhrp/index.js';
import { mutate, Rng } from '../helpers/fuzz.js';
import { ipv6NhrpSeeds, lab6, SPOKE6_1, SPOKE6_2 } from '../helpers/nhrp6-lab.js';
import { toHex } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x86dd_2332;
const ROUNDS = 20_000;

/** Sets ar$chksum so the packet's RFC 1071 checksum is right (when ar$pktsz is usable). */
function fixChecksum(b: Uint8Array): void {
  if (b.length < 20) return;
  const pktsz = (b[10] << 8) | b[11];
  if (pktsz < 20 || pktsz > b.length) return;
  b[12] = 0;
  b[13] = 0;
  const sum = ~onesSum(b, 0, pktsz) & 0xffff;
  b[12] = sum >> 8;
  b[13] = sum & 0xff;
}

test(`fuzz: ${ROUNDS} malformed IPv6 NHRP packets into running IPv6 engines`, { timeout: 120_000 }, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const seeds = ipv6NhrpSeeds();
  const lab = lab6({ redirect: true, shortcut: true });
  const targets = ['hub', 'spoke1'];
  for (let i = 0; i < ROUNDS; i++) {
    const input = i % 5 === 0 ? rng.bytes(rng.int(200)) : mutate(rng, rng.pick(seeds));
    if (rng.int(2)) fixChecksum(input);
    const name = targets[i % 2];
    const from = rng.pick([SPOKE6_1.nbma, SPOKE6_2.nbma, '198.51.100.7']);
    try {
      lab.input(name, (e, now) => e.receive(now, input, from));
    } catch (e) {
      assert.fail(`input #${i} (seed ${SEED}) to ${name}: ${String(e)} escaped for ${toHex(input)}`);
    }
  }
  const hub = lab.snapshot('hub');
  const drops = Object.values(hub.drops).reduce((a, b) => a + b, 0);
  t.diagnostic(`hub drops ${JSON.stringify(hub.drops)}`);
  assert.ok(drops > ROUNDS / 4, `most inputs to the hub were dropped with a reason (${drops})`);
  assert.ok(hub.drops.badChecksum > 0 && hub.drops.malformed > 0);
  // still working: a spoke resolves the other through the hub
  const before = lab.packets(NhrpType.ResolutionReply).length;
  lab.runTo(lab.now / 1000 + 30);
  lab.input('spoke2', (e, now) => e.nextHopUnknown(now, SPOKE6_1.protocol));
  lab.runTo(lab.now / 1000 + 5);
  assert.ok(lab.packets(NhrpType.ResolutionReply).length > before, 'resolution still answered');
});
