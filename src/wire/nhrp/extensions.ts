/** NHRP extensions (RFC 2332 5.3 plus Cisco's Authentication, Vendor-Private and NAT): decode, encode, size. */
import type { Reader, Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { cieLength, decodeCiesIn, encodeCie } from './cie.js';
import { ExtType, type Extension } from './types.js';

const COMPULSORY = 0x8000;

/*
 * RFC 2332 5.3 extension
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|u|        Type               |        Length                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value...                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Responder (3), Forward (4) / Reverse (5) Transit NHS Record, Cisco NAT (9): value = CIEs.
 * Cisco Authentication (7): value = 4-byte SPI, then the cleartext password (no padding).
 * Vendor-Private (8): value = 3-byte OUI, then vendor data.
 * Types with the reserved 'u' bit set are kept as unknown.
 */
/** Reads one extension from `r` (positioned at its type field). */
export function decodeExtension(r: Reader): Extension {
  const at = r.pos;
  r.need(4, 'extension header');
  const b = r.buf;
  const typeField = (b[at] << 8) | b[at + 1];
  const length = (b[at + 2] << 8) | b[at + 3];
  const start = at + 4;
  const end = start + length;
  if (end > r.end)
    throw new DecodeError('TRUNCATED', start, `extension value: need ${length} bytes, ${r.end - start} left`);
  r.pos = end;
  const compulsory = (typeField & COMPULSORY) !== 0;
  const code = typeField & 0x7fff;
  switch (code) {
    case ExtType.End:
      if (length === 0) return { type: 'end', compulsory };
      break;
    case ExtType.ResponderAddress:
      return { type: 'responder', compulsory, cies: decodeCiesIn(b, start, end) };
    case ExtType.ForwardTransit:
      return { type: 'forwardTransit', compulsory, cies: decodeCiesIn(b, start, end) };
    case ExtType.ReverseTransit:
      return { type: 'reverseTransit', compulsory, cies: decodeCiesIn(b, start, end) };
    case ExtType.CiscoNat:
      return { type: 'ciscoNat', compulsory, cies: decodeCiesIn(b, start, end) };
    case ExtType.Authentication: {
      if (length < 4)
        throw new DecodeError(
          'BAD_LENGTH',
          at + 2,
          `authentication extension: need at least 4 bytes (SPI), found ${length}`,
        );
      const spi = ((b[start] << 24) | (b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3]) >>> 0;
      return { type: 'authentication', compulsory, spi, data: b.subarray(start + 4, end) };
    }
    case ExtType.VendorPrivate: {
      if (length < 3)
        throw new DecodeError(
          'BAD_LENGTH',
          at + 2,
          `vendor-private extension: need at least 3 bytes (OUI), found ${length}`,
        );
      const oui = (b[start] << 16) | (b[start + 1] << 8) | b[start + 2];
      return { type: 'vendorPrivate', compulsory, oui, data: b.subarray(start + 3, end) };
    }
  }
  return { type: 'unknown', compulsory, code, data: b.subarray(start, end) };
}

/** Reads extensions until End (or the reader's end); returns them and any bytes left after End. */
export function decodeExtensions(r: Reader): { extensions: Extension[]; trailer?: Uint8Array } {
  const extensions: Extension[] = [];
  while (r.pos < r.end) {
    const e = decodeExtension(r);
    extensions.push(e);
    if (e.type === 'end') {
      return r.pos < r.end ? { extensions, trailer: r.bytes(r.remaining) } : { extensions };
    }
  }
  return { extensions };
}

/** The 16-bit type field of an extension, compulsory bit included. */
export function extensionTypeField(e: Extension): number {
  const c = e.compulsory ? COMPULSORY : 0;
  switch (e.type) {
    case 'end':
      return c | ExtType.End;
    case 'responder':
      return c | ExtType.ResponderAddress;
    case 'forwardTransit':
      return c | ExtType.ForwardTransit;
    case 'reverseTransit':
      return c | ExtType.ReverseTransit;
    case 'authentication':
      return c | ExtType.Authentication;
    case 'vendorPrivate':
      return c | ExtType.VendorPrivate;
    case 'ciscoNat':
      return c | ExtType.CiscoNat;
    case 'unknown':
      return c | (e.code & 0x7fff);
  }
}

/** Bytes of an extension's value (the 4-byte type/length header excluded). */
export function extensionValueLength(e: Extension): number {
  switch (e.type) {
    case 'end':
      return 0;
    case 'authentication':
      return 4 + e.data.length;
    case 'vendorPrivate':
      return 3 + e.data.length;
    case 'unknown':
      return e.data.length;
    default: {
      let n = 0;
      for (const c of e.cies) n += cieLength(c);
      return n;
    }
  }
}

/** Appends one extension (header and value). */
export function encodeExtension(w: Writer, e: Extension): void {
  const len = extensionValueLength(e);
  if (len > 0xffff) throw new RangeError(`extension ${e.type}: value of ${len} bytes does not fit a 16-bit length`);
  w.u16(extensionTypeField(e)).u16(len);
  switch (e.type) {
    case 'end':
      return;
    case 'authentication':
      w.u32(e.spi).bytes(e.data);
      return;
    case 'vendorPrivate':
      w.u16(e.oui >>> 8)
        .u8(e.oui)
        .bytes(e.data);
      return;
    case 'unknown':
      w.bytes(e.data);
      return;
    default:
      for (const c of e.cies) encodeCie(w, c);
  }
}
