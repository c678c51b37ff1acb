/** Client Information Entries (RFC 2332 5.2.0.1): decode, encode, size, and a defaults builder. */
import { Reader, type Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, addrLength, writeAddr } from './addr.js';
import type { Cie } from './types.js';

/** Bytes of a CIE before its addresses. */
export const CIE_FIXED_LENGTH = 12;

/*
 * RFC 2332 5.2.0.1 Client Information Entry
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      | Prefix Length |         unused                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Maximum Transmission Unit    |        Holding Time           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Cli Addr T/L | Cli SAddr T/L | Cli Proto Len |  Preference   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Client NBMA Address (variable length)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Client NBMA Subaddress (variable length)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Client Protocol Address (variable length)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Reads one CIE; throws DecodeError TRUNCATED when it runs past the reader's end. */
export function decodeCie(r: Reader): Cie {
  r.need(CIE_FIXED_LENGTH, 'CIE');
  const b = r.buf;
  const p = r.pos;
  const nbmaTl = b[p + 8];
  const subTl = b[p + 9];
  const protoLen = b[p + 10];
  const nbmaLen = nbmaTl & 0x3f;
  const subLen = subTl & 0x3f;
  const total = CIE_FIXED_LENGTH + nbmaLen + subLen + protoLen;
  if (p + total > r.end) {
    throw new DecodeError('TRUNCATED', p, `CIE addresses: need ${total} bytes, ${r.end - p} left`);
  }
  const a = p + CIE_FIXED_LENGTH;
  const cie: Cie = {
    code: b[p],
    prefixLength: b[p + 1],
    unused: (b[p + 2] << 8) | b[p + 3],
    mtu: (b[p + 4] << 8) | b[p + 5],
    holdingTime: (b[p + 6] << 8) | b[p + 7],
    nbmaTypeBits: nbmaTl & 0xc0,
    nbmaAddress: addrFromBytes(b, a, nbmaLen),
    nbmaSubaddress: addrFromBytes(b, a + nbmaLen, subLen),
    protocolAddress: addrFromBytes(b, a + nbmaLen + subLen, protoLen),
    preference: b[p + 11],
  };
  if (subTl & 0xc0) cie.nbmaSubTypeBits = subTl & 0xc0;
  r.pos = p + total;
  return cie;
}

/** Reads CIEs until the reader is exhausted. */
export function decodeCies(r: Reader): Cie[] {
  const out: Cie[] = [];
  while (r.pos < r.end) out.push(decodeCie(r));
  return out;
}

/** Reads the CIEs filling buf[start, end) (an empty list without allocating a reader). */
export function decodeCiesIn(buf: Uint8Array, start: number, end: number): Cie[] {
  return start === end ? [] : decodeCies(new Reader(buf, start, end));
}

/** Bytes one CIE takes on the wire. */
export function cieLength(c: Cie): number {
  return CIE_FIXED_LENGTH + addrLength(c.nbmaAddress) + addrLength(c.nbmaSubaddress) + addrLength(c.protocolAddress);
}

/** Appends one CIE; throws RangeError when an address cannot be encoded. */
export function encodeCie(w: Writer, c: Cie): void {
  const nbmaLen = addrLength(c.nbmaAddress);
  const subLen = addrLength(c.nbmaSubaddress);
  const protoLen = addrLength(c.protocolAddress);
  if (nbmaLen > 63 || subLen > 63 || protoLen > 255) throw new RangeError('CIE address too long for its length field');
  w.u8(c.code).u8(c.prefixLength).u16(c.unused).u16(c.mtu).u16(c.holdingTime);
  w.u8((c.nbmaTypeBits & 0xc0) | nbmaLen)
    .u8(((c.nbmaSubTypeBits ?? 0) & 0xc0) | subLen)
    .u8(protoLen)
    .u8(c.preference);
  let at = w.alloc(nbmaLen + subLen + protoLen);
  const buf = w.buffer;
  at += writeAddr(c.nbmaAddress, buf, at);
  at += writeAddr(c.nbmaSubaddress, buf, at);
  writeAddr(c.protocolAddress, buf, at);
}

/** A CIE with Cisco's defaults (success, host prefix 32, MTU 1514, holding time 7200, empty addresses). */
export function makeCie(fields: Partial<Cie> = {}): Cie {
  return {
    code: 0,
    prefixLength: 32,
    unused: 0,
    mtu: 1514,
    holdingTime: 7200,
    nbmaTypeBits: 0,
    nbmaAddress: '',
    nbmaSubaddress: '',
    protocolAddress: '',
    preference: 0,
    ...fields,
  };
}
