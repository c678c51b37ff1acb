/** NHRP codec throughput: decode and encode rates for a Cisco Registration Request with its extensions. */
import { decodeNhrp, encodeNhrp, nhrpChecksumOk } from '../src/wire/nhrp/index.js';
import { rate } from './rate.js';

export const name = 'wire: NHRP codec';

/** Registration Request, ID 1, from dmvpn-nhrp-registration.pcap frame 1 (Responder, Forward, Reverse, Auth, NAT, End). */
const REG_REQ = Uint8Array.from(
  Buffer.from(
    '000108000000000000ff0069a25d0034010304000404800200000001c0a87b02ac107b02ac107b010020000045fc1c20000000ff8003000080040000800500008007000900000001444d56504e000900140020000045fc0000040004ffc0a87b01ac107b0180000000',
    'hex',
  ),
);

const num = (r: number): string => Math.round(r).toLocaleString('en-US').padStart(10);
const fmt = (r: { wall: number; cpu: number }): string => `${num(r.wall)} packets/s wall, ${num(r.cpu)} per CPU-second`;

/** Prints decode, decode+checksum, and encode rates on one core. */
export async function run(): Promise<void> {
  const packet = decodeNhrp(REG_REQ);
  let sink = 0;
  const decode = rate(() => {
    sink += decodeNhrp(REG_REQ).requestId;
  });
  const verified = rate(() => {
    sink += nhrpChecksumOk(REG_REQ) ? decodeNhrp(REG_REQ).requestId : 0;
  });
  const encode = rate(() => {
    sink += encodeNhrp(packet).length;
  });
  process.stdout.write(`Registration Request with Cisco extensions, ${REG_REQ.length} bytes\n`);
  process.stdout.write(`  decode                  ${fmt(decode)}   (target >= 500,000)\n`);
  process.stdout.write(`  checksum check + decode ${fmt(verified)}\n`);
  process.stdout.write(`  encode (with checksum)  ${fmt(encode)}\n`);
  if (sink === 42) process.stdout.write('\n');
}
