/**
 * Data attributes of SA transforms, in the TV/TLV form IKEv1 (RFC 2408 3.3) and IKEv2 (RFC 7296 3.3.5)
 * share: the Attribute Format bit set means a 16-bit value in place of the length (TV).
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';

/** One attribute: a number is a TV value (AF = 1), bytes are a TLV value (AF = 0). */
export interface Attribute {
  type: number;
  value: number | Uint8Array;
}

const AF = 0x8000;

/*
 * RFC 2408 3.3 / RFC 7296 3.3.5
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|       Attribute Type        |    AF=0  Attribute Length     |
 * |F|                             |    AF=1  Attribute Value      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   AF=0  Attribute Value                       |
 * |                   AF=1  Not Transmitted                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Reads the attributes filling [start, end) of `b`; byte values are views into `b`. */
export function decodeAttributes(b: Uint8Array, start: number, end: number): Attribute[] {
  const out: Attribute[] = [];
  let at = start;
  while (at < end) {
    if (at + 4 > end) throw new DecodeError('TRUNCATED', at, `attribute: need 4 bytes, ${end - at} left`);
    const field = (b[at] << 8) | b[at + 1];
    const second = (b[at + 2] << 8) | b[at + 3];
    if (field & AF) {
      out.push({ type: field & 0x7fff, value: second });
      at += 4;
    } else {
      if (at + 4 + second > end) {
        throw new DecodeError(
          'TRUNCATED',
          at + 2,
          `attribute ${field} value: need ${second} bytes, ${end - at - 4} left`,
        );
      }
      out.push({ type: field, value: b.subarray(at + 4, at + 4 + second) });
      at += 4 + second;
    }
  }
  return out;
}

/** Bytes the attributes take. */
export function attributesLength(attrs: readonly Attribute[]): number {
  let n = 0;
  for (const a of attrs) n += typeof a.value === 'number' ? 4 : 4 + a.value.length;
  return n;
}

/** Writes the attributes; throws RangeError for a type over 15 bits or a value that does not fit. */
export function encodeAttributes(w: Writer, attrs: readonly Attribute[]): void {
  for (const a of attrs) {
    if (a.type < 0 || a.type > 0x7fff) throw new RangeError(`attribute type ${a.type} does not fit 15 bits`);
    if (typeof a.value === 'number') {
      if (a.value < 0 || a.value > 0xffff) {
        throw new RangeError(`TV attribute ${a.type} value ${a.value} does not fit 16 bits`);
      }
      w.u16(AF | a.type).u16(a.value);
    } else {
      if (a.value.length > 0xffff) {
        throw new RangeError(`TLV attribute ${a.type} of ${a.value.length} bytes is too long`);
      }
      w.u16(a.type).u16(a.value.length).bytes(a.value);
    }
  }
}

/**
 * The value of the first attribute of `type` (a TV number, or a TLV value read as a big-endian integer up to 6 bytes).
 */
export function attributeValue(attrs: readonly Attribute[], type: number): number | undefined {
  const a = attrs.find((x) => x.type === type);
  if (!a) return undefined;
  if (typeof a.value === 'number') return a.value;
  if (a.value.length > 6) return undefined;
  let v = 0;
  for (const x of a.value) v = v * 256 + x;
  return v;
}
