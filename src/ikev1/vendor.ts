/**
 * Vendor IDs (RFC 2408 3.16) and NAT detection (RFC 3947 3): the NAT-T VIDs (RFC 3947 and the draft-02 one IOS
 * also sends), the DPD VID (RFC 3706 2), and NAT-D = HASH(CKY-I | CKY-R | IP | Port), first the peer's address
 * as we send to it, then ours.
 */
import type { IsakmpPayload } from '../wire/isakmp/index.js';
import type { V1Hash } from './algorithms.js';
import { hash1 } from './keymat.js';
import { addrToBytes } from '../wire/nhrp/addr.js';
import { ipv4 } from './context.js';

const vid = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

export const VID_RFC3947 = vid('4a131c81070358455c5728f20e95452f');
export const VID_NATT_DRAFT02 = vid('90cb80913ebb696e086381b5ec427b1f');
export const VID_DPD = vid('afcad71368a1f1c96b8696fc77570100');

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Our vendor IDs. */
export function ourVendorIds(natT: boolean): IsakmpPayload[] {
  const out: IsakmpPayload[] = [{ kind: 'vendorId', data: VID_DPD }];
  if (natT) out.push({ kind: 'vendorId', data: VID_RFC3947 }, { kind: 'vendorId', data: VID_NATT_DRAFT02 });
  return out;
}

/** What the peer's vendor IDs say it does. */
export function peerVendorIds(payloads: IsakmpPayload[]): { natT: boolean; dpd: boolean } {
  const vids = payloads.flatMap((p) => (p.kind === 'vendorId' ? [p.data] : []));
  return {
    natT: vids.some((v) => same(v, VID_RFC3947) || same(v, VID_NATT_DRAFT02)),
    dpd: vids.some((v) => same(v, VID_DPD)),
  };
}

export function natHash(h: V1Hash, ckyI: Uint8Array, ckyR: Uint8Array, address: string, port: number): Uint8Array {
  // RFC 3947 3.2: HASH(CKY-I | CKY-R | IP | Port), IP 4 or 16 bytes
  const ip = address.includes(':') ? addrToBytes(address) : undefined;
  const a = ipv4(address) ?? 0;
  const bytes = ip
    ? Uint8Array.of(...ip, port >> 8, port & 255)
    : Uint8Array.of(a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, port >> 8, port & 255);
  return hash1(h, ckyI, ckyR, bytes);
}

/** Our two NAT-D payloads: the peer's endpoint as we address it, then ours. */
export function natDPayloads(
  h: V1Hash,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
  local: { address: string; port: number },
  peer: { address: string; port: number },
): IsakmpPayload[] {
  return [
    { kind: 'natD', hash: natHash(h, ckyI, ckyR, peer.address, peer.port) },
    { kind: 'natD', hash: natHash(h, ckyI, ckyR, local.address, local.port) },
  ];
}

/**
 * Reads the peer's NAT-D payloads: `local` NAT when none of its hashes of us matches our endpoint, `peer` NAT when
 * its hash of itself does not match where its message came from. Undefined when it sent none.
 */
export function detectNat(
  h: V1Hash,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
  payloads: IsakmpPayload[],
  local: { address: string; port: number },
  from: { address: string; port: number },
): { local: boolean; peer: boolean } | undefined {
  const hashes = payloads.flatMap((p) => (p.kind === 'natD' ? [p.hash] : []));
  if (hashes.length < 2) return undefined;
  const mine = natHash(h, ckyI, ckyR, local.address, local.port);
  const theirs = natHash(h, ckyI, ckyR, from.address, from.port);
  return { local: !same(hashes[0], mine), peer: !hashes.slice(1).some((x) => same(x, theirs)) };
}

export { same as sameBytes };
