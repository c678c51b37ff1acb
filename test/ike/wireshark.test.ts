/**
 * Wireshark reads inside our IKEv2: the ikev2_decryption_table line logged with each IKE SA (ikeUp `keys`) lets
 * tshark decrypt IKE_AUTH (AES-GCM-256 and AES-CBC-256/HMAC-SHA-256) and find the identities we sent.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EncrName, IntegName } from '../../src/ike/algorithms.js';
import { ikev2DecryptionLine } from '../../src/ike/wireshark.js';
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';
import { encodeUdp } from '../../src/wire/udp.js';
import { A, B, Pair } from '../helpers/ike-pair.js';
import { tsharkMissing } from '../helpers/tshark.js';

const suites: Array<[EncrName, IntegName | undefined]> = [
  ['aes-gcm-16-256', undefined],
  ['aes-cbc-256', 'sha256-128'],
];

for (const [encr, integ] of suites) {
  test(`tshark decrypts IKE_AUTH with the logged line (${encr}${integ ? `/${integ}` : ''})`, {
    skip: tsharkMissing(),
  }, () => {
    const ike = [{ encr: [encr], prf: ['sha256' as const], ...(integ ? { integ: [integ] } : {}), dh: [19 as const] }];
    const p = new Pair({ ike }, { ike });
    p.take('a', p.a.initiate(p.now, B));
    p.settle();
    const up = p.actions.a.find((x) => x.kind === 'ikeUp');
    assert.ok(up?.kind === 'ikeUp' && up.keys, 'ikeUp carries the keys');
    const line = ikev2DecryptionLine(up.keys);
    const upB = p.actions.b.find((x) => x.kind === 'ikeUp');
    assert.equal(
      upB?.kind === 'ikeUp' && upB.keys ? ikev2DecryptionLine(upB.keys) : '',
      line,
      'both ends log the same line',
    );
    const dir = mkdtempSync(join(tmpdir(), 'ikev2-ws-'));
    try {
      const file = join(dir, 'ike.pcap');
      const frames = p.wire.map((d) =>
        encodeIpv4(
          makeIpv4({
            src: d.from.address,
            dst: d.to.address,
            protocol: 17,
            ttl: 64,
            payload: encodeUdp(
              { srcPort: d.from.port, dstPort: d.to.port, payload: d.bytes },
              d.from.address,
              d.to.address,
            ),
          }),
        ),
      );
      writeFileSync(
        file,
        writePcap(
          frames.map((data) => ({ data })),
          { linkType: LinkType.Raw },
        ),
      );
      const out = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-o',
          `uat:ikev2_decryption_table:${line}`,
          '-T',
          'fields',
          '-e',
          'isakmp.id.type',
          '-e',
          'ip.src',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const ids = out.split('\n').filter((l) => /^\d/.test(l));
      assert.deepEqual(ids, [`1\t${A}`, `1\t${B}`], 'IDi and IDr (ID_IPV4_ADDR) read from inside SK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
