/** NHRP packet encoder: NhrpPacket -> bytes, with ar$pktsz, ar$extoff and the RFC 1071 checksum computed. */
import { internetChecksum } from '../checksum.js';
import { Writer } from '../cursor.js';
import { addrLength, writeAddr } from './addr.js';
import { cieLength, encodeCie } from './cie.js';
import { hasCies, NHRP_FIXED_LENGTH } from './decode.js';
import { encodeExtension, extensionValueLength } from './extensions.js';
import type { NhrpPacket } from './types.js';

/** Bytes the packet takes on the wire (the GRE header excluded). */
export function nhrpEncodingLength(p: NhrpPacket): number {
  let n = NHRP_FIXED_LENGTH + 8;
  n += addrLength(p.srcNbma) + addrLength(p.srcNbmaSubaddress) + addrLength(p.srcProto) + addrLength(p.dstProto);
  if (hasCies(p.type)) for (const c of p.cies) n += cieLength(c);
  else n += p.payload.length;
  for (const e of p.extensions) n += 4 + extensionValueLength(e);
  if (p.trailer) n += p.trailer.length;
  return n;
}

/**
 * Encodes a packet (layout: see decode.ts). The stored `checksum` is ignored and recomputed; ar$extoff is 0
 * when there are no extensions. Types 1-6 carry `cies`, others `payload`. Throws RangeError for a field that
 * cannot be represented (an address too long for its length field, a packet over 65535 bytes).
 */
export function encodeNhrp(p: NhrpPacket): Uint8Array {
  const total = nhrpEncodingLength(p);
  if (total > 0xffff) throw new RangeError(`NHRP packet of ${total} bytes does not fit ar$pktsz`);
  const nbmaLen = addrLength(p.srcNbma);
  const subLen = addrLength(p.srcNbmaSubaddress);
  const srcLen = addrLength(p.srcProto);
  const dstLen = addrLength(p.dstProto);
  if (nbmaLen > 63 || subLen > 63) throw new RangeError('NHRP source NBMA address or subaddress longer than 63 bytes');
  if (srcLen > 255 || dstLen > 255) throw new RangeError('NHRP protocol address longer than 255 bytes');
  if (p.snap.length !== 5) throw new RangeError(`NHRP ar$pro.snap must be 5 bytes, found ${p.snap.length}`);

  const w = new Writer(total);
  w.u16(p.afn).u16(p.protocolType).bytes(p.snap).u8(p.hopCount).u16(total).u16(0).u16(0);
  w.u8(p.version)
    .u8(p.type)
    .u8((p.shtlTypeBits & 0xc0) | nbmaLen)
    .u8((p.sstlTypeBits & 0xc0) | subLen);
  w.u8(srcLen).u8(dstLen).u16(p.flags).u32(p.requestId);
  let at = w.alloc(nbmaLen + subLen + srcLen + dstLen);
  const buf = w.buffer;
  at += writeAddr(p.srcNbma, buf, at);
  at += writeAddr(p.srcNbmaSubaddress, buf, at);
  at += writeAddr(p.srcProto, buf, at);
  writeAddr(p.dstProto, buf, at);
  if (hasCies(p.type)) for (const c of p.cies) encodeCie(w, c);
  else w.bytes(p.payload);
  if (p.extensions.length > 0) {
    w.patchU16(14, w.pos);
    for (const e of p.extensions) encodeExtension(w, e);
  }
  if (p.trailer) w.bytes(p.trailer);
  const out = w.finish();
  w.patchU16(12, internetChecksum(out));
  return out;
}
