/**
 * Malformed EIGRP at the engine's edge, for each address family: mutated and random packets (half of
 * the mutations with their checksum made right again, so that they reach the decoder) go into a
 * running engine's receive(). IPv4: 200,000 inputs built from Cisco captures; IPv6: 30,000 built from
 * what IPv6 engines send each other (Hellos, Updates with IPv6 internal and external TLVs, Queries,
 * Replies); IPv6 named mode: 30,000 from the same exchange with wide-metric TLVs (0x0602, family 2). Nothing escapes, and `show ip|ipv6 eigrp traffic` counts as "malformed or bad checksum"
 * exactly the inputs an independent check (checksum, then the codec) rejects. The seed is printed;
 * FUZZ_SEED=n replays a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EigrpConfigInput } from '../../src/eigrp/index.js';
import { EigrpEngine } from '../../src/eigrp/engine.js';
import { renderTraffic } from '../../src/eigrp/show/traffic.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import { decodeEigrp, eigrpChecksumOk } from '../../src/wire/eigrp/index.js';
import { DecodeError } from '../../src/wire/errors.js';
import { config6, dmvpn6, ll6 } from '../helpers/eigrp6-lab.js';
import { mutate, Rng } from '../helpers/fuzz.js';
import { ciscoEigrpPackets, toHex } from '../helpers/wire.js';

/** One family's run: the default seed, how many inputs, the packets to mutate, the engine and the sender. */
interface FuzzCase {
  name: string;
  seed: number;
  rounds: number;
  timeout: number;
  /** Well-formed packets of the family (more than 10), and the engine that receives. */
  setup(): { seeds: Uint8Array[]; config: EigrpConfigInput };
  iface: string;
  source(i: number): string;
}

const CASES: FuzzCase[] = [
  {
    name: 'IPv4',
    seed: 0x7868_0eed,
    rounds: 200_000,
    timeout: 180_000,
    setup() {
      const seeds = ciscoEigrpPackets().map((p) => p.bytes);
      const as = (seeds[0][14] << 8) | seeds[0][15];
      const config = {
        as,
        networks: [{ address: '10.0.0.0', wildcard: '0.0.0.255' }],
        interfaces: [{ name: 'GigabitEthernet0/1', address: '10.0.0.1', prefixLength: 24 }],
      };
      return { seeds, config };
    },
    iface: 'GigabitEthernet0/1',
    source: () => '10.0.0.2',
  },
  {
    name: 'IPv6',
    seed: 0x0788_6006,
    rounds: 30_000,
    timeout: 120_000,
    setup() {
      const lab = dmvpn6(2, { splitHorizon: false, nextHopSelf: false });
      lab.runTo(5);
      return { seeds: lab.wire.map((w) => w.bytes), config: config6(0) };
    },
    iface: 'Tunnel0',
    source: (i) => ll6(1 + (i % 2)),
  },
  {
    name: 'IPv6 named mode',
    seed: 0x0602_0002,
    rounds: 30_000,
    timeout: 120_000,
    setup() {
      const named = { wideMetrics: true };
      const lab = dmvpn6(2, { splitHorizon: false, nextHopSelf: false }, named);
      lab.runTo(5);
      const seeds = lab.wire.map((w) => w.bytes);
      const wide = seeds.flatMap((b) => decodeEigrp(b).tlvs).filter((t) => t.type === 'wideInternal');
      assert.ok(wide.length > 0 && wide.every((t) => t.afi === 2), 'the seeds carry wide-metric IPv6 routes');
      return { seeds, config: config6(0, {}, named) };
    },
    iface: 'Tunnel0',
    source: (i) => ll6(1 + (i % 2)),
  },
];

/** The oracle: what the engine must count as malformed. */
function rejected(b: Uint8Array): boolean {
  if (!eigrpChecksumOk(b)) return true;
  try {
    decodeEigrp(b);
    return false;
  } catch (e) {
    if (e instanceof DecodeError) return true;
    throw e;
  }
}

function fixChecksum(b: Uint8Array): void {
  if (b.length < 4) return;
  b[2] = 0;
  b[3] = 0;
  const c = internetChecksum(b);
  b[2] = c >> 8;
  b[3] = c & 0xff;
}

for (const c of CASES) {
  const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : c.seed;
  const ROUNDS = c.rounds;
  test(`fuzz ${c.name}: ${ROUNDS} malformed inputs into the engine, each counted in show eigrp traffic`, {
    timeout: c.timeout,
  }, (t) => {
    t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const { seeds, config } = c.setup();
    assert.ok(seeds.length > 10, `${seeds.length} seed packets`);
    const rng = new Rng(SEED);
    const engine = new EigrpEngine(config, { debug: false });
    let expected = 0;
    let now = 0;
    engine.tick(now);
    for (let i = 0; i < ROUNDS; i++) {
      let input: Uint8Array;
      if (i % 4 === 0) input = rng.bytes(rng.int(121));
      else {
        input = mutate(rng, rng.pick(seeds));
        if (rng.int(2)) fixChecksum(input);
      }
      if (rejected(input)) expected++;
      now += 1;
      try {
        engine.receive(now, { interface: c.iface, source: c.source(i), bytes: input });
        if (i % 1000 === 0) engine.tick(now);
      } catch (e) {
        assert.fail(`input #${i} (seed ${SEED}): ${String(e)} escaped for ${toHex(input)}`);
      }
    }
    const traffic = engine.snapshot(now).traffic;
    t.diagnostic(`malformed ${traffic.drops.malformed} of ${ROUNDS}; drops ${JSON.stringify(traffic.drops)}`);
    assert.ok(expected >= ROUNDS / 2, `most inputs are malformed (${expected})`);
    assert.ok(expected < ROUNDS, 'some inputs are well formed');
    assert.equal(traffic.drops.malformed, expected);
    assert.match(renderTraffic(engine.snapshot(now)), new RegExp(`malformed or bad checksum: ${expected}\\b`));
  });
}
