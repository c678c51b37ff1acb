/** IKEv1 payload bodies other than SA (RFC 2408 3.7-3.16, RFC 2407 4.6.2, RFC 3947 3.2 and 5.2). */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, addrLength, writeAddr } from '../nhrp/addr.js';
import { u32, type PayloadSpan } from './header.js';
import { decodeSaBody, encodeSaBody } from './sa.js';
import { IsakmpPayloadType as T, type IsakmpPayload } from './types.js';

/** The payload type number of a modelled payload. */
export function isakmpPayloadType(p: IsakmpPayload): number {
  switch (p.kind) {
    case 'sa':
      return T.SecurityAssociation;
    case 'ke':
      return T.KeyExchange;
    case 'id':
      return T.Identification;
    case 'cert':
      return T.Certificate;
    case 'certreq':
      return T.CertificateRequest;
    case 'hash':
      return T.Hash;
    case 'sig':
      return T.Signature;
    case 'nonce':
      return T.Nonce;
    case 'notify':
      return T.Notification;
    case 'delete':
      return T.Delete;
    case 'vendorId':
      return T.VendorId;
    case 'natD':
      return T.NatD;
    case 'natOa':
      return T.NatOa;
    case 'unknown':
      return p.type;
  }
}

function need(s: PayloadSpan, n: number, what: string): void {
  if (s.start + n > s.end) {
    throw new DecodeError('TRUNCATED', s.start, `${what}: need ${n} bytes, ${s.end - s.start} left`);
  }
}

/*
 * Bodies after the generic payload header:
 * ID (RFC 2407 4.6.2):    | ID Type | Protocol ID |  Port (16)  | Identification Data ...
 * CERT / CR (3.9, 3.10):  | Encoding | Certificate Data / Certificate Authority ...
 * Notification (3.14):    | DOI (32) | Protocol-ID | SPI Size | Notify Message Type (16) | SPI | Data ...
 * Delete (3.15):          | DOI (32) | Protocol-Id | SPI Size | # of SPIs (16) | SPIs ...
 * NAT-OA (RFC 3947 5.2):  | ID Type | RESERVED (24) | IPv4 (4) or IPv6 (16) address
 * KE, HASH, SIG, Nonce, Vendor ID, NAT-D: the data itself.
 */
/** Decodes the body of one payload whose generic header is `s`. Throws only DecodeError. */
export function decodeIsakmpPayload(b: Uint8Array, s: PayloadSpan): IsakmpPayload {
  const body = b.subarray(s.start, s.end);
  switch (s.type) {
    case T.SecurityAssociation:
      return decodeSaBody(b, s.start, s.end) ?? { kind: 'unknown', type: s.type, body };
    case T.KeyExchange:
      return { kind: 'ke', data: body };
    case T.Identification:
      need(s, 4, 'ID payload');
      return {
        kind: 'id',
        idType: b[s.start],
        protocolId: b[s.start + 1],
        port: (b[s.start + 2] << 8) | b[s.start + 3],
        data: body.subarray(4),
      };
    case T.Certificate:
    case T.CertificateRequest:
      need(s, 1, 'certificate payload');
      return { kind: s.type === T.Certificate ? 'cert' : 'certreq', encoding: b[s.start], data: body.subarray(1) };
    case T.Hash:
      return { kind: 'hash', data: body };
    case T.Signature:
      return { kind: 'sig', data: body };
    case T.Nonce:
      return { kind: 'nonce', data: body };
    case T.Notification: {
      need(s, 8, 'notification payload');
      const spiSize = b[s.start + 5];
      need(s, 8 + spiSize, 'notification SPI');
      return {
        kind: 'notify',
        doi: u32(b, s.start),
        protocolId: b[s.start + 4],
        notifyType: (b[s.start + 6] << 8) | b[s.start + 7],
        spi: body.subarray(8, 8 + spiSize),
        data: body.subarray(8 + spiSize),
      };
    }
    case T.Delete: {
      need(s, 8, 'delete payload');
      const spiSize = b[s.start + 5];
      const count = (b[s.start + 6] << 8) | b[s.start + 7];
      if (8 + spiSize * count !== body.length) {
        throw new DecodeError(
          'BAD_LENGTH',
          s.at + 2,
          `delete payload: ${count} SPIs of ${spiSize} bytes in ${body.length - 8} bytes`,
        );
      }
      const spis: Uint8Array[] = [];
      for (let i = 0; i < count; i++) spis.push(body.subarray(8 + i * spiSize, 8 + (i + 1) * spiSize));
      return { kind: 'delete', doi: u32(b, s.start), protocolId: b[s.start + 4], spiSize, spis };
    }
    case T.VendorId:
      return { kind: 'vendorId', data: body };
    case T.NatD:
      return { kind: 'natD', hash: body };
    case T.NatOa: {
      need(s, 4, 'NAT-OA payload');
      const n = body.length - 4;
      if (n !== 4 && n !== 16) {
        throw new DecodeError('BAD_LENGTH', s.at + 2, `NAT-OA address: expected 4 or 16 bytes, found ${n}`);
      }
      return { kind: 'natOa', idType: b[s.start], address: addrFromBytes(b, s.start + 4, n) };
    }
  }
  return { kind: 'unknown', type: s.type, body };
}

/** Writes the body of one payload (the generic header is the caller's). Throws RangeError on unrepresentable fields. */
export function encodeIsakmpPayloadBody(w: Writer, p: IsakmpPayload): void {
  switch (p.kind) {
    case 'sa':
      return encodeSaBody(w, p);
    case 'id':
      w.u8(p.idType).u8(p.protocolId).u16(p.port).bytes(p.data);
      return;
    case 'cert':
    case 'certreq':
      w.u8(p.encoding).bytes(p.data);
      return;
    case 'notify':
      if (p.spi.length > 255) throw new RangeError(`notification SPI of ${p.spi.length} bytes`);
      w.u32(p.doi).u8(p.protocolId).u8(p.spi.length).u16(p.notifyType).bytes(p.spi).bytes(p.data);
      return;
    case 'delete':
      if (p.spis.some((x) => x.length !== p.spiSize) || p.spiSize > 255 || p.spis.length > 0xffff) {
        throw new RangeError(`delete payload: every SPI must be ${p.spiSize} bytes, at most 65535 of them`);
      }
      w.u32(p.doi).u8(p.protocolId).u8(p.spiSize).u16(p.spis.length);
      for (const spi of p.spis) w.bytes(spi);
      return;
    case 'natD':
      w.bytes(p.hash);
      return;
    case 'natOa': {
      const n = addrLength(p.address);
      if (n !== 4 && n !== 16) throw new RangeError(`NAT-OA address must be IPv4 or IPv6, found '${p.address}'`);
      w.u8(p.idType).u8(0).u16(0);
      const at = w.alloc(n);
      writeAddr(p.address, w.buffer, at);
      return;
    }
    case 'unknown':
      w.bytes(p.body);
      return;
    default:
      w.bytes(p.data);
  }
}
