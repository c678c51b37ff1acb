/** IKEv2 payload bodies (RFC 7296 3.4-3.14): decode one from its span, encode one, and its type number. */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import type { PayloadSpan } from '../isakmp/header.js';
import { decodeProposals, encodeProposals } from './sa.js';
import { decodeSelectors, encodeSelectors } from './ts.js';
import { Ikev2PayloadType as T, type Ikev2Payload } from './types.js';

const CRITICAL = 0x80;

const KIND_TYPES: Record<Exclude<Ikev2Payload['kind'], 'unknown'>, number> = {
  sa: T.SecurityAssociation,
  ke: T.KeyExchange,
  idi: T.IdInitiator,
  idr: T.IdResponder,
  cert: T.Certificate,
  certreq: T.CertificateRequest,
  auth: T.Authentication,
  nonce: T.Nonce,
  notify: T.Notify,
  delete: T.Delete,
  vendorId: T.VendorId,
  tsi: T.TsInitiator,
  tsr: T.TsResponder,
  sk: T.Encrypted,
};

/** The payload type number of a modelled payload. */
export function ikev2PayloadType(p: Ikev2Payload): number {
  return p.kind === 'unknown' ? p.type : KIND_TYPES[p.kind];
}

function need(s: PayloadSpan, n: number, what: string): void {
  if (s.start + n > s.end) {
    throw new DecodeError('TRUNCATED', s.start, `${what}: need ${n} bytes, ${s.end - s.start} left`);
  }
}

/*
 * Bodies after the generic payload header:
 * KE (3.4):      | DH Group Num (16) | RESERVED (16) | Key Exchange Data ...
 * ID (3.5):      | ID Type | RESERVED (24) | Identification Data ...
 * CERT/CR (3.6, 3.7): | Encoding | Certificate Data / Certification Authority ...
 * AUTH (3.8):    | Auth Method | RESERVED (24) | Authentication Data ...
 * Notify (3.10): | Protocol ID | SPI Size | Notify Message Type (16) | SPI | Notification Data ...
 * Delete (3.11): | Protocol ID | SPI Size | Num of SPIs (16) | SPIs ...
 * Nonce (3.9), Vendor ID (3.12): the data itself. SA: sa.ts. TS: ts.ts.
 * Encrypted (3.14): | IV | Encrypted IKE Payloads | Padding | Pad Length | ICV |  -- kept raw.
 */
/** Decodes the body of one payload whose generic header is `s`. Throws only DecodeError. */
export function decodeIkev2Payload(b: Uint8Array, s: PayloadSpan): Ikev2Payload {
  const critical = (s.flags & CRITICAL) !== 0;
  const body = b.subarray(s.start, s.end);
  switch (s.type) {
    case T.SecurityAssociation:
      return { critical, kind: 'sa', proposals: decodeProposals(b, s.start, s.end) };
    case T.KeyExchange:
      need(s, 4, 'KE payload');
      return { critical, kind: 'ke', group: (b[s.start] << 8) | b[s.start + 1], data: body.subarray(4) };
    case T.IdInitiator:
    case T.IdResponder:
      need(s, 4, 'ID payload');
      return { critical, kind: s.type === T.IdInitiator ? 'idi' : 'idr', idType: b[s.start], data: body.subarray(4) };
    case T.Certificate:
    case T.CertificateRequest:
      need(s, 1, 'certificate payload');
      return {
        critical,
        kind: s.type === T.Certificate ? 'cert' : 'certreq',
        encoding: b[s.start],
        data: body.subarray(1),
      };
    case T.Authentication:
      need(s, 4, 'AUTH payload');
      return { critical, kind: 'auth', method: b[s.start], data: body.subarray(4) };
    case T.Nonce:
      return { critical, kind: 'nonce', data: body };
    case T.Notify: {
      need(s, 4, 'Notify payload');
      const spiSize = b[s.start + 1];
      need(s, 4 + spiSize, 'Notify SPI');
      return {
        critical,
        kind: 'notify',
        protocolId: b[s.start],
        notifyType: (b[s.start + 2] << 8) | b[s.start + 3],
        spi: body.subarray(4, 4 + spiSize),
        data: body.subarray(4 + spiSize),
      };
    }
    case T.Delete: {
      need(s, 4, 'Delete payload');
      const spiSize = b[s.start + 1];
      const count = (b[s.start + 2] << 8) | b[s.start + 3];
      if (4 + spiSize * count !== body.length) {
        throw new DecodeError(
          'BAD_LENGTH',
          s.at + 2,
          `Delete payload: ${count} SPIs of ${spiSize} bytes in ${body.length - 4} bytes`,
        );
      }
      const spis: Uint8Array[] = [];
      for (let i = 0; i < count; i++) spis.push(body.subarray(4 + i * spiSize, 4 + (i + 1) * spiSize));
      return { critical, kind: 'delete', protocolId: b[s.start], spiSize, spis };
    }
    case T.VendorId:
      return { critical, kind: 'vendorId', data: body };
    case T.TsInitiator:
    case T.TsResponder:
      return {
        critical,
        kind: s.type === T.TsInitiator ? 'tsi' : 'tsr',
        selectors: decodeSelectors(b, s.start, s.end),
      };
    case T.Encrypted:
      return { critical, kind: 'sk', firstPayload: s.nextPayload, data: body };
  }
  return { critical, kind: 'unknown', type: s.type, body };
}

/** Writes the body of one payload (the generic header is the caller's). Throws RangeError on unrepresentable fields. */
export function encodeIkev2PayloadBody(w: Writer, p: Ikev2Payload): void {
  switch (p.kind) {
    case 'sa':
      return encodeProposals(w, p.proposals);
    case 'ke':
      w.u16(p.group).u16(0).bytes(p.data);
      return;
    case 'idi':
    case 'idr':
      w.u8(p.idType).u8(0).u16(0).bytes(p.data);
      return;
    case 'cert':
    case 'certreq':
      w.u8(p.encoding).bytes(p.data);
      return;
    case 'auth':
      w.u8(p.method).u8(0).u16(0).bytes(p.data);
      return;
    case 'notify':
      if (p.spi.length > 255) throw new RangeError(`Notify SPI of ${p.spi.length} bytes`);
      w.u8(p.protocolId).u8(p.spi.length).u16(p.notifyType).bytes(p.spi).bytes(p.data);
      return;
    case 'delete':
      if (p.spis.some((x) => x.length !== p.spiSize) || p.spiSize > 255 || p.spis.length > 0xffff) {
        throw new RangeError(`Delete payload: every SPI must be ${p.spiSize} bytes, at most 65535 of them`);
      }
      w.u8(p.protocolId).u8(p.spiSize).u16(p.spis.length);
      for (const spi of p.spis) w.bytes(spi);
      return;
    case 'tsi':
    case 'tsr':
      return encodeSelectors(w, p.selectors);
    case 'unknown':
      w.bytes(p.body);
      return;
    default:
      w.bytes(p.data);
  }
}
