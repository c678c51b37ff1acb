/**
 * Robustness of the EIGRP decoder on random input and on mutations of the reference captures' packets and
 * of a packet holding every TLV kind. Nothing but DecodeError may escape, decoded values come only from the
 * input's bytes, whatever decodes re-encodes to the same bytes (checksum aside) and has a JSON form; the
 * frame classifier never throws. The seed is printed; FUZZ_SEED=n replays a run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  authTlv,
  classicMetric,
  decodeEigrp,
  eigrpToJson,
  encodeEigrp,
  goodbyeTlv,
  makeEigrp,
  parametersTlv,
  softwareVersionTlv,
  wideMetric,
  type EigrpPacket,
} from '../../src/wire/eigrp/index.js';
import { decodeFrameEigrp } from '../../src/wire/frame.js';
import { readCapture } from '../../src/wire/pcap/index.js';
import { fuzzCheck, guarded, mutate, newTally, Rng, sameExcept } from '../helpers/fuzz.js';
import { CISCO_DIR, ciscoEigrpPackets, toHex } from '../helpers/wire.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x7868_0088;
const ROUNDS = { eigrp: 200_000, frame: 20_000 };

/** One packet with every TLV kind the codec types, so mutations reach every decoder. */
function everyTlv(): Uint8Array {
  const ext = {
    originatingRouter: '198.51.100.1',
    originatingAs: 65000,
    adminTag: 7,
    externalMetric: 20,
    reserved: 0,
    protocol: 6,
    flags: 0,
  };
  return encodeEigrp(
    makeEigrp({
      opcode: 1,
      tlvs: [
        authTlv('md5'),
        parametersTlv(),
        goodbyeTlv(),
        softwareVersionTlv(),
        { type: 'sequence', addresses: ['192.0.2.1'] },
        { type: 'nextMulticastSequence', sequence: 9 },
        { type: 'stub', flags: 9 },
        { type: 'peerTermination', addresses: ['192.0.2.2'] },
        { type: 'topologyIds', code: 0x00f5, flags: 0, tids: [0] },
        {
          type: 'ipv4Internal',
          nextHop: '0.0.0.0',
          metric: classicMetric(),
          destinations: [{ prefixLength: 24, prefix: '10.1.1.0' }],
        },
        {
          type: 'ipv4External',
          nextHop: '0.0.0.0',
          external: ext,
          metric: classicMetric(),
          destinations: [{ prefixLength: 16, prefix: '10.2.0.0' }],
        },
        {
          type: 'wideInternal',
          topology: 0,
          afi: 1,
          routerId: '1.1.1.1',
          nextHop: '0.0.0.0',
          metric: wideMetric({ attributes: new Uint8Array([2, 2, 0, 0, 0, 1]) }),
          destinations: [{ prefixLength: 32, prefix: '10.3.3.3' }],
        },
        {
          type: 'wideExternal',
          topology: 0,
          afi: 1,
          routerId: '1.1.1.1',
          nextHop: '0.0.0.0',
          external: ext,
          metric: wideMetric(),
          destinations: [{ prefixLength: 0, prefix: '0.0.0.0' }],
        },
      ],
    }),
  );
}

function reencode(p: EigrpPacket, b: Uint8Array): string | null {
  JSON.stringify(eigrpToJson(p));
  return sameExcept(encodeEigrp(p), b, 2) ? null : 're-encoding differs';
}

test(`fuzz: ${ROUNDS.eigrp + ROUNDS.frame} inputs to the EIGRP decoder and frame classifier`, {
  timeout: 120_000,
}, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rng = new Rng(SEED);
  const seeds = [...ciscoEigrpPackets().map((p) => p.bytes), everyTlv()];
  const frames: Array<{ linkType: number; data: Uint8Array }> = [];
  for (const file of [
    'eigrp-query-reply.pcapng',
    'eigrp-sha-authentication.pcapng',
    'eigrp-unicast-neighbor-adjacency.pcap',
  ]) {
    for (const f of readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file)))).frames) frames.push(f);
  }
  assert.ok(seeds.length > 60 && frames.length > 20);

  const eigrp = newTally();
  for (let i = 0; i < ROUNDS.eigrp; i++) {
    let input: Uint8Array;
    if (i % 4 === 0) {
      input = rng.bytes(rng.int(121));
      if (input.length > 0 && rng.int(2)) input[0] = 2; // a valid version gets the decoder past the header
    } else input = mutate(rng, rng.pick(seeds));
    fuzzCheck('EIGRP', SEED, i, input, (b) => decodeEigrp(b), reencode, eigrp);
  }
  const frame = newTally();
  for (let i = 0; i < ROUNDS.frame; i++) {
    const f = rng.pick(frames);
    const input = mutate(rng, f.data);
    try {
      const d = decodeFrameEigrp(f.linkType, guarded(input));
      if (d.kind === 'eigrp' && d.eigrp.ok) frame.ok++;
      else frame.codes.add(d.kind === 'eigrp' ? (d.eigrp.ok ? 'eigrp' : d.eigrp.error.code) : d.kind);
    } catch (e) {
      assert.fail(`frame #${i} (seed ${SEED}): ${String(e)} escaped for input ${toHex(input)}`);
    }
  }
  for (const [kind, tally] of Object.entries({ eigrp, frame })) {
    t.diagnostic(`${kind}: ${tally.ok} decoded, errors/kinds seen: ${[...tally.codes].sort().join(', ')}`);
    assert.ok(tally.ok > 1000, `${kind}: the fuzzer should reach valid inputs too (got ${tally.ok})`);
  }
  for (const code of ['TRUNCATED', 'BAD_LENGTH', 'BAD_VALUE', 'BAD_VERSION'])
    assert.ok(eigrp.codes.has(code), `EIGRP fuzzing reached ${code}`);
});
