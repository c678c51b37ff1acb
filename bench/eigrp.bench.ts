/** EIGRP codec throughput: decode and encode rates for an Update with 10 wide-metric routes, plain and signed. */
import {
  authTlv,
  decodeEigrp,
  eigrpChecksumOk,
  EigrpOpcode,
  encodeEigrp,
  makeEigrp,
  signEigrp,
  wideMetric,
  type EigrpTlv,
} from '../src/wire/eigrp/index.js';
import { fmt, rate } from './rate.js';

export const name = 'wire: EIGRP codec';

/** Ten IPv4 internal routes (10.0.k.0/24) with wide metrics, as an IOS 15 router advertises them. */
function routes(): EigrpTlv[] {
  return Array.from({ length: 10 }, (_, k) => ({
    type: 'wideInternal',
    topology: 0,
    afi: 1,
    routerId: '10.255.0.1',
    nextHop: '0.0.0.0',
    metric: wideMetric({ hopCount: k % 3 }),
    destinations: [{ prefixLength: 24, prefix: `10.0.${k}.0` }],
  }));
}

/** Prints decode, checksum + decode, encode, and encode + sign rates on one core. */
export async function run(): Promise<void> {
  const update = makeEigrp({ opcode: EigrpOpcode.Update, sequence: 42, ack: 41, as: 100, tlvs: routes() });
  const bytes = encodeEigrp(update);
  const signedPacket = makeEigrp({ ...update, tlvs: [authTlv('sha256'), ...update.tlvs] });
  const key = { mode: 'sha256', password: 'SECRET_KEY', source: '192.0.2.1' } as const;
  let sink = 0;
  const decode = rate(() => {
    sink += decodeEigrp(bytes).tlvs.length;
  });
  const verified = rate(() => {
    sink += eigrpChecksumOk(bytes) ? decodeEigrp(bytes).sequence : 0;
  });
  const encode = rate(() => {
    sink += encodeEigrp(update).length;
  });
  const signed = rate(() => {
    sink += signEigrp(encodeEigrp(signedPacket), key).length;
  }, 1000);
  process.stdout.write(`Update with 10 wide-metric IPv4 routes, ${bytes.length} bytes\n`);
  process.stdout.write(`  decode                  ${fmt(decode)}\n`);
  process.stdout.write(`  checksum check + decode ${fmt(verified)}\n`);
  process.stdout.write(`  encode (with checksum)  ${fmt(encode)}\n`);
  process.stdout.write(`  encode + HMAC-SHA-256   ${fmt(signed)}\n`);
  if (sink === 42) process.stdout.write('\n');
}
