/** EIGRP packet encoder: EigrpPacket -> bytes, with the RFC 1071 checksum computed. */
import { internetChecksum } from '../checksum.js';
import { Writer } from '../cursor.js';
import { EIGRP_HEADER_LENGTH } from './decode.js';
import { encodeTlv, TLV_HEADER_LENGTH, tlvValueLength } from './tlv.js';
import type { EigrpPacket } from './types.js';

/** Bytes the packet takes on the wire (the IP header excluded). */
export function eigrpEncodingLength(p: EigrpPacket): number {
  let n = EIGRP_HEADER_LENGTH;
  for (const t of p.tlvs) n += TLV_HEADER_LENGTH + tlvValueLength(t);
  return n;
}

/**
 * Encodes a packet (layout: see decode.ts). The stored `checksum` is ignored and recomputed. An
 * Authentication TLV is written with the digest it holds: sign the result with signEigrp (digest.ts).
 * Throws RangeError for a field that cannot be represented.
 */
export function encodeEigrp(p: EigrpPacket): Uint8Array {
  const w = new Writer(eigrpEncodingLength(p));
  w.u8(p.version).u8(p.opcode).u16(0).u32(p.flags).u32(p.sequence).u32(p.ack).u16(p.vrid).u16(p.as);
  for (const t of p.tlvs) encodeTlv(w, t);
  const out = w.finish();
  w.patchU16(2, internetChecksum(out));
  return out;
}
