import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readAllIkeFrames, readIkeFrames } from '../../../src/lab/checks/ike-frames.js';
import { readPackets } from '../../../src/lab/checks/packets.js';
import {
  decodeGre,
  decodeIpv4,
  encodeGre,
  encodeIpv4,
  linkPayload,
  readCapture,
  writePcap,
} from '../../../src/wire/index.js';
import { removeTemps, tempDir } from '../../helpers/lab.js';

after(removeTemps);
/** Raw IPv4, no link header. */
const LINKTYPE_RAW = 101;

const CISCO = new URL('../../fixtures/reference/cisco/', import.meta.url).pathname;

describe('IKE frames of a capture', () => {
  it('IKEv1 Main Mode then Quick Mode: exchange, direction, the encrypted ones', () => {
    const f = readIkeFrames(`${CISCO}wireshark-capture-ipsec-ikev1-isakmp-main-mode.pcap`);
    assert.deepEqual(
      f.map((x) => [x.frame, x.version, x.exchange, x.src, x.encrypted]),
      [
        [1, 1, 'Identity Protection (Main Mode)', '192.168.12.1', false],
        [2, 1, 'Identity Protection (Main Mode)', '192.168.12.2', false],
        [3, 1, 'Identity Protection (Main Mode)', '192.168.12.1', false],
        [4, 1, 'Identity Protection (Main Mode)', '192.168.12.2', false],
        [5, 1, 'Identity Protection (Main Mode)', '192.168.12.1', true],
        [6, 1, 'Identity Protection (Main Mode)', '192.168.12.2', true],
        [7, 1, 'Quick Mode', '192.168.12.1', true],
        [8, 1, 'Quick Mode', '192.168.12.2', true],
        [9, 1, 'Quick Mode', '192.168.12.1', true],
      ],
    );
  });

  it('IKEv2: requests and responses, Notify payloads in the clear, status ones not counted as errors', () => {
    const f = readAllIkeFrames([`${CISCO}wireshark-capture-ipsec-ikev2.pcap`, '/nonexistent.pcap']);
    assert.deepEqual(
      f.map((x) => [x.frame, x.version, x.exchange, x.response, x.encrypted, x.notifies.length, x.errors]),
      [
        [1, 2, 'IKE_SA_INIT', false, false, 2, []],
        [2, 2, 'IKE_SA_INIT', true, false, 2, []],
        [3, 2, 'IKE_AUTH', false, true, 0, []],
        [4, 2, 'IKE_AUTH', true, true, 0, []],
      ],
    );
    assert.ok(f[0]!.notifies.includes('NAT_DETECTION_SOURCE_IP'));
  });

  it('GRE frames carry their key (NHRP and data), a frame without one has none', () => {
    const src = readCapture(readFileSync(`${CISCO}dmvpn-nhrp-registration.pcap`));
    const records = src.frames.map((f, i) => {
      const ip = decodeIpv4(linkPayload(f.linkType, f.data).payload);
      const gre = decodeGre(ip.payload);
      const keyed = i === 0 ? { ...gre, key: 110 } : gre;
      return { data: encodeIpv4({ ...ip, payload: encodeGre(keyed) }), timestampNs: f.timestampNs };
    });
    const file = join(tempDir('dmvpn-lab-gre-'), 'keyed.pcap');
    writeFileSync(file, writePcap(records, { linkType: LINKTYPE_RAW }));
    const ps = readPackets(file);
    assert.deepEqual(
      ps.map((p) => [p.frame, p.kind, p.greKey]),
      src.frames.map((_, i) => [i + 1, 'nhrp', i === 0 ? 110 : undefined]),
    );
  });
});
