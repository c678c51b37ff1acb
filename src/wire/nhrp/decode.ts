/** NHRP packet decoder (RFC 2332 5.2, Cisco DMVPN Traffic Indication): bytes -> NhrpPacket, or DecodeError. */
import { onesSum } from '../checksum.js';
import { Reader } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes } from './addr.js';
import { decodeCiesIn } from './cie.js';
import { decodeExtensions } from './extensions.js';
import type { Cie, NhrpPacket } from './types.js';

/** Bytes of the NHRP fixed header (RFC 2332 5.2.0). */
export const NHRP_FIXED_LENGTH = 20;
const EMPTY: Uint8Array = new Uint8Array(0);

/** Options for decodeNhrp. */
export interface DecodeNhrpOptions {
  /** Reject a packet whose ar$chksum is wrong with DecodeError BAD_CHECKSUM (default false: report only). */
  verifyChecksum?: boolean;
}

/** Whether types 1-6 (CIEs follow the addresses) rather than 7, 8 and unknown types (a raw payload follows). */
export function hasCies(type: number): boolean {
  return type >= 1 && type <= 6;
}

/** True when the RFC 1071 checksum over the packet's ar$pktsz bytes is correct. */
export function nhrpChecksumOk(bytes: Uint8Array): boolean {
  if (bytes.length < NHRP_FIXED_LENGTH) return false;
  const pktsz = (bytes[10] << 8) | bytes[11];
  if (pktsz < NHRP_FIXED_LENGTH || pktsz > bytes.length) return false;
  return onesSum(bytes, 0, pktsz) === 0xffff;
}

/*
 * RFC 2332 5.2.0 fixed header, then 5.2.0.1 mandatory part
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            ar$afn             |          ar$pro.type          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          ar$pro.snap                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ar$pro.snap  |   ar$hopcnt   |            ar$pktsz           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           ar$chksum           |            ar$extoff          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ar$op.version |   ar$op.type  |    ar$shtl    |    ar$sstl    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Src Proto Len | Dst Proto Len |           Flags               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Request ID  (Error Ind.: code + offset; Traffic Ind.: code) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Source NBMA Address | Source NBMA Subaddress                  |
 * | Source Protocol Address | Destination Protocol Address        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | CIEs (types 1-6)  or  payload (Error / Traffic Indication)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Extensions, from ar$extoff to ar$pktsz (ar$extoff 0 = none)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/**
 * Decodes one NHRP packet (the bytes after the GRE header). Bytes after ar$pktsz are ignored.
 * Byte fields (snap, payload, extension data) are views into `bytes`. Throws only DecodeError.
 */
export function decodeNhrp(bytes: Uint8Array, opts: DecodeNhrpOptions = {}): NhrpPacket {
  const b = bytes;
  if (b.length < NHRP_FIXED_LENGTH) {
    throw new DecodeError('TRUNCATED', 0, `NHRP fixed header: need ${NHRP_FIXED_LENGTH} bytes, ${b.length} left`);
  }
  const pktsz = (b[10] << 8) | b[11];
  const extoff = (b[14] << 8) | b[15];
  const version = b[16];
  const type = b[17];
  const shtl = b[18];
  const sstl = b[19];
  if (version !== 1) throw new DecodeError('BAD_VERSION', 16, `NHRP ar$op.version: expected 1, found ${version}`);
  if (pktsz < NHRP_FIXED_LENGTH)
    throw new DecodeError('BAD_LENGTH', 10, `NHRP ar$pktsz: expected at least 20, found ${pktsz}`);
  if (pktsz > b.length)
    throw new DecodeError('TRUNCATED', 10, `NHRP ar$pktsz says ${pktsz} bytes, only ${b.length} present`);
  if (opts.verifyChecksum && onesSum(b, 0, pktsz) !== 0xffff) {
    throw new DecodeError('BAD_CHECKSUM', 12, `NHRP checksum 0x${((b[12] << 8) | b[13]).toString(16)} is wrong`);
  }

  if (pktsz < 28)
    throw new DecodeError('TRUNCATED', NHRP_FIXED_LENGTH, `NHRP mandatory part: need 8 bytes, ${pktsz - 20} left`);
  const srcProtoLen = b[20];
  const dstProtoLen = b[21];
  const flags = (b[22] << 8) | b[23];
  const requestId = ((b[24] << 24) | (b[25] << 16) | (b[26] << 8) | b[27]) >>> 0;
  const nbmaLen = shtl & 0x3f;
  const subLen = sstl & 0x3f;
  const a = 28;
  const mandEnd = a + nbmaLen + subLen + srcProtoLen + dstProtoLen;
  if (mandEnd > pktsz)
    throw new DecodeError('TRUNCATED', a, `NHRP addresses: need ${mandEnd - a} bytes, ${pktsz - a} left`);

  if (extoff !== 0 && extoff < mandEnd) {
    throw new DecodeError(
      'BAD_VALUE',
      14,
      `NHRP ar$extoff ${extoff} points inside the mandatory part (ends at ${mandEnd})`,
    );
  }
  if (extoff > pktsz) throw new DecodeError('BAD_VALUE', 14, `NHRP ar$extoff ${extoff} is past ar$pktsz ${pktsz}`);
  const bodyEnd = extoff === 0 ? pktsz : extoff;

  let cies: Cie[] = [];
  let payload = EMPTY;
  if (hasCies(type)) cies = decodeCiesIn(b, mandEnd, bodyEnd);
  else payload = b.subarray(mandEnd, bodyEnd);

  const p: NhrpPacket = {
    afn: (b[0] << 8) | b[1],
    protocolType: (b[2] << 8) | b[3],
    snap: b.subarray(4, 9),
    hopCount: b[9],
    checksum: (b[12] << 8) | b[13],
    version,
    type,
    shtlTypeBits: shtl & 0xc0,
    sstlTypeBits: sstl & 0xc0,
    flags,
    requestId,
    srcNbma: addrFromBytes(b, a, nbmaLen),
    srcNbmaSubaddress: addrFromBytes(b, a + nbmaLen, subLen),
    srcProto: addrFromBytes(b, a + nbmaLen + subLen, srcProtoLen),
    dstProto: addrFromBytes(b, a + nbmaLen + subLen + srcProtoLen, dstProtoLen),
    cies,
    payload,
    extensions: [],
  };
  if (extoff !== 0) {
    const ext = decodeExtensions(new Reader(b, extoff, pktsz));
    p.extensions = ext.extensions;
    if (ext.trailer) p.trailer = ext.trailer;
  }
  return p;
}
