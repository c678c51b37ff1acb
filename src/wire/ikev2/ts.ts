/** IKEv2 Traffic Selector payload body (RFC 7296 3.13). */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, addrLength, writeAddr } from '../nhrp/addr.js';
import { TsType, type TrafficSelector } from './types.js';

/*
 * RFC 7296 3.13 body: | Number of TSs | RESERVED (24) | Traffic Selectors ...
 * RFC 7296 3.13.1 selector:
 * |   TS Type     |IP Protocol ID*|       Selector Length         |
 * |           Start Port*         |           End Port*           |
 * |                 Starting Address* (4 or 16 bytes)             |
 * |                 Ending Address* (4 or 16 bytes)               |
 * Types other than 7 (IPv4) and 8 (IPv6) keep the bytes after Selector Length raw.
 */
/** Decodes a TS payload body over [start, end). */
export function decodeSelectors(b: Uint8Array, start: number, end: number): TrafficSelector[] {
  if (start + 4 > end) throw new DecodeError('TRUNCATED', start, `TS payload: need 4 bytes, ${end - start} left`);
  const count = b[start];
  const out: TrafficSelector[] = [];
  let at = start + 4;
  for (let i = 0; i < count; i++) {
    if (at + 4 > end) {
      throw new DecodeError('TRUNCATED', at, `traffic selector ${i + 1} of ${count}: need 4 bytes, ${end - at} left`);
    }
    const tsType = b[at];
    const ipProtocol = b[at + 1];
    const length = (b[at + 2] << 8) | b[at + 3];
    if (length < 4) {
      throw new DecodeError('BAD_LENGTH', at + 2, `traffic selector length: expected at least 4, found ${length}`);
    }
    if (at + length > end) {
      throw new DecodeError('TRUNCATED', at + 2, `traffic selector length ${length}, ${end - at} bytes left`);
    }
    if (tsType === TsType.Ipv4AddrRange || tsType === TsType.Ipv6AddrRange) {
      const n = tsType === TsType.Ipv4AddrRange ? 4 : 16;
      if (length !== 8 + 2 * n) {
        throw new DecodeError(
          'BAD_LENGTH',
          at + 2,
          `traffic selector type ${tsType}: expected length ${8 + 2 * n}, found ${length}`,
        );
      }
      out.push({
        tsType,
        ipProtocol,
        startPort: (b[at + 4] << 8) | b[at + 5],
        endPort: (b[at + 6] << 8) | b[at + 7],
        startAddress: addrFromBytes(b, at + 8, n),
        endAddress: addrFromBytes(b, at + 8 + n, n),
      });
    } else {
      out.push({ tsType, ipProtocol, data: b.subarray(at + 4, at + length) });
    }
    at += length;
  }
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `TS payload: ${end - at} bytes after its ${count} selectors`);
  return out;
}

/** Writes a TS payload body. Throws RangeError for more than 255 selectors or addresses of the wrong family. */
export function encodeSelectors(w: Writer, selectors: readonly TrafficSelector[]): void {
  if (selectors.length > 255) throw new RangeError(`${selectors.length} traffic selectors do not fit Number of TSs`);
  w.u8(selectors.length).u8(0).u16(0);
  for (const ts of selectors) {
    if ('data' in ts) {
      w.u8(ts.tsType)
        .u8(ts.ipProtocol)
        .u16(4 + ts.data.length)
        .bytes(ts.data);
      continue;
    }
    const n = ts.tsType === TsType.Ipv4AddrRange ? 4 : 16;
    if (addrLength(ts.startAddress) !== n || addrLength(ts.endAddress) !== n) {
      throw new RangeError(
        `traffic selector type ${ts.tsType} needs ${n}-byte addresses: '${ts.startAddress}'-'${ts.endAddress}'`,
      );
    }
    w.u8(ts.tsType)
      .u8(ts.ipProtocol)
      .u16(8 + 2 * n)
      .u16(ts.startPort)
      .u16(ts.endPort);
    const at = w.alloc(2 * n);
    writeAddr(ts.startAddress, w.buffer, at);
    writeAddr(ts.endAddress, w.buffer, at + n);
  }
}
