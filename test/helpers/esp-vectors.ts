/**
 * ESP known answers. The expected packets were computed by an independent implementation (Python
 * `cryptography` 48: AESGCM, AES-CBC and hmac/SHA-256) from the inputs below, and tshark decrypts them
 * (test/ipsec/esp-tshark.test.ts). RFC 4106 has no ESP vectors of its own.
 */
import type { EspSa } from '../../src/ipsec/index.js';
import { hex } from './wire.js';

const range = (from: number, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => from + i);

/** The inner packet: IPv4 10.1.1.1 -> 10.2.2.2, ICMP echo id 1 seq 1, "dmvpn-lab ESP known answer". */
export const INNER = hex(
  '45000036123400004001518e0a0101010a0202020800c79e00010001646d76706e2d6c616220455350206b6e6f776e20616e' + '73776572',
);

/**
 * AES-GCM-16 with a 256-bit key (bytes 0..31) and salt cafebabe; SPI 0xa5f1, sequence 1, IV = 64-bit 1, tunnel mode.
 */
export const GCM_SA: EspSa = {
  spi: 0xa5f1,
  suite: 'aes-gcm-16',
  encKey: Uint8Array.from([...range(0, 32), ...hex('cafebabe')]),
};
export const GCM_SEQ = 1;
export const GCM_IV = hex('0000000000000001');
export const GCM_ESP = hex(
  '0000a5f1000000010000000000000001cd929ab27bd22c213ca83baaa4653f66dc842614600b69f1f691d4abd0203a1c8bcb' +
    'b1a245a95958386efd3a9a6cf01d01aeeabb00176201a6b14473045746dac19c83316b90d19f',
);

/** AES-CBC-256 (key 0x20..0x3f) with HMAC-SHA-256-128 (key 0x40..0x5f); SPI 0xc0b1, sequence 7, IV 0x60..0x6f. */
export const CBC_SA: EspSa = {
  spi: 0xc0b1,
  suite: 'aes-cbc+hmac-sha256-128',
  encKey: range(0x20, 32),
  authKey: range(0x40, 32),
};
export const CBC_SEQ = 7;
export const CBC_IV = range(0x60, 16);
export const CBC_ESP = hex(
  '0000c0b100000007606162636465666768696a6b6c6d6e6ff6940a7733a72b60ae4e59d43b96d7e92e8ba87ee94a083c8f42' +
    'c7c057ff35c4db1c6d572ac6b5d34900e85240e29a19479dc99bafce9de6ef62094308428c0e6b6665d1c08c30cdb659d7dd' +
    '579ad218',
);
