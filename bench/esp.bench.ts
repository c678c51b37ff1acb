/**
 * ESP transform throughput: seal and open of 1400-byte packets, AES-GCM-256 and AES-CBC-256 + HMAC-SHA-256-128, with
 * node:crypto's cipher (an OpenSSL context made per packet) and with the addon's (contexts kept per SA, in place).
 */
import { randomBytes } from 'node:crypto';
import { EspInbound, EspOutbound, nodeEspCipher, type EspCipherFactory, type EspSa } from '../src/ipsec/index.js';
import { nativeEspCipher } from '../src/node/sys/esp-cipher.js';
import { rate } from './rate.js';

export const name = 'ipsec: ESP transform';

const SIZE = 1400;

const SAS: EspSa[] = [
  { spi: 0x1001, suite: 'aes-gcm-16', encKey: randomBytes(36) },
  { spi: 0x1002, suite: 'aes-cbc+hmac-sha256-128', encKey: randomBytes(32), authKey: randomBytes(32) },
];

const gbits = (pps: number): string => ((pps * SIZE * 8) / 1e9).toFixed(2).padStart(5);
const line = (what: string, r: { wall: number; cpu: number }): string => {
  const pps = Math.round(r.cpu).toLocaleString('en-US');
  return `  ${what.padEnd(50)} ${gbits(r.wall)} Gbit/s wall, ${gbits(r.cpu)} per CPU-second (${pps} packets/s)\n`;
};

/** Prints seal and open rates per suite for 1400-byte payloads, on one core. */
export async function run(): Promise<void> {
  const payload = randomBytes(SIZE);
  let sink = 0;
  process.stdout.write(`payload ${SIZE} bytes (inner packet), throughput counted on the payload\n`);
  const backends: [string, EspCipherFactory | undefined][] = [
    ['node:crypto', nodeEspCipher],
    ['addon', nativeEspCipher()],
  ];
  for (const [backend, cipher] of backends) {
    if (!cipher) {
      process.stdout.write(`  ${backend}: skipped (not built)\n`);
      continue;
    }
    for (const sa of SAS) sink += measure(sa, backend, cipher, payload);
  }
  if (sink === 42) process.stdout.write('\n');
}

function measure(sa: EspSa, backend: string, cipher: EspCipherFactory, payload: Uint8Array): number {
  let sink = 0;
  {
    const out = new EspOutbound(sa, cipher);
    const suite = sa.suite === 'aes-gcm-16' ? 'AES-GCM-16-256' : 'AES-CBC-256 + HMAC-SHA-256-128';
    const label = `${suite} (${backend})`;
    const seal = rate(
      () => {
        sink += out.seal(payload, 4).length;
      },
      1500,
      5_000,
    );
    // open packets sealed ahead of time; a fresh inbound SA per round, since its replay window refuses repeats
    const stream = new EspOutbound(sa);
    const packets = Array.from({ length: 4096 }, () => stream.seal(payload, 4));
    let inb = new EspInbound(sa, 1024, cipher);
    let k = 0;
    const open = rate(
      () => {
        if (k === packets.length) {
          inb = new EspInbound(sa, 1024, cipher);
          k = 0;
        }
        sink += inb.open(packets[k++]).payload.length;
      },
      1500,
      5_000,
    );
    process.stdout.write(line(`${label} seal`, seal));
    process.stdout.write(line(`${label} open`, open));
  }
  return sink;
}
